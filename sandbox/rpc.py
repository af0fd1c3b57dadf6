"""RPC dispatch and the connection-level handlers: wrappers (invokeWithLayer, initConnection),
help.*, sign-in (code, 2FA, QR), log-out and the updates state/difference."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telethon.tl import functions, types

from sandbox import render
from sandbox.mtproto import Call, RpcFault, method_name
from sandbox.srp import SrpChallenge, no_password
from sandbox.world import World, normalize_phone

Handler = Callable[[Call, Any], Awaitable[Any]]
HANDLERS: dict[type, Handler] = {}

# Methods a key may call before it is bound to a user.
UNAUTHORISED_OK = {
    functions.help.GetConfigRequest,
    functions.help.GetNearestDcRequest,
    functions.auth.SendCodeRequest,
    functions.auth.ResendCodeRequest,
    functions.auth.SignInRequest,
    functions.auth.CheckPasswordRequest,
    functions.auth.ExportLoginTokenRequest,
    functions.auth.ImportLoginTokenRequest,
    functions.account.GetPasswordRequest,
    functions.auth.LogOutRequest,
}
WRAPPERS = (
    functions.InvokeWithLayerRequest,
    functions.InitConnectionRequest,
    functions.InvokeWithoutUpdatesRequest,
    functions.InvokeAfterMsgRequest,
    functions.InvokeAfterMsgsRequest,
)


def handles(*request_types: type) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for request_type in request_types:
            HANDLERS[request_type] = fn
        return fn

    return register


@dataclass
class DcInfo:
    dc_id: int
    host: str
    port: int
    api_id: int
    api_hash: str


class Rpc:
    """Routes a request to its handler after wrappers, authorisation and injected faults."""

    def __init__(self, world: World, dc: DcInfo) -> None:
        self.world, self.dc = world, dc
        self.challenges: dict[int, SrpChallenge] = {}
        self.calls: Counter[str] = Counter()  # method name -> times called, for tests

    async def __call__(self, call: Call, request: Any) -> Any:
        if isinstance(request, WRAPPERS):
            if isinstance(request, functions.InitConnectionRequest):
                auth = call.auth
                auth.api_id, auth.device_model = request.api_id, request.device_model
                auth.app_version = request.app_version
            if isinstance(request, functions.InvokeWithoutUpdatesRequest):
                call.subscribe = False
            return await self(call, request.query)
        self.calls[method_name(request)] += 1
        handler = HANDLERS.get(type(request))
        if handler is None:
            raise RpcFault(400, "METHOD_NOT_SUPPORTED_BY_SANDBOX")
        if type(request) not in UNAUTHORISED_OK:
            call.require_user()
        fault = self.world.faults.rpc_error_for(method_name(request), call.user_id)
        if fault is not None:
            raise RpcFault(fault.code, fault.message)
        call.rpc = self
        return await handler(call, request)


def rpc_of(call: Call) -> Rpc:
    rpc: Rpc = call.rpc
    return rpc


# help


@handles(functions.help.GetConfigRequest)
async def get_config(call: Call, _request: Any) -> types.Config:
    dc = rpc_of(call).dc
    now = time.time()
    return types.Config(
        date=render.utc(now),
        expires=render.utc(now + 3600),
        test_mode=False,
        this_dc=dc.dc_id,
        dc_options=[types.DcOption(id=dc.dc_id, ip_address=dc.host, port=dc.port)],
        dc_txt_domain_name="sandbox.invalid",
        chat_size_max=200,
        megagroup_size_max=200000,
        forwarded_count_max=100,
        online_update_period_ms=210000,
        offline_blur_timeout_ms=5000,
        offline_idle_timeout_ms=30000,
        online_cloud_timeout_ms=300000,
        notify_cloud_delay_ms=30000,
        notify_default_delay_ms=1500,
        push_chat_period_ms=60000,
        push_chat_limit=2,
        edit_time_limit=172800,
        revoke_time_limit=2147483647,
        revoke_pm_time_limit=2147483647,
        rating_e_decay=2419200,
        stickers_recent_limit=200,
        channels_read_media_period=604800,
        call_receive_timeout_ms=20000,
        call_ring_timeout_ms=90000,
        call_connect_timeout_ms=30000,
        call_packet_timeout_ms=10000,
        me_url_prefix="https://t.me/",
        caption_length_max=1024,
        message_length_max=4096,
        webfile_dc_id=dc.dc_id,
    )


@handles(functions.help.GetNearestDcRequest)
async def get_nearest_dc(call: Call, _request: Any) -> types.NearestDc:
    dc_id = rpc_of(call).dc.dc_id
    return types.NearestDc(country="ZZ", this_dc=dc_id, nearest_dc=dc_id)


# Sign-in by code and password


@handles(functions.auth.SendCodeRequest, functions.auth.ResendCodeRequest)
async def send_code(call: Call, request: Any) -> types.auth.SentCode:
    if isinstance(request, functions.auth.SendCodeRequest):
        dc = rpc_of(call).dc
        if request.api_id != dc.api_id or request.api_hash != dc.api_hash:
            raise RpcFault(400, "API_ID_INVALID")
    phone = normalize_phone(request.phone_number)
    if not 5 <= len(phone) <= 15:
        raise RpcFault(400, "PHONE_NUMBER_INVALID")
    user = call.world.by_phone(phone)
    if user is not None and user.deactivated:
        raise RpcFault(400, "PHONE_NUMBER_BANNED")
    in_app = user is not None and bool(call.world.sessions_of(user.id))
    _code, phone_code_hash = call.world.send_code(phone)
    kind = types.auth.SentCodeTypeApp(5) if in_app else types.auth.SentCodeTypeSms(5)
    return types.auth.SentCode(type=kind, phone_code_hash=phone_code_hash)


def _authorization(call: Call, user_id: int) -> types.auth.Authorization:
    call.world.bind(call.auth.key_id, user_id)
    return types.auth.Authorization(
        user=render.user(call.world, user_id, call.world.users[user_id])
    )


@handles(functions.auth.SignInRequest)
async def sign_in(call: Call, request: functions.auth.SignInRequest) -> Any:
    call.world.check_code(request.phone_number, request.phone_code_hash, request.phone_code or "")
    user = call.world.by_phone(request.phone_number)
    if user is None:
        return types.auth.AuthorizationSignUpRequired()
    if user.password is not None:
        call.auth.password_pending = user.id
        raise RpcFault(401, "SESSION_PASSWORD_NEEDED")
    return _authorization(call, user.id)


def _password_user(call: Call) -> int:
    auth = call.auth
    user_id = auth.password_pending or call.user_id
    if user_id is None:
        raise RpcFault(401, "AUTH_KEY_UNREGISTERED")
    return user_id


@handles(functions.account.GetPasswordRequest)
async def get_password(call: Call, _request: Any) -> types.account.Password:
    user = call.world.users[_password_user(call)]
    if user.password is None:
        return no_password()
    challenge = SrpChallenge(user.password, user.srp_salt1, user.srp_salt2)
    rpc_of(call).challenges[challenge.srp_id] = challenge
    return challenge.password_info(user.password_hint)


@handles(functions.auth.CheckPasswordRequest)
async def check_password(call: Call, request: functions.auth.CheckPasswordRequest) -> Any:
    user_id = call.auth.password_pending
    if user_id is None:
        raise RpcFault(400, "PASSWORD_HASH_INVALID")
    check = request.password
    if not isinstance(check, types.InputCheckPasswordSRP):
        raise RpcFault(400, "PASSWORD_HASH_INVALID")
    challenge = rpc_of(call).challenges.pop(check.srp_id, None)
    if challenge is None:
        raise RpcFault(400, "SRP_ID_INVALID")
    if not challenge.verify(check):
        raise RpcFault(400, "PASSWORD_HASH_INVALID")
    return _authorization(call, user_id)


@handles(functions.auth.LogOutRequest)
async def log_out(call: Call, _request: Any) -> types.auth.LoggedOut:
    call.world.log_out(call.auth.key_id)
    return types.auth.LoggedOut()


# QR login


def _login_success(call: Call, user_id: int) -> types.auth.LoginTokenSuccess:
    return types.auth.LoginTokenSuccess(_authorization(call, user_id))


@handles(functions.auth.ExportLoginTokenRequest)
async def export_login_token(call: Call, request: Any) -> Any:
    dc = rpc_of(call).dc
    if request.api_id != dc.api_id or request.api_hash != dc.api_hash:
        raise RpcFault(400, "API_ID_INVALID")
    key_id = call.auth.key_id
    for token in call.world.login_tokens.values():
        if token.key_id == key_id and token.user_id is not None:
            del call.world.login_tokens[token.token]
            if call.auth.password_pending == token.user_id:
                raise RpcFault(401, "SESSION_PASSWORD_NEEDED")
            return _login_success(call, token.user_id)
    token = call.world.export_login_token(key_id)
    return types.auth.LoginToken(expires=render.utc(token.expires), token=token.token)


@handles(functions.auth.ImportLoginTokenRequest)
async def import_login_token(call: Call, request: Any) -> Any:
    found = call.world.login_tokens.get(request.token)
    if found is None or found.key_id != call.auth.key_id:
        raise RpcFault(400, "AUTH_TOKEN_INVALID")
    if found.user_id is None:
        return types.auth.LoginToken(expires=render.utc(found.expires), token=found.token)
    del call.world.login_tokens[found.token]
    if call.auth.password_pending == found.user_id:
        raise RpcFault(401, "SESSION_PASSWORD_NEEDED")
    return _login_success(call, found.user_id)


@handles(functions.auth.AcceptLoginTokenRequest)
async def accept_login_token(call: Call, request: Any) -> types.Authorization:
    token = call.world.accept_login_token(request.token, call.require_user())
    auth = call.world.authorization(token.key_id)
    return types.Authorization(
        hash=auth.hash,
        device_model=auth.device_model or "Unknown",
        platform="",
        system_version="",
        api_id=auth.api_id,
        app_name="sandbox client",
        app_version=auth.app_version,
        date_created=render.utc(auth.created),
        date_active=render.utc(time.time()),
        ip="127.0.0.1",
        country="ZZ",
        region="",
    )


# Updates


@handles(functions.updates.GetStateRequest)
async def get_state(call: Call, _request: Any) -> types.updates.State:
    return render.state(call.world, call.require_user())


@handles(functions.updates.GetDifferenceRequest)
async def get_difference(call: Call, request: Any) -> Any:
    return render.difference(call.world, call.require_user(), request.pts)


@handles(functions.account.UpdateStatusRequest)
async def update_status(_call: Call, _request: Any) -> bool:
    return True
