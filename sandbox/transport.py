"""MTProto TCP transports, server side: abridged, intermediate (plain and padded), full,
and the obfuscated wrapper around any of them, detected from the first bytes a client sends."""

from __future__ import annotations

import asyncio
import os
import struct
from typing import Protocol
from zlib import crc32

from telethon.crypto import AESModeCTR

ABRIDGED_TAG = b"\xef"
INTERMEDIATE_TAG = b"\xee\xee\xee\xee"
PADDED_TAG = b"\xdd\xdd\xdd\xdd"


class TransportError(Exception):
    """The client sent bytes that no transport can make sense of."""


class _Stream(Protocol):
    async def readexactly(self, n: int) -> bytes: ...

    def write(self, data: bytes) -> None: ...


class _PlainStream:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader, self._writer = reader, writer

    async def readexactly(self, n: int) -> bytes:
        return await self._reader.readexactly(n)

    def write(self, data: bytes) -> None:
        self._writer.write(data)


class _ObfuscatedStream:
    """AES-CTR both ways; keys come from the client's 64-byte random header."""

    def __init__(self, inner: _Stream, header: bytes) -> None:
        self._inner = inner
        reversed_ = header[55:7:-1]
        self._decrypt = AESModeCTR(header[8:40], header[40:56])
        self._encrypt = AESModeCTR(reversed_[:32], reversed_[32:48])
        # The header itself was encrypted by the client's counter: advance ours past it.
        self.tag = self._decrypt.encrypt(header)[56:60]

    async def readexactly(self, n: int) -> bytes:
        return self._decrypt.encrypt(await self._inner.readexactly(n))

    def write(self, data: bytes) -> None:
        self._inner.write(self._encrypt.encrypt(data))


class Transport:
    """One framing of packets over a stream; `name` is for logs and the control API."""

    name = "?"

    def __init__(self, stream: _Stream) -> None:
        self.stream = stream

    async def read_packet(self) -> bytes:
        raise NotImplementedError

    def encode(self, data: bytes) -> bytes:
        raise NotImplementedError

    def write_packet(self, data: bytes) -> None:
        self.stream.write(self.encode(data))


class Abridged(Transport):
    name = "abridged"

    async def read_packet(self) -> bytes:
        length = (await self.stream.readexactly(1))[0]
        if length >= 127:
            length = int.from_bytes(await self.stream.readexactly(3), "little")
        return await self.stream.readexactly(length << 2)

    def encode(self, data: bytes) -> bytes:
        length = len(data) >> 2
        if length < 127:
            return bytes([length]) + data
        return b"\x7f" + length.to_bytes(3, "little") + data


class Intermediate(Transport):
    name = "intermediate"

    async def read_packet(self) -> bytes:
        (length,) = struct.unpack("<i", await self.stream.readexactly(4))
        return await self.stream.readexactly(length)

    def encode(self, data: bytes) -> bytes:
        return struct.pack("<i", len(data)) + data


class PaddedIntermediate(Intermediate):
    """Random padding of 0..15 bytes after the payload; readers use the inner lengths."""

    name = "padded-intermediate"

    def encode(self, data: bytes) -> bytes:
        padding = os.urandom(os.urandom(1)[0] % 4 * 4)
        return struct.pack("<i", len(data) + len(padding)) + data + padding


class Full(Transport):
    name = "full"

    def __init__(self, stream: _Stream, first8: bytes = b"") -> None:
        super().__init__(stream)
        self._pending = first8
        self._send_counter = 0
        self._recv_counter = 0

    async def read_packet(self) -> bytes:
        head = self._pending or await self.stream.readexactly(8)
        self._pending = b""
        length, seq = struct.unpack("<ii", head)
        if length < 12 or length > 16 * 1024 * 1024:
            raise TransportError(f"bad full-transport length {length}")
        rest = await self.stream.readexactly(length - 8)
        body, (checksum,) = rest[:-4], struct.unpack("<I", rest[-4:])
        if crc32(head + body) != checksum:
            raise TransportError("bad CRC32")
        if seq != self._recv_counter:
            raise TransportError(f"full-transport seq {seq}, expected {self._recv_counter}")
        self._recv_counter += 1
        return body

    def encode(self, data: bytes) -> bytes:
        head = struct.pack("<ii", len(data) + 12, self._send_counter) + data
        self._send_counter += 1
        return head + struct.pack("<I", crc32(head))


def _by_tag(stream: _Stream, tag: bytes) -> Transport:
    if tag == ABRIDGED_TAG * 4:
        return Abridged(stream)
    if tag == INTERMEDIATE_TAG:
        return Intermediate(stream)
    if tag == PADDED_TAG:
        return PaddedIntermediate(stream)
    raise TransportError(f"unknown obfuscated protocol tag {tag.hex()}")


async def detect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> Transport:
    """Reads the client's opening bytes and returns the transport it chose."""
    stream = _PlainStream(reader, writer)
    first = await stream.readexactly(1)
    if first == ABRIDGED_TAG:
        return Abridged(stream)
    first += await stream.readexactly(3)
    if first == INTERMEDIATE_TAG:
        return Intermediate(stream)
    if first == PADDED_TAG:
        return PaddedIntermediate(stream)
    head = first + await stream.readexactly(4)
    # The full transport's first packet has sequence number 0; an obfuscated header
    # is guaranteed by clients never to have zeros there.
    if head[4:8] == b"\0\0\0\0":
        return Full(stream, head)
    obfuscated = _ObfuscatedStream(stream, head + await stream.readexactly(56))
    transport = _by_tag(obfuscated, obfuscated.tag)
    transport.name = f"obfuscated-{transport.name}"
    return transport
