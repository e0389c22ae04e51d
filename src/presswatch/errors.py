"""Domain errors and exit codes. Interfaces turn these into one-line messages; anything else is a bug and shows a
traceback."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    SOME_FAILED = 1  # the run finished, but some items could not be used (each was reported)
    USAGE = 2  # bad arguments, bad query, unreachable store: nothing was done


class PresswatchError(Exception):
    """An expected error: the message says what went wrong and what to do."""

    exit_status = ExitStatus.USAGE


class UsageError(PresswatchError):
    pass


class QueryError(PresswatchError):
    """A malformed search query. ``position`` is the character offset where parsing failed, when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class StoreError(PresswatchError):
    """The store cannot be opened or used (bad URL, server unreachable, newer schema)."""


class SourceError(PresswatchError):
    """A source cannot be read at all (as opposed to one bad item inside it, which is a SourceFailure record)."""


class NotFound(PresswatchError):
    pass
