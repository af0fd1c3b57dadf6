"""Is this account alive? Connect, ask Telegram who we are, record the answer on the row.
Used by `herald account import`, the periodic health check and the runner's own checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from telethon import TelegramClient, errors, functions
from telethon.tl import types

from accounts.client import disconnect, make_client
from accounts.outcomes import Outcome, OutcomeKind, translate
from accounts.store import Identity, session_string
from core.clock import utcnow
from core.errors import Invalid
from core.settings import Settings
from models import AccountStatus, TelegramAccount

# A signed-out session answers get_me with nothing rather than an error.
SIGNED_OUT = Outcome(
    OutcomeKind.LOST, "The session is signed out; reconnect the account.", error="SIGNED_OUT"
)


@dataclass(frozen=True)
class Health:
    """The answer of one check: who the session is, or what went wrong."""

    identity: Identity | None
    problem: Outcome | None = None

    @property
    def alive(self) -> bool:
        return self.identity is not None


def identity_of(user: types.User) -> Identity:
    return Identity(
        telegram_user_id=user.id,
        username=user.username,
        phone=f"+{user.phone}" if user.phone and not user.phone.startswith("+") else user.phone,
        first_name=user.first_name or "",
    )


async def probe(client: TelegramClient) -> Health:
    """get_me on a connected client (a runner's, or one opened just for the check). The raw
    request, because Telethon's get_me hides why it failed (revoked, banned…) behind None."""
    try:
        users = await client(functions.users.GetUsersRequest([types.InputUserSelf()]))
        me = users[0] if users else None
    except (errors.RPCError, errors.AuthKeyNotFound, ConnectionError, OSError) as exc:
        return Health(None, translate(exc))
    if not isinstance(me, types.User):
        return Health(None, SIGNED_OUT)
    return Health(identity_of(me))


async def check_session(settings: Settings, session: str) -> Health:
    """Open a client for the session just long enough to ask get_me; always disconnects."""
    client = make_client(settings, session, receive_updates=False)
    try:
        await client.connect()
        return await probe(client)
    except (errors.RPCError, errors.AuthKeyNotFound, ConnectionError, OSError) as exc:
        return Health(None, translate(exc))
    finally:
        await disconnect(client)


async def require_identity(settings: Settings, session: str) -> Identity:
    """The session's identity, or Invalid with one sentence (signed out, revoked, banned,
    Telegram unreachable): what `herald account import` and the bot's import need."""
    health = await check_session(settings, session)
    if health.identity is not None:
        return health.identity
    problem = health.problem or SIGNED_OUT
    if problem.kind is OutcomeKind.TRANSIENT:
        raise Invalid("Telegram could not be reached to check the session; try again.")
    if problem.kind is OutcomeKind.PARKED:
        raise Invalid(f"Telegram asked to wait {problem.seconds} s; try again after that.")
    raise Invalid(f"The session does not work: {problem.reason}")


async def record(account: TelegramAccount, health: Health) -> TelegramAccount:
    """Write a check's answer on the account row: alive means `connected` (or still
    `limited` while a PEER_FLOOD limit runs); a dead session means `disconnected`;
    a network failure changes nothing but the note."""
    now = utcnow()
    fields: dict[str, object] = {"last_checked_at": now}
    problem = health.problem
    if health.identity is not None:
        limited = account.limited_until is not None and account.limited_until > now
        fields |= {
            "status": AccountStatus.LIMITED if limited else AccountStatus.CONNECTED,
            "last_error": "",
            "telegram_user_id": health.identity.telegram_user_id,
            "username": health.identity.username,
            "phone": health.identity.phone,
            "first_name": health.identity.first_name,
        }
        if not limited:
            fields["limited_until"] = None
    elif problem is not None and problem.kind is OutcomeKind.LOST:
        fields |= {"status": AccountStatus.DISCONNECTED, "last_error": problem.reason}
    elif problem is not None and problem.kind is OutcomeKind.PARKED:
        fields |= {
            "flood_wait_until": now + timedelta(seconds=problem.seconds),
            "last_error": problem.reason,
        }
    elif problem is not None:
        fields["last_error"] = problem.reason
    await TelegramAccount.filter(id=account.id).update(**fields)
    await account.refresh_from_db()
    return account


async def check_account(settings: Settings, account: TelegramAccount) -> Health:
    """The health check of an account no runner holds: connect, get_me, record, disconnect.
    A runner that holds the account's client calls `probe` and `record` instead, so there
    is never a second live client (SPEC §7)."""
    health = await check_session(settings, session_string(settings, account))
    await record(account, health)
    return health
