"""The sandbox's Bot API over HTTP: `/bot<token>/<method>`, file downloads, webhook
delivery, and the control routes tests and the demo use to act as people.

State and Telegram's rules live in sandbox/bots.py; this module only speaks HTTP.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from sandbox.bots import (
    CHAT_ACTIONS,
    MAX_DOWNLOAD,
    Bot,
    BotApiError,
    BotWorld,
    RateLimits,
    Webhook,
    bad_request,
    format_text,
    split_markup,
    too_many_requests,
    utf16_len,
)

log = logging.getLogger(__name__)
MAX_BODY = 60 * 1024 * 1024  # Telegram accepts 50 MB documents; leave room for the form


@dataclass
class Upload:
    data: bytes
    filename: str | None
    content_type: str | None


@dataclass
class Reply:
    """A result with the `description` Telegram adds to some answers (setWebhook...)."""

    result: Any
    description: str


class Params:
    """A method's parameters, from a query string, a form (values are strings, nested
    objects JSON-encoded, as aiogram sends them) or a JSON body (values typed)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return None if value is None else str(value)

    def number(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        return value is True or str(value).lower() in ("true", "1")

    def obj(self, name: str, what: str = "JSON object") -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what}") from None
        return value

    def file(self, name: str) -> Upload | str | None:
        value = self.values.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = self.values.get(value.removeprefix("attach://"))
        return value if isinstance(value, Upload | str) else None


Method = Callable[["BotPlatform", Bot, Params], Awaitable[Any]]
_METHODS: dict[str, Method] = {}


def _method(name: str) -> Callable[[Method], Method]:
    def register(fn: Method) -> Method:
        _METHODS[name.lower()] = fn  # Telegram matches method names case-insensitively
        return fn

    return register


class BotPlatform:
    """The sandbox's bot side: state plus the Bot API app and the control app."""

    def __init__(
        self, rate_limits: RateLimits | None = None, webhook_retry_delay: float = 0.2
    ) -> None:
        self.world = BotWorld(rate_limits)
        self.webhook_retry_delay = webhook_retry_delay
        self._couriers: dict[int, asyncio.Task[None]] = {}
        self._session: aiohttp.ClientSession | None = None

    def create_bot(self, username: str, first_name: str = "Herald Bot") -> dict[str, Any]:
        bot = self.world.create_bot(username, first_name)
        return {"id": bot.id, "token": bot.token, "username": bot.username}

    def api_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.on_startup.append(self._open)
        app.on_shutdown.append(lambda _app: self.close())
        return app

    def control_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.add_routes(_control_routes(self))
        app.on_shutdown.append(lambda _app: self.close())
        return app

    async def _open(self, _app: web.Application) -> None:
        self.world.closing = False  # the same platform may be served again after a stop

    async def close(self) -> None:
        """Answer waiting long polls and stop webhook delivery, so shutdown is quick."""
        self.world.close()
        for task in self._couriers.values():
            task.cancel()
        self._couriers.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def call(self, bot: Bot, name: str, params: Params) -> Any:
        method = _METHODS.get(name.lower())
        if method is None:
            raise BotApiError(404, "Not Found")
        self.world.check_faults(name.lower())
        return await method(self, bot, params)

    # -- HTTP -----------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        try:
            bot = self.world.bot_by_token(request.match_info["token"])
            params = await _read_params(request)
            result = await self.call(bot, request.match_info["method"], params)
        except BotApiError as error:
            return web.json_response(error.as_json(), status=error.error_code)
        except Exception:  # a sandbox bug must still answer in Telegram's shape
            log.exception("Bot API method %s failed", request.match_info["method"])
            error = BotApiError(500, "Internal Server Error")
            return web.json_response(error.as_json(), status=500)
        if isinstance(result, Reply):
            return web.json_response(
                {"ok": True, "result": result.result, "description": result.description}
            )
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self.world.bot_by_token(request.match_info["token"])
        except BotApiError as error:
            return web.json_response(error.as_json(), status=error.error_code)
        stored = self.world.file_by_path(request.match_info["path"])
        if stored is None:
            return web.json_response(BotApiError(404, "Not Found").as_json(), status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # -- webhooks -------------------------------------------------------------------------

    def start_courier(self, bot: Bot) -> None:
        running = self._couriers.get(bot.id)
        if running is None or running.done():
            self._couriers[bot.id] = asyncio.create_task(self._deliver(bot))

    def stop_courier(self, bot: Bot) -> None:
        task = self._couriers.pop(bot.id, None)
        if task is not None:
            task.cancel()

    async def _deliver(self, bot: Bot) -> None:
        """POST updates one at a time, in order; on failure record it and retry with backoff
        (Telegram keeps retrying until the update is accepted or the webhook removed)."""
        delay = self.webhook_retry_delay
        while bot.webhook is not None and not self.world.closing:
            if not bot.updates:
                await bot.wakeup.wait()
                continue
            hook, update = bot.webhook, bot.updates[0]
            headers = (
                {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token} if hook.secret_token else {}
            )
            try:
                error = await self._post_update(bot, hook.url, update, headers)
            except aiohttp.ClientConnectionError:
                error = "Connection refused"
            except Exception as exc:  # whatever breaks, the courier records it and retries
                error = f"{type(exc).__name__}: {exc}"
            if error is None:
                if bot.updates and bot.updates[0] is update:
                    bot.updates.pop(0)
                delay = self.webhook_retry_delay
                continue
            hook.last_error_date, hook.last_error_message = int(time.time()), error
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def _post_update(
        self, bot: Bot, url: str, update: dict[str, Any], headers: dict[str, str]
    ) -> str | None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        async with self._session.post(url, json=update, headers=headers) as response:
            if not 200 <= response.status < 300:
                return f"Wrong response from the webhook: {response.status} {response.reason}"
            values = await _webhook_reply(response)
        if values and "method" in values:  # a bot may answer with one method in the reply
            with contextlib.suppress(BotApiError):  # Telegram drops such errors silently
                await self.call(bot, str(values["method"]), Params(values))
        return None


async def _webhook_reply(response: aiohttp.ClientResponse) -> dict[str, Any] | None:
    if response.content_type == "application/json":
        body = await response.json()
        return body if isinstance(body, dict) else None
    if response.content_type.startswith("multipart/"):
        values: dict[str, Any] = {}
        reader = aiohttp.MultipartReader.from_response(response)
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
                continue
            if part.filename:  # aiogram puts uploads in the reply as file parts
                values[part.name] = Upload(
                    bytes(await part.read()),
                    part.filename,
                    part.headers.get(aiohttp.hdrs.CONTENT_TYPE),
                )
            else:
                values[part.name] = await part.text()
        return values
    return None


async def _read_params(request: web.Request) -> Params:
    values: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if isinstance(body, dict):
                values.update(body)
        else:
            for name, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    value = Upload(value.file.read(), value.filename, value.content_type)
                values[name] = value
    return Params(values)


# -- methods --------------------------------------------------------------------------------


@_method("getMe")
async def get_me(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    return {
        **bot.as_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@_method("getUpdates")
async def get_updates(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    allowed = p.obj("allowed_updates")
    return await platform.world.poll(
        bot,
        offset=p.number("offset", 0) or 0,
        limit=p.number("limit", 100) or 100,
        wait=min(p.number("timeout", 0) or 0, 50),
        allowed=allowed if isinstance(allowed, list) else None,
    )


@_method("setWebhook")
async def set_webhook(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    url = p.text("url") or ""
    if not url:
        return await delete_webhook(platform, bot, p)
    if not url.startswith(("http://", "https://")):  # plain http: a local sandbox needs it
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    secret = p.text("secret_token")
    if secret is not None and (
        not 1 <= len(secret) <= 256
        or not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret)
    ):
        raise bad_request("secret token contains unallowed characters")
    allowed = p.obj("allowed_updates")
    if isinstance(allowed, list) and allowed:
        bot.allowed_updates = set(allowed)
    if p.flag("drop_pending_updates"):
        bot.updates.clear()
    bot.webhook = Webhook(url, secret, p.number("max_connections", 40) or 40)
    bot.wake()  # a poll in progress ends with 409, as Telegram does
    # A new courier: a fixed webhook gets its backlog now, not after the old backoff.
    platform.stop_courier(bot)
    platform.start_courier(bot)
    return Reply(True, "Webhook was set")


@_method("deleteWebhook")
async def delete_webhook(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    if p.flag("drop_pending_updates"):
        bot.updates.clear()
    if bot.webhook is None:
        return Reply(True, "Webhook is already deleted")
    bot.webhook = None
    platform.stop_courier(bot)
    return Reply(True, "Webhook was deleted")


@_method("getWebhookInfo")
async def get_webhook_info(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    info: dict[str, Any] = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": len(bot.updates),
    }
    if bot.webhook is not None:
        hook = bot.webhook
        info.update(
            url=hook.url,
            max_connections=hook.max_connections,
            allowed_updates=sorted(bot.allowed_updates),
        )
        if hook.last_error_date:
            info.update(
                last_error_date=hook.last_error_date, last_error_message=hook.last_error_message
            )
    return info


@_method("sendMessage")
async def send_message(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    chat, message = platform.world.send(
        bot,
        p.values.get("chat_id"),
        text=p.text("text"),
        parse_mode=p.text("parse_mode"),
        entities=p.obj("entities", "entities JSON object"),
        reply_markup=p.obj("reply_markup", "reply keyboard markup JSON object"),
    )
    return platform.world.message_json(bot, chat, message)


async def _send_media(platform: BotPlatform, bot: Bot, p: Params, kind: str) -> Any:
    world = platform.world
    given = p.file(kind)
    if given is None or given == "":
        raise bad_request(f"there is no {kind} in the request")
    # Check the chat first so a refused send stores no file.
    world.chat_for_sending(bot, p.values.get("chat_id"))
    if isinstance(given, str):
        stored = world.file_by_id(given, kind)
    else:
        stored = world.store_file(given.data, kind, given.filename, given.content_type)
    chat, message = world.send(
        bot,
        p.values.get("chat_id"),
        text=p.text("caption"),
        parse_mode=p.text("parse_mode"),
        entities=p.obj("caption_entities", "entities JSON object"),
        reply_markup=p.obj("reply_markup", "reply keyboard markup JSON object"),
        media=stored,
    )
    return world.message_json(bot, chat, message)


@_method("sendDocument")
async def send_document(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    return await _send_media(platform, bot, p, "document")


@_method("sendPhoto")
async def send_photo(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    return await _send_media(platform, bot, p, "photo")


@_method("editMessageText")
async def edit_message_text(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    world = platform.world
    chat, message = world.editable(bot, p.values.get("chat_id"), p.values.get("message_id"))
    source = p.text("text") or ""
    if not source.strip():
        raise bad_request("message text is empty")
    if message.media is not None:
        raise bad_request("there is no text in the message to edit")
    text, entities = format_text(source, p.text("parse_mode"), p.obj("entities"))
    if utf16_len(text) > 4096:
        raise bad_request("message is too long")
    world.edit(message, text=text, entities=entities, reply_markup=_inline_only(p))
    parse_mode = p.text("parse_mode")
    message.source = {"text": source, "parse_mode": parse_mode} if parse_mode else None
    return world.message_json(bot, chat, message)


@_method("editMessageReplyMarkup")
async def edit_message_reply_markup(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    world = platform.world
    chat, message = world.editable(bot, p.values.get("chat_id"), p.values.get("message_id"))
    world.edit(message, text=None, entities=None, reply_markup=_inline_only(p))
    return world.message_json(bot, chat, message)


def _inline_only(p: Params) -> dict[str, Any] | None:
    inline, other = split_markup(p.obj("reply_markup", "reply keyboard markup JSON object"))
    if other is not None:
        raise bad_request("inline keyboard expected")
    return inline


@_method("deleteMessage")
async def delete_message(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    platform.world.delete(bot, p.values.get("chat_id"), p.values.get("message_id"))
    return True


@_method("answerCallbackQuery")
async def answer_callback_query(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    answer = {
        "text": p.text("text"),
        "show_alert": p.flag("show_alert"),
        "url": p.text("url"),
        "cache_time": p.number("cache_time", 0),
    }
    platform.world.answer_callback(bot, p.text("callback_query_id") or "", answer)
    return True


@_method("getFile")
async def get_file(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    stored = platform.world.file_by_id(p.text("file_id") or "")
    if len(stored.data) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.as_file()


@_method("setMyCommands")
async def set_my_commands(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    commands = p.obj("commands", "commands JSON object")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an Array of at most 100 BotCommand")
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        if not (
            1 <= len(name) <= 32
            and all(c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in name.lower())
        ):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("command description is empty")
    bot.commands[_commands_key(p)] = [
        {"command": c["command"].lower(), "description": c["description"]} for c in commands
    ]
    return True


@_method("getMyCommands")
async def get_my_commands(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    return bot.commands.get(_commands_key(p), [])


@_method("deleteMyCommands")
async def delete_my_commands(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    bot.commands.pop(_commands_key(p), None)
    return True


def _commands_key(p: Params) -> str:
    scope = p.obj("scope") or {"type": "default"}
    return json.dumps([scope, p.text("language_code") or ""], sort_keys=True)


@_method("sendChatAction")
async def send_chat_action(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    platform.world.chat_for_sending(bot, p.values.get("chat_id"))
    if p.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@_method("close")
async def close_bot(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    return True


@_method("logOut")
async def log_out(platform: BotPlatform, bot: Bot, p: Params) -> Any:
    return True


# -- control: acting as people -----------------------------------------------------------------


def _control_routes(platform: BotPlatform) -> web.RouteTableDef:
    """JSON routes for tests and the demo (mounted under /bots of the control API).

    GET  /                                  bots (id, token, username, first_name)
    POST /                                  {username, first_name?} -> {id, token, username}
    GET  /{bot}                             the bot, its webhook info, commands, pending updates
    POST /{bot}/users/{id}/messages         {text, first_name?, username?}: the user writes
    POST /{bot}/users/{id}/documents        multipart file (+ caption, kind=photo) or JSON
                                            {file_name, mime_type, content_base64, caption}
    POST /{bot}/users/{id}/press            {message_id, callback_data, wait=2}: -> the answer
    GET  /{bot}/users/{id}/chat             every message both ways, edits and deletions
    POST /{bot}/users/{id}/block | unblock  (my_chat_member updates, 403 on sends)
    GET  /users/{id}/received               what the user got from every bot, in order
    GET  /files/{file_id}                   a stored file's bytes
    POST /faults                            {method, count=1, retry_after=5} or {method,
                                            count, error_code, description}; DELETE clears
    POST /rate-limits                       fields of RateLimits, e.g. {"enabled": false}

    {bot} is a username, an id or a token. Errors: {"error": "..."} with 400 or 404.
    """
    world = platform.world
    routes = web.RouteTableDef()

    def fail(status: int, message: str) -> web.HTTPException:
        error = web.HTTPBadRequest if status == 400 else web.HTTPNotFound
        return error(text=json.dumps({"error": message}), content_type="application/json")

    async def body_of(request: web.Request) -> dict[str, Any]:
        if not request.can_read_body:
            return {}
        try:
            body = await request.json()
        except ValueError:
            raise fail(400, "the body must be a JSON object") from None
        if not isinstance(body, dict):
            raise fail(400, "the body must be a JSON object")
        return body

    def bot_of(request: web.Request) -> Bot:
        bot = world.find_bot(request.match_info["bot"])
        if bot is None:
            raise fail(404, f"no bot {request.match_info['bot']}")
        return bot

    def person_of(request: web.Request, body: Mapping[str, Any]) -> Any:
        try:
            user_id = int(request.match_info["user_id"])
        except ValueError:
            raise fail(400, "user ids are integers") from None
        return world.person(user_id, body.get("first_name"), body.get("username"))

    @routes.get("/")
    async def list_bots(request: web.Request) -> web.Response:
        return web.json_response(
            [
                {"id": b.id, "token": b.token, "username": b.username, "first_name": b.first_name}
                for b in world.bots.values()
            ]
        )

    @routes.post("/")
    async def create_bot(request: web.Request) -> web.Response:
        body = await body_of(request)
        if not body.get("username"):
            raise fail(400, "username is required")
        try:
            created = platform.create_bot(body["username"], body.get("first_name", "Herald Bot"))
        except ValueError as exc:
            raise fail(400, str(exc)) from None
        return web.json_response(created, status=201)

    @routes.post("/faults")
    async def force_fault(request: web.Request) -> web.Response:
        body = await body_of(request)
        method, count = str(body.get("method", "")), int(body.get("count", 1))
        if not method:
            raise fail(400, "method is required")
        if "error_code" in body:
            error = BotApiError(int(body["error_code"]), str(body.get("description", "")))
        else:
            error = too_many_requests(int(body.get("retry_after", 5)))
        world.force_error(method, count, error)
        return web.json_response({"method": method, "count": count, **error.as_json()})

    @routes.delete("/faults")
    async def clear_faults(request: web.Request) -> web.Response:
        world.faults.clear()
        return web.json_response({"cleared": True})

    @routes.post("/rate-limits")
    async def set_rate_limits(request: web.Request) -> web.Response:
        limits = world.rate_limits
        for name, value in (await body_of(request)).items():
            if hasattr(limits, name):
                setattr(limits, name, type(getattr(limits, name))(value))
        return web.json_response(vars(limits))

    @routes.get("/files/{file_id}")
    async def download(request: web.Request) -> web.Response:
        stored = world.files.get(request.match_info["file_id"])
        if stored is None:
            raise fail(404, "no such file")
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    @routes.get("/users/{user_id}/received")
    async def received(request: web.Request) -> web.Response:
        person = person_of(request, {})
        views = [
            world.user_view(bot, chat, m)
            for bot in world.bots.values()
            if (chat := bot.chats.get(person.id))
            for m in chat.messages.values()
            if m.from_bot
        ]
        return web.json_response(sorted(views, key=lambda v: v["seq"]))

    @routes.get("/{bot}")
    async def bot_info(request: web.Request) -> web.Response:
        bot = bot_of(request)
        info = await get_webhook_info(platform, bot, Params({}))
        return web.json_response(
            {
                **bot.as_user(),
                "webhook": info,
                "commands": bot.commands,
                "pending_updates": bot.updates,
            }
        )

    @routes.post("/{bot}/users/{user_id}/messages")
    async def user_sends_text(request: web.Request) -> web.Response:
        bot, body = bot_of(request), await body_of(request)
        if not str(body.get("text", "")).strip():
            raise fail(400, "text is required")
        person = person_of(request, body)
        message, update_id = world.user_sends(bot, person, text=str(body["text"]))
        chat = world.chat(bot, person)
        return web.json_response(
            {"update_id": update_id, "message": world.user_view(bot, chat, message)}, status=201
        )

    @routes.post("/{bot}/users/{user_id}/documents")
    async def user_sends_file(request: web.Request) -> web.Response:
        bot = bot_of(request)
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            body = {k: v for k, v in form.items() if isinstance(v, str)}
            upload = next((v for v in form.values() if isinstance(v, web.FileField)), None)
            if upload is None:
                raise fail(400, "attach the file as a multipart file field")
            data, name, mime = upload.file.read(), upload.filename, upload.content_type
        else:
            body = await body_of(request)
            try:
                data = base64.b64decode(str(body.get("content_base64", "")), validate=True)
            except ValueError:
                raise fail(400, "content_base64 is not base64") from None
            name, mime = body.get("file_name"), body.get("mime_type")
        kind = "photo" if str(body.get("kind", "document")) == "photo" else "document"
        person = person_of(request, body)
        try:
            stored = world.store_file(data, kind, name or "file", mime)
        except BotApiError as error:
            raise fail(400, error.description) from None
        caption = body.get("caption") or None
        message, update_id = world.user_sends(bot, person, text=caption, media=stored)
        chat = world.chat(bot, person)
        return web.json_response(
            {"update_id": update_id, "message": world.user_view(bot, chat, message)}, status=201
        )

    @routes.post("/{bot}/users/{user_id}/press")
    async def user_presses(request: web.Request) -> web.Response:
        bot, body = bot_of(request), await body_of(request)
        person = person_of(request, body)
        try:
            pending, update_id = world.user_presses(
                bot, person, int(body.get("message_id", 0)), str(body.get("callback_data"))
            )
        except ValueError:
            raise fail(400, "message_id is an integer") from None
        except LookupError as exc:
            raise fail(404, str(exc)) from None
        # The person's app waits for the bot's answer (the spinner on the button).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(pending.answered.wait(), float(body.get("wait", 2.0)))
        return web.json_response(
            {
                "callback_query_id": pending.id,
                "update_id": update_id,
                "answered": pending.answer is not None,
                "answer": pending.answer,
            }
        )

    @routes.get("/{bot}/users/{user_id}/chat")
    async def read_chat(request: web.Request) -> web.Response:
        bot = bot_of(request)
        person = person_of(request, {})
        chat = bot.chats.get(person.id)  # reading must not open a chat the user never started
        messages = [] if chat is None else chat.messages.values()
        return web.json_response(
            {
                "bot": bot.username,
                "user": person.as_user(),
                "blocked": bool(chat and chat.blocked),
                "keyboard": chat and chat.keyboard,
                "messages": [world.user_view(bot, chat, m) for m in messages if chat],
            }
        )

    @routes.post("/{bot}/users/{user_id}/block")
    async def block(request: web.Request) -> web.Response:
        bot, body = bot_of(request), await body_of(request)
        world.set_blocked(bot, person_of(request, body), blocked=True)
        return web.json_response({"blocked": True})

    @routes.post("/{bot}/users/{user_id}/unblock")
    async def unblock(request: web.Request) -> web.Response:
        bot, body = bot_of(request), await body_of(request)
        world.set_blocked(bot, person_of(request, body), blocked=False)
        return web.json_response({"blocked": False})

    return routes
