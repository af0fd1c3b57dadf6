"""`herald sandbox` starts the local Telegram and prints how to reach it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def test_herald_sandbox_prints_addresses_and_serves_them():
    process = subprocess.Popen(
        [sys.executable, "-m", "herald", "sandbox", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        info = json.loads(process.stdout.readline())
        for key in (
            "bot_api_url",
            "bot_token",
            "dc_host",
            "dc_port",
            "public_key_path",
            "control_url",
            "api_id",
            "api_hash",
        ):
            assert info[key], key
        with urllib.request.urlopen(f"{info['bot_api_url']}/bot{info['bot_token']}/getMe") as r:
            me = json.load(r)
        assert me["ok"] and me["result"]["is_bot"]
        assert Path(info["public_key_path"]).read_text().startswith("-----BEGIN")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
