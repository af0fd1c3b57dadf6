"""Fixtures for the accounts door: a sandbox per test (free ports), Herald settings pointed
at it, the repo's database, sign-in flows, and the check that no client is left connected."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from cryptography.fernet import Fernet
from telethon import TelegramClient

from accounts.client import connected_clients, make_client
from accounts.signin import CodeSent, SignedIn, SignInFlows
from core.permissions import Actor
from core.settings import Settings, load_settings
from core.workspaces import ensure_user
from models import TelegramAccount
from sandbox.server import Sandbox
from tests.integration.sandbox.conftest import Control, sign_in_by_code

PHONE = "+15550100"


@pytest.fixture(autouse=True)
def no_client_left_connected() -> Any:
    """Set up first, torn down last: after every test and its fixtures, nothing the
    factory made may still be connected."""
    yield
    left = connected_clients()
    assert not left, f"{len(left)} Telegram client(s) left connected"


@pytest.fixture
async def telegram() -> AsyncIterator[Sandbox]:
    async with Sandbox() as started:
        yield started


@pytest.fixture
async def control(telegram: Sandbox) -> AsyncIterator[Control]:
    async with aiohttp.ClientSession() as http:
        yield Control(telegram.control_url, http)


def sandbox_settings(
    telegram: Sandbox, database_url: str, data_dir: Path, **extra: Any
) -> Settings:
    return load_settings(
        database_url=database_url,
        data_dir=data_dir,
        telegram={
            "api_id": telegram.api_id,
            "api_hash": telegram.api_hash,
            "dc": f"{telegram.dc_host}:{telegram.dc_port}",
            "dc_id": telegram.dc_id,
            "server_key": telegram.public_key_pem,
        },
        **extra,
    )


@pytest.fixture
def settings(telegram: Sandbox, db: str, tmp_path: Path) -> Settings:
    return sandbox_settings(
        telegram, db, tmp_path / "data", encryption_key=Fernet.generate_key().decode()
    )


@pytest.fixture
async def actor(db: str) -> Actor:
    user = await ensure_user(4242, "Operator")
    return Actor(user_id=user.id)


@pytest.fixture
async def flows(settings: Settings) -> AsyncIterator[SignInFlows]:
    made = SignInFlows(settings)
    try:
        yield made
    finally:
        await made.close_all()


class Phones:
    """Clients standing for the operator's phone app (an authorised session elsewhere),
    made by Herald's factory and disconnected at the end."""

    def __init__(self, settings: Settings, control: Control) -> None:
        self.settings, self.control = settings, control
        self.made: list[TelegramClient] = []

    def new(self, session: str | None = None) -> TelegramClient:
        client = make_client(self.settings, session)
        self.made.append(client)
        return client

    async def signed_in(self, phone: str = PHONE, password: str | None = None) -> TelegramClient:
        return await sign_in_by_code(self.new(), self.control, phone, password)

    async def close(self) -> None:
        for client in self.made:
            await client.disconnect()


@pytest.fixture
async def phones(settings: Settings, control: Control) -> AsyncIterator[Phones]:
    made = Phones(settings, control)
    try:
        yield made
    finally:
        await made.close()


async def make_account(control: Control, phone: str = PHONE, **extra: Any) -> dict:
    return await control("POST", "/accounts", {"phone": phone, "first_name": "Olga", **extra})


async def make_lead(control: Control, username: str = "lead_anna", **extra: Any) -> dict:
    return await control("POST", "/users", {"first_name": "Anna", "username": username, **extra})


async def sign_in(
    flows: SignInFlows, control: Control, actor: Actor, phone: str = PHONE
) -> SignedIn:
    """A whole phone sign-in through Herald's flow (no 2FA)."""
    sent = await flows.start_phone(actor, phone)
    assert isinstance(sent, CodeSent), sent
    code = (await control("GET", f"/login-codes/{phone}"))["code"]
    done = await flows.submit_code(sent.flow_id, f"{code[:2]}-{code[2:]}")
    assert isinstance(done, SignedIn), done
    return done


@pytest.fixture
async def connected(
    settings: Settings, control: Control, flows: SignInFlows, actor: Actor
) -> TelegramAccount:
    """An account signed in through Herald and saved, as a runner would find it."""
    await make_account(control)
    done = await sign_in(flows, control, actor)
    return await TelegramAccount.get(id=done.account_id)


@pytest.fixture
async def runner_client(
    settings: Settings, connected: TelegramAccount
) -> AsyncIterator[TelegramClient]:
    """The account's one live client, opened from the stored session as the runner does."""
    from accounts.store import session_string

    client = make_client(settings, session_string(settings, connected))
    await client.connect()
    try:
        yield client
    finally:
        await client.disconnect()
