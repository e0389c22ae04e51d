"""Byte-stream helpers: look at the head of a stream without losing it, and read with a size cap."""

from __future__ import annotations

import io
from typing import BinaryIO

HEAD_BYTES = 64 * 1024  # enough to sniff any format we know, and to see a CSV header row


class TooLarge(Exception):
    """An item is larger than ``max_bytes``."""

    def __init__(self, limit: int) -> None:
        super().__init__(too_large_reason(limit))
        self.limit = limit


def too_large_reason(limit: int) -> str:
    return f"larger than {limit} bytes; raise --max-bytes to accept it"


class _PrefixedRaw(io.RawIOBase):
    """A raw stream that returns ``head`` first, then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


def peek_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """Read up to ``size`` bytes and return them with a stream that still yields the whole content from the start."""
    chunks: list[bytes] = []
    got = 0
    while got < size:  # gzip and pipes may return short reads before the end
        chunk = stream.read(size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    head = b"".join(chunks)
    return head, io.BufferedReader(_PrefixedRaw(head, stream), buffer_size=HEAD_BYTES)


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """The whole stream, or ``TooLarge`` as soon as it passes ``limit`` bytes (never reads much beyond it)."""
    chunks: list[bytes] = []
    got = 0
    while True:
        chunk = stream.read(min(1024 * 1024, limit + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if got > limit:
            raise TooLarge(limit)
    return b"".join(chunks)
