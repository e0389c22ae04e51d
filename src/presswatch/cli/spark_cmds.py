"""``presswatch spark enrich`` and ``presswatch spark load``: thin layers over ``presswatch.spark``.

``spark enrich`` reads and enriches on Spark and writes Parquet; it needs pyspark (``presswatch[spark]``) and Java
17+, and says so when they are missing. ``spark load`` stores that Parquet through the ingest path and needs neither.
Output as ``presswatch ingest``: progress on stderr, one ``location: reason`` line per failed item, the summary on
stdout; exit status 0 all used, 1 some items failed, 2 usage error.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from presswatch import settings
from presswatch.cli.ingest_cmds import parse_columns, print_report, progress_display
from presswatch.cli.progress import status_display
from presswatch.errors import ExitStatus, UsageError
from presswatch.sources.options import SourceOptions

spark_app = typer.Typer(
    name="spark",
    help="Batch enrichment on Apache Spark: inputs -> enriched Parquet (spark enrich) -> a store (spark load).",
    no_args_is_help=True,
)


@spark_app.command("enrich")
def enrich(
    sources: list[str] = typer.Argument(
        ..., help="Files, directories, URLs (WARC, JSONL, CSV, Parquet, HTML, text, feeds, zip)", show_default=False
    ),
    out: str = typer.Option(..., "--out", "-o", help="Parquet directory to write", show_default=False),
    master: str = typer.Option("local[2]", "--master", help="Spark master: local[N] or a cluster URL"),
    partitions: int | None = typer.Option(
        None, "--partitions", min=1, help="Partitions to enrich (default: Spark's default parallelism)"
    ),
    layout: str | None = typer.Option(None, "--layout", help="Force this layout instead of detecting it"),
    include: list[str] = typer.Option([], "--include", help="Only files matching this glob (repeatable)"),
    exclude: list[str] = typer.Option([], "--exclude", help="Skip files matching this glob (repeatable)"),
    columns: str | None = typer.Option(None, "--columns", help="CSV/JSONL/Parquet column map, e.g. text=body"),
    preset: str | None = typer.Option(None, "--preset", help="Column map and row rules of a known export format"),
    aliases: str | None = typer.Option(None, "--aliases", help="Your alias file (TOML), added to the default"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace --out when it exists"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary; failures only"),
) -> None:
    """Read SOURCES and enrich every article on Spark; write the articles with their enrichment as Parquet.

    Load the result with `presswatch spark load OUT`. Exit status: 0 all used, 1 some items failed (each printed as
    'location: reason', and kept in the Parquet), 2 usage error (also when pyspark or Java is missing).
    """
    from presswatch.enrich.options import EnrichOptions
    from presswatch.spark import enrich_to_parquet, start_session

    if aliases and not Path(aliases).is_file():
        raise UsageError(f"alias file {aliases} does not exist; see presswatch/data/aliases.toml for the format")
    source = SourceOptions(include=list(include), exclude=list(exclude), columns=parse_columns(columns), preset=preset)
    source.resolved()  # an unknown preset is a usage error before Spark starts
    options = EnrichOptions(alias_file=str(Path(aliases).resolve()) if aliases else None)  # executors need it absolute
    err, stdout = Console(stderr=True), Console()
    with status_display(err, not quiet, "spark") as status:
        status.stage(f"starting Spark on {master}")
        bar = not quiet and err.is_terminal  # Spark's stage bar redraws with \r: on a terminal only, not in logs
        spark = start_session(master, {"spark.ui.showConsoleProgress": str(bar).lower()})
        try:
            summary = enrich_to_parquet(
                spark,
                sources,
                out,
                source=source,
                layout=layout,
                enrich=options,
                partitions=partitions,
                overwrite=overwrite,
                stage=status.stage,
            )
        finally:
            spark.stop()
    for location, stage, reason in summary.failures:
        err.print(f"{escape(location)}: {escape(stage)}: {escape(reason)}", highlight=False, soft_wrap=True)
    if summary.failed > len(summary.failures):
        err.print(f"... {summary.failed - len(summary.failures)} more failures: the rows with error_reason in {out}")
    if not quiet:
        stdout.print(escape(summary.text()), highlight=False, soft_wrap=True)
    raise typer.Exit(int(ExitStatus.SOME_FAILED if summary.failed else ExitStatus.OK))


@spark_app.command("load")
def load(
    paths: list[str] = typer.Argument(..., help="Parquet written by `presswatch spark enrich`", show_default=False),
    db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
    near_dup_threshold: float = typer.Option(
        settings.get("near_dup_threshold"), "--near-dup-threshold", help=settings.help_text("near_dup_threshold")
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary; failures only"),
) -> None:
    """Store enriched Parquet as `presswatch ingest` stores articles: duplicates dropped, batches atomic.

    Running it again stores nothing new. Exit status: 0 all used, 1 some rows failed, 2 usage error.
    """
    from presswatch.ingest import IngestOptions
    from presswatch.spark.load import load_parquet
    from presswatch.store import open_store

    options = IngestOptions(near_dup_threshold=near_dup_threshold, batch_size=int(settings.get("batch_size")))
    err, stdout = Console(stderr=True), Console()
    store = open_store(db)
    try:
        with progress_display(err, not quiet, "loading") as (update, _status):
            report = load_parquet(
                paths,
                store,
                options,
                progress=update,
                on_failure=lambda loc, why: err.print(f"{escape(loc)}: {escape(why)}", highlight=False, soft_wrap=True),
            )
    finally:
        store.close()
    if not quiet:
        print_report(report, stdout)
    raise typer.Exit(int(ExitStatus.OK if report.ok else ExitStatus.SOME_FAILED))


def register(app: typer.Typer) -> None:
    """Add the ``spark`` group to the app."""
    app.add_typer(spark_app)
