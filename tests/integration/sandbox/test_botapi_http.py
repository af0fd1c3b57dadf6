"""The Bot API and its control routes over raw HTTP: the body encodings other clients use,
webhook bookkeeping, allowed_updates, and the control routes' own errors."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from tests.integration.sandbox.botapi_fixtures import Sandbox, eventually, sandbox

__all__ = ["sandbox"]  # a fixture, imported so pytest finds it
pytestmark = pytest.mark.integration
CAROL = 701


async def call(sandbox: Sandbox, method: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    http_method = "GET" if "params" in kwargs else "POST"
    url = f"{sandbox.api_url}/bot{sandbox.token}/{method}"
    async with sandbox.http.request(http_method, url, **kwargs) as response:
        return response.status, await response.json()


async def test_query_string_urlencoded_and_raw_multipart(sandbox: Sandbox) -> None:
    await sandbox.say(CAROL, "hi", first_name="Carol")
    status, body = await call(sandbox, "sendmessage", params={"chat_id": str(CAROL),
                                                              "text": "from a GET"})
    assert (status, body["result"]["text"]) == (200, "from a GET")
    markup = '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}'
    status, body = await call(sandbox, "sendMessage", data={"chat_id": CAROL, "text": "form",
                                                            "reply_markup": markup})
    assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
    form = aiohttp.FormData()
    form.add_field("chat_id", str(CAROL))
    form.add_field("document", b"raw bytes", filename="raw.bin")
    status, body = await call(sandbox, "sendDocument", data=form)
    assert body["result"]["document"]["file_name"] == "raw.bin"
    status, body = await call(sandbox, "sendMessage", json={"chat_id": CAROL, "text": "x",
                                                            "reply_markup": {"bad": 1}})
    assert body == {"ok": False, "error_code": 400,
                    "description": "Bad Request: can't parse reply keyboard markup JSON object"}


async def test_webhook_bookkeeping(sandbox: Sandbox) -> None:
    await sandbox.say(CAROL, "before the webhook")
    status, body = await call(sandbox, "setWebhook", json={"url": "http://127.0.0.1:9/hook"})
    assert body == {"ok": True, "result": True, "description": "Webhook was set"}

    async def failing() -> Any:
        info = (await call(sandbox, "getWebhookInfo"))[1]["result"]
        return info if "last_error_message" in info else None

    info = await eventually(failing)
    assert info["last_error_message"] == "Connection refused"
    assert info["pending_update_count"] == 1
    status, body = await call(sandbox, "getUpdates")
    assert status == 409
    status, body = await call(sandbox, "deleteWebhook", json={"drop_pending_updates": True})
    assert body["description"] == "Webhook was deleted"
    assert (await call(sandbox, "getWebhookInfo"))[1]["result"] == {
        "url": "", "has_custom_certificate": False, "pending_update_count": 0}
    status, body = await call(sandbox, "setWebhook", json={"url": "http://x/",
                                                           "secret_token": "no spaces"})
    assert body["description"] == "Bad Request: secret token contains unallowed characters"


async def test_allowed_updates_and_negative_offset(sandbox: Sandbox) -> None:
    await call(sandbox, "getUpdates", json={"allowed_updates": ["callback_query"]})
    await sandbox.say(CAROL, "ignored: the bot asked for callback queries only")
    assert (await call(sandbox, "getUpdates"))[1]["result"] == []
    await call(sandbox, "getUpdates", json={"allowed_updates": []})  # back to the default
    for text in ("one", "two", "three"):
        await sandbox.say(CAROL, text)
    [last] = (await call(sandbox, "getUpdates", json={"offset": -1}))[1]["result"]
    assert last["message"]["text"] == "three"
    assert len((await call(sandbox, "getUpdates"))[1]["result"]) == 1


async def test_control_routes(sandbox: Sandbox) -> None:
    bots = await sandbox.control("GET", "/")
    assert bots[0]["username"] == "herald_test_bot"
    async with sandbox.http.post(f"{sandbox.control_url}/nobody_bot/users/1/messages",
                                 json={"text": "hi"}) as response:
        assert response.status == 404
    sent = await sandbox.say(CAROL, "hi")
    async with sandbox.http.post(f"{sandbox.control_url}/{sandbox.username}/users/{CAROL}/press",
                                 json={"message_id": sent["message"]["message_id"],
                                       "callback_data": "x"}) as response:
        assert response.status == 404  # a user's own message has no buttons

    _, body = await call(sandbox, "sendMessage", json={
        "chat_id": CAROL, "text": "choose",
        "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}})
    pressed = await sandbox.control(
        "POST", f"/{sandbox.username}/users/{CAROL}/press",
        json={"message_id": body["result"]["message_id"], "callback_data": "a", "wait": 0.1})
    assert not pressed["answered"]  # nobody answered within 0.1 s
    _, body = await call(sandbox, "answerCallbackQuery",
                              json={"callback_query_id": pressed["callback_query_id"],
                                    "text": "late"})
    assert body["ok"]
    _status, body = await call(sandbox, "answerCallbackQuery",
                              json={"callback_query_id": pressed["callback_query_id"]})
    assert body["description"].startswith("Bad Request: query is too old")

    info = await sandbox.control("GET", f"/{sandbox.username}")
    assert info["webhook"]["pending_update_count"] == len(info["pending_updates"]) == 2
