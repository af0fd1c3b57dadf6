"""Connecting accounts through Herald's sign-in flows, with the real Telethon client against
the sandbox: phone + code (+ 2FA), QR (+ 2FA), session import, and every way they go wrong."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from telethon import errors, functions

from accounts.signin import (
    Cancelled,
    CodeExpired,
    CodeSent,
    Failed,
    FloodWait,
    FlowExpired,
    PasswordNeeded,
    PhoneInvalid,
    PhoneUnknown,
    QrCode,
    SessionRejected,
    SignedIn,
    SignInFlows,
    WrongCode,
    WrongPassword,
)
from accounts.store import session_string
from models import AccountStatus, TelegramAccount

from .conftest import PHONE, Control, Phones, make_account

pytestmark = pytest.mark.integration


async def code_for(control: Control, phone: str = PHONE) -> str:
    return (await control("GET", f"/login-codes/{phone}"))["code"]


def wrong(code: str) -> str:
    return "00000" if code != "00000" else "11111"


async def test_phone_sign_in_without_2fa(control, flows, actor, settings) -> None:
    me = await make_account(control, username="olga")
    sent = await flows.start_phone(actor, "+1 555 010-0")
    assert isinstance(sent, CodeSent) and sent.phone == PHONE and not sent.done
    assert "spaces or dashes" in sent.text
    code = await code_for(control)
    assert isinstance(await flows.submit_code(sent.flow_id, wrong(code)), WrongCode)
    assert isinstance(await flows.submit_code(sent.flow_id, "not a code"), WrongCode)
    done = await flows.submit_code(sent.flow_id, " ".join(code))
    assert isinstance(done, SignedIn) and done.done
    assert done.identity.telegram_user_id == me["id"] and done.identity.username == "olga"
    assert len(flows) == 0  # the flow's client let go of the account

    account = await TelegramAccount.get(id=done.account_id)
    assert account.status is AccountStatus.CONNECTED
    assert account.created_by_id == actor.user_id and account.telegram_user_id == me["id"]
    assert account.phone == PHONE and account.username == "olga"
    assert account.last_checked_at is not None
    assert datetime.now(UTC) - account.last_checked_at < timedelta(minutes=1)
    # The stored session is the live one: a runner can open it.
    assert session_string(settings, account).startswith("1")
    # The flow is over: its id no longer answers.
    assert isinstance(await flows.submit_code(sent.flow_id, code), FlowExpired)


async def test_phone_sign_in_with_2fa_and_wrong_password(control, flows, actor) -> None:
    me = await make_account(control, password="correct horse")
    await control("PATCH", f"/users/{me['id']}", {"password_hint": "a horse"})
    sent = await flows.start_phone(actor, PHONE)
    asked = await flows.submit_code(sent.flow_id, await code_for(control))
    assert isinstance(asked, PasswordNeeded) and asked.hint == "a horse"
    out_of_turn = await flows.submit_code(sent.flow_id, "12345")
    assert isinstance(out_of_turn, Failed) and "password" in out_of_turn.text
    bad = await flows.submit_password(sent.flow_id, "wrong")
    assert isinstance(bad, WrongPassword) and bad.hint == "a horse" and not bad.done
    done = await flows.submit_password(sent.flow_id, "correct horse")
    assert isinstance(done, SignedIn)
    assert (await TelegramAccount.get(id=done.account_id)).status is AccountStatus.CONNECTED


async def test_code_expired_then_a_new_code(control, flows, actor, telegram) -> None:
    await make_account(control)
    sent = await flows.start_phone(actor, PHONE)
    code = await code_for(control)
    for sent_code in telegram.world.login_codes.values():
        sent_code["sent"] -= 3600  # its ten minutes are long gone
    assert isinstance(await flows.submit_code(sent.flow_id, code), CodeExpired)
    again = await flows.resend_code(sent.flow_id)
    assert isinstance(again, CodeSent) and again.flow_id == sent.flow_id
    assert isinstance(await flows.submit_code(sent.flow_id, await code_for(control)), SignedIn)


async def test_unknown_and_invalid_phones(control, flows, actor) -> None:
    assert isinstance(await flows.start_phone(actor, "call me"), PhoneInvalid)
    sent = await flows.start_phone(actor, "+15550199")
    assert isinstance(sent, CodeSent)
    unknown = await flows.submit_code(sent.flow_id, await code_for(control, "+15550199"))
    assert isinstance(unknown, PhoneUnknown) and "sign up" in unknown.text
    assert len(flows) == 0


async def test_flood_wait_on_send_code(control, flows, actor) -> None:
    await make_account(control)
    await control("POST", "/faults/flood-wait", {"seconds": 300, "method": "auth.sendCode"})
    answer = await flows.start_phone(actor, PHONE)
    assert isinstance(answer, FloodWait) and answer.seconds == 300
    assert "5 min" in answer.text and len(flows) == 0


async def test_cancel_and_abandoned_flows_are_closed(control, flows, actor, settings) -> None:
    await make_account(control)
    sent = await flows.start_phone(actor, PHONE)
    assert isinstance(await flows.cancel(sent.flow_id), Cancelled)
    assert isinstance(await flows.submit_code(sent.flow_id, "12345"), FlowExpired)

    now = [1000.0]
    swept = SignInFlows(settings, ttl_seconds=600, clock=lambda: now[0])
    first = await swept.start_phone(actor, PHONE)
    second = await swept.start_qr(actor)
    assert len(swept) == 2
    now[0] += 300
    assert isinstance(await swept.poll_qr(second.flow_id), QrCode)  # touching it keeps it
    now[0] += 301
    assert await swept.sweep() == 1  # the phone flow nobody touched for 10 min
    assert isinstance(await swept.submit_code(first.flow_id, "12345"), FlowExpired)
    now[0] += 600
    assert isinstance(await swept.poll_qr(second.flow_id), FlowExpired)
    assert len(swept) == 0


async def test_qr_sign_in_accepted_from_another_session(
    control, flows, actor, phones: Phones
) -> None:
    me = await make_account(control)
    phone_app = await phones.signed_in()
    shown = await flows.start_qr(actor)
    assert isinstance(shown, QrCode) and shown.url.startswith("tg://login?token=")
    assert shown.png.startswith(b"\x89PNG") and shown.renewed
    waiting = await flows.poll_qr(shown.flow_id)
    assert isinstance(waiting, QrCode) and not waiting.renewed and waiting.url == shown.url

    polled = asyncio.ensure_future(flows.poll_qr(shown.flow_id, wait=10))
    await asyncio.sleep(0.1)
    token = flows._flows[shown.flow_id].qr_token
    await phone_app(functions.auth.AcceptLoginTokenRequest(token))
    done = await asyncio.wait_for(polled, 5)  # woken by the pushed updateLoginToken
    assert isinstance(done, SignedIn) and done.identity.telegram_user_id == me["id"]
    account = await TelegramAccount.get(id=done.account_id)
    assert account.status is AccountStatus.CONNECTED and len(flows) == 0


async def test_qr_with_2fa(control, flows, actor, phones: Phones) -> None:
    await make_account(control, password="pw")
    phone_app = await phones.signed_in(password="pw")
    shown = await flows.start_qr(actor)
    await phone_app(functions.auth.AcceptLoginTokenRequest(flows._flows[shown.flow_id].qr_token))
    asked = await flows.poll_qr(shown.flow_id, wait=5)
    assert isinstance(asked, PasswordNeeded)
    assert isinstance(await flows.submit_password(shown.flow_id, "nope"), WrongPassword)
    assert isinstance(await flows.submit_password(shown.flow_id, "pw"), SignedIn)


async def test_qr_expiry_renews_the_token(control, flows, actor, telegram, phones) -> None:
    await make_account(control)
    phone_app = await phones.signed_in()
    shown = await flows.start_qr(actor)
    flow = flows._flows[shown.flow_id]
    old = flow.qr_token
    # Thirty seconds pass: Telegram's token and Herald's copy of its expiry both run out.
    telegram.world.login_tokens[old].expires -= 40
    flow.qr_expires_at = datetime.now(UTC) - timedelta(seconds=10)
    renewed = await flows.poll_qr(shown.flow_id)
    assert isinstance(renewed, QrCode) and renewed.renewed and renewed.url != shown.url
    assert renewed.expires_at > datetime.now(UTC) + timedelta(seconds=20)
    with pytest.raises(errors.AuthTokenInvalidError):
        await phone_app(functions.auth.AcceptLoginTokenRequest(old))
    await phone_app(functions.auth.AcceptLoginTokenRequest(flow.qr_token))
    assert isinstance(await flows.poll_qr(shown.flow_id, wait=5), SignedIn)


async def test_cancel_wakes_a_waiting_qr_poll(control, flows, actor) -> None:
    shown = await flows.start_qr(actor)
    polled = asyncio.ensure_future(flows.poll_qr(shown.flow_id, wait=20))
    await asyncio.sleep(0.1)
    await flows.cancel(shown.flow_id)
    assert isinstance(await asyncio.wait_for(polled, 2), Cancelled)


async def test_session_import(control, flows, actor, phones: Phones) -> None:
    me = await make_account(control)
    elsewhere = await phones.signed_in()
    saved = elsewhere.session.save()
    done = await flows.import_session(actor, saved, shared=True)
    assert isinstance(done, SignedIn) and done.identity.telegram_user_id == me["id"]
    account = await TelegramAccount.get(id=done.account_id)
    assert account.shared and account.status is AccountStatus.CONNECTED

    rejected = await flows.import_session(actor, "garbage")
    assert isinstance(rejected, SessionRejected) and "not a Telethon session" in rejected.text
    await elsewhere.log_out()
    dead = await flows.import_session(actor, saved)
    assert isinstance(dead, SessionRejected) and "does not work" in dead.text


async def test_only_the_user_who_started_a_flow_can_continue_it(control, flows, actor) -> None:
    """Someone else holding the flow id (a leaked link, a shared screen) gets the answer for an
    unknown flow, and the flow stays intact for its owner."""
    await make_account(control)
    sent = await flows.start_phone(actor, PHONE)
    assert isinstance(sent, CodeSent)
    code = await code_for(control)
    stranger = actor.user_id + 1
    assert isinstance(await flows.submit_code(sent.flow_id, code, user_id=stranger), FlowExpired)
    assert isinstance(await flows.cancel(sent.flow_id, user_id=stranger), Cancelled)
    assert flows.qr_image(sent.flow_id, user_id=stranger) is None
    done = await flows.submit_code(sent.flow_id, code, user_id=actor.user_id)
    assert isinstance(done, SignedIn)
