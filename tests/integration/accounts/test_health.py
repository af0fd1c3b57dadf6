"""The health check: connect, get_me, record the status on the account row, disconnect."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.health import check_account, probe, record
from core.clock import utcnow
from models import AccountStatus, TelegramAccount

from .conftest import PHONE

pytestmark = pytest.mark.integration


async def test_healthy_account_is_connected(control, settings, connected) -> None:
    await TelegramAccount.filter(id=connected.id).update(
        status=AccountStatus.CHECKING, last_checked_at=None, last_error="old trouble"
    )
    await control("PATCH", f"/users/{PHONE}", {"username": "olga_new"})
    health = await check_account(settings, await TelegramAccount.get(id=connected.id))
    assert health.alive, health.problem
    assert health.identity.username == "olga_new"
    account = await TelegramAccount.get(id=connected.id)
    assert account.status is AccountStatus.CONNECTED and account.last_error == ""
    assert account.username == "olga_new" and account.last_checked_at is not None


async def test_revoked_session_is_disconnected(control, settings, connected) -> None:
    await control("POST", f"/users/{PHONE}/revoke", {"error": "SESSION_REVOKED"})
    health = await check_account(settings, connected)
    assert not health.alive and health.problem.error == "SESSION_REVOKED"
    account = await TelegramAccount.get(id=connected.id)
    assert account.status is AccountStatus.DISCONNECTED
    assert "revoked" in account.last_error and account.last_checked_at is not None


async def test_logged_out_session_is_disconnected(control, settings, connected, phones) -> None:
    from accounts.store import session_string

    same = phones.new(session_string(settings, connected))
    await same.connect()
    await same.log_out()
    await check_account(settings, connected)
    assert (await TelegramAccount.get(id=connected.id)).status is AccountStatus.DISCONNECTED


async def test_limited_account_stays_limited_until_the_limit_ends(settings, connected) -> None:
    await TelegramAccount.filter(id=connected.id).update(
        status=AccountStatus.LIMITED, limited_until=utcnow() + timedelta(hours=3)
    )
    await check_account(settings, await TelegramAccount.get(id=connected.id))
    assert (await TelegramAccount.get(id=connected.id)).status is AccountStatus.LIMITED
    await TelegramAccount.filter(id=connected.id).update(limited_until=utcnow())
    await check_account(settings, await TelegramAccount.get(id=connected.id))
    account = await TelegramAccount.get(id=connected.id)
    assert account.status is AccountStatus.CONNECTED and account.limited_until is None


async def test_runner_checks_on_its_own_client(control, connected, runner_client) -> None:
    await control("POST", "/faults/flood-wait", {"seconds": 120, "method": "users.getUsers"})
    health = await probe(runner_client)
    assert not health.alive and health.problem.seconds == 120
    account = await record(connected, health)
    assert account.status is AccountStatus.CONNECTED and account.flood_wait_until is not None
