"""Telethon session strings at rest: encrypted with Fernet (MultiFernet, so keys rotate),
never logged. The embedded default key is generated into the data folder with mode 0600."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from telethon.sessions import StringSession

from core.errors import Invalid

KEY_FILE = "encryption.key"


def load_cipher(encryption_key: str, data_dir: Path) -> MultiFernet:
    """Keys from the setting (comma-separated, newest first) or, when unset, the key file
    in the data folder, created on first use."""
    keys = [k.strip() for k in encryption_key.split(",") if k.strip()]
    if not keys:
        keys = [_key_from_file(Path(data_dir) / KEY_FILE)]
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except ValueError:
        raise Invalid(
            "HERALD_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64 bytes), comma-separated."
        ) from None


def _key_from_file(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def encrypt_session(cipher: MultiFernet, session_string: str) -> str:
    return cipher.encrypt(session_string.encode()).decode()


def decrypt_session(cipher: MultiFernet, token: str) -> str:
    try:
        return cipher.decrypt(token.encode()).decode()
    except InvalidToken:
        raise Invalid(
            "The stored session cannot be decrypted with the configured keys; "
            "was HERALD_ENCRYPTION_KEY changed without keeping the old key?"
        ) from None


def rotate(cipher: MultiFernet, token: str) -> str:
    """Re-encrypt under the newest key (after a key was added in front)."""
    return cipher.rotate(token.encode()).decode()


def check_session_string(session_string: str) -> StringSession:
    """Parse a Telethon session string offline; Invalid (one sentence) when it is not one."""
    text = (session_string or "").strip()
    try:
        session = StringSession(text)
    except Exception:  # Telethon raises bare ValueError/binascii/struct errors
        raise Invalid("That is not a Telethon session string.") from None
    if not text or session.auth_key is None:
        raise Invalid("That is not a Telethon session string.")
    return session
