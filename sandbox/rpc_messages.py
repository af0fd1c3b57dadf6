"""RPC handlers for people and private chats: users.*, contacts.resolveUsername and
messages.* (send with random_id, history, read, dialogs)."""

from __future__ import annotations

import re
from typing import Any

from telethon.tl import functions, types

from sandbox import render
from sandbox.mtproto import Call, RpcFault
from sandbox.rpc import handles
from sandbox.world import User

USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def input_user(call: Call, peer: Any, *, error: str = "PEER_ID_INVALID") -> User:
    """Resolves InputPeer*/InputUser* against the caller's own access hashes."""
    me = call.require_user()
    if isinstance(peer, types.InputPeerSelf | types.InputUserSelf):
        return call.world.users[me]
    if isinstance(peer, types.InputPeerUser | types.InputUser):
        target = call.world.users.get(peer.user_id)
        if target is None or peer.access_hash != call.world.access_hash(me, target.id):
            raise RpcFault(400, error)
        return target
    raise RpcFault(400, error)


# users / contacts


@handles(functions.users.GetUsersRequest)
async def get_users(call: Call, request: Any) -> list[types.User]:
    me = call.require_user()
    found = []
    for wanted in request.id:
        try:
            found.append(render.user(call.world, me, input_user(call, wanted)))
        except RpcFault:
            continue  # Telegram silently leaves out users it cannot resolve
    return found


@handles(functions.users.GetFullUserRequest)
async def get_full_user(call: Call, request: Any) -> types.users.UserFull:
    me = call.require_user()
    target = input_user(call, request.id, error="USER_ID_INVALID")
    full = types.UserFull(
        id=target.id,
        settings=types.PeerSettings(),
        notify_settings=types.PeerNotifySettings(),
        common_chats_count=0,
        blocked=target.id in call.world.users[me].blocked,
    )
    return types.users.UserFull(
        full_user=full, chats=[], users=[render.user(call.world, me, target)]
    )


@handles(functions.contacts.ResolveUsernameRequest)
async def resolve_username(call: Call, request: Any) -> types.contacts.ResolvedPeer:
    me = call.require_user()
    if not USERNAME_RE.match(request.username):
        raise RpcFault(400, "USERNAME_INVALID")
    target = call.world.by_username(request.username)
    if target is None:
        raise RpcFault(400, "USERNAME_NOT_OCCUPIED")
    return types.contacts.ResolvedPeer(
        peer=types.PeerUser(target.id), chats=[], users=[render.user(call.world, me, target)]
    )


# messages


@handles(functions.messages.SendMessageRequest)
async def send_message(call: Call, request: Any) -> types.UpdateShortSentMessage:
    me = call.require_user()
    peer = input_user(call, request.peer)
    if not request.message.strip():
        raise RpcFault(400, "MESSAGE_EMPTY")
    if len(request.message) > 4096:
        raise RpcFault(400, "MESSAGE_TOO_LONG")
    sent = call.world.send_message(
        me, peer.id, request.message, random_id=request.random_id, origin=call.session
    )
    box = call.world.boxes[me]
    event = next(e for e in reversed(box.events) if e.message is sent)
    return types.UpdateShortSentMessage(
        id=sent.id, pts=event.pts, pts_count=1, date=render.utc(sent.date), out=True
    )


def _page(messages: list[Any], request: Any) -> list[Any]:
    """Telegram's offset_id/add_offset/limit/max_id/min_id window, newest first."""
    newest_first = sorted(messages, key=lambda m: -m.id)
    start = 0
    if request.offset_id:
        start = next(
            (i for i, m in enumerate(newest_first) if m.id < request.offset_id), len(newest_first)
        )
    start += request.add_offset or 0
    end = start + max(0, min(request.limit or 100, 100))
    window = newest_first[max(0, start) : max(0, end)]
    return [
        m
        for m in window
        if (not request.max_id or m.id < request.max_id)
        and (not request.min_id or m.id > request.min_id)
    ]


@handles(functions.messages.GetHistoryRequest)
async def get_history(call: Call, request: Any) -> types.messages.Messages:
    me = call.require_user()
    peer = input_user(call, request.peer)
    page = _page(call.world.history(me, peer.id), request)
    return types.messages.Messages(
        messages=[render.message(m) for m in page],
        topics=[],
        chats=[],
        users=render.users(call.world, me, {me, peer.id}),
    )


@handles(functions.messages.GetMessagesRequest)
async def get_messages(call: Call, request: Any) -> types.messages.Messages:
    me = call.require_user()
    box = call.world.boxes[me]
    found = [box.messages.get(getattr(i, "id", 0)) for i in request.id]
    result = [
        render.message(m) if m else types.MessageEmpty(id=getattr(i, "id", 0))
        for i, m in zip(request.id, found, strict=True)
    ]
    peers = {m.peer_id for m in found if m} | {me}
    return types.messages.Messages(
        messages=result, topics=[], chats=[], users=render.users(call.world, me, peers)
    )


@handles(functions.messages.ReadHistoryRequest)
async def read_history(call: Call, request: Any) -> types.messages.AffectedMessages:
    me = call.require_user()
    peer = input_user(call, request.peer)
    event = call.world.read_history(me, peer.id, request.max_id, origin=call.session)
    if event is None:
        return types.messages.AffectedMessages(pts=call.world.boxes[me].pts, pts_count=0)
    return types.messages.AffectedMessages(pts=event.pts, pts_count=1)


@handles(functions.messages.GetDialogsRequest)
async def get_dialogs(call: Call, request: Any) -> Any:
    me = call.require_user()
    everything = call.world.dialogs(me)
    chats = everything
    if request.offset_id:
        chats = [(p, m) for p, m in chats if m.id < request.offset_id]
    page = chats[: max(1, min(request.limit or 100, 100))]
    parts = {
        "dialogs": [render.dialog(call.world, me, peer, top) for peer, top in page],
        "messages": [render.message(top) for _peer, top in page],
        "chats": [],
        "users": render.users(call.world, me, {me} | {peer for peer, _top in page}),
    }
    if len(page) < len(chats):
        return types.messages.DialogsSlice(count=len(everything), **parts)
    return types.messages.Dialogs(**parts)


@handles(functions.messages.GetPeerDialogsRequest)
async def get_peer_dialogs(call: Call, request: Any) -> types.messages.PeerDialogs:
    """Read marks per chat; how a client learns of receipts that getDifference cannot give
    Telethon (it ignores pts-carrying `other_updates` while it fetches the difference)."""
    me = call.require_user()
    tops = dict(call.world.dialogs(me))
    peers = [input_user(call, getattr(p, "peer", None)).id for p in request.peers]
    found = [(peer, tops[peer]) for peer in peers if peer in tops]
    return types.messages.PeerDialogs(
        dialogs=[render.dialog(call.world, me, peer, top) for peer, top in found],
        messages=[render.message(top) for _peer, top in found],
        chats=[],
        users=render.users(call.world, me, {me, *peers}),
        state=render.state(call.world, me),
    )
