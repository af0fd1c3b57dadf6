"""Schemathesis against /api/v1/openapi.json: generated requests (valid and not) for every
operation, and not one server error. The panel runs in this test's event loop; the
schemathesis command line drives it from a subprocess."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import pytest
from aiohttp import web

from core.settings import load_settings
from core.workspaces import actor_for
from panel.app import init_app
from tests import factories
from tests.integration.panel.conftest import token_headers

ST = Path(sys.executable).with_name("st")
pytestmark = pytest.mark.slow


async def test_no_server_errors(db, tmp_path):
    settings = load_settings(database_url=db, secret_key="s", data_dir=tmp_path)
    runner = web.AppRunner(init_app(settings, manage_database=False))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        user = await factories.user()
        actor = await actor_for(user, None)
        for _ in range(3):
            await factories.ready_campaign(actor, leads=2)
        headers = await token_headers(user)
        command = [
            str(ST if ST.exists() else shutil.which("st")),
            "run",
            f"http://127.0.0.1:{port}/api/v1/openapi.json",
            "--url",
            f"http://127.0.0.1:{port}/api/v1",
            "--checks",
            "not_a_server_error",
            "-H",
            f"Authorization: {headers['Authorization']}",
            "--max-examples",
            os.environ.get("HERALD_SCHEMATHESIS_EXAMPLES", "12"),
            "--seed",
            "1",
            "--generation-deterministic",
            "--no-color",
            "--request-timeout",
            "10",
            "--phases",
            "examples,coverage,fuzzing",
        ]
        process = await asyncio.create_subprocess_exec(
            *command,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            cwd=tmp_path,
        )
        output, _ = await asyncio.wait_for(process.communicate(), timeout=240)
        text = output.decode(errors="replace")
        report = tmp_path.parent / "schemathesis.txt"
        report.write_text(text)
        assert process.returncode == 0, text[-6000:]
    finally:
        await runner.cleanup()
