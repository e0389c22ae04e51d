"""Byte-stream helpers: look at the head of a stream without losing it, and read with a size cap."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

HEAD_BYTES = 64 * 1024  # enough to sniff any format we know, and to see a CSV header row
# What a damaged stream raises while being read: truncated gzip (EOFError, BadGzipFile is an OSError), corrupt
# deflate data (zlib.error), unreadable files (OSError).
READ_ERRORS: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error)


class TooLarge(Exception):
    """An item is larger than ``max_bytes``."""

    def __init__(self, limit: int) -> None:
        super().__init__(too_large_reason(limit))
        self.limit = limit


def too_large_reason(limit: int) -> str:
    return f"larger than {limit} bytes; raise --max-bytes to accept it"


class _PrefixedRaw(io.RawIOBase):
    """A raw stream that returns ``head`` first, then the rest of ``rest``.

    A read error of ``rest`` (a truncated gzip) is not raised from the read: the stream just ends there and the error
    is kept in ``error``. Raising it would make the buffered reader on top drop the data it holds, and the complete
    items before the break are worth reading; the caller checks ``pending_error`` once it is done.
    """

    def __init__(self, head: bytes, rest: BinaryIO, error: BaseException | None = None) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self.error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self.error is not None:
            return 0
        try:
            data = self._rest.read(len(buffer))
        except READ_ERRORS as exc:
            self.error = exc
            return 0
        n = len(data)
        buffer[:n] = data
        return n


def pending_error(stream: BinaryIO) -> BaseException | None:
    """The read error a stream from ``peek_head`` ran into (and ended at), if any."""
    raw = getattr(stream, "raw", None)
    return raw.error if isinstance(raw, _PrefixedRaw) else None


def peek_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """Read up to ``size`` bytes and return them with a stream that still yields the whole content from the start.

    The returned stream never raises a read error; it ends early instead, and ``pending_error`` tells why.
    """
    chunks: list[bytes] = []
    got = 0
    error: BaseException | None = None
    # read1 (one underlying read at a time, where the stream has it) so that data decoded before a break in a
    # truncated gzip is returned rather than lost inside a buffered read that then fails.
    read = getattr(stream, "read1", stream.read)
    while got < size:  # gzip and pipes may return short reads before the end
        try:
            chunk = read(min(size - got, 8192))
        except READ_ERRORS as exc:
            error = exc
            break
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    head = b"".join(chunks)
    if error is not None and not head:
        raise error  # broken before the first byte: nothing to salvage
    return head, io.BufferedReader(_PrefixedRaw(head, stream, error), buffer_size=HEAD_BYTES)


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
