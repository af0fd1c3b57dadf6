"""The control API (JSON over HTTP) for tests and the demo: make people, act as them, look at
what anyone received, and inject faults. Bot routes are mounted under /bots."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from aiohttp import web

from sandbox.world import InjectedError, Persona, User, World, WorldError, normalize_phone

USER_FIELDS = ("first_name", "last_name", "username", "phone", "bot", "privacy", "password")


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status)


_ERRORS: dict[int, type[web.HTTPException]] = {
    400: web.HTTPBadRequest,
    404: web.HTTPNotFound,
    409: web.HTTPConflict,
}


def _fail(status: int, message: str) -> web.HTTPException:
    return _ERRORS[status](
        text=json.dumps({"ok": False, "error": message}), content_type="application/json"
    )


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        data = await request.json()
    except json.JSONDecodeError:
        raise _fail(400, "body must be JSON") from None
    if not isinstance(data, dict):
        raise _fail(400, "body must be a JSON object")
    return data


def find_user(world: World, ref: Any) -> User:
    """A user by id (number), @username, or +phone."""
    text = str(ref).strip()
    found: User | None = None
    if text.startswith("@"):
        found = world.by_username(text)
    elif text.startswith("+"):
        found = world.by_phone(text)
    elif text.lstrip("-").isdigit():
        found = world.users.get(int(text)) or world.by_phone(text)
    else:
        found = world.by_username(text)
    if found is None:
        raise _fail(404, f"no user {text}")
    return found


def _persona(data: dict[str, Any]) -> Persona:
    known = {f.name for f in fields(Persona)}
    unknown = set(data) - known
    if unknown:
        raise _fail(400, f"unknown persona fields: {sorted(unknown)}")
    if isinstance(data.get("reply_texts"), str):
        data = {**data, "reply_texts": [data["reply_texts"]]}
    return Persona(**data)


def control_app(sandbox: Any) -> web.Application:
    """`sandbox` is a `sandbox.server.Sandbox`; its world and DC are driven from here."""
    world: World = sandbox.world
    routes = web.RouteTableDef()

    def user_of(request: web.Request) -> User:
        return find_user(world, request.match_info["user"])

    @routes.get("/")
    async def describe(_request: web.Request) -> web.Response:
        return _json(sandbox.describe())

    @routes.get("/calls")
    async def calls(_request: web.Request) -> web.Response:
        """How many times each MTProto method was called (wrappers unwrapped)."""
        return _json(dict(sandbox.dc.dispatch.calls))

    @routes.get("/users")
    async def list_users(_request: web.Request) -> web.Response:
        return _json([u.public() for u in world.users.values()])

    @routes.post("/users")
    async def create_user(request: web.Request) -> web.Response:
        data = await _body(request)
        if not data.get("first_name"):
            raise _fail(400, "first_name is required")
        unknown = set(data) - set(USER_FIELDS) - {"persona", "contacts"}
        if unknown:
            raise _fail(400, f"unknown fields: {sorted(unknown)}")
        try:
            user = world.create_user(**{k: v for k, v in data.items() if k in USER_FIELDS})
        except WorldError as e:
            raise _fail(409, e.message) from None
        if data.get("persona"):
            user.persona = _persona(data["persona"])
        return _json(user.public(), 201)

    @routes.post("/accounts")
    async def create_account(request: web.Request) -> web.Response:
        data = await _body(request)
        if not data.get("phone"):
            raise _fail(400, "phone is required for an account")
        data.setdefault("first_name", "Operator")
        try:
            user = world.create_user(**{k: v for k, v in data.items() if k in USER_FIELDS})
        except (WorldError, TypeError) as e:
            raise _fail(409, str(e)) from None
        return _json(user.public(), 201)

    @routes.get("/users/{user}")
    async def get_user(request: web.Request) -> web.Response:
        return _json(user_of(request).public())

    @routes.patch("/users/{user}")
    async def update_user(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        for name, value in data.items():
            if name == "persona":
                user.persona = None if value is None else _persona(value)
            elif name == "phone":
                user.phone = normalize_phone(value) if value else None
            elif name in {*USER_FIELDS, "deactivated", "password_hint"}:
                setattr(user, name, value)
            else:
                raise _fail(400, f"cannot change {name}")
        return _json(user.public())

    @routes.put("/users/{user}/persona")
    async def set_persona(request: web.Request) -> web.Response:
        user = user_of(request)
        user.persona = _persona(await _body(request))
        return _json(user.public())

    @routes.post("/users/{user}/send")
    async def send(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        peer = find_user(world, data.get("to", ""))
        try:
            message = world.send_message(user.id, peer.id, str(data.get("text", "")))
        except WorldError as e:
            raise _fail(400, e.message) from None
        return _json(message.public(), 201)

    @routes.post("/users/{user}/read")
    async def read(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        peer = find_user(world, data.get("peer", ""))
        event = world.read_history(user.id, peer.id, int(data.get("max_id", 0)))
        return _json(
            {"read": event is not None, "max_id": world.boxes[user.id].read_inbox.get(peer.id, 0)}
        )

    @routes.post("/users/{user}/block")
    async def block(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        user.blocked.add(find_user(world, data.get("peer", "")).id)
        return _json(user.public())

    @routes.post("/users/{user}/unblock")
    async def unblock(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        user.blocked.discard(find_user(world, data.get("peer", "")).id)
        return _json(user.public())

    @routes.post("/users/{user}/contacts")
    async def add_contact(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        user.contacts.add(find_user(world, data.get("peer", "")).id)
        return _json(user.public())

    @routes.get("/users/{user}/messages")
    async def messages(request: web.Request) -> web.Response:
        """What a user holds: ?peer= to narrow to one chat, ?direction=in|out."""
        user = user_of(request)
        box = world.boxes[user.id]
        found = sorted(box.messages.values(), key=lambda m: m.id)
        if "peer" in request.query:
            peer = find_user(world, request.query["peer"])
            found = [m for m in found if m.peer_id == peer.id]
        direction = request.query.get("direction")
        if direction in ("in", "out"):
            found = [m for m in found if m.out == (direction == "out")]
        return _json([m.public() for m in found])

    @routes.get("/chats/{user}/{peer}")
    async def chat(request: web.Request) -> web.Response:
        user = user_of(request)
        peer = find_user(world, request.match_info["peer"])
        box = world.boxes[user.id]
        return _json(
            {
                "messages": [m.public() for m in world.history(user.id, peer.id)],
                "read_inbox_max_id": box.read_inbox.get(peer.id, 0),
                "read_outbox_max_id": box.read_outbox.get(peer.id, 0),
            }
        )

    @routes.get("/login-codes/{phone}")
    async def login_code(request: web.Request) -> web.Response:
        sent = world.login_codes.get(normalize_phone(request.match_info["phone"]))
        if sent is None:
            raise _fail(404, "no code was sent to this phone")
        return _json({"code": sent["code"], "phone_code_hash": sent["hash"]})

    @routes.get("/users/{user}/sessions")
    async def sessions(request: web.Request) -> web.Response:
        user = user_of(request)
        found = [a for a in world.authorizations.values() if a.user_id == user.id]
        return _json(
            [
                {
                    "key_id": str(a.key_id),
                    "revoked": a.revoked,
                    "api_id": a.api_id,
                    "device_model": a.device_model,
                    "created": a.created,
                }
                for a in found
            ]
        )

    @routes.post("/users/{user}/revoke")
    async def revoke(request: web.Request) -> web.Response:
        user, data = user_of(request), await _body(request)
        error = data.get("error", "AUTH_KEY_UNREGISTERED")
        if error not in (
            "AUTH_KEY_UNREGISTERED",
            "SESSION_REVOKED",
            "USER_DEACTIVATED_BAN",
            "AUTH_KEY_DUPLICATED",
        ):
            raise _fail(400, f"unsupported revocation error {error}")
        return _json({"revoked": world.revoke(user.id, error)})

    # Faults

    def _target(data: dict[str, Any]) -> int | None:
        ref = data.get("user")
        return None if ref in (None, "") else find_user(world, ref).id

    def _rpc_fault(data: dict[str, Any], message: str, code: int) -> web.Response:
        fault = InjectedError(
            method=str(data.get("method", "*")),
            code=int(data.get("code", code)),
            message=message,
            remaining=int(data.get("count", 1)),
            user_id=_target(data),
        )
        world.faults.rpc.append(fault)
        return _json(asdict(fault), 201)

    @routes.post("/faults/rpc-error")
    async def rpc_error(request: web.Request) -> web.Response:
        data = await _body(request)
        if not data.get("error"):
            raise _fail(400, "error is required, e.g. PEER_FLOOD")
        return _rpc_fault(data, str(data["error"]), 400)

    @routes.post("/faults/flood-wait")
    async def flood_wait(request: web.Request) -> web.Response:
        data = await _body(request)
        data.setdefault("method", "messages.sendMessage")
        return _rpc_fault(data, f"FLOOD_WAIT_{int(data.get('seconds', 30))}", 420)

    @routes.post("/faults/peer-flood")
    async def peer_flood(request: web.Request) -> web.Response:
        data = await _body(request)
        data.setdefault("method", "messages.sendMessage")
        return _rpc_fault(data, "PEER_FLOOD", 400)

    @routes.post("/faults/drop")
    async def drop(request: web.Request) -> web.Response:
        data = await _body(request)
        user_id = _target(data)
        if data.get("after_calls"):
            world.faults.drop_after[user_id] = int(data["after_calls"])
        else:
            sandbox.dc.drop(user_id, float(data.get("down_for", 0)))
        return _json({"user_id": user_id, **data})

    @routes.post("/faults/slow")
    async def slow(request: web.Request) -> web.Response:
        data = await _body(request)
        world.faults.delay[_target(data)] = float(data.get("seconds", 1.0))
        return _json({"user_id": _target(data), "seconds": float(data.get("seconds", 1.0))})

    @routes.get("/faults")
    async def list_faults(_request: web.Request) -> web.Response:
        return _json(
            {
                "rpc": [asdict(f) for f in world.faults.rpc],
                "drop_after": {str(k): v for k, v in world.faults.drop_after.items()},
                "delay": {str(k): v for k, v in world.faults.delay.items()},
            }
        )

    @routes.delete("/faults")
    async def clear_faults(_request: web.Request) -> web.Response:
        world.faults.rpc.clear()
        world.faults.drop_after.clear()
        world.faults.delay.clear()
        sandbox.dc.refuse_until.clear()
        return _json({"ok": True})

    # Users send documents to bots through /bots: allow bodies as large as the Bot API's.
    app = web.Application(client_max_size=60 * 1024 * 1024)
    app.add_routes(routes)
    app.add_subapp("/bots", sandbox.bots.control_app())
    return app
