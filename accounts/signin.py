"""Connecting a Telegram account, one request at a time, so a chat or a web page can drive
it: phone → code → 2FA password; QR login (renewed every 30 s) → 2FA; session import.
Each step answers with a small typed outcome, never a stack trace. A flow holds its own
client only until the account is saved (SPEC §7); abandoned flows are swept."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar, Literal

import qrcode
from telethon import TelegramClient, errors, events, functions
from telethon.tl import types

from accounts.client import disconnect, make_client, session_of
from accounts.health import check_session, identity_of
from accounts.outcomes import OutcomeKind, translate
from accounts.sessions import check_session_string
from accounts.store import Identity, save_account
from core.errors import HeraldError
from core.permissions import Actor
from core.settings import Settings

log = logging.getLogger(__name__)

# An abandoned flow (nobody typed the code, nobody scanned the QR) is closed after this.
FLOW_TTL_SECONDS = 600.0
# Renew a QR token this long before Telegram's expiry, so a scan never meets a dead one.
QR_RENEW_MARGIN_SECONDS = 1.0


# ---------------------------------------------------------------- outcomes


class SignInOutcome:
    """What a step answered. `done` means the flow is over (its client is closed);
    otherwise the outcome carries the `flow_id` to continue with. `text` is one plain
    sentence for the user."""

    done: ClassVar[bool] = True

    @property
    def text(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class CodeSent(SignInOutcome):
    done: ClassVar[bool] = False
    flow_id: str
    phone: str
    via: Literal["app", "sms", "other"]

    @property
    def text(self) -> str:
        where = "in the Telegram app" if self.via == "app" else "by SMS"
        if self.via == "other":
            where = "by Telegram"
        return (
            f"A login code was sent {where} to {self.phone}. Type it with spaces or dashes "
            "(1 2 3 4 5): Telegram voids a code that is sent inside Telegram as it is."
        )


@dataclass(frozen=True)
class QrCode(SignInOutcome):
    done: ClassVar[bool] = False
    flow_id: str
    url: str
    png: bytes = field(repr=False)
    expires_at: datetime
    # True when this is a new token (show the new image); False when it is still the same.
    renewed: bool

    @property
    def text(self) -> str:
        return (
            "Open Telegram on your phone: Settings → Devices → Link Desktop Device, "
            "and scan this code."
        )


@dataclass(frozen=True)
class PasswordNeeded(SignInOutcome):
    done: ClassVar[bool] = False
    flow_id: str
    hint: str = ""

    @property
    def text(self) -> str:
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"This account has two-step verification: send its password{hint}."


@dataclass(frozen=True)
class WrongCode(SignInOutcome):
    done: ClassVar[bool] = False
    flow_id: str

    @property
    def text(self) -> str:
        return "That code is not right; check it and type it again (with spaces or dashes)."


@dataclass(frozen=True)
class CodeExpired(SignInOutcome):
    done: ClassVar[bool] = False
    flow_id: str

    @property
    def text(self) -> str:
        return "That code has expired; ask for a new one."


@dataclass(frozen=True)
class WrongPassword(SignInOutcome):
    done: ClassVar[bool] = False
    flow_id: str
    hint: str = ""

    @property
    def text(self) -> str:
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"That password is not right; try again{hint}."


@dataclass(frozen=True)
class SignedIn(SignInOutcome):
    account_id: int
    identity: Identity

    @property
    def text(self) -> str:
        who = f"@{self.identity.username}" if self.identity.username else self.identity.first_name
        return f"Account {who} is connected."


@dataclass(frozen=True)
class FloodWait(SignInOutcome):
    seconds: int

    @property
    def text(self) -> str:
        return f"Telegram asks to wait {_duration(self.seconds)} before trying again."


@dataclass(frozen=True)
class PhoneInvalid(SignInOutcome):
    @property
    def text(self) -> str:
        return "That is not a phone number Telegram accepts; send it with the country code."


@dataclass(frozen=True)
class PhoneUnknown(SignInOutcome):
    @property
    def text(self) -> str:
        return "This phone number has no Telegram account; sign up in the Telegram app first."


@dataclass(frozen=True)
class SessionRejected(SignInOutcome):
    reason: str

    @property
    def text(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Cancelled(SignInOutcome):
    @property
    def text(self) -> str:
        return "Connecting the account was cancelled."


@dataclass(frozen=True)
class FlowExpired(SignInOutcome):
    @property
    def text(self) -> str:
        return "This sign-in has expired or is already finished; start again."


@dataclass(frozen=True)
class Failed(SignInOutcome):
    reason: str

    @property
    def text(self) -> str:
        return self.reason


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"


# ---------------------------------------------------------------- typed input


def normalize_code(text: str) -> str | None:
    """`1 2 3 4 5`, `12-345`, `12.345` → `12345`; None when it is not a login code."""
    digits = re.sub(r"[\s\-._·]", "", text or "")
    return digits if digits.isdigit() and 4 <= len(digits) <= 8 else None


def normalize_phone(text: str) -> str | None:
    """`+1 (555) 010-0123` → `+15550100123`; None unless 7–15 digits, optionally after +
    or 00 (numbers are taken as international)."""
    cleaned = re.sub(r"[\s\-().]", "", text or "")
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    digits = cleaned.removeprefix("+")
    if not digits.isdigit() or not 7 <= len(digits) <= 15 or digits.startswith("0"):
        return None
    return "+" + digits


def qr_png(url: str) -> bytes:
    image = qrcode.make(url, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def login_url(token: bytes) -> str:
    return "tg://login?token=" + base64.urlsafe_b64encode(token).decode().rstrip("=")


# ---------------------------------------------------------------- flows


@dataclass(eq=False)
class _Flow:
    id: str
    actor: Actor
    shared: bool
    client: TelegramClient
    expires_at: float
    awaiting: Literal["code", "password", "qr"]
    phone: str = ""
    hint: str = ""
    qr_token: bytes = b""
    qr_expires_at: datetime | None = None
    closed: bool = False
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Set when Telegram pushes updateLoginToken (the QR was scanned) or the flow closes.
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class SignInFlows:
    """The in-process registry of sign-in flows, keyed by an unguessable flow id. One per
    process (the bot and the panel each hold theirs); `close_all()` on shutdown."""

    def __init__(
        self,
        settings: Settings,
        *,
        ttl_seconds: float = FLOW_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.ttl_seconds = ttl_seconds
        self.clock = clock
        self._flows: dict[str, _Flow] = {}

    def __len__(self) -> int:
        return len(self._flows)

    # -- phone and code

    async def start_phone(
        self, actor: Actor, phone: str, *, shared: bool = False
    ) -> CodeSent | PhoneInvalid | FloodWait | Failed:
        await self.sweep()
        number = normalize_phone(phone)
        if number is None:
            return PhoneInvalid()
        client = make_client(self.settings)
        try:
            await client.connect()
            sent = await client.send_code_request(number)
        except errors.PhoneNumberInvalidError:
            await disconnect(client)
            return PhoneInvalid()
        except Exception as exc:
            await disconnect(client)
            return _failure(exc, "sending the login code")
        flow = self._open(actor, shared, client, "code", phone=number)
        return CodeSent(flow.id, number, _code_channel(sent))

    async def resend_code(
        self, flow_id: str, *, user_id: int | None = None
    ) -> CodeSent | FlowExpired | FloodWait | Failed:
        async def step(flow: _Flow) -> CodeSent:
            sent = await flow.client.send_code_request(flow.phone)
            flow.awaiting = "code"
            return CodeSent(flow.id, flow.phone, _code_channel(sent))

        return await self._step(flow_id, step, "sending a new login code", ("code",), user_id)

    async def submit_code(
        self, flow_id: str, text: str, *, user_id: int | None = None
    ) -> SignInOutcome:
        code = normalize_code(text)

        async def step(flow: _Flow) -> SignInOutcome:
            if code is None:
                return WrongCode(flow.id)
            try:
                user = await flow.client.sign_in(flow.phone, code)
            except (errors.PhoneCodeInvalidError, errors.PhoneCodeEmptyError):
                return WrongCode(flow.id)
            except errors.PhoneCodeExpiredError:
                return CodeExpired(flow.id)
            except errors.SessionPasswordNeededError:
                return await self._password_needed(flow)
            except errors.PhoneNumberUnoccupiedError:
                await self._close(flow)
                return PhoneUnknown()
            return await self._finish(flow, user)

        return await self._step(flow_id, step, "checking the code", ("code",), user_id)

    # -- 2FA

    async def submit_password(
        self, flow_id: str, password: str, *, user_id: int | None = None
    ) -> SignInOutcome:
        async def step(flow: _Flow) -> SignInOutcome:
            if not password:
                return WrongPassword(flow.id, flow.hint)
            try:
                user = await flow.client.sign_in(password=password)
            except errors.PasswordHashInvalidError:
                return WrongPassword(flow.id, flow.hint)
            return await self._finish(flow, user)

        return await self._step(flow_id, step, "checking the password", ("password",), user_id)

    # -- QR

    async def start_qr(self, actor: Actor, *, shared: bool = False) -> QrCode | FloodWait | Failed:
        await self.sweep()
        client = make_client(self.settings)
        flow = _Flow("", actor, shared, client, 0.0, "qr")

        async def scanned(_update: types.UpdateLoginToken) -> None:
            flow.wake.set()

        client.add_event_handler(scanned, events.Raw(types.UpdateLoginToken))
        try:
            await client.connect()
            answer = await client(self._export_request())
        except Exception as exc:
            await disconnect(client)
            return _failure(exc, "preparing the QR code")
        if not isinstance(answer, types.auth.LoginToken):
            await disconnect(client)
            return Failed("Telegram answered the QR request unexpectedly; try again.")
        self._register(flow)
        return self._qr(flow, answer, renewed=True)

    async def poll_qr(
        self, flow_id: str, wait: float = 0.0, *, user_id: int | None = None
    ) -> SignInOutcome:
        """Has the QR been scanned? Waits up to `wait` s for the scan (a page long-polls, a
        chat polls every few seconds); renews the token when it is about to expire."""

        async def step(flow: _Flow) -> SignInOutcome:
            assert flow.qr_expires_at is not None
            left = (flow.qr_expires_at - datetime.now(UTC)).total_seconds()
            left -= QR_RENEW_MARGIN_SECONDS
            if not flow.wake.is_set() and wait > 0 and left > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(flow.wake.wait(), timeout=min(wait, left))
                left = (flow.qr_expires_at - datetime.now(UTC)).total_seconds()
                left -= QR_RENEW_MARGIN_SECONDS
            if flow.closed:
                return Cancelled()
            if not flow.wake.is_set() and left > 0:
                url = login_url(flow.qr_token)
                return QrCode(flow.id, url, qr_png(url), flow.qr_expires_at, renewed=False)
            flow.wake.clear()
            try:
                answer = await flow.client(self._export_request())
                if isinstance(answer, types.auth.LoginTokenMigrateTo):
                    # The account lives in another DC: Telethon's own QR login does the same.
                    await flow.client._switch_dc(answer.dc_id)
                    answer = await flow.client(functions.auth.ImportLoginTokenRequest(answer.token))
            except errors.SessionPasswordNeededError:
                return await self._password_needed(flow)
            if isinstance(answer, types.auth.LoginTokenSuccess):
                user = answer.authorization.user
                await flow.client._on_login(user)  # as Telethon's QRLogin.wait does
                return await self._finish(flow, user)
            if isinstance(answer, types.auth.LoginToken):
                return self._qr(flow, answer, renewed=True)
            return Failed("Telegram answered the QR request unexpectedly; try again.")

        return await self._step(flow_id, step, "waiting for the QR scan", ("qr",), user_id)

    def _export_request(self) -> functions.auth.ExportLoginTokenRequest:
        return functions.auth.ExportLoginTokenRequest(
            self.settings.telegram.api_id, self.settings.telegram.api_hash, except_ids=[]
        )

    def _qr(self, flow: _Flow, answer: types.auth.LoginToken, *, renewed: bool) -> QrCode:
        flow.qr_token, flow.qr_expires_at = answer.token, answer.expires
        url = login_url(answer.token)
        return QrCode(flow.id, url, qr_png(url), answer.expires, renewed=renewed)

    def qr_image(self, flow_id: str, *, user_id: int | None = None) -> bytes | None:
        """The PNG of the flow's current QR token (for a page that polls for the state and
        loads the image separately); None when there is no such QR flow."""
        flow = self._owned(flow_id, user_id)
        if flow is None or flow.awaiting != "qr" or not flow.qr_token:
            return None
        return qr_png(login_url(flow.qr_token))

    # -- session string

    async def import_session(
        self, actor: Actor, session_string: str, *, shared: bool = False
    ) -> SignedIn | SessionRejected | Failed:
        """Validated by connecting (get_me) before anything is saved."""
        try:
            check_session_string(session_string)
        except HeraldError as exc:
            return SessionRejected(exc.message)
        health = await check_session(self.settings, session_string)
        if health.identity is None:
            problem = health.problem
            if problem is not None and problem.kind is OutcomeKind.TRANSIENT:
                return Failed("Telegram could not be reached to check the session; try again.")
            reason = problem.reason if problem is not None else "The session is signed out."
            return SessionRejected(f"The session does not work: {reason}")
        try:
            account = await save_account(
                self.settings, actor, session_string, health.identity, shared=shared
            )
        except HeraldError as exc:
            return Failed(exc.message)
        return SignedIn(account.id, health.identity)

    # -- lifecycle

    async def cancel(self, flow_id: str, *, user_id: int | None = None) -> Cancelled:
        flow = self._owned(flow_id, user_id)
        if flow is not None:
            await self._close(flow)
        return Cancelled()

    async def sweep(self) -> int:
        """Close the flows nobody touched for the TTL; returns how many."""
        now = self.clock()
        stale = [f for f in self._flows.values() if f.expires_at <= now and not f.lock.locked()]
        for flow in stale:
            await self._close(flow)
        return len(stale)

    async def sweep_forever(self, every_seconds: float = 30.0) -> None:
        """Run as a task next to the bot or the panel; cancelled on shutdown."""
        while True:
            await asyncio.sleep(every_seconds)
            try:
                await self.sweep()
            except Exception:  # a sweep must never die of one broken client
                log.exception("sign-in flow sweep failed")

    async def close_all(self) -> None:
        for flow in list(self._flows.values()):
            await self._close(flow)

    # -- internals

    def _open(
        self,
        actor: Actor,
        shared: bool,
        client: TelegramClient,
        awaiting: Literal["code", "password", "qr"],
        *,
        phone: str = "",
    ) -> _Flow:
        flow = _Flow("", actor, shared, client, 0.0, awaiting, phone=phone)
        self._register(flow)
        return flow

    def _register(self, flow: _Flow) -> None:
        flow.id = secrets.token_urlsafe(16)
        flow.expires_at = self.clock() + self.ttl_seconds
        self._flows[flow.id] = flow

    async def _close(self, flow: _Flow) -> None:
        self._flows.pop(flow.id, None)
        if flow.closed:
            return
        flow.closed = True
        flow.wake.set()
        try:
            await disconnect(flow.client)
        except Exception:  # closing must not fail because the connection already broke
            log.warning("sign-in flow %s: disconnect failed", flow.id, exc_info=True)

    def _owned(self, flow_id: str, user_id: int | None) -> _Flow | None:
        """The flow, if it exists and (when the caller says who is asking) that user started
        it: someone else holding the id gets the same answer as for an unknown flow."""
        flow = self._flows.get(flow_id)
        if flow is None or (user_id is not None and flow.actor.user_id != user_id):
            return None
        return flow

    async def _step(
        self,
        flow_id: str,
        step: Callable[[_Flow], Awaitable[SignInOutcome]],
        doing: str,
        awaiting: tuple[str, ...],
        user_id: int | None = None,
    ) -> SignInOutcome:
        flow = self._owned(flow_id, user_id)
        if flow is None or flow.closed:
            return FlowExpired()
        if flow.expires_at <= self.clock():
            await self._close(flow)
            return FlowExpired()
        async with flow.lock:
            if flow.closed:
                return Cancelled()
            if flow.awaiting not in awaiting:
                return Failed(_wrong_step(flow.awaiting))
            flow.expires_at = self.clock() + self.ttl_seconds
            try:
                outcome = await step(flow)
            except Exception as exc:
                if flow.closed:
                    return Cancelled()
                await self._close(flow)
                return _failure(exc, doing)
        if outcome.done and not flow.closed:
            await self._close(flow)
        return outcome

    async def _password_needed(self, flow: _Flow) -> PasswordNeeded:
        flow.awaiting = "password"
        with contextlib.suppress(errors.RPCError):
            password = await flow.client(functions.account.GetPasswordRequest())
            flow.hint = password.hint or ""
        return PasswordNeeded(flow.id, flow.hint)

    async def _finish(self, flow: _Flow, user: object) -> SignInOutcome:
        """Save the signed-in session (encrypted) and let go of the client: from now on
        only the account's runner opens it."""
        if not isinstance(user, types.User):
            user = await flow.client.get_me()
        identity = identity_of(user)
        try:
            account = await save_account(
                self.settings, flow.actor, session_of(flow.client), identity, shared=flow.shared
            )
        except HeraldError as exc:
            return Failed(exc.message)
        finally:
            await self._close(flow)
        log.info("account %s connected (Telegram user %s)", account.id, identity.telegram_user_id)
        return SignedIn(account.id, identity)


def _code_channel(sent: types.auth.SentCode) -> Literal["app", "sms", "other"]:
    if isinstance(sent.type, types.auth.SentCodeTypeApp):
        return "app"
    if isinstance(sent.type, types.auth.SentCodeTypeSms):
        return "sms"
    return "other"


def _wrong_step(awaiting: str) -> str:
    return {
        "code": "This sign-in is waiting for the login code.",
        "password": "This sign-in is waiting for the two-step verification password.",
        "qr": "This sign-in is waiting for the QR code to be scanned.",
    }[awaiting]


def _failure(exc: BaseException, doing: str) -> FloodWait | Failed:
    """Anything unexpected while signing in becomes one sentence; the trace goes to the log."""
    outcome = translate(exc)
    if outcome.kind is OutcomeKind.PARKED:
        return FloodWait(outcome.seconds)
    if isinstance(exc, errors.PhoneNumberFloodError | errors.PhonePasswordFloodError):
        return FloodWait(3600)
    if outcome.kind is OutcomeKind.TRANSIENT:
        return Failed(f"Telegram could not be reached while {doing}; try again.")
    if isinstance(exc, errors.PhoneNumberBannedError):
        return Failed("Telegram banned this phone number.")
    if isinstance(exc, errors.RPCError):
        return Failed(f"Telegram refused this while {doing} ({outcome.error}); start again.")
    log.exception("sign-in failed while %s", doing, exc_info=exc)
    return Failed(f"Something went wrong while {doing}; start again.")
