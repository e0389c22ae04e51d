"""Progress on stderr for long commands: a live line on a terminal, a plain line every few seconds in logs and pipes.

A run started from cron, CI or ``nohup`` has no terminal; it still says what it is doing, so a long ingest in a log
is not mistaken for a hung one. Both forms take the same calls: ``show(text)`` replaces the current status (throttled
in logs), ``stage(text)`` announces a new step (always printed in logs).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.markup import escape

LOG_INTERVAL = 10.0  # seconds between two status lines in a log


class Status(Protocol):
    def show(self, text: str) -> None: ...

    def stage(self, text: str) -> None: ...


class _Silent:
    def show(self, text: str) -> None:
        pass

    def stage(self, text: str) -> None:
        pass


class LogStatus:
    """Plain lines for logs: the status at most every ``interval`` seconds, each with the time since the start."""

    def __init__(
        self,
        console: Console,
        label: str,
        interval: float = LOG_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console, self.label, self.interval, self.clock = console, label, interval, clock
        self.started = self.last = clock()
        self.pending: str | None = None
        self.printed = 0

    def _print(self, text: str) -> None:
        self.printed += 1
        elapsed = self.clock() - self.started
        self.console.print(f"{escape(self.label)}: {escape(text)} [{elapsed:.0f} s]", highlight=False, soft_wrap=True)

    def show(self, text: str) -> None:
        now = self.clock()
        if now - self.last >= self.interval:
            self.last = now
            self.pending = None
            self._print(text)
        else:
            self.pending = text

    def stage(self, text: str) -> None:
        if self.pending is not None:  # where the previous step got to, then the new step
            pending, self.pending = self.pending, None
            self._print(pending)
        self.last = self.clock()
        self._print(text)

    def flush(self) -> None:
        """Print the newest status not yet printed, so a long run's log shows where it got to. A run too short to
        have printed anything stays quiet: its summary says the rest."""
        if self.pending is not None and self.printed:
            text, self.pending = self.pending, None
            self._print(text)


@contextmanager
def status_display(console: Console, enabled: bool, label: str) -> Iterator[Status]:
    """The status display for ``console``: live on a terminal, log lines otherwise, nothing when not ``enabled``."""
    if not enabled:
        yield _Silent()
        return
    if not console.is_terminal:
        log = LogStatus(console, label)
        try:
            yield log
        finally:
            log.flush()
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task(label, total=None)

        class _Live:
            def show(self, text: str) -> None:
                bar.update(task, description=f"{label}: {text}")

            def stage(self, text: str) -> None:
                bar.console.print(f"{escape(label)}: {escape(text)}", highlight=False, soft_wrap=True)
                bar.update(task, description=f"{label}: {text}")

        yield _Live()
