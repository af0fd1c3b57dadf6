"""Renders world objects as the TL objects a given account sees (users with that account's
access hashes, its own message copies, its update log entries)."""

from __future__ import annotations

import datetime
import struct
from collections.abc import Iterable
from typing import Any

from telethon.tl import TLObject, types

from sandbox.world import Event, Message, User, World

VECTOR = 0x1CB5C415
BOOL_TRUE = struct.pack("<I", 0x997275B5)
BOOL_FALSE = struct.pack("<I", 0xBC799737)


def utc(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.UTC)


def serialize(result: Any) -> bytes:
    """Telethon cannot serialise results (vectors, bools), so the server packs them."""
    if isinstance(result, bytes):
        return result
    if isinstance(result, bool):
        return BOOL_TRUE if result else BOOL_FALSE
    if isinstance(result, list):
        return struct.pack("<Ii", VECTOR, len(result)) + b"".join(serialize(x) for x in result)
    if isinstance(result, TLObject):
        return bytes(result)
    raise TypeError(f"cannot serialise {type(result).__name__}")


def user(world: World, viewer_id: int | None, target: User) -> types.User:
    is_self = viewer_id == target.id
    contact = viewer_id is not None and viewer_id in target.contacts
    if target.deactivated:
        return types.User(
            id=target.id, deleted=True, access_hash=world.access_hash(viewer_id or 0, target.id)
        )
    return types.User(
        id=target.id,
        is_self=is_self,
        contact=contact,
        bot=target.bot,
        access_hash=world.access_hash(viewer_id or 0, target.id),
        first_name=target.first_name,
        last_name=target.last_name or None,
        username=target.username,
        # Phones are visible to the owner and to contacts only.
        phone=target.phone if is_self or contact else None,
        status=types.UserStatusRecently() if not target.bot else None,
        bot_info_version=1 if target.bot else None,
        verified=target.id == 777000,
    )


def users(world: World, viewer_id: int, ids: Iterable[int]) -> list[types.User]:
    return [user(world, viewer_id, world.users[i]) for i in sorted(set(ids)) if i in world.users]


def message(m: Message) -> types.Message:
    return types.Message(
        id=m.id,
        peer_id=types.PeerUser(m.peer_id),
        # In private chats Telegram sets from_id only on the owner's outgoing copies.
        from_id=types.PeerUser(m.owner_id) if m.out else None,
        date=utc(m.date),
        message=m.text,
        out=m.out,
    )


def update(world: World, owner_id: int, e: Event) -> types.TypeUpdate:
    if e.kind == "new_message":
        assert e.message is not None
        return types.UpdateNewMessage(message=message(e.message), pts=e.pts, pts_count=1)
    if e.kind == "read_outbox":
        return types.UpdateReadHistoryOutbox(
            peer=types.PeerUser(e.peer_id), max_id=e.max_id, pts=e.pts, pts_count=1
        )
    box = world.boxes[owner_id]
    unread = sum(1 for m in box.chat(e.peer_id) if not m.out and m.id > e.max_id)
    return types.UpdateReadHistoryInbox(
        peer=types.PeerUser(e.peer_id),
        max_id=e.max_id,
        still_unread_count=unread,
        pts=e.pts,
        pts_count=1,
    )


def pushed(world: World, owner_id: int, e: Event) -> types.TypeUpdates:
    """What a connected session receives when its account's log grows by one event."""
    if e.kind == "new_message":
        # seq 0 ("does not matter"): pts alone orders private-chat updates.
        return types.Updates(
            updates=[update(world, owner_id, e)],
            users=users(world, owner_id, {owner_id, e.peer_id}),
            chats=[],
            date=utc(e.date),
            seq=0,
        )
    return types.UpdateShort(update=update(world, owner_id, e), date=utc(e.date))


def state(world: World, owner_id: int, unread: int = 0) -> types.updates.State:
    box = world.boxes[owner_id]
    now = max((e.date for e in box.events), default=0)
    return types.updates.State(pts=box.pts, qts=0, date=utc(now or 1), seq=0, unread_count=unread)


def difference(world: World, owner_id: int, pts: int) -> types.updates.TypeDifference:
    """The real replay of an account's log after the client's pts."""
    box = world.boxes[owner_id]
    if pts >= box.pts:
        return types.updates.DifferenceEmpty(date=state(world, owner_id).date, seq=0)
    if box.pts - pts > 1000:
        return types.updates.DifferenceTooLong(pts=box.pts)
    events = world.events_since(owner_id, pts)
    new_messages = [
        message(e.message) for e in events if e.kind == "new_message" and e.message is not None
    ]
    other = [update(world, owner_id, e) for e in events if e.kind != "new_message"]
    involved = {owner_id} | {e.peer_id for e in events}
    return types.updates.Difference(
        new_messages=new_messages,
        new_encrypted_messages=[],
        other_updates=other,
        chats=[],
        users=users(world, owner_id, involved),
        state=state(world, owner_id),
    )


def dialog(world: World, owner_id: int, peer_id: int, top: Message) -> types.Dialog:
    box = world.boxes[owner_id]
    read_in = box.read_inbox.get(peer_id, 0)
    unread = sum(1 for m in box.chat(peer_id) if not m.out and m.id > read_in)
    return types.Dialog(
        peer=types.PeerUser(peer_id),
        top_message=top.id,
        read_inbox_max_id=read_in,
        read_outbox_max_id=box.read_outbox.get(peer_id, 0),
        unread_count=unread,
        unread_mentions_count=0,
        unread_reactions_count=0,
        unread_poll_votes_count=0,
        notify_settings=types.PeerNotifySettings(),
    )
