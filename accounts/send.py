"""The send primitive the engine's runners use: resolve a lead for one account (resolved
peers cached per account, username resolutions capped per day) and send a text with the
`random_id` Herald chose, so a retried step is recognised by Telegram (SPEC §6.3, §7)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from telethon import TelegramClient, errors, functions
from telethon.tl import types
from tortoise.exceptions import IntegrityError

from accounts.outcomes import Outcome, OutcomeKind, translate
from core.clock import utcnow
from models import ResolvedPeer

RESOLUTION_CAP = 150
RESOLUTION_WINDOW = timedelta(days=1)
# Telethon waits for a reconnect indefinitely; a send gives up after this and reports a
# transient outcome. Safe: the retry reuses the random_id, so a late delivery is a duplicate.
SEND_TIMEOUT_SECONDS = 30.0

# What a Telegram call can raise that `translate` knows how to read.
TELEGRAM_FAILURES: tuple[type[BaseException], ...] = (
    errors.RPCError,
    errors.AuthKeyNotFound,
    ConnectionError,
    OSError,
)


@dataclass(frozen=True)
class Lead:
    """Whom to write to: a Telegram id, a username, or both (the id wins when cached)."""

    telegram_user_id: int | None = None
    username: str | None = None


def username_key(username: str | None) -> str | None:
    """`@Anna_Lee ` → `anna_lee`: usernames are case-insensitive in Telegram."""
    key = (username or "").strip().removeprefix("@").strip().lower()
    return key or None


def signed_random_id(random_id: int) -> int:
    """Telegram's random_id is a signed 64-bit long; Herald may store it unsigned."""
    random_id &= (1 << 64) - 1
    return random_id - (1 << 64) if random_id >= 1 << 63 else random_id


def _input_peer(row: ResolvedPeer) -> types.InputPeerUser:
    return types.InputPeerUser(row.telegram_user_id, row.access_hash)


async def resolutions_in_window(account_id: int, now: datetime) -> list[datetime]:
    """When this account resolved usernames in the last 24 h, oldest first."""
    return list(
        await ResolvedPeer.filter(
            account_id=account_id, via_username=True, resolved_at__gt=now - RESOLUTION_WINDOW
        )
        .order_by("resolved_at")
        .values_list("resolved_at", flat=True)
    )


async def _remember(
    account_id: int, user: types.User, key: str | None, via_username: bool, now: datetime
) -> ResolvedPeer:
    fields = {"access_hash": user.access_hash or 0, "username_key": key}
    if via_username:
        fields |= {"via_username": True, "resolved_at": now}
    existing = await ResolvedPeer.get_or_none(account_id=account_id, telegram_user_id=user.id)
    if existing is None:
        try:
            return await ResolvedPeer.create(
                account_id=account_id, telegram_user_id=user.id, **fields
            )
        except IntegrityError:  # resolved meanwhile by the same account: keep the newest
            existing = await ResolvedPeer.get(account_id=account_id, telegram_user_id=user.id)
    if key is None:
        fields.pop("username_key")  # an id-only resolution keeps a known username
    await ResolvedPeer.filter(id=existing.id).update(**fields)
    await existing.refresh_from_db()
    return existing


async def _resolve_username(
    client: TelegramClient, account_id: int, key: str, now: datetime
) -> types.InputPeerUser | Outcome:
    window = await resolutions_in_window(account_id, now)
    if len(window) >= RESOLUTION_CAP:
        # A slot frees when the oldest resolution of the window turns 24 h old.
        frees_at = window[len(window) - RESOLUTION_CAP] + RESOLUTION_WINDOW
        seconds = max(1, int((frees_at - now).total_seconds()) + 1)
        return Outcome(
            OutcomeKind.CAPPED,
            f"This account resolved {RESOLUTION_CAP} usernames in the last 24 h; "
            f"the next one is possible in {seconds} s.",
            seconds=seconds,
        )
    try:
        resolved = await client(functions.contacts.ResolveUsernameRequest(key))
    except TELEGRAM_FAILURES as exc:
        return translate(exc)
    user = next(
        (
            u
            for u in resolved.users
            if isinstance(resolved.peer, types.PeerUser) and u.id == resolved.peer.user_id
        ),
        None,
    )
    if not isinstance(user, types.User):
        return Outcome(OutcomeKind.UNREACHABLE, "This username belongs to a group or a channel.")
    if user.bot:
        return Outcome(
            OutcomeKind.UNREACHABLE, "The lead is a bot.", telegram_user_id=user.id, error="BOT"
        )
    if user.deleted:
        return Outcome(
            OutcomeKind.UNREACHABLE,
            "The lead's Telegram account was deleted.",
            telegram_user_id=user.id,
        )
    row = await _remember(account_id, user, key, True, now)
    return _input_peer(row)


async def _resolve_id(
    client: TelegramClient, account_id: int, telegram_user_id: int, now: datetime
) -> types.InputPeerUser | None:
    """An id without a cached access hash: Telethon may know it from an update (the lead
    wrote first). Telegram offers no way to look a stranger up by id alone."""
    try:
        peer = await client.get_input_entity(types.PeerUser(telegram_user_id))
    except (ValueError, TypeError, *TELEGRAM_FAILURES):
        return None
    if not isinstance(peer, types.InputPeerUser):
        return None
    user = types.User(id=peer.user_id, access_hash=peer.access_hash)
    row = await _remember(account_id, user, None, False, now)
    return _input_peer(row)


async def resolve_lead(
    client: TelegramClient, account_id: int, lead: Lead, *, now: datetime | None = None
) -> types.InputPeerUser | Outcome:
    """The lead as this account can address them, from the cache when possible; otherwise
    an outcome (unreachable, capped, or the translated error of the resolution)."""
    now = now or utcnow()
    key = username_key(lead.username)
    if lead.telegram_user_id is not None:
        row = await ResolvedPeer.get_or_none(
            account_id=account_id, telegram_user_id=lead.telegram_user_id
        )
        if row is not None:
            return _input_peer(row)
    if key is not None:
        row = await ResolvedPeer.filter(account_id=account_id, username_key=key).first()
        if row is not None:
            return _input_peer(row)
        return await _resolve_username(client, account_id, key, now)
    if lead.telegram_user_id is not None:
        peer = await _resolve_id(client, account_id, lead.telegram_user_id, now)
        if peer is not None:
            return peer
        return Outcome(
            OutcomeKind.UNREACHABLE,
            "This account cannot address the lead by id alone; a username is needed.",
            telegram_user_id=lead.telegram_user_id,
        )
    return Outcome(OutcomeKind.UNREACHABLE, "The lead has neither a Telegram id nor a username.")


def sent_message_id(result: object, random_id: int) -> int | None:
    """Telegram's id of the message we just sent, from whichever shape the answer took."""
    if isinstance(result, types.UpdateShortSentMessage):
        return result.id
    updates = getattr(result, "updates", None) or []
    for update in updates:
        if isinstance(update, types.UpdateMessageID) and update.random_id == random_id:
            return update.id
    for update in updates:
        if isinstance(update, types.UpdateNewMessage | types.UpdateNewChannelMessage):
            return update.message.id
    return None


async def send_text(
    client: TelegramClient,
    account_id: int,
    lead: Lead,
    text: str,
    random_id: int,
    *,
    give_up_after: float = SEND_TIMEOUT_SECONDS,
) -> Outcome:
    """Send `text` to the lead with exactly this random_id (the raw request: Telethon's
    send_message would pick its own). A reused random_id comes back as DUPLICATE."""
    random_id = signed_random_id(random_id)
    try:
        async with asyncio.timeout(give_up_after):
            outcome = await _send_once(client, account_id, lead, text, random_id)
            if outcome.error == "PEER_ID_INVALID" and username_key(lead.username):
                # The cached access hash went stale (now forgotten): resolve afresh.
                outcome = await _send_once(client, account_id, lead, text, random_id)
    except TimeoutError as exc:
        return translate(exc)
    return outcome


async def _send_once(
    client: TelegramClient, account_id: int, lead: Lead, text: str, random_id: int
) -> Outcome:
    peer = await resolve_lead(client, account_id, lead)
    if isinstance(peer, Outcome):
        return peer
    request = functions.messages.SendMessageRequest(
        peer=peer, message=text, random_id=random_id, no_webpage=True
    )
    try:
        result = await client(request)
    except TELEGRAM_FAILURES as exc:
        if isinstance(exc, errors.PeerIdInvalidError):
            await ResolvedPeer.filter(account_id=account_id, telegram_user_id=peer.user_id).delete()
        return replace(translate(exc), telegram_user_id=peer.user_id)
    return Outcome(
        OutcomeKind.SENT,
        message_id=sent_message_id(result, random_id),
        telegram_user_id=peer.user_id,
    )
