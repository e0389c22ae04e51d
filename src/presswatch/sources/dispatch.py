"""``iter_documents``: any input spec -> RawDocuments (and SourceFailures for what cannot be read).

The spec is a file, a directory, an http(s) URL, ``-`` for stdin, or a member inside a zip archive
(``archive.zip!inner/file.csv``, nesting allowed: ``tool.whl!data/corpus.zip!corpus.csv``). What a stream holds is
decided by its content (``sniff``), its name only breaking ties, so a ``.txt`` that is really gzip or a feed saved as
``.html`` is still read right.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.normalize import detect_encoding, known_codec
from presswatch.sources import archives
from presswatch.sources.files import walk
from presswatch.sources.options import SourceOptions
from presswatch.sources.records import iter_csv, iter_json_array, iter_jsonl
from presswatch.sources.sniff import Kind, sniff
from presswatch.sources.streams import TooLarge, peek_head, pending_error, read_capped

Item = RawDocument | SourceFailure

# What a broken stream raises while being read: truncated gzip (EOFError, BadGzipFile), corrupt deflate data
# (zlib.error), unreadable files (OSError), broken zip members (BadZipFile). Anything else is a bug and propagates.
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, archives.BadZipFile)


def iter_documents(spec: str, options: SourceOptions | None = None) -> Iterator[RawDocument | SourceFailure]:
    """Yield the raw documents of ``spec`` one at a time (streaming), with a SourceFailure for each unreadable item.

    Never raises for a bad item; raises ``presswatch.errors.UsageError`` only for bad options (an unknown preset).
    """
    options = (options or SourceOptions()).resolved()
    if spec == "-":
        yield from iter_stream(sys.stdin.buffer, "-", options, name="-")
        return
    if spec.startswith(("http://", "https://")) or "://" in spec.split("!", 1)[0]:
        from presswatch.sources.http import iter_url

        yield from iter_url(spec, options)
        return
    path = Path(spec)
    if "!" in spec and not os.path.lexists(spec):
        yield from archives.iter_archive_spec(spec, options, iter_stream)
        return
    try:
        st = path.stat()
    except OSError as exc:
        reason = "symlink loop" if exc.errno == 40 else (exc.strerror or str(exc))
        yield SourceFailure(spec, f"cannot read: {reason}")
        return
    if stat.S_ISDIR(st.st_mode):
        seen_any = False
        for found in walk(path, options):
            seen_any = True
            if isinstance(found, SourceFailure):
                yield found
            else:
                yield from iter_file(found, options)
        if not seen_any:  # say so: an empty result is more often a wrong path or glob than an empty folder
            yield SourceFailure(spec, "no files found in this directory (check the path and --include/--exclude)")
        return
    yield from iter_file(path, options)


def iter_file(path: Path, options: SourceOptions) -> Iterator[Item]:
    """The documents of one file; a file that cannot be opened (vanished, FIFO, directory) is one SourceFailure."""
    location = str(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            yield SourceFailure(location, "not a regular file; skipped")
            return
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below, after the generator is drained
    except OSError as exc:
        yield SourceFailure(location, f"cannot read: {exc.strerror or exc}")
        return
    try:
        yield from iter_stream(handle, location, options, name=path.name, seekable=True)
    finally:
        handle.close()


def iter_stream(
    stream: BinaryIO,
    location: str,
    options: SourceOptions,
    *,
    name: str = "",
    declared: str | None = None,
    media_type: str | None = None,
    url: str | None = None,
    fetched: str | None = None,
    seekable: bool = False,
    depth: int = 0,
) -> Iterator[Item]:
    """Sniff a byte stream and yield what it holds. ``depth`` guards against archives nested without end."""
    try:
        head, stream = _peek(stream, seekable)
        kind = sniff(head, name)
        if kind is Kind.EMPTY:
            yield SourceFailure(location, "empty file: nothing to read")
        elif kind is Kind.GZIP:
            if depth > 4:
                yield SourceFailure(location, "compressed more than 4 levels deep; refusing to unpack further")
                return
            inner = gzip.GzipFile(fileobj=stream, mode="rb")
            yield from iter_stream(
                inner,  # type: ignore[arg-type]
                location,
                options,
                name=name.removesuffix(".gz").removesuffix(".gzip"),
                declared=declared,
                url=url,
                fetched=fetched,
                depth=depth + 1,
            )
        elif kind is Kind.ZIP:
            yield from archives.iter_zip(stream, location, options, iter_stream, depth=depth)
        elif kind is Kind.WARC:
            from presswatch.sources.warc import iter_warc

            yield from iter_warc(stream, location, options)  # reports its own truncation, by record
        elif kind is Kind.JSONL:
            yield from _then_check(iter_jsonl(stream, location, options), stream, location)
        elif kind is Kind.CSV:
            encoding = known_codec(declared) or ("utf-8" if _is_utf8_prefix(head) else detect_encoding(head))
            yield from _then_check(iter_csv(stream, location, options, encoding=encoding, name=name), stream, location)
        elif kind is Kind.XML:
            root = _xml_root(head)
            yield SourceFailure(
                location, f"an XML document (root <{root}>) that is not an RSS/Atom feed or XHTML: no reader for it"
            )
        elif kind is Kind.BINARY:
            yield SourceFailure(location, "binary file: not text, HTML, a feed, WARC, CSV, JSONL, gzip or zip")
        else:
            data = read_capped(stream, options.max_bytes)
            error = pending_error(stream)
            if error is not None:  # a cut document is not a document: report it rather than ingest half of it
                raise error
            if kind is Kind.FEED:
                from presswatch.sources.feeds import iter_feed

                yield from iter_feed(data, location, options, declared=declared)
            elif kind is Kind.JSON:
                yield from iter_json_array(data, location, options)
            else:
                yield RawDocument(
                    data=data,
                    location=location,
                    media_type=media_type if media_type and kind is Kind.HTML else _MEDIA_TYPES[kind],
                    encoding=declared,
                    url=url,
                    fetched=fetched,
                )
    except TooLarge as exc:
        yield SourceFailure(location, str(exc))
    except READ_ERRORS as exc:
        yield SourceFailure(location, describe_read_error(exc))


_MEDIA_TYPES = {Kind.HTML: "text/html", Kind.TEXT: "text/plain"}


def _then_check(items: Iterator[Item], stream: BinaryIO, location: str) -> Iterator[Item]:
    """Pass the items of a streaming reader on, then report the read error that ended its stream early, if any."""
    yield from items
    error = pending_error(stream)
    if error is not None:
        yield SourceFailure(location, describe_read_error(error))


def _xml_root(head: bytes) -> str:
    match = re.search(rb"<([A-Za-z_][\w:.-]*)", re.sub(rb"<[?!][^>]*>", b"", head[:4096]))
    return match.group(1).decode("ascii", "replace") if match else "?"


def _peek(stream: BinaryIO, seekable: bool) -> tuple[bytes, BinaryIO]:
    if seekable:  # a real file: read the head and rewind, so zip and WARC readers get the file itself
        head = stream.read(64 * 1024)
        stream.seek(0)
        return head, stream
    return peek_head(stream)


def _is_utf8_prefix(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only the cut at the end of the sniffed head is broken
    return True


def describe_read_error(exc: BaseException) -> str:
    """A reason a reader understands, for the errors a damaged or vanished input raises."""
    if isinstance(exc, EOFError):
        return f"truncated compressed data (the file ends early): {exc}"
    if isinstance(exc, gzip.BadGzipFile):
        return f"damaged gzip data: {exc}"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data: {exc}"
    if isinstance(exc, archives.BadZipFile):
        return f"damaged zip archive: {exc}"
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"


__all__ = ["iter_documents", "iter_file", "iter_stream"]
