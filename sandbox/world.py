"""The simulated Telegram world: users, accounts, authorisations, private chats with per-user
message ids and gap-free pts, lead personas and injected faults. Plain Python, no TL here."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

SERVICE_USER_ID = 777000
PRIVACY_VALUES = ("everybody", "contacts", "nobody")
Privacy = Literal["everybody", "contacts", "nobody"]


class WorldError(Exception):
    """A refusal Telegram would answer with an RPC error (code and message)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code, self.message = code, message


def normalize_phone(phone: str) -> str:
    return re.sub(r"\D", "", phone)


@dataclass
class Persona:
    """How a simulated lead answers: replies, read receipts, blocking."""

    reply_probability: float = 0.0
    reply_texts: list[str] = field(default_factory=lambda: ["Hi!"])
    reply_delay: float = 1.0
    read_delay: float | None = None  # None: never opens the chat
    block: bool = False  # blocks whoever writes to them, after receiving the first message
    replies_once: bool = True  # a real person rarely answers every follow-up


@dataclass
class User:
    id: int
    first_name: str
    last_name: str = ""
    username: str | None = None
    phone: str | None = None
    bot: bool = False
    deactivated: bool = False
    privacy: Privacy = "everybody"  # who may start a private chat with them
    contacts: set[int] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)  # ids this user blocked
    persona: Persona | None = None
    password: str | None = None  # 2FA cloud password
    password_hint: str = ""
    srp_salt1: bytes = field(default_factory=lambda: os.urandom(40))
    srp_salt2: bytes = field(default_factory=lambda: os.urandom(16))
    replied_to: set[int] = field(default_factory=set)

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "username": self.username,
            "phone": self.phone,
            "bot": self.bot,
            "deactivated": self.deactivated,
            "privacy": self.privacy,
            "has_password": self.password is not None,
            "persona": None if self.persona is None else vars(self.persona),
            "blocked": sorted(self.blocked),
            "contacts": sorted(self.contacts),
        }


@dataclass
class Message:
    """One user's copy of a private message; each side has its own id."""

    id: int
    owner_id: int
    peer_id: int
    out: bool
    text: str
    date: int
    random_id: int | None = None
    twin_id: int = 0  # the id of the other side's copy

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "owner_id": self.owner_id,
            "peer_id": self.peer_id,
            "out": self.out,
            "text": self.text,
            "date": self.date,
        }


@dataclass
class Event:
    """An entry in a user's update log, numbered by pts without gaps."""

    pts: int
    kind: Literal["new_message", "read_inbox", "read_outbox"]
    peer_id: int
    date: int
    message: Message | None = None
    max_id: int = 0


@dataclass
class Box:
    """Everything one user sees: their messages, read marks and update log."""

    messages: dict[int, Message] = field(default_factory=dict)
    last_id: int = 0
    pts: int = 1  # pts 0 means "unknown" to clients, so logs start at 1
    events: list[Event] = field(default_factory=list)
    read_inbox: dict[int, int] = field(default_factory=dict)  # peer -> max id I read
    read_outbox: dict[int, int] = field(default_factory=dict)  # peer -> max id they read
    random_ids: dict[int, int] = field(default_factory=dict)  # random_id -> message id

    def add_event(self, kind: Any, peer_id: int, **kw: Any) -> Event:
        self.pts += 1
        event = Event(self.pts, kind, peer_id, int(time.time()), **kw)
        self.events.append(event)
        return event

    def chat(self, peer_id: int) -> list[Message]:
        return sorted(
            (m for m in self.messages.values() if m.peer_id == peer_id), key=lambda m: m.id
        )


@dataclass
class Authorization:
    """An auth key as the world knows it: bound to a user after sign-in, revocable."""

    key_id: int
    hash: int = field(default_factory=lambda: int.from_bytes(os.urandom(8), "big", signed=True))
    user_id: int | None = None
    revoked: str | None = None  # the 401 error the next call gets
    password_pending: int | None = None  # user who passed the code but owes a 2FA password
    api_id: int = 0
    device_model: str = ""
    app_version: str = ""
    created: int = field(default_factory=lambda: int(time.time()))


@dataclass
class Notice:
    """Something a connected session may have to hear about."""

    kind: Literal["event", "login_token", "drop"]
    user_id: int | None = None
    key_id: int | None = None
    event: Event | None = None
    origin: object = None  # the session whose own request produced the event


@dataclass
class InjectedError:
    method: str  # e.g. "messages.sendMessage", or "*"
    code: int
    message: str
    remaining: int
    user_id: int | None = None


@dataclass
class Faults:
    rpc: list[InjectedError] = field(default_factory=list)
    drop_after: dict[int | None, int] = field(default_factory=dict)  # user (None: all) -> calls
    delay: dict[int | None, float] = field(default_factory=dict)  # user (None: all) -> seconds

    def rpc_error_for(self, method: str, user_id: int | None) -> InjectedError | None:
        for fault in self.rpc:
            if fault.method in (method, "*") and fault.user_id in (None, user_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.rpc.remove(fault)
                return fault
        return None

    def count_call_and_drop(self, user_id: int | None) -> bool:
        for who in (user_id, None):
            if who in self.drop_after:
                self.drop_after[who] -= 1
                if self.drop_after[who] <= 0:
                    del self.drop_after[who]
                    return True
        return False

    def delay_for(self, user_id: int | None) -> float:
        return self.delay.get(user_id, 0.0) + self.delay.get(None, 0.0)


@dataclass
class LoginToken:
    token: bytes
    key_id: int
    expires: float
    user_id: int | None = None  # set when another session accepts it


class World:
    """All state of the sandbox. Methods are synchronous; personas use the running loop."""

    def __init__(self, seed: int | None = None) -> None:
        self.users: dict[int, User] = {}
        self.boxes: dict[int, Box] = {}
        self.authorizations: dict[int, Authorization] = {}
        self.login_codes: dict[str, dict[str, Any]] = {}  # phone -> {code, hash, sent}
        self.login_tokens: dict[bytes, LoginToken] = {}
        self.faults = Faults()
        self.random = random.Random(seed)
        self._secret = os.urandom(16)
        self._next_user_id = 5_000_000_000
        self._listeners: list[Callable[[Notice], None]] = []
        self._timers: set[asyncio.TimerHandle] = set()
        self.create_user("Telegram", user_id=SERVICE_USER_ID, phone="42777")

    # Users

    def create_user(
        self,
        first_name: str,
        *,
        last_name: str = "",
        username: str | None = None,
        phone: str | None = None,
        bot: bool = False,
        privacy: Privacy = "everybody",
        password: str | None = None,
        user_id: int | None = None,
    ) -> User:
        if username and self.by_username(username):
            raise WorldError(400, "USERNAME_OCCUPIED")
        phone = normalize_phone(phone) if phone else None
        if phone and self.by_phone(phone):
            raise WorldError(400, "PHONE_NUMBER_OCCUPIED")
        if privacy not in PRIVACY_VALUES:
            raise WorldError(400, "PRIVACY_VALUE_INVALID")
        if user_id is None:
            self._next_user_id += 1
            user_id = self._next_user_id
        user = User(
            user_id, first_name, last_name, username, phone, bot, privacy=privacy, password=password
        )
        self.users[user_id] = user
        self.boxes[user_id] = Box()
        return user

    def user(self, user_id: int) -> User:
        try:
            return self.users[user_id]
        except KeyError:
            raise WorldError(400, "USER_ID_INVALID") from None

    def by_username(self, username: str) -> User | None:
        wanted = username.lstrip("@").lower()
        return next(
            (u for u in self.users.values() if u.username and u.username.lower() == wanted), None
        )

    def by_phone(self, phone: str) -> User | None:
        wanted = normalize_phone(phone)
        return next((u for u in self.users.values() if u.phone == wanted), None)

    def access_hash(self, viewer_id: int, target_id: int) -> int:
        """Per-viewer access hashes, as Telegram gives each account its own."""
        digest = hmac.new(self._secret, f"{viewer_id}:{target_id}".encode(), hashlib.sha256)
        return int.from_bytes(digest.digest()[:8], "big", signed=True)

    # Messages

    def send_message(
        self,
        sender_id: int,
        peer_id: int,
        text: str,
        *,
        random_id: int | None = None,
        origin: object = None,
    ) -> Message:
        """Delivers a private message; returns the sender's copy."""
        sender, peer = self.user(sender_id), self.user(peer_id)
        box = self.boxes[sender_id]
        if random_id is not None and random_id in box.random_ids:
            raise WorldError(500, "RANDOM_ID_DUPLICATE")  # Telegram's own code for it
        if peer.deactivated:
            raise WorldError(400, "INPUT_USER_DEACTIVATED")
        if sender_id in peer.blocked:
            raise WorldError(400, "USER_IS_BLOCKED")
        if sender_id != peer_id and not self._may_write(sender, peer):
            raise WorldError(403, "USER_PRIVACY_RESTRICTED")
        if peer_id == sender_id:  # Saved Messages: one copy
            return self._store(sender_id, peer_id, True, text, random_id, origin)
        theirs = Message(0, peer_id, sender_id, False, text, 0)
        mine = self._store(sender_id, peer_id, True, text, random_id, origin, twin=theirs)
        self._store(peer_id, sender_id, False, text, None, None, twin=mine, copy=theirs)
        self._react(peer, sender_id)
        return mine

    def _may_write(self, sender: User, peer: User) -> bool:
        if self.boxes[peer.id].chat(sender.id) or sender.id in peer.contacts:
            return True  # an existing conversation or a contact is always allowed
        return peer.privacy == "everybody"

    def _store(
        self,
        owner_id: int,
        peer_id: int,
        out: bool,
        text: str,
        random_id: int | None,
        origin: object,
        *,
        twin: Message | None = None,
        copy: Message | None = None,
    ) -> Message:
        box = self.boxes[owner_id]
        box.last_id += 1
        message = copy or Message(0, owner_id, peer_id, out, text, 0)
        message.id, message.date, message.random_id = box.last_id, int(time.time()), random_id
        box.messages[message.id] = message
        if twin is not None:
            twin.twin_id = message.id
            message.twin_id = twin.id
        if random_id is not None:
            box.random_ids[random_id] = message.id
        event = box.add_event("new_message", peer_id, message=message)
        self._notify(Notice("event", user_id=owner_id, event=event, origin=origin))
        return message

    def read_history(
        self, reader_id: int, peer_id: int, max_id: int = 0, *, origin: object = None
    ) -> Event | None:
        """The reader opens the chat up to max_id (0: everything); the peer gets a receipt."""
        box = self.boxes[reader_id]
        incoming = [m.id for m in box.chat(peer_id) if not m.out and (not max_id or m.id <= max_id)]
        if not incoming or max(incoming) <= box.read_inbox.get(peer_id, 0):
            return None
        box.read_inbox[peer_id] = top = max(incoming)
        mine = box.add_event("read_inbox", peer_id, max_id=top)
        self._notify(Notice("event", user_id=reader_id, event=mine, origin=origin))
        peer_box = self.boxes[peer_id]
        theirs = box.messages[top].twin_id  # the peer's own id for the same message
        if theirs > peer_box.read_outbox.get(reader_id, 0):
            peer_box.read_outbox[reader_id] = theirs
            receipt = peer_box.add_event("read_outbox", reader_id, max_id=theirs)
            self._notify(Notice("event", user_id=peer_id, event=receipt))
        return mine

    def history(self, owner_id: int, peer_id: int) -> list[Message]:
        return self.boxes[owner_id].chat(peer_id)

    def dialogs(self, owner_id: int) -> list[tuple[int, Message]]:
        """(peer id, top message) for each chat, newest first."""
        top: dict[int, Message] = {}
        for message in self.boxes[owner_id].messages.values():
            if message.peer_id not in top or message.id > top[message.peer_id].id:
                top[message.peer_id] = message
        return sorted(top.items(), key=lambda item: -item[1].id)

    def events_since(self, owner_id: int, pts: int) -> list[Event]:
        return [e for e in self.boxes[owner_id].events if e.pts > pts]

    # Personas

    def _react(self, lead: User, writer_id: int) -> None:
        persona = lead.persona
        if persona is None:
            return
        if persona.read_delay is not None:
            self.later(persona.read_delay, lambda: self.read_history(lead.id, writer_id))
        if persona.block:
            lead.blocked.add(writer_id)
            return
        if persona.replies_once and writer_id in lead.replied_to:
            return
        if self.random.random() < persona.reply_probability:
            lead.replied_to.add(writer_id)
            text = self.random.choice(persona.reply_texts)

            def reply() -> None:
                self.read_history(lead.id, writer_id)  # people read before they answer
                self.send_message(lead.id, writer_id, text)

            self.later(persona.reply_delay, reply)

    def later(self, delay: float, action: Callable[[], object]) -> None:
        def run() -> None:
            self._timers.discard(handle)
            with contextlib.suppress(WorldError):  # e.g. the account blocked the lead meanwhile
                action()

        handle = asyncio.get_running_loop().call_later(delay, run)
        self._timers.add(handle)

    def stop(self) -> None:
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()

    # Sign-in

    def send_code(self, phone: str) -> tuple[str, str]:
        phone = normalize_phone(phone)
        code = f"{self.random.randrange(10**5):05d}"
        phone_code_hash = os.urandom(8).hex()
        self.login_codes[phone] = {"code": code, "hash": phone_code_hash, "sent": time.time()}
        user = self.by_phone(phone)
        if user and self.sessions_of(user.id):
            # As in Telegram: the code arrives as a message from the service account.
            self.send_message(
                SERVICE_USER_ID, user.id, f"Login code: {code}. Do not give this code to anyone."
            )
        return code, phone_code_hash

    def check_code(self, phone: str, phone_code_hash: str, code: str) -> None:
        sent = self.login_codes.get(normalize_phone(phone))
        if not sent or sent["hash"] != phone_code_hash:
            raise WorldError(400, "PHONE_CODE_EXPIRED")
        if time.time() - sent["sent"] > 600:
            raise WorldError(400, "PHONE_CODE_EXPIRED")
        if not code:
            raise WorldError(400, "PHONE_CODE_EMPTY")
        if code != sent["code"]:
            raise WorldError(400, "PHONE_CODE_INVALID")

    def sessions_of(self, user_id: int) -> list[Authorization]:
        return [
            a for a in self.authorizations.values() if a.user_id == user_id and a.revoked is None
        ]

    def authorization(self, key_id: int) -> Authorization:
        return self.authorizations.setdefault(key_id, Authorization(key_id))

    def bind(self, key_id: int, user_id: int) -> None:
        auth = self.authorization(key_id)
        auth.user_id, auth.revoked, auth.password_pending = user_id, None, None
        self.login_codes.pop(self.users[user_id].phone or "", None)

    def log_out(self, key_id: int) -> None:
        self.authorization(key_id).user_id = None

    def revoke(self, user_id: int, error: str = "AUTH_KEY_UNREGISTERED") -> int:
        """Terminates every session of an account; returns how many there were."""
        sessions = self.sessions_of(user_id)
        for auth in sessions:
            auth.revoked = error
        return len(sessions)

    def export_login_token(self, key_id: int) -> LoginToken:
        for token in [t for t, v in self.login_tokens.items() if v.key_id == key_id]:
            if self.login_tokens[token].user_id is None:
                del self.login_tokens[token]
        token = LoginToken(os.urandom(32), key_id, time.time() + 30)
        self.login_tokens[token.token] = token
        return token

    def accept_login_token(self, token: bytes, user_id: int) -> LoginToken:
        found = self.login_tokens.get(token)
        if found is None or found.user_id is not None:
            raise WorldError(400, "AUTH_TOKEN_ALREADY_ACCEPTED" if found else "AUTH_TOKEN_INVALID")
        if found.expires < time.time():
            raise WorldError(400, "AUTH_TOKEN_EXPIRED")
        found.user_id = user_id
        if self.users[user_id].password is not None:
            self.authorization(found.key_id).password_pending = user_id
        else:
            self.bind(found.key_id, user_id)
        self._notify(Notice("login_token", key_id=found.key_id))
        return found

    # Connections

    def drop_connections(self, user_id: int | None) -> None:
        self._notify(Notice("drop", user_id=user_id))

    def subscribe(self, listener: Callable[[Notice], None]) -> None:
        self._listeners.append(listener)

    def _notify(self, notice: Notice) -> None:
        for listener in self._listeners:
            listener(notice)
