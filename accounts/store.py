"""Saving connected accounts: the session encrypted, the row recording who connected it."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.sessions import check_session_string, encrypt_session, load_cipher
from core.permissions import Actor
from core.settings import Settings
from models import AccountStatus, TelegramAccount


@dataclass(frozen=True)
class Identity:
    """Who the session belongs to, as Telegram's get_me answered (when it was asked)."""

    telegram_user_id: int
    username: str | None
    phone: str | None
    first_name: str


async def save_account(
    settings: Settings,
    actor: Actor,
    session_string: str,
    identity: Identity | None = None,
    *,
    shared: bool = False,
) -> TelegramAccount:
    """Store a session (validated as a session string). Without an identity the account
    waits in `checking` until its runner's health check confirms it."""
    check_session_string(session_string)
    cipher = load_cipher(settings.encryption_key, settings.data_dir)
    fields = {
        "organization_id": actor.organization_id,
        "created_by_id": actor.user_id,
        "session_encrypted": encrypt_session(cipher, session_string.strip()),
        "shared": shared,
        "status": AccountStatus.CONNECTED if identity else AccountStatus.CHECKING,
    }
    if identity is not None:
        existing = await TelegramAccount.get_or_none(
            organization_id=actor.organization_id,
            telegram_user_id=identity.telegram_user_id,
            deleted_at=None,
        )
        fields |= {
            "telegram_user_id": identity.telegram_user_id,
            "username": identity.username,
            "phone": identity.phone,
            "first_name": identity.first_name,
        }
        if existing is not None:
            await TelegramAccount.filter(id=existing.id).update(**fields)
            return await TelegramAccount.get(id=existing.id)
    return await TelegramAccount.create(**fields)
