"""The Telethon client factory: every client Herald opens is made here, from the settings
(API id/hash, and for the sandbox the data centre to use and the server key to trust)."""

from __future__ import annotations

import weakref
from pathlib import Path

from telethon import TelegramClient
from telethon.crypto import rsa
from telethon.sessions import StringSession

from core.errors import Invalid
from core.settings import Settings

# Waits up to this long are slept through by Telethon; longer ones surface as FloodWaitError
# so the account is parked instead of a task hanging for minutes (SPEC §6.4).
FLOOD_SLEEP_THRESHOLD = 5
# RANDOM_ID_DUPLICATE is a 500 that Telethon would retry with 2 s sleeps and then hide
# behind a bare ValueError; with few retries and the last error raised, it arrives as itself.
REQUEST_RETRIES = 1
CONNECTION_RETRIES = 3
RETRY_DELAY = 1
TIMEOUT = 10

DEVICE_MODEL = "Herald"
APP_VERSION = "0.1"

# Every client the factory made and that is still alive: tests assert none is left
# connected, and shutdown can report the ones somebody forgot.
_made: weakref.WeakSet[TelegramClient] = weakref.WeakSet()
_trusted: set[str] = set()


def server_key_pem(setting: str) -> str:
    """The PEM text of `HERALD_TELEGRAM__SERVER_KEY`, which holds the PEM itself or a path."""
    text = setting.strip()
    if text.startswith("-----BEGIN"):
        return text
    try:
        return Path(text).expanduser().read_text()
    except OSError:
        raise Invalid(
            "HERALD_TELEGRAM__SERVER_KEY must be a PEM public key or the path of one."
        ) from None


def trust_server_key(settings: Settings) -> None:
    """Telethon only talks to data centres whose RSA key it knows; the sandbox's is added
    to Telethon's own table (once per key)."""
    setting = settings.telegram.server_key
    if not setting or setting in _trusted:
        return
    pem = server_key_pem(setting)
    try:
        rsa.add_key(pem, old=False)
    except Exception:  # rsa raises ValueError/IndexError on a malformed key
        raise Invalid("HERALD_TELEGRAM__SERVER_KEY is not a readable RSA public key.") from None
    _trusted.add(setting)


def make_client(
    settings: Settings, session: str | None = None, *, receive_updates: bool = True
) -> TelegramClient:
    """A client (not connected yet) for a session string, or for a new sign-in when None."""
    telegram = settings.telegram
    if not telegram.api_id or not telegram.api_hash:
        raise Invalid("HERALD_TELEGRAM__API_ID and HERALD_TELEGRAM__API_HASH must be set.")
    trust_server_key(settings)
    string_session = StringSession(session.strip() if session else None)
    if telegram.dc:
        # The sandbox (or any private DC) replaces wherever the session pointed; the auth
        # key is kept, so a session signed in there stays valid.
        host, _, port = telegram.dc.rpartition(":")
        string_session.set_dc(telegram.dc_id, host, int(port))
    client = TelegramClient(
        string_session,
        telegram.api_id,
        telegram.api_hash,
        catch_up=True,
        receive_updates=receive_updates,
        flood_sleep_threshold=FLOOD_SLEEP_THRESHOLD,
        raise_last_call_error=True,
        request_retries=REQUEST_RETRIES,
        connection_retries=CONNECTION_RETRIES,
        retry_delay=RETRY_DELAY,
        timeout=TIMEOUT,
        device_model=DEVICE_MODEL,
        app_version=APP_VERSION,
    )
    _made.add(client)
    return client


def connected_clients() -> list[TelegramClient]:
    """Clients made by the factory that are still connected."""
    return [client for client in list(_made) if client.is_connected()]


def session_of(client: TelegramClient) -> str:
    """The client's current session string (only ever handed to the encrypted store)."""
    return StringSession.save(client.session)


async def disconnect(client: TelegramClient) -> None:
    """Disconnect, and read the reason the connection ended (e.g. the DC did not know our
    auth key) so asyncio does not print it later as a 'Future exception never retrieved'."""
    try:
        await client.disconnect()
    finally:
        ended = client.disconnected
        if ended.done() and not ended.cancelled():
            ended.exception()
