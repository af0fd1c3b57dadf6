"""Sessions at rest: encrypted, rotated to a new key without losing the old ones, and never
written to a log or shown in a row's repr."""

from __future__ import annotations

import logging

import pytest
from cryptography.fernet import Fernet

from accounts.health import check_account
from accounts.send import Lead, send_text
from accounts.store import rotate_sessions, session_string
from core.errors import Invalid
from models import TelegramAccount

from .conftest import make_account, make_lead, sandbox_settings, sign_in

pytestmark = pytest.mark.integration


async def test_session_never_appears_in_logs_or_reprs(
    caplog, control, flows, actor, settings
) -> None:
    caplog.set_level(logging.DEBUG)  # Telethon's and Herald's loggers, everything
    await make_account(control)
    await make_lead(control)
    done = await sign_in(flows, control, actor)
    account = await TelegramAccount.get(id=done.account_id)
    await check_account(settings, account)
    secret = session_string(settings, account)
    assert len(secret) > 100 and account.session_encrypted
    for shown in (caplog.text, repr(account), str(account), repr(done), done.text):
        assert secret not in shown
    # The encrypted token only shows in Tortoise's DEBUG query log (SQL parameters).
    above_debug = [r for r in caplog.records if r.levelno > logging.DEBUG]
    assert all(account.session_encrypted not in r.getMessage() for r in above_debug)
    assert any(r.name.startswith("telethon") for r in caplog.records)  # real logs were seen


async def test_key_rotation(control, flows, actor, settings, telegram, db, tmp_path) -> None:
    await make_account(control)
    done = await sign_in(flows, control, actor)
    old_key = settings.encryption_key
    new_key = Fernet.generate_key().decode()
    data = tmp_path / "data"
    both = sandbox_settings(telegram, db, data, encryption_key=f"{new_key},{old_key}")
    only_new = sandbox_settings(telegram, db, data, encryption_key=new_key)
    account = await TelegramAccount.get(id=done.account_id)
    secret = session_string(settings, account)
    with pytest.raises(Invalid, match="cannot be decrypted"):
        session_string(only_new, account)
    assert session_string(both, account) == secret  # the old key still decrypts

    assert await rotate_sessions(both) == 1
    account = await TelegramAccount.get(id=done.account_id)
    assert session_string(only_new, account) == secret
    with pytest.raises(Invalid):
        session_string(settings, account)  # the old key alone no longer does
    # The rotated session still signs in.
    assert (await check_account(only_new, account)).alive
    # Rotating with a key list that cannot read a row changes nothing.
    with pytest.raises(Invalid, match="nothing was rotated"):
        await rotate_sessions(settings)


async def test_default_key_file_is_private(control, flows, actor, telegram, db, tmp_path) -> None:
    data = tmp_path / "embedded"
    embedded = sandbox_settings(telegram, db, data)  # no HERALD_ENCRYPTION_KEY
    from accounts.signin import SignInFlows

    own = SignInFlows(embedded)
    try:
        await make_account(control)
        done = await sign_in(own, control, actor)
    finally:
        await own.close_all()
    assert (data / "encryption.key").stat().st_mode & 0o777 == 0o600
    account = await TelegramAccount.get(id=done.account_id)
    assert (await send_text_ok(embedded, account, control)) is True


async def send_text_ok(settings, account, control) -> bool:
    from accounts.client import make_client

    await make_lead(control)
    client = make_client(settings, session_string(settings, account))
    await client.connect()
    try:
        return (await send_text(client, account.id, Lead(username="lead_anna"), "hi", 9)).ok
    finally:
        await client.disconnect()
