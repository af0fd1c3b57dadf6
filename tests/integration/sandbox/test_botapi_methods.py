"""Bot API methods one by one, through aiogram's Bot and raw HTTP: shapes, offsets, long
polls, parse modes, files, and Telegram's error descriptions."""

from __future__ import annotations

import asyncio
import base64
import io

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from PIL import Image

from tests.integration.sandbox.botapi_fixtures import Sandbox, bot, sandbox

__all__ = ["bot", "sandbox"]  # fixtures, imported so pytest finds them
pytestmark = pytest.mark.integration
BOB = 601


def keyboard(data: str = "go") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Go",
                                                                       callback_data=data)]])


async def test_get_me_and_raw_http_shapes(sandbox: Sandbox, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.is_bot, me.username) == (True, "herald_test_bot")
    base = f"{sandbox.api_url}/bot{sandbox.token}"
    async with sandbox.http.get(f"{base}/GETME") as response:  # names are case-insensitive
        assert (await response.json())["result"]["id"] == me.id
    async with sandbox.http.post(f"{base}/frobnicate") as response:
        assert (response.status, await response.json()) == (
            404, {"ok": False, "error_code": 404, "description": "Not Found"})
    async with sandbox.http.post(f"{sandbox.api_url}/bot1:nope/getMe") as response:
        assert (await response.json())["description"] == "Unauthorized"
    await sandbox.say(BOB, "hi")
    async with sandbox.http.post(f"{base}/sendMessage",
                                 json={"chat_id": BOB, "text": "json body"}) as response:
        result = (await response.json())["result"]
    assert result["chat"] == {"id": BOB, "type": "private", "first_name": f"User {BOB}"}
    stranger = sandbox.bot("123:wrong")
    with pytest.raises(TelegramUnauthorizedError):
        await stranger.get_me()
    await stranger.session.close()


async def test_updates_offsets_and_long_poll(sandbox: Sandbox, bot: Bot) -> None:
    await sandbox.say(BOB, "/start now", first_name="Bob")
    await sandbox.say(BOB, "second")
    first, second = await bot.get_updates(timeout=0)
    assert first.message.entities[0].type == "bot_command"
    assert first.message.entities[0].length == len("/start")
    assert second.update_id == first.update_id + 1
    assert second.message.message_id == first.message.message_id + 1
    assert [u.update_id for u in await bot.get_updates(offset=second.update_id)] == [
        second.update_id]
    assert await bot.get_updates(offset=second.update_id + 1, timeout=0) == []

    waiting = asyncio.create_task(bot.get_updates(offset=second.update_id + 1, timeout=5))
    await asyncio.sleep(0.1)
    await sandbox.say(BOB, "third")
    [third] = await asyncio.wait_for(waiting, 2)  # answered at once, not after 5 s
    assert third.message.text == "third"


async def test_a_second_poller_terminates_the_first(sandbox: Sandbox, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await asyncio.wait_for(first, 2)
    assert await second == []


async def test_messages_edits_and_their_errors(sandbox: Sandbox, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(BOB, "hello")
    await sandbox.say(BOB, "hi")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(BOB, " ")
    sent = await bot.send_message(BOB, "Pick", reply_markup=keyboard())
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "go"
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new"):
        await bot.edit_message_text("Pick", chat_id=BOB, message_id=sent.message_id,
                                    reply_markup=keyboard())
    edited = await bot.edit_message_reply_markup(chat_id=BOB, message_id=sent.message_id,
                                                 reply_markup=keyboard("other"))
    assert edited.edit_date is not None
    edited = await bot.edit_message_text("Picked", chat_id=BOB, message_id=sent.message_id)
    assert edited.reply_markup is None  # Telegram drops the keyboard an edit doesn't repeat
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=BOB, message_id=999)
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=BOB, message_id=1)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(BOB, "long data", reply_markup=keyboard("x" * 65))
    assert await bot.delete_message(BOB, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(BOB, sent.message_id)
    [received] = await sandbox.control("GET", f"/users/{BOB}/received")
    assert received["deleted"] and received["text"] == "Picked"
    assert [e["text"] for e in received["edits"]] == ["Pick", "Pick"]


async def test_parse_modes_become_entities(sandbox: Sandbox, bot: Bot) -> None:
    await sandbox.say(BOB, "hi")
    html = await bot.send_message(BOB, '<b>Bold</b> &lt;3 <a href="https://x.org">link</a>',
                                  parse_mode="HTML")
    assert html.text == "Bold <3 link"
    assert [(e.type, e.offset, e.length) for e in html.entities] == [
        ("bold", 0, 4), ("text_link", 8, 4)]
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "foo"'):
        await bot.send_message(BOB, "<foo>x</foo>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="Can't find end tag"):
        await bot.send_message(BOB, "<b>open", parse_mode="HTML")
    md = await bot.send_message(BOB, r"*Hi* _you_ 1\.5", parse_mode="MarkdownV2")
    assert md.text == "Hi you 1.5"
    assert [e.type for e in md.entities] == ["bold", "italic"]
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(BOB, "1.5", parse_mode="MarkdownV2")
    emoji = await bot.send_message(BOB, "😀 <i>x</i>", parse_mode="HTML")
    assert emoji.entities[0].offset == 3  # UTF-16 units, as Telegram counts


async def test_files_upload_download_and_resend(sandbox: Sandbox, bot: Bot) -> None:
    await sandbox.say(BOB, "hi")
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(picture, "PNG")
    photo = await bot.send_photo(BOB, BufferedInputFile(picture.getvalue(), "red.png"))
    assert (photo.photo[-1].width, photo.photo[-1].height) == (40, 30)
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(BOB, BufferedInputFile(b"not an image", "x.png"))
    again = await bot.send_photo(BOB, photo.photo[-1].file_id)
    assert again.photo[-1].file_unique_id == photo.photo[-1].file_unique_id
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_document(BOB, photo.photo[-1].file_id)
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_document(BOB, "no-such-file")

    content = base64.b64encode(b"a;b\n1;2\n").decode()
    await sandbox.control("POST", f"/{sandbox.username}/users/{BOB}/documents",
                          json={"file_name": "leads.csv", "mime_type": "text/csv",
                                "content_base64": content, "caption": "my leads"})
    update = (await bot.get_updates(timeout=0))[-1]
    assert update.message.caption == "my leads"
    file = await bot.get_file(update.message.document.file_id)
    assert file.file_path.endswith(".csv")
    downloaded = await bot.download_file(file.file_path)
    assert downloaded.read() == b"a;b\n1;2\n"


async def test_commands_actions_keyboards_and_strangers(sandbox: Sandbox, bot: Bot) -> None:
    assert await bot.set_my_commands([BotCommand(command="start", description="Begin")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Not valid!", description="x")])
    await sandbox.say(BOB, "hi")
    assert await bot.send_chat_action(BOB, "typing")
    reply_keyboard = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Yes")]])
    sent = await bot.send_message(BOB, "Sure?", reply_markup=reply_keyboard)
    assert sent.reply_markup is None  # Telegram returns only inline keyboards
    chat = await sandbox.control("GET", f"/{sandbox.username}/users/{BOB}/chat")
    assert chat["keyboard"]["keyboard"][0][0]["text"] == "Yes"

    other = await sandbox.control("POST", "/", json={"username": "other_bot"})
    await sandbox.control("POST", f"/{other['username']}/users/{BOB + 1}/messages",
                          json={"text": "hello other bot"})
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(BOB + 1, "hello from a bot you never started")
