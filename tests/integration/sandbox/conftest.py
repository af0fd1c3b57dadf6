"""Fixtures for driving the sandbox's MTProto DC with the real, unmodified Telethon client."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import pytest
from telethon import TelegramClient
from telethon.crypto import rsa
from telethon.errors import SessionPasswordNeededError
from telethon.sessions import StringSession

from sandbox.server import Sandbox

T = TypeVar("T")


class Control:
    """A tiny JSON client for the sandbox's control API."""

    def __init__(self, base_url: str, http: aiohttp.ClientSession) -> None:
        self.base_url, self.http = base_url, http

    async def __call__(self, method: str, path: str, body: Any = None) -> Any:
        async with self.http.request(method, self.base_url + path, json=body) as response:
            data = await response.json()
            if response.status >= 400:
                raise AssertionError(f"{method} {path} -> {response.status} {data}")
            return data


class Clients:
    """Builds Telethon clients pointed at the sandbox and disconnects them all at the end."""

    def __init__(self, telegram: Sandbox, control: Control) -> None:
        self.telegram, self.control = telegram, control
        self.made: list[TelegramClient] = []

    def new(self, session: str | None = None, **options: Any) -> TelegramClient:
        options.setdefault("flood_sleep_threshold", 0)  # or FLOOD_WAIT is slept through
        options.setdefault("catch_up", True)
        options.setdefault("receive_updates", True)
        options.setdefault("retry_delay", 0.2)
        client = TelegramClient(
            StringSession(session), self.telegram.api_id, self.telegram.api_hash, **options
        )
        client.session.set_dc(self.telegram.dc_id, self.telegram.dc_host, self.telegram.dc_port)
        self.made.append(client)
        return client

    async def signed_in(
        self, phone: str, password: str | None = None, **options: Any
    ) -> TelegramClient:
        return await sign_in_by_code(self.new(**options), self.control, phone, password)

    async def close(self) -> None:
        for client in self.made:
            await client.disconnect()


async def sign_in_by_code(
    client: TelegramClient, control: Any, phone: str, password: str | None = None
) -> TelegramClient:
    """Sign a client in as its owner would: the code read from the control API, then the
    2FA password when Telegram asks for it."""
    await client.connect()
    await client.send_code_request(phone)
    code = (await control("GET", f"/login-codes/{phone}"))["code"]
    try:
        await client.sign_in(phone, code)
    except SessionPasswordNeededError:
        await client.sign_in(password=password)
    return client


@pytest.fixture
async def telegram() -> AsyncIterator[Sandbox]:
    async with Sandbox() as started:
        # Telethon trusts the sandbox's test key the way it trusts Telegram's own keys.
        rsa.add_key(started.public_key_pem, old=False)
        yield started


@pytest.fixture
async def control(telegram: Sandbox) -> AsyncIterator[Control]:
    async with aiohttp.ClientSession() as http:
        yield Control(telegram.control_url, http)


@pytest.fixture
async def clients(telegram: Sandbox, control: Control) -> AsyncIterator[Clients]:
    made = Clients(telegram, control)
    try:
        yield made
    finally:
        await made.close()


async def eventually(probe: Callable[[], Awaitable[T] | T], within: float = 5.0) -> T:
    """Polls until probe returns something truthy."""
    deadline = time.monotonic() + within
    while True:
        value = probe()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value  # type: ignore[return-value]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)
