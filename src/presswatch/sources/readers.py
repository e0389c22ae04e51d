"""The format readers: one per kind of content ``sniff`` recognises, all with the same signature.

A reader takes the stream (positioned at its start), the sniffed head and the ``StreamContext`` (where the stream came
from, the options), and yields what the stream holds. ``READERS`` maps each ``Kind`` to its reader; supporting a new
format is a new ``Kind``, a sniff rule, and a reader here (its parsing in a module of its own, like ``warc``).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.normalize import detect_encoding, known_codec
from presswatch.sources.options import SourceOptions
from presswatch.sources.sniff import Kind
from presswatch.sources.streams import pending_error, read_capped

Item = RawDocument | SourceFailure
MAX_DEPTH = 4  # gzip and zip nested deeper than this are refused (a zip bomb is often many layers of them)


@dataclass(frozen=True, slots=True)
class StreamContext:
    """Where a stream came from and how to read it."""

    location: str
    options: SourceOptions
    name: str = ""  # file or member name: breaks ties in sniffing (".tsv") and names nested members
    declared: str | None = None  # declared encoding (HTTP header)
    media_type: str | None = None  # declared media type (HTTP header)
    url: str | None = None
    fetched: str | None = None
    depth: int = 0  # containers (gzip, zip) around this stream

    def inner(self, **changes: object) -> StreamContext:
        """The context of a stream inside this one (one container deeper)."""
        return replace(self, depth=self.depth + 1, **changes)  # type: ignore[arg-type]


Reader = Callable[[BinaryIO, bytes, StreamContext], Iterator[Item]]


def _read_whole(stream: BinaryIO, ctx: StreamContext) -> bytes:
    """All of a stream that must be read whole (a page, a feed), capped; a stream cut short raises its error."""
    data = read_capped(stream, ctx.options.max_bytes)
    error = pending_error(stream)
    if error is not None:  # a cut document is not a document: report it rather than ingest half of it
        raise error
    return data


def _then_check(items: Iterator[Item], stream: BinaryIO, ctx: StreamContext) -> Iterator[Item]:
    """Pass a streaming reader's items on, then report the read error that ended its stream early, if any."""
    yield from items
    error = pending_error(stream)
    if error is not None:
        yield SourceFailure(ctx.location, describe_read_error(error))


def read_empty(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    yield SourceFailure(ctx.location, "empty file: nothing to read")


def read_binary(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    yield SourceFailure(ctx.location, "binary file: not text, HTML, a feed, WARC, CSV, JSONL, gzip or zip")


def read_xml(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    match = re.search(rb"<([A-Za-z_][\w:.-]*)", re.sub(rb"<[?!][^>]*>", b"", head[:4096]))
    root = f"root <{match.group(1).decode('ascii', 'replace')}>" if match else "no element, declarations only"
    yield SourceFailure(
        ctx.location, f"an XML document ({root}) that is not an RSS/Atom feed or XHTML: no reader for it"
    )


def read_gzip(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    """Unpack and read what is inside, sniffed afresh."""
    from presswatch.sources.dispatch import read_context  # the dispatcher: gzip can hold any format

    if ctx.depth >= MAX_DEPTH:
        yield SourceFailure(ctx.location, f"compressed more than {MAX_DEPTH} levels deep; refusing to unpack further")
        return
    inner = gzip.GzipFile(fileobj=stream, mode="rb")
    name = ctx.name.removesuffix(".gz").removesuffix(".gzip")
    yield from read_context(inner, ctx.inner(name=name, media_type=None), seekable=False)  # type: ignore[arg-type]


def read_zip(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    from presswatch.sources.archives import iter_zip

    yield from iter_zip(stream, ctx)


def read_warc(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    from presswatch.sources.warc import iter_warc

    yield from iter_warc(stream, ctx.location, ctx.options)  # reports its own truncation, by record


def read_jsonl(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    from presswatch.sources.records import iter_jsonl

    lines = _capped_lines(stream, ctx.options.max_bytes)
    yield from _then_check(iter_jsonl(lines, ctx.location, ctx.options), stream, ctx)


def _capped_lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The stream's lines; a line longer than ``limit`` is cut to limit + 1 bytes (so it is reported as too large)
    and the rest of it skipped, never held in memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line, a chunk at a time
                rest = stream.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def read_json(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    from presswatch.sources.records import iter_json_array

    yield from iter_json_array(_read_whole(stream, ctx), ctx.location, ctx.options)


def read_csv(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    from presswatch.sources.records import iter_csv

    encoding = known_codec(ctx.declared) or ("utf-8" if _is_utf8_prefix(head) else detect_encoding(head))
    yield from _then_check(iter_csv(stream, ctx.location, ctx.options, encoding=encoding, name=ctx.name), stream, ctx)


def read_feed(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    from presswatch.sources.feeds import iter_feed

    yield from iter_feed(_read_whole(stream, ctx), ctx.location, ctx.options, declared=ctx.declared)


def read_html(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    """A single page: one RawDocument (the declared XHTML media type is kept)."""
    media_type = ctx.media_type if ctx.media_type in ("text/html", "application/xhtml+xml") else "text/html"
    yield _document(stream, ctx, media_type)


def read_text(stream: BinaryIO, head: bytes, ctx: StreamContext) -> Iterator[Item]:
    """A single text file: one RawDocument."""
    yield _document(stream, ctx, "text/plain")


def _document(stream: BinaryIO, ctx: StreamContext, media_type: str) -> RawDocument:
    return RawDocument(
        data=_read_whole(stream, ctx),
        location=ctx.location,
        media_type=media_type,
        encoding=ctx.declared,
        url=ctx.url,
        fetched=ctx.fetched,
    )


def _is_utf8_prefix(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only the cut at the end of the sniffed head is broken
    return True


def describe_read_error(exc: BaseException) -> str:
    """A reason a reader understands, for the errors a damaged or vanished input raises."""
    import zipfile
    import zlib

    if isinstance(exc, EOFError):
        return f"truncated compressed data (the file ends early): {exc}"
    if isinstance(exc, gzip.BadGzipFile):
        return f"damaged gzip data: {exc}"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data: {exc}"
    if isinstance(exc, zipfile.BadZipFile):
        return f"damaged zip archive: {exc}"
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"


READERS: dict[Kind, Reader] = {
    Kind.EMPTY: read_empty,
    Kind.BINARY: read_binary,
    Kind.XML: read_xml,
    Kind.GZIP: read_gzip,
    Kind.ZIP: read_zip,
    Kind.WARC: read_warc,
    Kind.JSONL: read_jsonl,
    Kind.JSON: read_json,
    Kind.CSV: read_csv,
    Kind.FEED: read_feed,
    Kind.HTML: read_html,
    Kind.TEXT: read_text,
}
