"""The administration commands of SPEC §12 run as an operator runs them: the `herald`
executable against a fresh database (SQLite, or PostgreSQL when the suite runs there)."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import SERVER_URL, _admin, _with_database

pytestmark = pytest.mark.integration
HERALD = [sys.executable, "-m", "herald"]


def session_string() -> str:
    """A well-formed Telethon session string whose auth key no data centre knows."""
    from telethon.crypto import AuthKey
    from telethon.sessions import StringSession

    session = StringSession()
    session.set_dc(2, "127.0.0.1", 443)
    session.auth_key = AuthKey(os.urandom(256))
    return session.save()


class Telegram:
    """The sandbox running on its own loop in a thread, while the test drives the `herald`
    executable synchronously; `session` is a real one, signed in there."""

    PHONE = "+15550100"

    def __init__(self) -> None:
        from sandbox.server import Sandbox

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.sandbox = self.run(Sandbox().start())
        self.session = self.run(self._sign_in())

    def run(self, coro):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=30)

    @property
    def env(self) -> dict[str, str]:
        sb = self.sandbox
        return {
            "HERALD_TELEGRAM__API_ID": str(sb.api_id),
            "HERALD_TELEGRAM__API_HASH": sb.api_hash,
            "HERALD_TELEGRAM__DC": f"{sb.dc_host}:{sb.dc_port}",
            "HERALD_TELEGRAM__DC_ID": str(sb.dc_id),
            "HERALD_TELEGRAM__SERVER_KEY": str(sb.public_key_path),
        }

    async def _sign_in(self) -> str:
        from telethon import TelegramClient
        from telethon.crypto import rsa
        from telethon.sessions import StringSession

        sb = self.sandbox
        sb.world.create_user("Olga", phone=self.PHONE, username="olga")
        rsa.add_key(sb.public_key_pem, old=False)
        client = TelegramClient(StringSession(), sb.api_id, sb.api_hash, receive_updates=False)
        client.session.set_dc(sb.dc_id, sb.dc_host, sb.dc_port)
        await client.connect()
        try:
            await client.send_code_request(self.PHONE)
            code = next(iter(sb.world.login_codes.values()))["code"]
            await client.sign_in(self.PHONE, code)
            return client.session.save()
        finally:
            await client.disconnect()

    async def _revoke(self) -> None:
        user = self.sandbox.world.by_phone(self.PHONE)
        self.sandbox.world.revoke(user.id, "SESSION_REVOKED")

    def revoke(self) -> None:
        self.run(self._revoke())

    def close(self) -> None:
        self.run(self.sandbox.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture
def telegram():
    started = Telegram()
    yield started
    started.close()


@pytest.fixture
def env(tmp_path: Path):
    if SERVER_URL:
        name = f"herald_cli_{secrets.token_hex(4)}"
        asyncio.run(_admin(SERVER_URL, f'CREATE DATABASE "{name}"'))
        url = _with_database(SERVER_URL, name)
    else:
        url = f"sqlite://{tmp_path / 'cli.sqlite3'}"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HERALD_")},
        "HERALD_DATABASE_URL": url,
        "HERALD_DATA_DIR": str(tmp_path / "data"),
    }
    yield environment
    if SERVER_URL:
        asyncio.run(_admin(SERVER_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def herald(env, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([*HERALD, *args], env=env, capture_output=True, text=True, timeout=60)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def herald_json(env, *args: str) -> dict:
    return json.loads(herald(env, *args, "--json").stdout)


def test_administration_from_the_shell(env, tmp_path, telegram):
    env = {**env, **telegram.env}
    assert "not set up" in herald(env, "user", "create", "--telegram-id", "1", ok=False).stderr
    assert "Applied" in herald(env, "migrate").stdout
    assert "up to date" in herald(env, "migrate").stdout

    user = herald_json(env, "user", "create", "--telegram-id", "42", "--name", "Ann")
    assert (user["telegram_id"], user["name"]) == (42, "Ann")
    org = herald_json(env, "org", "create", "--owner", "42", "--name", "Acme")
    assert org["name"] == "Acme"
    member = herald_json(
        env, "org", "add-member", str(org["id"]), "--telegram-id", "43", "--role", "member"
    )
    assert member["role"] == "member"
    again = herald(
        env, "org", "add-member", str(org["id"]), "--telegram-id", "43", "--role", "admin", ok=False
    )
    assert again.returncode == 1 and "already a member" in again.stderr
    assert herald_json(env, "org", "set", str(org["id"]), "--admin-view-enabled", "true")[
        "admin_view_enabled"
    ]
    missing_org = herald(env, "org", "set", "999", "--admin-view-enabled", "true", ok=False)
    assert missing_org.returncode == 1 and "No organization with id 999" in missing_org.stderr

    token = herald_json(env, "token", "create", "--telegram-id", "42", "--name", "ci")
    assert token["token"].startswith("hrld_")
    assert "shown only this once" in herald(env, "token", "create", "--telegram-id", "42").stdout
    unknown = herald(env, "token", "create", "--telegram-id", "7", ok=False)
    assert "No user with Telegram id 7" in unknown.stderr

    link = herald_json(env, "signin-link", "--telegram-id", "42")
    assert "/signin/" in link["url"]

    bad = herald(
        env, "account", "import", "--telegram-id", "42", "--session-string", "nope", ok=False
    )
    assert bad.returncode == 1 and "not a Telethon session string" in bad.stderr
    account = herald_json(
        env,
        "account",
        "import",
        "--telegram-id",
        "42",
        "--org",
        str(org["id"]),
        "--session-string",
        telegram.session,
    )
    assert account["status"] == "connected" and account["username"] == "olga"
    text = herald(
        env, "account", "import", "--telegram-id", "42", "--session-string", telegram.session
    ).stdout
    assert "saved: @olga (connected)" in text
    unknown_key = herald(
        env,
        "account",
        "import",
        "--telegram-id",
        "42",
        "--session-string",
        session_string(),
        ok=False,
    )
    assert unknown_key.returncode == 1 and unknown_key.stderr.count("\n") == 1
    assert unknown_key.stderr.startswith("error: The session does not work:")
    telegram.revoke()
    revoked = herald(
        env,
        "account",
        "import",
        "--telegram-id",
        "42",
        "--session-string",
        telegram.session,
        ok=False,
    )
    assert revoked.returncode == 1 and revoked.stderr.count("\n") == 1
    assert "revoked" in revoked.stderr and "Traceback" not in revoked.stderr
    key = Path(env["HERALD_DATA_DIR"]) / "encryption.key"
    assert key.stat().st_mode & 0o777 == 0o600

    csv = tmp_path / "leads.csv"
    csv.write_text("username,phone_number\n@ann_lee,+15550100001\nx,12\n")
    report = herald_json(env, "contacts", "import", str(csv), "--telegram-id", "42")
    assert (report["created"], report["updated"]) == (1, 0)
    assert report["skipped"][0]["row"] == 3
    text = herald(env, "contacts", "import", str(csv), "--telegram-id", "42").stdout
    assert "Created 0, updated 1, skipped 1." in text and "row 3:" in text
    gone = herald(
        env, "contacts", "import", str(tmp_path / "nope.csv"), "--telegram-id", "42", ok=False
    )
    assert "Cannot read" in gone.stderr


def test_wrong_setting_is_one_sentence(env):
    env = {**env, "HERALD_DATABASE_URL": "mysql://x"}
    done = herald(env, "migrate", ok=False)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: HERALD_DATABASE_URL must start with sqlite://, postgres:// or postgresql://."
    )


def test_parts_not_built_yet_say_so(env):
    done = herald(env, "bot", ok=False)
    assert done.returncode == 2 and "not built yet" in done.stderr
