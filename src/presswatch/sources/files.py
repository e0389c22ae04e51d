"""Walking directories: include/exclude globs, hidden files, symlink loops, files that vanish or are not regular.

The walk is lazy (one directory listing in memory at a time) and in sorted order, so runs are reproducible.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from presswatch.models import SourceFailure
from presswatch.sources.options import SourceOptions


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 in a file name (which Python keeps as
    lone surrogates, unencodable) are shown as U+FFFD. Only for locations: files are opened by their real path."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def matches(relative: str, patterns: list[str]) -> bool:
    """Does the path (posix, relative to the walked root) or its file name match one of the globs?"""
    name = PurePosixPath(relative).name
    return any(fnmatch(relative, p) or fnmatch(name, p) or PurePosixPath(relative).match(p) for p in patterns)


def walk(root: Path, options: SourceOptions) -> Iterator[Path | SourceFailure]:
    """Regular files under ``root`` that pass the globs, or a SourceFailure for what cannot be walked.

    Symbolic links are followed, but a directory already on the walk (by device and inode) is reported as a symlink
    loop and not entered again; a link that cannot be resolved (dangling, or pointing at itself) is reported too.
    """
    try:
        top = root.stat()
    except OSError as exc:
        yield SourceFailure(display_path(root), f"cannot read directory: {exc.strerror or exc}")
        return
    yield from _walk_dir(root, root, options, {(top.st_dev, top.st_ino)})


def _walk_dir(directory: Path, root: Path, options: SourceOptions, seen: set[tuple[int, int]]) -> Iterator:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield SourceFailure(display_path(directory), f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith(".") and not options.include_hidden:
            continue
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        try:
            st = os.stat(entry.path)  # follows links
        except OSError as exc:
            kind = "symlink loop or dangling link" if entry.is_symlink() else "cannot read"
            yield SourceFailure(display_path(path), f"{kind}: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            if not options.recursive or (options.exclude and matches(relative + "/", options.exclude)):
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                where = display_path(path)
                yield SourceFailure(
                    where, f"symlink loop: {where} leads back to {display_path(os.path.realpath(path))}"
                )
                continue
            yield from _walk_dir(path, root, options, seen | {key})
            continue
        if options.include and not matches(relative, options.include):
            continue
        if options.exclude and matches(relative, options.exclude):
            continue
        if not stat.S_ISREG(st.st_mode):
            yield SourceFailure(display_path(path), f"not a regular file ({_file_type(st.st_mode)}); skipped")
            continue
        yield path


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"
