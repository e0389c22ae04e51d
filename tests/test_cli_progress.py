"""Progress for long commands: live on a terminal, plain throttled lines in logs and pipes."""

from __future__ import annotations

import io

from rich.console import Console

from presswatch.cli.progress import LogStatus, status_display


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def log_console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=False, width=200), buffer


def test_log_status_prints_at_most_every_interval_and_the_last_status_at_the_end() -> None:
    console, buffer = log_console()
    clock = FakeClock()
    log = LogStatus(console, "ingesting", interval=10, clock=clock)
    for n in range(1, 31):  # 30 updates, one a second
        clock.now += 1
        log.show(f"{n} documents")
    log.flush()
    lines = buffer.getvalue().splitlines()
    assert lines == [
        "ingesting: 10 documents [10 s]",
        "ingesting: 20 documents [20 s]",
        "ingesting: 30 documents [30 s]",
    ]


def test_log_status_stages_are_always_printed_after_the_pending_status() -> None:
    console, buffer = log_console()
    clock = FakeClock()
    log = LogStatus(console, "demo", interval=10, clock=clock)
    clock.now += 3
    log.show("3786 enriched")
    log.stage("analysing across the corpus")
    assert buffer.getvalue().splitlines() == ["demo: 3786 enriched [3 s]", "demo: analysing across the corpus [3 s]"]


def test_status_display_is_silent_when_disabled_and_logs_when_not_a_terminal() -> None:
    console, buffer = log_console()
    with status_display(console, False, "ingesting") as status:
        status.show("1 document")
        status.stage("next")
    assert buffer.getvalue() == ""
    with status_display(console, True, "ingesting") as status:
        status.show("1 document")  # a run too short for a status line: its summary says the rest
    assert buffer.getvalue() == ""
    with status_display(console, True, "demo") as status:
        status.stage("[bold]step[/bold]")  # markup in data is printed as written
    assert buffer.getvalue().splitlines() == ["demo: [bold]step[/bold] [0 s]"]
