"""API tokens and one-time panel sign-in tokens. Only hashes are stored; the secret
itself is shown once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from core.clock import utcnow
from core.errors import Invalid, NotFound
from models import ApiToken, SignInToken, User

SIGNIN_TTL = timedelta(minutes=10)
API_PREFIX = "hrld_"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def create_api_token(user: User, name: str = "") -> tuple[str, ApiToken]:
    if len(name) > 100:
        raise Invalid("The token name is longer than 100 characters.")
    secret = API_PREFIX + secrets.token_urlsafe(32)
    row = await ApiToken.create(
        user=user, name=name, token_hash=_hash(secret), prefix=secret[: len(API_PREFIX) + 6]
    )
    return secret, row


async def user_for_api_token(secret: str) -> User | None:
    """The token's user, or None for a missing, unknown or revoked token."""
    if not secret or not secret.startswith(API_PREFIX):
        return None
    token = await ApiToken.get_or_none(token_hash=_hash(secret), revoked_at=None)
    if token is None:
        return None
    await ApiToken.filter(id=token.id).update(last_used_at=utcnow())
    return await User.get(id=token.user_id)  # type: ignore[attr-defined]


async def revoke_api_token(user: User, token_id: int) -> None:
    if not await ApiToken.filter(id=token_id, user=user, revoked_at=None).update(
        revoked_at=utcnow()
    ):
        raise NotFound("Token not found.")


async def create_signin_token(user: User, now: datetime | None = None) -> str:
    secret = secrets.token_urlsafe(32)
    now = now or utcnow()
    await SignInToken.create(user=user, token_hash=_hash(secret), expires_at=now + SIGNIN_TTL)
    return secret


async def consume_signin_token(secret: str, now: datetime | None = None) -> User | None:
    """The user for a sign-in link, once: a second use, or one after 10 minutes, is None."""
    now = now or utcnow()
    token = await SignInToken.get_or_none(token_hash=_hash(secret or ""))
    if token is None or token.used_at is not None or token.expires_at <= now:
        return None
    if not await SignInToken.filter(id=token.id, used_at=None).update(used_at=now):
        return None
    return await User.get(id=token.user_id)  # type: ignore[attr-defined]
