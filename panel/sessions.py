"""The panel's session: a small JSON payload in a cookie signed with the secret key
(HttpOnly, SameSite=Lax), carrying the user id, the CSRF token and a one-shot notice."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from core.settings import Settings

COOKIE = "herald_session"
MAX_AGE = 7 * 24 * 3600


def panel_secret(settings: Settings) -> bytes:
    """HERALD_SECRET_KEY, or (embedded default) a key generated once into the data folder
    with mode 0600, so sessions survive restarts."""
    if settings.secret_key:
        return settings.secret_key.encode()
    path = Path(settings.data_dir) / "panel_secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def _mac(secret: bytes, data: str) -> str:
    digest = hmac.new(secret, data.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(secret: bytes, payload: dict[str, Any]) -> str:
    data = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    text = data.decode().rstrip("=")
    return f"{text}.{_mac(secret, text)}"


def unsign(secret: bytes, value: str | None, now: float | None = None) -> dict[str, Any] | None:
    """The payload of a cookie we signed and that has not expired; None otherwise."""
    if not value or value.count(".") != 1:
        return None
    text, mac = value.split(".")
    if not hmac.compare_digest(mac, _mac(secret, text)):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("uid"), int):
        return None
    issued = payload.get("iat")
    if not isinstance(issued, int | float) or (now or time.time()) - issued > MAX_AGE:
        return None
    return payload


def new_session(user_id: int) -> dict[str, Any]:
    return {"uid": user_id, "csrf": secrets.token_urlsafe(24), "iat": int(time.time())}
