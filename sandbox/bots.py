"""The sandbox's bot platform as state and rules: bots, people as bots see them, private
chats, messages, files, callback queries and update queues, with Telegram's errors.

No HTTP here: sandbox/botapi.py turns requests into calls on `BotWorld` and back.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import io
import math
import re
import secrets
import string
import time
from dataclasses import dataclass, field
from typing import Any

# Telegram delivers every kind except these three unless a bot asks for them.
DEFAULT_ALLOWED = {"message", "edited_message", "callback_query", "my_chat_member"}
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
MAX_UPLOAD = 50 * 1024 * 1024
MAX_DOWNLOAD = 20 * 1024 * 1024


class BotApiError(Exception):
    """A Bot API failure, carried up to the HTTP layer as Telegram's error JSON."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {reason}")


def too_many_requests(retry_after: int) -> BotApiError:
    return BotApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


def utf16_len(text: str) -> int:
    """Entity offsets count UTF-16 code units, as Telegram does."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Person:
    """A Telegram user, as bots see them (the world module owns richer users)."""

    id: int
    first_name: str
    username: str | None = None

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            user["username"] = self.username
        return user

    def as_chat(self) -> dict[str, Any]:
        chat = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: str  # "document" or "photo"
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    def as_media(self) -> Any:
        base = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.kind == "photo":  # one size only: the sandbox makes no thumbnails
            return [{**base, "width": self.width, "height": self.height}]
        extra = {"file_name": self.file_name, "mime_type": self.mime_type}
        return {**base, **{k: v for k, v in extra.items() if v}}

    def as_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class ChatMessage:
    message_id: int
    from_bot: bool
    date: int
    text: str | None = None  # the caption when there is media
    entities: list[dict[str, Any]] = field(default_factory=list)
    media: StoredFile | None = None
    reply_markup: dict[str, Any] | None = None  # inline keyboards only, as Telegram returns
    user_markup: dict[str, Any] | None = None  # reply keyboards: the user sees them
    source: dict[str, Any] | None = None  # text and parse_mode as the bot sent them
    edit_date: int | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False
    seq: int = 0  # platform-wide order, to list what a person received across bots


@dataclass
class Chat:
    person: Person
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    next_message_id: int = 1
    keyboard: dict[str, Any] | None = None  # the reply keyboard the user has open
    blocked: bool = False


@dataclass
class PendingCallback:
    id: str
    answered: asyncio.Event = field(default_factory=asyncio.Event)
    answer: dict[str, Any] | None = None


@dataclass
class Webhook:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class Bot:
    id: int
    token: str
    username: str
    first_name: str
    chats: dict[int, Chat] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 1
    allowed_updates: set[str] = field(default_factory=lambda: set(DEFAULT_ALLOWED))
    webhook: Webhook | None = None
    poll_generation: int = 0
    wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    callbacks: dict[str, PendingCallback] = field(default_factory=dict)

    def as_user(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def wake(self) -> None:
        """Wake whoever waits on this bot (pollers, the webhook courier) exactly once."""
        self.wakeup.set()
        self.wakeup = asyncio.Event()


@dataclass
class RateLimits:
    """Telegram's limits for bots: ~1 message/s per chat and 30/s overall, bursts allowed."""

    enabled: bool = True
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 10
    overall_per_second: float = 30.0
    overall_burst: int = 30


@dataclass
class _Bucket:
    tokens: float
    stamp: float

    def take(self, capacity: int, rate: float, now: float) -> float:
        """Spend one token; answer 0, or how long until a token is available."""
        self.tokens = min(capacity, self.tokens + (now - self.stamp) * rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / rate


@dataclass
class Fault:
    count: int
    error: BotApiError


class BotWorld:
    """Everything the Bot API and the control API read and change."""

    def __init__(self, rate_limits: RateLimits | None = None) -> None:
        self.bots: dict[int, Bot] = {}
        self.people: dict[int, Person] = {}
        self.files: dict[str, StoredFile] = {}
        self.rate_limits = rate_limits or RateLimits()
        self.faults: dict[str, Fault] = {}
        self.closing = False
        self._buckets: dict[tuple[int, int], _Bucket] = {}
        self._file_count = 0
        self._message_count = 0

    # -- bots and people --------------------------------------------------------------

    def create_bot(self, username: str, first_name: str = "Herald Bot") -> Bot:
        username = username.lstrip("@")
        if any(b.username.lower() == username.lower() for b in self.bots.values()):
            raise ValueError(f"bot @{username} exists")
        bot_id = 7_000_000_000 + secrets.randbelow(999_999_999)
        alphabet = string.ascii_letters + string.digits + "_-"
        token = f"{bot_id}:" + "".join(secrets.choice(alphabet) for _ in range(35))
        bot = Bot(id=bot_id, token=token, username=username, first_name=first_name)
        self.bots[bot_id] = bot
        return bot

    def bot_by_token(self, token: str) -> Bot:
        bot_id = token.split(":", 1)[0]
        bot = self.bots.get(int(bot_id)) if bot_id.isdigit() else None
        if bot is None or not secrets.compare_digest(bot.token, token):
            raise BotApiError(401, "Unauthorized")
        return bot

    def find_bot(self, ref: str) -> Bot | None:
        """A bot by @username, id or token, for the control API."""
        ref = ref.lstrip("@")
        for bot in self.bots.values():
            if ref.lower() == bot.username.lower() or ref in (str(bot.id), bot.token):
                return bot
        return None

    def person(
        self, user_id: int, first_name: str | None = None, username: str | None = None
    ) -> Person:
        known = self.people.get(user_id)
        if known is None:
            known = self.people[user_id] = Person(user_id, first_name or f"User {user_id}")
        if first_name:
            known.first_name = first_name
        if username is not None:
            known.username = username.lstrip("@") or None
        return known

    def chat(self, bot: Bot, person: Person) -> Chat:
        return bot.chats.setdefault(person.id, Chat(person))

    # -- faults and limits ---------------------------------------------------------------

    def force_error(self, method: str, count: int, error: BotApiError) -> None:
        self.faults[method.lower()] = Fault(count, error)

    def check_faults(self, method: str) -> None:
        fault = self.faults.get(method)
        if fault is None:
            return
        fault.count -= 1
        if fault.count <= 0:
            del self.faults[method]
        raise fault.error

    def throttle(self, bot: Bot, chat_id: int) -> None:
        limits = self.rate_limits
        if not limits.enabled:
            return
        now = time.monotonic()
        per_chat = self._buckets.setdefault((bot.id, chat_id), _Bucket(limits.per_chat_burst, now))
        overall = self._buckets.setdefault((bot.id, 0), _Bucket(limits.overall_burst, now))
        wait = overall.take(limits.overall_burst, limits.overall_per_second, now)
        if not wait:
            wait = per_chat.take(limits.per_chat_burst, limits.per_chat_per_second, now)
            if wait:  # give back the overall token the refused message did not use
                overall.tokens += 1
        if wait:
            raise too_many_requests(max(1, math.ceil(wait)))

    # -- updates ---------------------------------------------------------------------------

    def enqueue(self, bot: Bot, kind: str, payload: dict[str, Any]) -> int | None:
        if kind not in bot.allowed_updates:
            return None  # Telegram does not keep updates a bot did not ask for
        update_id = bot.next_update_id
        bot.next_update_id += 1
        bot.updates.append({"update_id": update_id, kind: payload})
        bot.wake()
        return update_id

    def confirm(self, bot: Bot, offset: int) -> None:
        if offset < 0:
            bot.updates = bot.updates[offset:]
        elif offset:
            bot.updates = [u for u in bot.updates if u["update_id"] >= offset]

    async def poll(
        self, bot: Bot, offset: int, limit: int, wait: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm, then wait up to `wait` s for something to return."""
        _refuse_polling_with_webhook(bot)
        if allowed is not None:
            bot.allowed_updates = set(allowed) or set(DEFAULT_ALLOWED)
        self.confirm(bot, offset)
        bot.poll_generation += 1
        mine = bot.poll_generation
        bot.wake()  # a poll already waiting learns it was superseded
        deadline = asyncio.get_running_loop().time() + wait
        while True:
            _refuse_polling_with_webhook(bot)
            if mine != bot.poll_generation:
                raise BotApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make "
                    "sure that only one bot instance is running",
                )
            remaining = deadline - asyncio.get_running_loop().time()
            if bot.updates or remaining <= 0 or self.closing:
                return bot.updates[: max(1, min(limit, 100))]
            wakeup = bot.wakeup
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), remaining)

    def close(self) -> None:
        self.closing = True
        for bot in self.bots.values():
            bot.wake()

    # -- what bots send ------------------------------------------------------------------

    def chat_for_sending(self, bot: Bot, chat_ref: Any) -> Chat:
        if chat_ref in (None, ""):
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(chat_ref)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = bot.chats.get(chat_id)
        if chat is None:
            if chat_id in self.people:
                raise BotApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if chat.blocked:
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def send(
        self,
        bot: Bot,
        chat_ref: Any,
        *,
        text: str | None,
        parse_mode: str | None,
        entities: list[dict[str, Any]] | None,
        reply_markup: dict[str, Any] | None,
        media: StoredFile | None = None,
    ) -> tuple[Chat, ChatMessage]:
        if media is None and not (text or "").strip():
            raise bad_request("message text is empty")
        limit = 4096 if media is None else 1024
        plain, found = format_text(text or "", parse_mode, entities)
        if media is None and not plain.strip():  # markup alone, like "<b></b>", is empty too
            raise bad_request("message text is empty")
        if utf16_len(plain) > limit:
            raise bad_request(
                "message is too long" if media is None else "message caption is too long"
            )
        chat = self.chat_for_sending(bot, chat_ref)
        inline, user_markup = split_markup(reply_markup)
        self.throttle(bot, chat.person.id)
        message = self._append(chat, from_bot=True, text=plain or None, entities=found, media=media)
        message.reply_markup, message.user_markup = inline, user_markup
        if parse_mode:
            message.source = {"text": text, "parse_mode": parse_mode}
        if user_markup is not None and "force_reply" not in user_markup:
            chat.keyboard = None if user_markup.get("remove_keyboard") else user_markup
        return chat, message

    def editable(self, bot: Bot, chat_ref: Any, message_id: Any) -> tuple[Chat, ChatMessage]:
        if message_id in (None, ""):
            raise bad_request("message identifier is not specified")
        chat = self.chat_for_sending(bot, chat_ref)
        message = chat.messages.get(_int(message_id))
        if message is None or message.deleted:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        return chat, message

    def edit(
        self,
        message: ChatMessage,
        *,
        text: str | None,
        entities: list[dict[str, Any]] | None,
        reply_markup: dict[str, Any] | None,
    ) -> None:
        before = {
            "text": message.text,
            "entities": message.entities,
            "reply_markup": message.reply_markup,
        }
        after = {
            "text": message.text if text is None else text,
            "entities": message.entities if text is None else (entities or []),
            "reply_markup": reply_markup,
        }
        if before == after:
            raise bad_request(NOT_MODIFIED)
        message.history.append({**before, "date": message.edit_date or message.date})
        message.text, message.entities = after["text"], after["entities"]
        message.reply_markup = reply_markup
        message.edit_date = int(time.time())

    def delete(self, bot: Bot, chat_ref: Any, message_id: Any) -> None:
        chat = self.chat_for_sending(bot, chat_ref)
        message = chat.messages.get(_int(message_id))
        if message is None or message.deleted:
            raise bad_request("message to delete not found")
        message.deleted = True

    def answer_callback(self, bot: Bot, query_id: str, answer: dict[str, Any]) -> None:
        pending = bot.callbacks.get(query_id)
        if pending is None or pending.answer is not None:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        pending.answer = answer
        pending.answered.set()

    # -- files -----------------------------------------------------------------------------

    def store_file(
        self, data: bytes, kind: str, file_name: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        if len(data) > MAX_UPLOAD:
            raise BotApiError(413, "Request Entity Too Large")
        width = height = 0
        if kind == "photo":
            width, height = _image_size(data)
        self._file_count += 1
        prefix = "AgACAgIAAxkBAA" if kind == "photo" else "BQACAgIAAxkBAA"
        ext = (
            "jpg"
            if kind == "photo"
            else (file_name or "").rpartition(".")[2][:8]
            if "." in (file_name or "")
            else ""
        )
        folder = "photos" if kind == "photo" else "documents"
        stored = StoredFile(
            file_id=prefix + secrets.token_urlsafe(40),
            file_unique_id="AgAD" + hashlib.sha256(data).hexdigest()[:12],
            file_path=f"{folder}/file_{self._file_count}" + (f".{ext}" if ext else ""),
            data=data,
            kind=kind,
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_id(self, file_id: str, kind: str | None = None) -> StoredFile:
        stored = self.files.get(file_id)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if kind is not None and stored.kind != kind:
            raise bad_request("type of file mismatch")
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    # -- what people do --------------------------------------------------------------------

    def user_sends(
        self, bot: Bot, person: Person, text: str | None = None, media: StoredFile | None = None
    ) -> tuple[ChatMessage, int | None]:
        chat = self.chat(bot, person)
        if chat.blocked:  # writing to a bot you blocked restarts it, as the apps do
            self.set_blocked(bot, person, blocked=False)
        entities = []
        if text and text.startswith("/") and media is None:
            command = text.split(maxsplit=1)[0]
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command)})
        message = self._append(chat, from_bot=False, text=text, entities=entities, media=media)
        return message, self.enqueue(bot, "message", self.message_json(bot, chat, message))

    def user_presses(
        self, bot: Bot, person: Person, message_id: int, callback_data: str
    ) -> tuple[PendingCallback, int | None]:
        chat = self.chat(bot, person)
        message = chat.messages.get(message_id)
        if message is None or message.deleted:
            raise LookupError(f"message {message_id} not found in the chat")
        buttons = [
            b for row in (message.reply_markup or {}).get("inline_keyboard", []) for b in row
        ]
        if not any(b.get("callback_data") == callback_data for b in buttons):
            raise LookupError(f"message {message_id} has no button with that callback_data")
        pending = PendingCallback(id=str(secrets.randbits(63)))
        bot.callbacks[pending.id] = pending
        instance = hashlib.sha256(f"{bot.id}:{person.id}".encode()).hexdigest()[:16]
        query = {
            "id": pending.id,
            "from": person.as_user(),
            "chat_instance": instance,
            "message": self.message_json(bot, chat, message),
            "data": callback_data,
        }
        return pending, self.enqueue(bot, "callback_query", query)

    def set_blocked(self, bot: Bot, person: Person, *, blocked: bool) -> None:
        chat = self.chat(bot, person)
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        member = {"user": bot.as_user()}
        self.enqueue(
            bot,
            "my_chat_member",
            {
                "chat": person.as_chat(),
                "from": person.as_user(),
                "date": int(time.time()),
                "old_chat_member": {**member, "status": old, **_until(old)},
                "new_chat_member": {**member, "status": new, **_until(new)},
            },
        )

    # -- views -----------------------------------------------------------------------------

    def message_json(self, bot: Bot, chat: Chat, message: ChatMessage) -> dict[str, Any]:
        """A message exactly as the Bot API shows it."""
        sender = bot.as_user() if message.from_bot else chat.person.as_user()
        out: dict[str, Any] = {
            "message_id": message.message_id,
            "from": sender,
            "chat": chat.person.as_chat(),
            "date": message.date,
        }
        if message.edit_date:
            out["edit_date"] = message.edit_date
        if message.media is not None:
            out[message.media.kind] = message.media.as_media()
        text_key = "text" if message.media is None else "caption"
        if message.text is not None:
            out[text_key] = message.text
        if message.entities:
            out["entities" if message.media is None else "caption_entities"] = message.entities
        if message.reply_markup:
            out["reply_markup"] = message.reply_markup
        return out

    def user_view(self, bot: Bot, chat: Chat, message: ChatMessage) -> dict[str, Any]:
        """A message as the person's app shows it, plus what the control API reveals."""
        out = self.message_json(bot, chat, message)
        out.update(
            outgoing=not message.from_bot,
            deleted=message.deleted,
            bot=bot.username,
            edits=message.history,
            seq=message.seq,
        )
        if message.user_markup:
            out["user_markup"] = message.user_markup
        if message.source:
            out["source"] = message.source
        return out

    def _append(
        self,
        chat: Chat,
        *,
        from_bot: bool,
        text: str | None,
        entities: list[dict[str, Any]],
        media: StoredFile | None,
    ) -> ChatMessage:
        message = ChatMessage(
            chat.next_message_id,
            from_bot,
            int(time.time()),
            text=text,
            entities=entities,
            media=media,
        )
        chat.messages[message.message_id] = message
        chat.next_message_id += 1
        self._message_count += 1
        message.seq = self._message_count
        return message


def _refuse_polling_with_webhook(bot: Bot) -> None:
    if bot.webhook is not None:
        raise BotApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _until(status: str) -> dict[str, int]:
    return {"until_date": 0} if status == "kicked" else {}


def _image_size(data: bytes) -> tuple[int, int]:
    try:
        from PIL import Image  # only photos need it; Pillow comes with qrcode[pil]

        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:  # any undecodable upload is what Telegram calls this
        raise bad_request("IMAGE_PROCESS_FAILED") from None


def split_markup(markup: dict[str, Any] | None) -> tuple[dict | None, dict | None]:
    """Validate reply_markup; answer (inline keyboard, reply keyboard/removal/force reply)."""
    if markup is None:
        return None, None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for button in (b for row in rows for b in row):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request(
                    "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                )
            if not any(k in button for k in BUTTON_ACTIONS):
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
        return (markup if any(rows) else None), None
    if any(k in markup for k in ("keyboard", "remove_keyboard", "force_reply")):
        return None, markup
    raise bad_request("can't parse reply keyboard markup JSON object")


# -- parse modes ---------------------------------------------------------------------------

_HTML_ENTITIES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_TAG = re.compile(r"<(/?)([^\s>/]*)([^>]*)>")
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_MD_MARKS = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
    "`": "code",
    "```": "pre",
}
_MD_RESERVED = set("_*[]()~`>#+-=|{}.!")


def format_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """Apply parse_mode as Telegram does: markup becomes entities, the text stays plain."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode not in ("", "markdown"):  # legacy Markdown is kept as it is
        raise bad_request(f"unsupported parse_mode {parse_mode}")
    return text, list(entities or [])


def _can_not_parse(reason: str) -> BotApiError:
    return bad_request(f"can't parse entities: {reason}")


def _parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    stack: list[tuple[str, int, dict[str, str]]] = []
    entities: list[dict[str, Any]] = []
    pos = 0
    while True:
        lt = source.find("<", pos)
        out.append(html.unescape(source[pos : lt if lt >= 0 else len(source)]))
        if lt < 0:
            break
        offset = len(source[:lt].encode())
        tag = _TAG.match(source, lt)
        if tag is None:
            raise _can_not_parse(f"Unclosed start tag at byte offset {offset}")
        closing, name, attr_text = tag[1], tag[2].lower(), tag[3]
        here = utf16_len("".join(out))
        if closing:
            if not stack or stack[-1][0] != name:
                expected = f'"</{stack[-1][0]}>"' if stack else "nothing"
                raise _can_not_parse(
                    f"Unmatched end tag at byte offset {offset}, expected "
                    f'{expected}, found "</{name}>"'
                )
            opened, start, attrs = stack.pop()
            if here > start:
                entities.append(_html_entity(opened, start, here - start, attrs, stack))
        else:
            attrs = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(attr_text)}
            if name not in _HTML_ENTITIES or (
                name == "span" and attrs.get("class") != "tg-spoiler"
            ):
                raise _can_not_parse(f'Unsupported start tag "{name}" at byte offset {offset}')
            stack.append((name, here, attrs))
        pos = tag.end()
    if stack:
        raise _can_not_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities = [e for e in entities if e]
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _html_entity(
    tag: str,
    offset: int,
    length: int,
    attrs: dict[str, str],
    outer: list[tuple[str, int, dict[str, str]]],
) -> dict[str, Any]:
    entity: dict[str, Any] = {"type": _HTML_ENTITIES[tag], "offset": offset, "length": length}
    if tag == "a":
        href = attrs.get("href", "")
        user = re.fullmatch(r"tg://user\?id=(\d+)", href)
        if user:
            entity.update(
                type="text_mention", user={"id": int(user[1]), "is_bot": False, "first_name": ""}
            )
        else:
            entity["url"] = href
    elif tag == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    elif tag == "code" and outer and outer[-1][0] == "pre":
        language = attrs.get("class", "").removeprefix("language-")
        # <pre><code class="language-x"> is one pre entity with a language, not two.
        outer[-1][2]["language"] = language
        return {}
    elif tag == "pre" and attrs.get("language"):
        entity["language"] = attrs["language"]
    return entity


def _parse_markdown_v2(source: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    open_marks: list[tuple[str, int]] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(source):
        char = source[i]
        offset = len(source[:i].encode())
        if char == "\\" and i + 1 < len(source):
            out.append(source[i + 1])
            i += 2
            continue
        mark = next(
            (m for m in ("```", "__", "||", "*", "_", "~", "`") if source.startswith(m, i)), None
        )
        here = utf16_len("".join(out))
        if mark in ("`", "```"):
            end = source.find(mark, i + len(mark))
            if end < 0:
                raise _can_not_parse(
                    f"Can't find end of {_MD_MARKS[mark].title()} entity at byte offset {offset}"
                )
            body = re.sub(r"\\(.)", r"\1", source[i + len(mark) : end])
            language = ""
            if mark == "```" and "\n" in body:
                language, body = body.split("\n", 1)
            out.append(body)
            entity = {"type": _MD_MARKS[mark], "offset": here, "length": utf16_len(body)}
            entities.append({**entity, **({"language": language} if language else {})})
            i = end + len(mark)
            continue
        if mark is not None:
            if open_marks and open_marks[-1][0] == mark:
                _, start = open_marks.pop()
                if here > start:
                    entities.append(
                        {"type": _MD_MARKS[mark], "offset": start, "length": here - start}
                    )
            else:
                open_marks.append((mark, here))
            i += len(mark)
            continue
        link = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(((?:[^)\\]|\\.)*)\)").match(source, i)
        if link:
            label = re.sub(r"\\(.)", r"\1", link[1])
            out.append(label)
            entities.append(
                {
                    "type": "text_link",
                    "offset": here,
                    "length": utf16_len(label),
                    "url": re.sub(r"\\(.)", r"\1", link[2]),
                }
            )
            i = link.end()
            continue
        if char in _MD_RESERVED:
            raise _can_not_parse(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        out.append(char)
        i += 1
    if open_marks:
        raise _can_not_parse(f"Can't find end of {_MD_MARKS[open_marks[-1][0]].title()} entity")
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))
