"""Connecting a Telegram account from the panel (SPEC §7): phone → code → 2FA password, QR
login with its image, or a session string — every step through accounts/signin.py, which
holds the flow's client until the account is saved."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from accounts.signin import (
    CodeExpired,
    CodeSent,
    PasswordNeeded,
    QrCode,
    SignedIn,
    SignInFlows,
    SignInOutcome,
    WrongCode,
    WrongPassword,
)
from panel import keys
from panel.views import flash, form_data, form_text, page_actor

routes = web.RouteTableDef()
FLOWS = web.AppKey("signin_flows", SignInFlows)


async def signin_flows(app: web.Application) -> AsyncIterator[None]:
    """One registry of sign-in flows per panel process; open clients close on shutdown."""
    app[FLOWS] = SignInFlows(app[keys.SETTINGS])
    yield
    await app[FLOWS].close_all()


def _step(outcome: SignInOutcome) -> str:
    if isinstance(outcome, CodeSent | WrongCode | CodeExpired):
        return "code"
    if isinstance(outcome, PasswordNeeded | WrongPassword):
        return "password"
    if isinstance(outcome, QrCode):
        return "qr"
    return "start"


async def _answer(request: web.Request, outcome: SignInOutcome) -> web.StreamResponse:
    if isinstance(outcome, SignedIn):
        flash(request, outcome.text)
        raise web.HTTPSeeOther("/accounts")
    context: dict[str, Any] = {
        "step": _step(outcome),
        "message": outcome.text,
        "ok": not outcome.done,
        "flow_id": getattr(outcome, "flow_id", ""),
    }
    return aiohttp_jinja2.render_template("connect.html", request, context)


@routes.get("/accounts/connect")
async def connect_page(request: web.Request) -> web.StreamResponse:
    await page_actor(request)
    return aiohttp_jinja2.render_template(
        "connect.html", request, {"step": "start", "message": "", "ok": True, "flow_id": ""}
    )


@routes.post("/accounts/connect/phone")
async def connect_phone(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    flows = request.app[FLOWS]
    outcome = await flows.start_phone(
        actor, form_text(form, "phone", 40), shared=form.get("shared") == "on"
    )
    return await _answer(request, outcome)


@routes.post("/accounts/connect/code")
async def connect_code(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    outcome = await request.app[FLOWS].submit_code(
        form_text(form, "flow_id", 100), form_text(form, "code", 40), user_id=actor.user_id
    )
    return await _answer(request, outcome)


@routes.post("/accounts/connect/password")
async def connect_password(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    outcome = await request.app[FLOWS].submit_password(
        form_text(form, "flow_id", 100), form_text(form, "password", 500), user_id=actor.user_id
    )
    return await _answer(request, outcome)


@routes.post("/accounts/connect/qr")
async def connect_qr(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    outcome = await request.app[FLOWS].start_qr(actor, shared=form.get("shared") == "on")
    return await _answer(request, outcome)


@routes.get(r"/accounts/connect/qr/{flow_id:[A-Za-z0-9_\-]{1,100}}")
async def connect_qr_poll(request: web.Request) -> web.StreamResponse:
    """The QR page reloads itself every few seconds (no JavaScript needed) until scanned."""
    actor = await page_actor(request)
    outcome = await request.app[FLOWS].poll_qr(request.match_info["flow_id"], user_id=actor.user_id)
    return await _answer(request, outcome)


@routes.get(r"/accounts/connect/qr/{flow_id:[A-Za-z0-9_\-]{1,100}}.png")
async def connect_qr_image(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    png = request.app[FLOWS].qr_image(request.match_info["flow_id"], user_id=actor.user_id)
    if png is None:
        raise web.HTTPNotFound()
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "no-store"})


@routes.post("/accounts/connect/session")
async def connect_session(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    outcome = await request.app[FLOWS].import_session(
        actor, form_text(form, "session_string", 5000).strip(), shared=form.get("shared") == "on"
    )
    return await _answer(request, outcome)


@routes.post("/accounts/connect/cancel")
async def connect_cancel(request: web.Request) -> web.StreamResponse:
    actor = await page_actor(request)
    form = await form_data(request)
    outcome = await request.app[FLOWS].cancel(
        form_text(form, "flow_id", 100), user_id=actor.user_id
    )
    flash(request, outcome.text)
    raise web.HTTPSeeOther("/accounts")
