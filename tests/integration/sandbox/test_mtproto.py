"""The real Telethon client against the sandbox's MTProto DC: sign-in (code, 2FA, QR),
messages both ways, read receipts, errors Herald must classify, reconnects and catch-up."""

from __future__ import annotations

import asyncio

import pytest
from telethon import events, functions
from telethon.errors import (
    AuthKeyUnregisteredError,
    FloodWaitError,
    InputUserDeactivatedError,
    PasswordHashInvalidError,
    PeerFloodError,
    PhoneCodeInvalidError,
    PhoneNumberUnoccupiedError,
    RandomIdDuplicateError,
    SessionPasswordNeededError,
    SessionRevokedError,
    UserIsBlockedError,
    UsernameNotOccupiedError,
    UserPrivacyRestrictedError,
)
from telethon.network import (
    ConnectionTcpAbridged,
    ConnectionTcpFull,
    ConnectionTcpIntermediate,
    ConnectionTcpObfuscated,
)

from sandbox.server import Sandbox

from .conftest import Clients, Control, eventually

pytestmark = pytest.mark.integration

PHONE = "+15550100"


async def account(control: Control, phone: str = PHONE, **extra: object) -> dict:
    return await control("POST", "/accounts", {"phone": phone, "first_name": "Olga", **extra})


async def lead(control: Control, username: str = "lead_anna", **extra: object) -> dict:
    return await control("POST", "/users", {"first_name": "Anna", "username": username, **extra})


async def test_sign_in_by_code_then_2fa_password(control: Control, clients: Clients) -> None:
    me = await account(control, password="correct horse")
    client = clients.new()
    await client.connect()
    assert not await client.is_user_authorized()
    await client.send_code_request(PHONE)
    code = (await control("GET", f"/login-codes/{PHONE}"))["code"]
    with pytest.raises(PhoneCodeInvalidError):
        await client.sign_in(PHONE, "00000" if code != "00000" else "11111")
    with pytest.raises(SessionPasswordNeededError):
        await client.sign_in(PHONE, code)
    with pytest.raises(PasswordHashInvalidError):
        await client.sign_in(password="wrong")
    user = await client.sign_in(password="correct horse")
    assert user.id == me["id"] and user.is_self

    # The session string alone signs a new client in, as Herald stores it.
    saved = client.session.save()
    again = clients.new(saved)
    await again.connect()
    assert (await again.get_me()).id == me["id"]

    assert await again.log_out()  # the auth key is unbound: the stored session is dead
    dead = clients.new(saved)
    await dead.connect()
    assert not await dead.is_user_authorized()


async def test_qr_login_accepted_by_another_session(control: Control, clients: Clients) -> None:
    me = await account(control)
    phone_app = await clients.signed_in(PHONE)
    desktop = clients.new()
    await desktop.connect()
    qr = await desktop.qr_login()
    assert qr.url.startswith("tg://login?token=")
    waiting = asyncio.ensure_future(qr.wait(timeout=10))
    await asyncio.sleep(0.1)
    await phone_app(functions.auth.AcceptLoginTokenRequest(qr.token))
    user = await waiting  # woken by the pushed updateLoginToken
    assert user.id == me["id"]
    assert (await desktop.get_me()).id == me["id"]


async def test_qr_login_with_2fa_then_import(control: Control, clients: Clients) -> None:
    await account(control, password="pw")
    phone_app = await clients.signed_in(PHONE, "pw")
    desktop = clients.new()
    await desktop.connect()
    qr = await desktop.qr_login()
    await phone_app(functions.auth.AcceptLoginTokenRequest(qr.token))
    with pytest.raises(SessionPasswordNeededError):
        await desktop(functions.auth.ImportLoginTokenRequest(qr.token))
    assert (await desktop.sign_in(password="pw")).first_name == "Olga"


async def test_resolve_send_and_get_reply_and_read_receipt(
    control: Control, clients: Clients
) -> None:
    await account(control)
    anna = await lead(
        control,
        persona={
            "reply_probability": 1.0,
            "reply_texts": ["Sure!"],
            "reply_delay": 0.3,
            "read_delay": 0.1,
        },
    )
    client = await clients.signed_in(PHONE)
    replies: list[events.NewMessage.Event] = []
    reads: list[events.MessageRead.Event] = []
    client.add_event_handler(replies.append, events.NewMessage(incoming=True))
    client.add_event_handler(reads.append, events.MessageRead(inbox=False))

    with pytest.raises(UsernameNotOccupiedError):
        await client(functions.contacts.ResolveUsernameRequest("nobody_here"))
    entity = await client.get_entity("@lead_anna")
    assert entity.id == anna["id"] and entity.access_hash
    sent = await client.send_message(entity, "Hello Anna")

    await eventually(lambda: reads and replies)
    assert reads[0].outbox and reads[0].max_id >= sent.id
    assert replies[0].raw_text == "Sure!" and replies[0].sender_id == anna["id"]
    received = await control("GET", f"/users/{anna['id']}/messages?direction=in")
    assert [m["text"] for m in received] == ["Hello Anna"]
    history = await client.get_messages(entity, limit=10)
    assert [m.message for m in history] == ["Sure!", "Hello Anna"]
    await client.send_read_acknowledge(entity)
    chat = await control("GET", f"/chats/{PHONE}/{anna['id']}")
    assert chat["read_inbox_max_id"] == history[0].id
    dialogs = await client.get_dialogs()
    assert [d.entity.id for d in dialogs] == [anna["id"]]


async def test_flood_wait(control: Control, clients: Clients) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE)
    await control("POST", "/faults/flood-wait", {"seconds": 42, "user": PHONE})
    with pytest.raises(FloodWaitError) as flood:
        await client.send_message("lead_anna", "one")
    assert flood.value.seconds == 42
    assert await control("GET", "/faults") == {"rpc": [], "drop_after": {}, "delay": {}}


async def test_peer_flood(control: Control, clients: Clients) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE)
    await control("POST", "/faults/peer-flood", {"user": PHONE, "count": 2})
    for _ in range(2):
        with pytest.raises(PeerFloodError):
            await client.send_message("lead_anna", "two")
    await client.send_message("lead_anna", "three")  # faults were for the next N calls only


async def test_privacy_restricted(control: Control, clients: Clients) -> None:
    await account(control)
    await lead(control, privacy="nobody")
    client = await clients.signed_in(PHONE)
    with pytest.raises(UserPrivacyRestrictedError):
        await client.send_message("lead_anna", "hi")
    # A lead who wrote first can be answered whatever their privacy.
    await control("POST", "/users/@lead_anna/send", {"to": PHONE, "text": "hi, me first"})
    await client.send_message("lead_anna", "hello back")


# Telegram answers RANDOM_ID_DUPLICATE with code 500, which Telethon retries (sleeping 2 s
# each time) and then hides behind a ValueError unless told to raise the real error.
NO_RETRIES = {"request_retries": 0, "raise_last_call_error": True}


async def test_random_id_reuse_is_a_duplicate(control: Control, clients: Clients) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE, **NO_RETRIES)
    peer = await client.get_input_entity("lead_anna")
    request = functions.messages.SendMessageRequest(peer, "exactly once", random_id=12345)
    await client(request)
    with pytest.raises(RandomIdDuplicateError):
        await client(functions.messages.SendMessageRequest(peer, "exactly once", random_id=12345))
    received = await control("GET", "/users/@lead_anna/messages")
    assert [m["text"] for m in received] == ["exactly once"]


async def test_lost_answer_is_resent_and_found_duplicate(
    control: Control, clients: Clients
) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE, **NO_RETRIES)
    peer = await client.get_input_entity("lead_anna")
    await control("POST", "/faults/drop", {"user": PHONE, "after_calls": 1})
    # The DC carries the send out, then drops the connection before answering; Telethon
    # re-sends after reconnecting and the DC recognises the random_id.
    with pytest.raises(RandomIdDuplicateError):
        await client(functions.messages.SendMessageRequest(peer, "once", random_id=777))
    assert len(await control("GET", "/users/@lead_anna/messages")) == 1


async def test_dropped_connection_then_missed_messages_arrive(
    control: Control, clients: Clients
) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE)
    got: list[str] = []
    client.add_event_handler(lambda e: got.append(e.raw_text), events.NewMessage(incoming=True))
    await client.get_me()
    diffs_before = (await control("GET", "/calls")).get("updates.getDifference", 0)

    await control("POST", "/faults/drop", {"user": PHONE, "down_for": 0.5})
    await control("POST", "/users/@lead_anna/send", {"to": PHONE, "text": "while you were away"})
    await client.get_me()  # waits through Telethon's reconnect
    # The next push reveals a pts gap; Telethon fills it with updates.getDifference.
    await control("POST", "/users/@lead_anna/send", {"to": PHONE, "text": "back again"})
    await eventually(lambda: len(got) == 2)
    assert got == ["while you were away", "back again"]
    diffs = (await control("GET", "/calls"))["updates.getDifference"]
    assert diffs > diffs_before

    # A client that was offline catches up on connect (catch_up=True).
    await client.disconnect()
    await control("POST", "/users/@lead_anna/send", {"to": PHONE, "text": "offline one"})
    await client.connect()
    await eventually(lambda: len(got) == 3)
    assert got[-1] == "offline one"
    assert (await control("GET", "/calls"))["updates.getDifference"] > diffs


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        ("AUTH_KEY_UNREGISTERED", AuthKeyUnregisteredError),
        ("SESSION_REVOKED", SessionRevokedError),
    ],
)
async def test_revoked_session(
    control: Control, clients: Clients, error: str, raised: type[Exception]
) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE)
    await client.send_message("lead_anna", "before")
    assert (await control("POST", f"/users/{PHONE}/revoke", {"error": error}))["revoked"] == 1
    with pytest.raises(raised):
        await client.send_message("lead_anna", "after")


@pytest.mark.parametrize(
    "connection",
    [ConnectionTcpFull, ConnectionTcpAbridged, ConnectionTcpIntermediate, ConnectionTcpObfuscated],
)
async def test_transports(control: Control, clients: Clients, connection: type) -> None:
    me = await account(control)
    client = await clients.signed_in(PHONE, connection=connection)
    assert (await client.get_me()).id == me["id"]


async def test_slow_responses(control: Control, clients: Clients) -> None:
    await account(control)
    client = await clients.signed_in(PHONE)
    await control("POST", "/faults/slow", {"user": PHONE, "seconds": 0.3})
    started = asyncio.get_running_loop().time()
    await client.get_me(input_peer=False)
    await client(functions.updates.GetStateRequest())
    assert asyncio.get_running_loop().time() - started >= 0.3
    await control("DELETE", "/faults")


async def test_personas_that_block_or_never_answer(control: Control, clients: Clients) -> None:
    await account(control)
    await lead(control, "silent_sam", persona={"reply_probability": 0, "read_delay": None})
    await lead(control, "blocking_bo", persona={"block": True})
    client = await clients.signed_in(PHONE)
    await client.send_message("silent_sam", "hello?")
    await client.send_message("blocking_bo", "hello?")  # delivered, then they block us
    with pytest.raises(UserIsBlockedError):
        await client.send_message("blocking_bo", "hello again")
    await asyncio.sleep(0.2)
    chat = await control("GET", f"/chats/{PHONE}/@silent_sam")
    assert chat["read_outbox_max_id"] == 0 and len(chat["messages"]) == 1


async def test_deactivated_lead_and_unknown_phone(control: Control, clients: Clients) -> None:
    await account(control)
    anna = await lead(control)
    client = await clients.signed_in(PHONE)
    entity = await client.get_input_entity("lead_anna")
    await control("PATCH", f"/users/{anna['id']}", {"deactivated": True})
    with pytest.raises(InputUserDeactivatedError):
        await client.send_message(entity, "hi")
    stranger = clients.new()
    await stranger.connect()
    await stranger.send_code_request("+15550199")
    code = (await control("GET", "/login-codes/+15550199"))["code"]
    with pytest.raises(PhoneNumberUnoccupiedError):
        await stranger.sign_in("+15550199", code)


async def test_read_while_offline_shows_in_dialogs(control: Control, clients: Clients) -> None:
    await account(control)
    await lead(control)
    client = await clients.signed_in(PHONE)
    sent = await client.send_message("lead_anna", "did you read this?")
    await client.disconnect()
    await control("POST", "/users/@lead_anna/read", {"peer": PHONE})
    await client.connect()
    peer = await client.get_input_entity("lead_anna")
    result = await client(functions.messages.GetPeerDialogsRequest([peer]))
    assert result.dialogs[0].read_outbox_max_id == sent.id


async def test_sandbox_describes_itself(telegram: Sandbox, control: Control) -> None:
    info = await control("GET", "/")
    assert info["dc_port"] == telegram.dc_port and info["api_id"] == telegram.api_id
    assert telegram.public_key_path.read_text().startswith("-----BEGIN RSA PUBLIC KEY-----")
    if telegram.bots is not None:
        assert info["bot_token"] and info["bot_api_url"].startswith("http://127.0.0.1:")


def test_auth_keys_are_always_256_bytes():
    """Regression: a g_ab with a leading zero byte used to give a 255-byte key, which a
    saved StringSession pads back to 256 bytes, so the reloaded session was unknown (-404)."""
    from telethon.sessions import StringSession

    from sandbox.crypto import shared_auth_key

    key = shared_auth_key(2, 1)  # g_ab = 2: 255 leading zero bytes
    assert len(key.key) == 256
    session = StringSession()
    session.set_dc(2, "127.0.0.1", 443)
    session.auth_key = key
    assert StringSession(session.save()).auth_key.key_id == key.key_id
