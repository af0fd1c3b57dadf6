"""Fixtures for the Bot API tests: the sandbox's bot platform on free ports, a real aiogram
`Bot` pointed at it, and a small client for the control routes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import web

from sandbox.botapi import BotPlatform
from sandbox.bots import RateLimits

T = TypeVar("T")


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    """Run an app on a free port of 127.0.0.1; answer the runner and the base URL."""
    runner = web.AppRunner(app, shutdown_timeout=1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@dataclass
class Sandbox:
    platform: BotPlatform
    api_url: str
    control_url: str
    http: aiohttp.ClientSession
    token: str
    username: str

    def bot(self, token: str | None = None) -> Bot:
        session = AiohttpSession(api=TelegramAPIServer.from_base(self.api_url))
        return Bot(token or self.token, session=session)

    async def control(self, method: str, path: str, **kwargs: Any) -> Any:
        async with self.http.request(method, self.control_url + path, **kwargs) as response:
            body = await response.json()
            assert response.status < 300, body
            return body

    async def say(self, user_id: int, text: str, **who: Any) -> Any:
        return await self.control("POST", f"/{self.username}/users/{user_id}/messages",
                                  json={"text": text, **who})

    async def chat(self, user_id: int) -> list[dict[str, Any]]:
        return (await self.control("GET", f"/{self.username}/users/{user_id}/chat"))["messages"]

    async def bot_messages(self, user_id: int) -> list[dict[str, Any]]:
        return [m for m in await self.chat(user_id) if not m["outgoing"]]


async def eventually(probe: Callable[[], Awaitable[T]], within: float = 3.0) -> T:
    """Poll `probe` until it answers something truthy (updates travel asynchronously)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        value = await probe()
        if value or asyncio.get_running_loop().time() > deadline:
            assert value, "condition not met in time"
            return value
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def polling(dp: Dispatcher, bot: Bot) -> AsyncIterator[None]:
    """aiogram's own long polling, running in a task for the duration of the block."""
    started = asyncio.Event()

    async def on_startup() -> None:
        started.set()

    dp.startup.register(on_startup)
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False,
                                                close_bot_session=False, polling_timeout=1))
    try:
        waiting = asyncio.create_task(started.wait())
        await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        yield
    finally:
        with contextlib.suppress(RuntimeError):  # already stopped if start-up failed
            await dp.stop_polling()
        await task


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    platform = BotPlatform(RateLimits(enabled=False), webhook_retry_delay=0.05)
    created = platform.create_bot("herald_test_bot")
    api_runner, api_url = await serve(platform.api_app())
    control_runner, control_url = await serve(platform.control_app())
    async with aiohttp.ClientSession() as http:
        yield Sandbox(platform, api_url, control_url, http, created["token"],
                      created["username"])
    await api_runner.cleanup()
    await control_runner.cleanup()


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    client = sandbox.bot()
    yield client
    await client.session.close()
