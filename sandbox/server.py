"""`Sandbox`: the whole local Telegram on 127.0.0.1 — the MTProto DC (TCP), the Bot API
(HTTP) and the control API (HTTP) — started and stopped together."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

import sandbox.rpc_messages  # noqa: F401  (registers its handlers)
from sandbox.botapi import BotPlatform
from sandbox.control import control_app
from sandbox.crypto import ServerKey
from sandbox.mtproto import DcServer
from sandbox.rpc import DcInfo, Rpc
from sandbox.world import World

API_ID = 94575
API_HASH = "a3406de8d171bb422bb6ddf3bbd800e2"
DEFAULT_BOT = ("herald_sandbox_bot", "Herald")


class Sandbox:
    """Start with `await sandbox.start()` or `async with Sandbox() as sandbox:`."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        *,
        dc_port: int = 0,
        bot_port: int = 0,
        control_port: int = 0,
        dc_id: int = 2,
        seed: int | None = None,
    ) -> None:
        self.host, self.dc_id = host, dc_id
        self._ports = {"dc": dc_port, "bot": bot_port, "control": control_port}
        self.api_id, self.api_hash = API_ID, API_HASH
        self.world = World(seed)
        self.key = ServerKey.load()
        self.public_key_pem: str = self.key.public_pem
        self.public_key_path: Path = self.key.public_pem_path
        self.dc_info = DcInfo(dc_id, host, dc_port, API_ID, API_HASH)
        self.dc = DcServer(self.world, self.key, Rpc(self.world, self.dc_info), dc_id)
        self.bots = BotPlatform()
        self.bot_token: str | None = None
        self.bot_username: str | None = None
        self._runners: list[web.AppRunner] = []
        self.dc_port = self.bot_port = self.control_port = 0

    @property
    def dc_host(self) -> str:
        return self.host

    @property
    def bot_api_url(self) -> str:
        return f"http://{self.host}:{self.bot_port}"

    @property
    def control_url(self) -> str:
        return f"http://{self.host}:{self.control_port}"

    async def start(self) -> Sandbox:
        await self.dc.start(self.host, self._ports["dc"])
        self.dc_port = self.dc_info.port = self.dc.port
        bot = self.bots.create_bot(*DEFAULT_BOT)
        self.bot_token, self.bot_username = bot["token"], bot["username"]
        self.bot_port = await self._serve(self.bots.api_app(), self._ports["bot"])
        self.control_port = await self._serve(control_app(self), self._ports["control"])
        return self

    async def _serve(self, app: web.Application, port: int) -> int:
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, port)
        await site.start()
        self._runners.append(runner)
        return int(runner.addresses[0][1])

    async def stop(self) -> None:
        self.world.stop()
        await self.dc.stop()
        for runner in reversed(self._runners):
            await runner.cleanup()
        self._runners.clear()
        await self.bots.close()

    def describe(self) -> dict[str, Any]:
        return {
            "bot_api_url": self.bot_api_url,
            "bot_token": self.bot_token,
            "bot_username": self.bot_username,
            "dc_id": self.dc_id,
            "dc_host": self.dc_host,
            "dc_port": self.dc_port,
            "public_key_path": str(self.public_key_path),
            "control_url": self.control_url,
            "api_id": self.api_id,
            "api_hash": self.api_hash,
        }

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
