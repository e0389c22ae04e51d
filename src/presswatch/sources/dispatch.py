"""``iter_documents``: any input spec -> RawDocuments (and SourceFailures for what cannot be read).

The spec is a file, a directory, an http(s) URL, ``-`` for stdin, or a member inside a zip archive
(``archive.zip!inner/file.csv``, nesting allowed: ``tool.whl!data/corpus.zip!corpus.csv``). What a stream holds is
decided by its content (``sniff``), its name only breaking ties, so a ``.txt`` that is really gzip or a feed saved as
``.html`` is still read right.
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources import archives
from presswatch.sources.files import display_path, walk
from presswatch.sources.options import SourceOptions
from presswatch.sources.readers import READERS, StreamContext, describe_read_error
from presswatch.sources.sniff import sniff
from presswatch.sources.streams import TooLarge, peek_head

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
        yield from archives.iter_archive_spec(spec, options)
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
    location = display_path(path)
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
) -> Iterator[Item]:
    """Sniff a byte stream and yield what it holds (``seekable``: a real file, which zip and WARC read in place)."""
    context = StreamContext(location, options, name, declared, media_type, url, fetched)
    yield from read_context(stream, context, seekable=seekable)


def read_context(stream: BinaryIO, ctx: StreamContext, *, seekable: bool) -> Iterator[Item]:
    """Sniff ``stream`` and hand it to the reader of its kind; a read error or an over-size item ends in a failure."""
    try:
        head, stream = _peek(stream, seekable)
        yield from READERS[sniff(head, ctx.name)](stream, head, ctx)
    except TooLarge as exc:
        yield SourceFailure(ctx.location, str(exc))
    except READ_ERRORS as exc:
        yield SourceFailure(ctx.location, describe_read_error(exc))


def _peek(stream: BinaryIO, seekable: bool) -> tuple[bytes, BinaryIO]:
    if seekable:  # a real file: read the head and rewind, so zip and WARC readers get the file itself
        head = stream.read(64 * 1024)
        stream.seek(0)
        return head, stream
    return peek_head(stream)


__all__ = ["iter_documents", "iter_file", "iter_stream", "read_context"]
