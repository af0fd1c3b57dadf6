"""Server side of MTProto 2.0 crypto: the auth-key handshake, message encryption and
decryption, and server message ids; built on Telethon's own AES-IGE, AuthKey and TL types."""

from __future__ import annotations

import os
import struct
import time
from dataclasses import dataclass, field
from hashlib import sha1, sha256
from importlib import resources
from pathlib import Path

import rsa
from telethon.crypto import AES, AuthKey
from telethon.crypto.rsa import get_byte_array
from telethon.extensions import BinaryReader
from telethon.helpers import generate_key_data_from_nonce
from telethon.network.mtprotostate import MTProtoState
from telethon.tl import TLObject, types
from telethon.tl.functions import ReqDHParamsRequest, SetClientDHParamsRequest

# The 2048-bit safe prime Telegram itself uses; Telethon's SRP code recognises it.
DH_PRIME = int(
    "C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F48198A0AA7C14058229493D2"
    "2530F4DBFA336F6E0AC925139543AED44CCE7C3720FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454"
    "F18FAF8C595F642477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4A4A695811051"
    "907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754FD17ED950D5965B4B9DD46582DB1178D169C6B"
    "C465B0D6FF9CA3928FEF5B9AE4E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F"
    "0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B",
    16,
)
DH_G = 3
# Telegram's documented example pq: small enough for Telethon's Pollard-rho in microseconds.
PQ, P, Q = 0x17ED48941A08F981, 0x494C553B, 0x53911073
_SAFETY = 2 ** (2048 - 64)


def shared_auth_key(g_b: int, a: int) -> AuthKey:
    """The 2048-bit auth key, always 256 bytes as Telegram keeps it. When g_ab happens to
    start with a zero byte (1 in 256 handshakes), Telethon derives a 255-byte key, fails the
    new-nonce-hash check and retries the handshake — as against Telegram. Trimming it here
    would instead give a key that stops matching once a StringSession pads it to 256."""
    return AuthKey(pow(g_b, a, DH_PRIME).to_bytes(256, "big"))


class HandshakeError(Exception):
    """The client's handshake messages were inconsistent; the connection is dropped."""


def key_dir() -> Path:
    return Path(str(resources.files("sandbox") / "keys"))


@dataclass
class ServerKey:
    """The test RSA key pair; clients trust the public half via `telethon.crypto.rsa.add_key`."""

    private: rsa.PrivateKey
    public_pem: str
    public_pem_path: Path
    fingerprint: int

    @classmethod
    def load(cls) -> ServerKey:
        directory = key_dir()
        private = rsa.PrivateKey.load_pkcs1((directory / "private.pem").read_bytes())
        public_path = directory / "public.pem"
        public = rsa.PublicKey.load_pkcs1(public_path.read_bytes())
        digest = sha1(
            TLObject.serialize_bytes(get_byte_array(public.n))
            + TLObject.serialize_bytes(get_byte_array(public.e))
        ).digest()
        fingerprint = struct.unpack("<q", digest[-8:])[0]
        return cls(private, public_path.read_text(), public_path, fingerprint)

    def decrypt_raw(self, block: bytes) -> bytes:
        number = pow(int.from_bytes(block, "big"), self.private.d, self.private.n)
        return number.to_bytes(256, "big")


@dataclass
class Handshake:
    """One client's way through req_pq_multi → req_DH_params → set_client_DH_params."""

    key: ServerKey
    nonce: int = 0
    server_nonce: int = 0
    new_nonce: int = 0
    a: int = 0
    tmp_key: bytes = b""
    tmp_iv: bytes = b""
    time_offset: int = field(default=0)

    def res_pq(self, nonce: int) -> types.ResPQ:
        self.nonce = nonce
        self.server_nonce = int.from_bytes(os.urandom(16), "big", signed=True)
        return types.ResPQ(
            nonce=nonce,
            server_nonce=self.server_nonce,
            pq=get_byte_array(PQ),
            server_public_key_fingerprints=[self.key.fingerprint],
        )

    def server_dh_params(self, request: ReqDHParamsRequest) -> types.ServerDHParamsOk:
        self._check_nonces(request.nonce, request.server_nonce)
        if request.public_key_fingerprint != self.key.fingerprint:
            raise HandshakeError("unknown RSA fingerprint")
        # Telethon (as of 1.x) uses the pre-RSA_PAD scheme: sha1(data) + data + random,
        # 255 bytes, raw RSA. The leading byte of the 256-byte block is therefore zero.
        plain = self.key.decrypt_raw(request.encrypted_data)[1:]
        with BinaryReader(plain[20:]) as reader:
            inner = reader.tgread_object()
        if not isinstance(inner, types.PQInnerData | types.PQInnerDataDc):
            raise HandshakeError(f"unexpected inner data {type(inner).__name__}")
        if sha1(bytes(inner)).digest() != plain[:20]:
            raise HandshakeError("bad hash in p_q_inner_data")
        self._check_nonces(inner.nonce, inner.server_nonce)
        self.new_nonce = inner.new_nonce
        self.tmp_key, self.tmp_iv = generate_key_data_from_nonce(self.server_nonce, self.new_nonce)
        while True:
            self.a = int.from_bytes(os.urandom(256), "big")
            g_a = pow(DH_G, self.a, DH_PRIME)
            if _SAFETY <= g_a <= DH_PRIME - _SAFETY:
                break
        answer = bytes(
            types.ServerDHInnerData(
                nonce=self.nonce,
                server_nonce=self.server_nonce,
                g=DH_G,
                dh_prime=get_byte_array(DH_PRIME),
                g_a=get_byte_array(g_a),
                server_time=int(time.time()),
            )
        )
        with_hash = sha1(answer).digest() + answer
        with_hash += os.urandom(-len(with_hash) % 16)
        return types.ServerDHParamsOk(
            nonce=self.nonce,
            server_nonce=self.server_nonce,
            encrypted_answer=AES.encrypt_ige(with_hash, self.tmp_key, self.tmp_iv),
        )

    def dh_gen(self, request: SetClientDHParamsRequest) -> tuple[types.DhGenOk, AuthKey]:
        self._check_nonces(request.nonce, request.server_nonce)
        plain = AES.decrypt_ige(request.encrypted_data, self.tmp_key, self.tmp_iv)
        with BinaryReader(plain[20:]) as reader:
            inner = reader.tgread_object()
        if not isinstance(inner, types.ClientDHInnerData):
            raise HandshakeError("unexpected client_DH_inner_data")
        if sha1(bytes(inner)).digest() != plain[:20]:
            raise HandshakeError("bad hash in client_DH_inner_data")
        g_b = int.from_bytes(inner.g_b, "big")
        if not 1 < g_b < DH_PRIME - 1:
            raise HandshakeError("g_b out of range")
        auth_key = shared_auth_key(g_b, self.a)
        ok = types.DhGenOk(
            nonce=self.nonce,
            server_nonce=self.server_nonce,
            new_nonce_hash1=auth_key.calc_new_nonce_hash(self.new_nonce, 1),
        )
        return ok, auth_key

    def first_salt(self) -> int:
        new = self.new_nonce.to_bytes(32, "little", signed=True)[:8]
        server = self.server_nonce.to_bytes(16, "little", signed=True)[:8]
        return struct.unpack("<q", bytes(x ^ y for x, y in zip(new, server, strict=True)))[0]

    def _check_nonces(self, nonce: int, server_nonce: int) -> None:
        if nonce != self.nonce or server_nonce != self.server_nonce:
            raise HandshakeError("nonce mismatch")


class MsgIds:
    """Server message ids: near the real clock, strictly increasing, odd (1 mod 4 for answers
    to the client, 3 mod 4 for messages the server starts itself)."""

    def __init__(self) -> None:
        self._last = 0

    def next(self, *, response: bool = True) -> int:
        now = time.time()
        candidate = (int(now) << 32) | (int((now % 1) * 2**32) & ~3)
        candidate = max(candidate, self._last + 4) & ~3
        self._last = candidate
        return candidate | (1 if response else 3)


def plain_message(msg_id: int, body: bytes) -> bytes:
    return struct.pack("<qqi", 0, msg_id, len(body)) + body


def read_plain(packet: bytes) -> tuple[int, bytes]:
    """Returns (msg_id, body) of an unencrypted message; the length field trims padding."""
    _key_id, msg_id, length = struct.unpack("<qqi", packet[:20])
    return msg_id, packet[20 : 20 + length]


@dataclass
class Decrypted:
    salt: int
    session_id: int
    msg_id: int
    seq_no: int
    body: bytes


def key_id_of(packet: bytes) -> int:
    return struct.unpack("<Q", packet[:8])[0]


def decrypt(auth_key: AuthKey, packet: bytes) -> Decrypted:
    """Decrypts a client message (x = 0); raises ValueError if msg_key does not match."""
    msg_key = packet[8:24]
    # A padded transport may append bytes after the last AES block; they are not ours.
    cipher = packet[24 : 24 + (len(packet) - 24) // 16 * 16]
    aes_key, aes_iv = MTProtoState._calc_key(auth_key.key, msg_key, True)
    plain = AES.decrypt_ige(cipher, aes_key, aes_iv)
    if sha256(auth_key.key[88:120] + plain).digest()[8:24] != msg_key:
        raise ValueError("msg_key mismatch")
    salt, session_id, msg_id, seq_no, length = struct.unpack("<qqqii", plain[:32])
    if length < 0 or 32 + length > len(plain):
        raise ValueError("bad message length")
    return Decrypted(salt, session_id, msg_id, seq_no, plain[32 : 32 + length])


def encrypt(
    auth_key: AuthKey, salt: int, session_id: int, msg_id: int, seq_no: int, body: bytes
) -> bytes:
    """Encrypts a server message (x = 8) the way Telethon's MTProtoState expects it."""
    data = struct.pack("<qqqii", salt, session_id, msg_id, seq_no, len(body)) + body
    data += os.urandom(-(len(data) + 12) % 16 + 12)
    msg_key = sha256(auth_key.key[96:128] + data).digest()[8:24]
    aes_key, aes_iv = MTProtoState._calc_key(auth_key.key, msg_key, False)
    return struct.pack("<Q", auth_key.key_id) + msg_key + AES.encrypt_ige(data, aes_key, aes_iv)
