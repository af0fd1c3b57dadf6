"""The data centre: accepts TCP connections, runs the auth-key handshake, keeps encrypted
sessions (salts, containers, acks, pings, service notifications) and pushes updates."""

from __future__ import annotations

import asyncio
import gzip
import logging
import os
import struct
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telethon.crypto import AuthKey
from telethon.errors import TypeNotFoundError
from telethon.extensions import BinaryReader
from telethon.tl import TLObject, functions, types
from telethon.tl.core import GzipPacked, MessageContainer

from sandbox import render
from sandbox.crypto import (
    Handshake,
    HandshakeError,
    MsgIds,
    ServerKey,
    decrypt,
    encrypt,
    key_id_of,
    plain_message,
    read_plain,
)
from sandbox.transport import Transport, TransportError, detect
from sandbox.world import Authorization, Notice, World, WorldError

log = logging.getLogger("sandbox.mtproto")

RPC_RESULT = 0xF35C6D01
Handler = Callable[["Call", Any], Awaitable[Any]]


class RpcFault(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code, self.message = code, message


class DropConnection(Exception):
    """Raised by a handler to close the TCP connection instead of answering."""


def method_name(request: TLObject) -> str:
    """`messages.sendMessage` for functions.messages.SendMessageRequest."""
    name = type(request).__name__.removesuffix("Request")
    namespace = type(request).__module__.rsplit(".", 1)[-1]
    short = name[0].lower() + name[1:]
    return short if namespace == "functions" else f"{namespace}.{short}"


class Call:
    """One RPC being answered: who asks, on which session."""

    def __init__(self, server: DcServer, session: Session, msg_id: int) -> None:
        self.server, self.session, self.msg_id = server, session, msg_id
        self.subscribe = True  # cleared by invokeWithoutUpdates
        self.rpc: Any = None  # the dispatcher, for handlers that need its state

    @property
    def world(self) -> World:
        return self.server.world

    @property
    def auth(self) -> Authorization:
        assert self.session.auth_key is not None
        return self.world.authorization(self.session.auth_key.key_id)

    @property
    def user_id(self) -> int | None:
        auth = self.auth
        return auth.user_id if auth.revoked is None else None

    def require_user(self) -> int:
        auth = self.auth
        if auth.revoked is not None:
            raise RpcFault(401, auth.revoked)
        if auth.user_id is None:
            raise RpcFault(401, "AUTH_KEY_UNREGISTERED")
        return auth.user_id


class Session:
    """One TCP connection, its MTProto session and its pushes."""

    def __init__(
        self, server: DcServer, transport: Transport, writer: asyncio.StreamWriter
    ) -> None:
        self.server, self.transport, self.writer = server, transport, writer
        self.auth_key: AuthKey | None = None
        self.session_id: int | None = None
        self.salt = 0
        self.handshake = Handshake(server.key)
        self.msg_ids = MsgIds()
        self._seq = 0
        self.subscribed = False
        self.closed = False

    @property
    def user_id(self) -> int | None:
        if self.auth_key is None:
            return None
        auth = self.server.world.authorizations.get(self.auth_key.key_id)
        return auth.user_id if auth and auth.revoked is None else None

    async def run(self) -> None:
        while not self.closed:
            packet = await self.transport.read_packet()
            if len(packet) < 8:
                raise TransportError("short packet")
            if key_id_of(packet) == 0:
                self._handle_plain(packet)
            else:
                await self._handle_encrypted(packet)
            await self.writer.drain()

    def close(self) -> None:
        self.closed = True
        self.writer.close()

    # Unencrypted: the handshake

    def _handle_plain(self, packet: bytes) -> None:
        _msg_id, body = read_plain(packet)
        with BinaryReader(body) as reader:
            request = reader.tgread_object()
        if isinstance(request, functions.ReqPqMultiRequest | functions.ReqPqRequest):
            answer: TLObject = self.handshake.res_pq(request.nonce)
        elif isinstance(request, functions.ReqDHParamsRequest):
            answer = self.handshake.server_dh_params(request)
        elif isinstance(request, functions.SetClientDHParamsRequest):
            answer, auth_key = self.handshake.dh_gen(request)
            self.server.auth_keys[auth_key.key_id] = auth_key
            self.server.salts[auth_key.key_id] = self.handshake.first_salt()
            self.server.world.authorization(auth_key.key_id)
        else:
            raise HandshakeError(f"unexpected plain message {type(request).__name__}")
        self.transport.write_packet(plain_message(self.msg_ids.next(), bytes(answer)))

    # Encrypted

    async def _handle_encrypted(self, packet: bytes) -> None:
        key_id = key_id_of(packet)
        auth_key = self.server.auth_keys.get(key_id)
        if auth_key is None:
            # Telegram's transport error for an auth key it does not know.
            self.transport.write_packet(struct.pack("<i", -404))
            return
        message = decrypt(auth_key, packet)
        if self.auth_key is None:
            self.auth_key = auth_key
            self.server.sessions_by_key.setdefault(key_id, set()).add(self)
        if self.server.refused(self.user_id):
            self.close()
            return
        self.salt = salt = self.server.salts[key_id]
        if message.session_id != self.session_id:
            self.session_id = message.session_id
            self._seq = 0
            self.send(
                types.NewSessionCreated(
                    message.msg_id, int.from_bytes(os.urandom(8), "little", signed=True), salt
                ),
                content_related=False,
                response=False,
            )
        if message.salt != salt:
            # The client starts with salt 0; Telegram corrects it this way, and so do we.
            self.send(
                types.BadServerSalt(message.msg_id, message.seq_no, 48, salt), content_related=False
            )
            return
        with BinaryReader(message.body) as reader:
            try:
                obj = reader.tgread_object()
            except TypeNotFoundError as e:
                log.warning("unknown constructor %08x from client", e.invalid_constructor_id)
                self.send(
                    types.BadMsgNotification(message.msg_id, message.seq_no, 35),
                    content_related=False,
                )
                return
        if isinstance(obj, MessageContainer):
            for inner in obj.messages:
                await self._handle_object(inner.msg_id, inner.obj)
        else:
            await self._handle_object(message.msg_id, obj)

    async def _handle_object(self, msg_id: int, obj: Any) -> None:
        if isinstance(obj, GzipPacked):
            with BinaryReader(gzip.decompress(obj.data)) as reader:
                obj = reader.tgread_object()
        if isinstance(obj, types.MsgsAck | types.MsgsStateReq | types.MsgResendReq):
            return  # nothing is ever re-sent by this server, so acks need no bookkeeping
        if isinstance(obj, functions.PingRequest | functions.PingDelayDisconnectRequest):
            self.send(types.Pong(msg_id, obj.ping_id))
            return
        if isinstance(obj, functions.GetFutureSaltsRequest):
            now = int(time.time())
            salt = types.FutureSalt(render.utc(now), render.utc(now + 3600), self.salt)
            self.send(types.FutureSalts(msg_id, now, [salt]))
            return
        if isinstance(obj, functions.DestroySessionRequest):
            self.send(types.DestroySessionOk(obj.session_id))
            return
        await self._answer_rpc(msg_id, obj)

    async def _answer_rpc(self, msg_id: int, request: TLObject) -> None:
        call = Call(self.server, self, msg_id)
        user_id = call.user_id
        delay = self.server.world.faults.delay_for(user_id)
        if delay:
            await asyncio.sleep(delay)
        drop = self.server.world.faults.count_call_and_drop(user_id)
        try:
            result = render.serialize(await self.server.dispatch(call, request))
        except (RpcFault, WorldError) as e:
            body = struct.pack("<Iq", RPC_RESULT, msg_id) + bytes(types.RpcError(e.code, e.message))
        except DropConnection:
            self.close()
            return
        except Exception:
            log.exception("handler failed for %s", type(request).__name__)
            body = struct.pack("<Iq", RPC_RESULT, msg_id) + bytes(
                types.RpcError(500, "INTERNAL_SERVER_ERROR")
            )
        else:
            body = struct.pack("<Iq", RPC_RESULT, msg_id) + result
        if drop:
            self.close()  # the request was carried out, but its answer is lost
            return
        if call.subscribe and call.user_id is not None:
            # Like Telegram: a connection gets pushes once it has made a request as a user.
            self.subscribed = True
        self.send_raw(body)

    # Sending

    def send(self, obj: TLObject, *, content_related: bool = True, response: bool = True) -> None:
        self.send_raw(bytes(obj), content_related=content_related, response=response)

    def send_raw(self, body: bytes, *, content_related: bool = True, response: bool = True) -> None:
        if self.closed or self.auth_key is None or self.session_id is None:
            return
        seq_no = self._seq * 2 + 1 if content_related else self._seq * 2
        self._seq += content_related
        packet = encrypt(
            self.auth_key,
            self.salt,
            self.session_id,
            self.msg_ids.next(response=response),
            seq_no,
            body,
        )
        self.transport.write_packet(packet)

    def push(self, updates: TLObject) -> None:
        self.send(updates, response=False)


class DcServer:
    """The DC itself: the listening socket, auth keys, and routing of world notices."""

    def __init__(
        self,
        world: World,
        key: ServerKey,
        dispatch: Callable[[Call, Any], Awaitable[Any]],
        dc_id: int = 2,
    ) -> None:
        self.world, self.key, self.dispatch, self.dc_id = world, key, dispatch, dc_id
        self.auth_keys: dict[int, AuthKey] = {}
        self.salts: dict[int, int] = {}
        self.sessions: set[Session] = set()
        self.sessions_by_key: dict[int, set[Session]] = {}
        self.host, self.port = "127.0.0.1", 0
        self.refuse_until: dict[int | None, float] = {}
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        world.subscribe(self._on_notice)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = await asyncio.start_server(self._accept, host, port)
        self.host, self.port = host, self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for session in list(self.sessions):
            session.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    def drop(self, user_id: int | None = None, down_for: float = 0.0) -> None:
        """Closes connections (of one account, or all) and refuses new ones for a while."""
        if down_for > 0:
            self.refuse_until[user_id] = time.time() + down_for
        self._on_notice(Notice("drop", user_id=user_id))

    def refused(self, user_id: int | None) -> bool:
        now = time.time()
        return self.refuse_until.get(None, 0) > now or (
            user_id is not None and self.refuse_until.get(user_id, 0) > now
        )

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.refused(None):
            writer.close()
            return
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        session: Session | None = None
        try:
            transport = await detect(reader, writer)
            session = Session(self, transport, writer)
            self.sessions.add(session)
            await session.run()
        except (
            asyncio.IncompleteReadError,
            ConnectionError,
            TransportError,
            HandshakeError,
            ValueError,
        ) as e:
            log.debug("connection closed: %r", e)
        except Exception:  # a bug here must cost one connection, never the whole DC
            log.exception("connection failed")
        finally:
            self._tasks.discard(task)
            if session is not None:
                self._forget(session)
            writer.close()

    def _forget(self, session: Session) -> None:
        session.closed = True
        self.sessions.discard(session)
        if session.auth_key is not None:
            self.sessions_by_key.get(session.auth_key.key_id, set()).discard(session)

    def sessions_of_user(self, user_id: int) -> list[Session]:
        return [s for s in self.sessions if not s.closed and s.user_id == user_id]

    def _on_notice(self, notice: Notice) -> None:
        if notice.kind == "event" and notice.event is not None and notice.user_id is not None:
            for session in self.sessions_of_user(notice.user_id):
                if session.subscribed and session is not notice.origin:
                    session.push(render.pushed(self.world, notice.user_id, notice.event))
        elif notice.kind == "login_token" and notice.key_id is not None:
            for session in list(self.sessions_by_key.get(notice.key_id, ())):
                session.push(types.UpdateShort(types.UpdateLoginToken(), render.utc(time.time())))
        elif notice.kind == "drop":
            for session in list(self.sessions):
                if notice.user_id is None or session.user_id == notice.user_id:
                    session.close()
