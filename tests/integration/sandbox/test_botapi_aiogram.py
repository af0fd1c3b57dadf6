"""The real aiogram 3 against the sandbox's Bot API: polling with a Dispatcher, inline
buttons, documents both ways, webhook mode, and the errors aiogram must classify."""

from __future__ import annotations

import io
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import (
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.filters import CommandStart
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from tests.integration.sandbox.botapi_fixtures import (
    Sandbox,
    bot,
    eventually,
    polling,
    sandbox,
    serve,
)

__all__ = ["bot", "sandbox"]  # fixtures, imported so pytest finds them
pytestmark = pytest.mark.integration
ALICE = 501


def greeting_router() -> Router:
    router = Router(name="greeting")

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(inline_keyboard=[[
            InlineKeyboardButton(text="Campaigns", callback_data="campaigns:list:1")]])
        await message.answer(f"Hello, {message.from_user.first_name}!", reply_markup=keyboard)

    @router.callback_query(F.data == "campaigns:list:1")
    async def show_campaigns(query: CallbackQuery) -> None:
        await query.answer("Loading")
        back = InlineKeyboardMarkup(inline_keyboard=[[
            InlineKeyboardButton(text="Back", callback_data="home")]])
        await query.message.edit_text("<b>Campaigns</b>: none yet", reply_markup=back,
                                      parse_mode="HTML")

    @router.message(F.document)
    async def echo_document(message: Message, bot: Bot) -> None:
        received = io.BytesIO()
        await bot.download(message.document, destination=received)
        echoed = BufferedInputFile(received.getvalue().upper(), filename="echo.csv")
        await message.answer_document(echoed, caption=f"got {message.document.file_name}")

    return router


def dispatcher() -> Dispatcher:
    dp = Dispatcher()
    dp.include_router(greeting_router())
    return dp


async def test_polling_answers_start_and_edits_on_button_press(sandbox: Sandbox,
                                                               bot: Bot) -> None:
    async with polling(dispatcher(), bot):
        await sandbox.say(ALICE, "/start", first_name="Alice", username="alice")
        [hello] = await eventually(lambda: sandbox.bot_messages(ALICE))
        assert hello["text"] == "Hello, Alice!"
        button = hello["reply_markup"]["inline_keyboard"][0][0]

        pressed = await sandbox.control(
            "POST", f"/{sandbox.username}/users/{ALICE}/press",
            json={"message_id": hello["message_id"], "callback_data": button["callback_data"]})
        assert pressed["answered"] and pressed["answer"]["text"] == "Loading"

        async def edited() -> Any:
            [message] = await sandbox.bot_messages(ALICE)
            return message if message.get("edit_date") else None

        message = await edited() or await eventually(edited)
    assert message["message_id"] == hello["message_id"]
    assert message["text"] == "Campaigns: none yet"
    assert message["entities"] == [{"type": "bold", "offset": 0, "length": 9}]
    assert message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "home"
    assert message["edits"][0]["text"] == "Hello, Alice!"


async def test_documents_travel_both_ways(sandbox: Sandbox, bot: Bot) -> None:
    async with polling(dispatcher(), bot):
        form = {"file": io.BytesIO(b"name,phone\nbob,+100\n")}
        sent = await sandbox.control("POST", f"/{sandbox.username}/users/{ALICE}/documents",
                                     data=form)
        assert sent["message"]["document"]["file_name"] == "file"
        reply = await eventually(lambda: sandbox.bot_messages(ALICE))
    document = reply[0]["document"]
    assert reply[0]["caption"] == "got file"
    assert document["file_name"] == "echo.csv"
    async with sandbox.http.get(f"{sandbox.control_url}/files/{document['file_id']}") as got:
        assert await got.read() == b"NAME,PHONE\nBOB,+100\n"


async def test_webhook_mode_with_secret_token(sandbox: Sandbox, bot: Bot) -> None:
    dp = dispatcher()
    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token="s3cret").register(app, "/hook")
    setup_application(app, dp, bot=bot)
    runner, hook_url = await serve(app)
    try:
        assert await bot.set_webhook(f"{hook_url}/hook", secret_token="s3cret")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates()
        await sandbox.say(ALICE, "/start", first_name="Alice")
        [hello] = await eventually(lambda: sandbox.bot_messages(ALICE))
        assert hello["text"] == "Hello, Alice!"

        # A wrong secret: aiogram refuses the delivery, Telegram keeps it and retries.
        await bot.set_webhook(f"{hook_url}/hook", secret_token="wrong")
        await sandbox.say(ALICE, "/start")

        async def failing() -> Any:
            info = await bot.get_webhook_info()
            return info if info.last_error_message else None

        info = await eventually(failing)
        assert info.last_error_message == "Wrong response from the webhook: 401 Unauthorized"
        assert info.pending_update_count == 1
        assert len(await sandbox.bot_messages(ALICE)) == 1

        await bot.set_webhook(f"{hook_url}/hook", secret_token="s3cret")
        assert len(await eventually(lambda: _at_least(sandbox, 2))) == 2
        assert (await bot.get_webhook_info()).pending_update_count == 0
        assert await bot.delete_webhook()
        assert await bot.get_updates(timeout=0) == []
    finally:
        await runner.cleanup()


async def test_webhook_reply_carries_a_method(sandbox: Sandbox, bot: Bot) -> None:
    """aiogram's synchronous webhook mode answers with the method in the HTTP reply."""
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> Any:
        return message.answer(f"echo: {message.text}")  # returned, not awaited

    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, handle_in_background=False).register(app, "/")
    runner, hook_url = await serve(app)
    try:
        await bot.set_webhook(hook_url + "/")
        await sandbox.say(ALICE, "ping")
        [echoed] = await eventually(lambda: sandbox.bot_messages(ALICE))
        assert echoed["text"] == "echo: ping"
    finally:
        await runner.cleanup()


async def _at_least(sandbox: Sandbox, count: int) -> list[dict[str, Any]]:
    messages = await sandbox.bot_messages(ALICE)
    return messages if len(messages) >= count else []


async def test_forced_429_surfaces_as_retry_after(sandbox: Sandbox, bot: Bot) -> None:
    await sandbox.say(ALICE, "hi")
    await sandbox.control("POST", "/faults",
                          json={"method": "sendMessage", "count": 1, "retry_after": 7})
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(ALICE, "one")
    assert caught.value.retry_after == 7
    assert (await bot.send_message(ALICE, "two")).text == "two"


async def test_sustained_sending_to_one_chat_is_rate_limited(sandbox: Sandbox,
                                                              bot: Bot) -> None:
    await sandbox.say(ALICE, "hi")
    await sandbox.control("POST", "/rate-limits", json={"enabled": True, "per_chat_burst": 3})
    for n in range(3):
        await bot.send_message(ALICE, f"burst {n}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(ALICE, "one too many")
    assert caught.value.retry_after == 1
    await sandbox.say(ALICE + 1, "hi")
    assert await bot.send_message(ALICE + 1, "another chat is fine")


async def test_blocked_user_is_forbidden(sandbox: Sandbox, bot: Bot) -> None:
    await sandbox.say(ALICE, "/start")
    await sandbox.control("POST", f"/{sandbox.username}/users/{ALICE}/block")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(ALICE, "still there?")
    updates = await bot.get_updates(timeout=0)
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
