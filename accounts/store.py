"""Saving connected accounts: the session encrypted, the row recording who connected it."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from tortoise.transactions import in_transaction

from accounts.sessions import (
    check_session_string,
    decrypt_session,
    encrypt_session,
    load_cipher,
    rotate,
)
from core.clock import utcnow
from core.errors import Invalid
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
    """Store a session (validated as a session string). With an identity (Telegram's
    get_me just answered) the account is `connected` and checked now; without one it waits
    in `checking` until its runner's health check confirms it."""
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
            "last_checked_at": utcnow(),
            "last_error": "",
            # A fresh sign-in starts clean: an old parking or limit belonged to the old session.
            "flood_wait_until": None,
            "limited_until": None,
        }
        if existing is not None:
            await TelegramAccount.filter(id=existing.id).update(**fields)
            return await TelegramAccount.get(id=existing.id)
    return await TelegramAccount.create(**fields)


def session_string(settings: Settings, account: TelegramAccount) -> str:
    """The account's decrypted session string, for the factory only: never log it."""
    cipher = load_cipher(settings.encryption_key, settings.data_dir)
    return decrypt_session(cipher, account.session_encrypted)


async def rotate_sessions(settings: Settings) -> int:
    """Re-encrypt every stored session under the newest key (the first of
    HERALD_ENCRYPTION_KEY) after a key was added in front; returns how many rows changed.
    Old keys must stay listed until this has run."""
    cipher = load_cipher(settings.encryption_key, settings.data_dir)
    rows = await TelegramAccount.exclude(session_encrypted="").values_list(
        "id", "session_encrypted"
    )
    fresh: list[tuple[int, str]] = []
    for account_id, token in rows:
        try:
            fresh.append((account_id, rotate(cipher, token)))
        except InvalidToken:
            raise Invalid(
                f"Account {account_id}'s session cannot be decrypted with the configured keys; "
                "nothing was rotated."
            ) from None
    # Decrypt everything first, so a missing old key changes nothing rather than half.
    async with in_transaction():
        for account_id, token in fresh:
            await TelegramAccount.filter(id=account_id).update(session_encrypted=token)
    return len(fresh)
