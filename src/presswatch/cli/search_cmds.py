"""``presswatch search``, ``show``, ``export`` and ``stats``: thin layers over the store."""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from presswatch import settings
from presswatch.errors import NotFound, UsageError
from presswatch.models import Article
from presswatch.store.base import SearchResults

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = (
    "id",
    "title",
    "published",
    "outlet",
    "author",
    "kind",
    "url",
    "language",
    "tags",
    "print_citation",
    "source",
    "layout",
    "duplicate_of",
    "text",
)
_MARK = re.compile(r"(<mark>.*?</mark>)", re.S)


def snippet_text(snippet: str) -> Text:
    """A stored snippet (HTML-escaped, matches in <mark>) as rich Text with the matches highlighted."""
    text = Text()
    for part in _MARK.split(snippet):
        if part.startswith("<mark>") and part.endswith("</mark>"):
            text.append(html.unescape(part[6:-7]), style="bold yellow")
        elif part:
            text.append(html.unescape(part))
    return text


def print_hits(results: SearchResults, out: Console, offset: int = 0) -> None:
    if not results.hits:
        out.print("  (no matches)", highlight=False)
    for i, hit in enumerate(results.hits, start=offset + 1):
        head = Text(f"{i:>3}. ", style="dim")
        head.append(hit.id[:10], style="cyan")
        head.append(f"  {(hit.published or '')[:10]:<10}  {hit.outlet or '-'}  ", style="dim")
        head.append(hit.title, style="bold")
        out.print(head, soft_wrap=True)
        line = Text("     ")
        line.append_text(snippet_text(" ".join(hit.snippet.split())))
        out.print(line, soft_wrap=True)


def print_stats(stats: dict[str, Any], out: Console) -> None:
    first, last = stats.get("date_range") or [None, None]
    out.print(
        f"[bold]{stats['articles']}[/bold] articles ({stats['duplicates']} near-duplicates), "
        f"{(first or '?')[:10]} .. {(last or '?')[:10]}; {stats['enriched']} enriched, "
        f"{stats['attributions']} attributions ({stats['anonymous_attributions']} anonymous), "
        f"{stats['entities']} entities, {stats['events']} events",
        highlight=False,
    )
    outlets = ", ".join(f"{escape(k)} {v}" for k, v in list(stats["outlets"].items())[:12])
    out.print(f"outlets: {outlets}", highlight=False, soft_wrap=True)
    if stats.get("kinds"):
        kinds = ", ".join(f"{escape(k)} {v}" for k, v in stats["kinds"].items())
        out.print(f"kinds: {kinds}", highlight=False, soft_wrap=True)


def article_json(article: Article, raw: bool = False) -> dict[str, Any]:
    data = article.to_dict()
    if not raw:
        data.pop("raw", None)
    return data


def csv_row(article: Article) -> list[Any]:
    d = article.to_dict()
    d["tags"] = ";".join(article.tags)
    d["print_citation"] = json.dumps(d["print_citation"], ensure_ascii=False) if d["print_citation"] else ""
    return [d.get(c) if d.get(c) is not None else "" for c in CSV_COLUMNS]


@contextmanager
def _text_output(path: str | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with fh:
        yield fh


def export_articles(store: Any, fmt: str, output: str | None, raw: bool = False) -> int:
    """Write every stored article (in insertion order, streaming) as JSONL, CSV or Parquet; return the count."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    n = 0
    if fmt == "parquet":
        if output in (None, "-"):
            raise UsageError("parquet is binary: give a file with -o FILE.parquet")
        return _export_parquet(store, Path(output), raw)
    with _text_output(output) as fh:
        if fmt == "jsonl":
            for article in store.iter_articles():
                fh.write(json.dumps(article_json(article, raw), ensure_ascii=False) + "\n")
                n += 1
        else:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for article in store.iter_articles():
                writer.writerow(csv_row(article))
                n += 1
    return n


def _export_parquet(store: Any, path: Path, raw: bool, batch: int = 1000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [*CSV_COLUMNS, "paragraph_spans", *(["raw"] if raw else [])]
    schema = pa.schema(
        [
            (
                c,
                pa.list_(pa.string())
                if c == "tags"
                else pa.list_(pa.list_(pa.int64()))
                if c == "paragraph_spans"
                else pa.string(),
            )
            for c in columns
        ]
    )
    n = 0
    try:
        writer = pq.ParquetWriter(str(path), schema)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc}") from exc
    with writer:
        rows: list[dict[str, Any]] = []

        def flush() -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()

        for article in store.iter_articles():
            d = article.to_dict()
            row = {c: d.get(c) for c in columns}
            row["tags"] = list(article.tags)
            row["paragraph_spans"] = [list(s) for s in article.paragraph_spans]
            row["print_citation"] = json.dumps(d["print_citation"], ensure_ascii=False) if d["print_citation"] else None
            rows.append(row)
            n += 1
            if len(rows) >= batch:
                flush()
        flush()
    return n


def register(app: typer.Typer) -> None:
    """Add ``search``, ``show``, ``export`` and ``stats`` to the app."""

    @app.command()
    def search(
        query: str = typer.Argument(
            ...,
            help='Words, "phrases", AND/OR/NOT, -word, prefix*, (groups), outlet: kind: tag: from: to: '
            "speaker: entity:",
            show_default=False,
        ),
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        limit: int = typer.Option(settings.get("search_limit"), "--limit", min=0, help="Results to show"),
        offset: int = typer.Option(0, "--offset", min=0, help="Results to skip (paging)"),
        facets: bool = typer.Option(False, "--facets", help="Also count matches by outlet, kind, month, speaker ..."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text"),
    ) -> None:
        """Full-text search of the stored articles, best matches first."""
        from presswatch.store import open_store
        from presswatch.store.query import build_search_query

        q = build_search_query(query, limit=limit, offset=offset, facets=facets)  # QueryError before opening
        store = open_store(db, create=False)
        try:
            results = store.search(q)
        finally:
            store.close()
        if as_json:
            payload = {
                "query": query,
                "total": results.total,
                "total_exact": results.total_exact,
                "ranked_among": results.ranked_among,
                "limit": limit,
                "offset": offset,
                "hits": [
                    {
                        "id": h.id,
                        "title": h.title,
                        "published": h.published,
                        "outlet": h.outlet,
                        "kind": h.kind,
                        "snippet": h.snippet,
                        "score": h.score,
                    }
                    for h in results.hits
                ],
                "facets": {k: [[name, n] for name, n in v] for k, v in results.facets.items()},
            }
            print(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        out = Console()
        shown = f"{offset + 1}-{offset + len(results.hits)}" if results.hits else "0"
        total = f"{results.total}{'' if results.total_exact else '+'}"
        note = f"; best of the {results.ranked_among} newest matches" if results.ranked_among else ""
        out.print(f"{total} matches for {escape(query)!s} (showing {shown}{note})", highlight=False)
        print_hits(results, out, offset)
        for name, values in results.facets.items():
            if values:
                out.print(f"{name}: " + ", ".join(f"{escape(k)} {n}" for k, n in values[:10]), highlight=False)

    @app.command()
    def show(
        article_id: str = typer.Argument(..., metavar="ID", help="Article id, or a unique prefix (6+ characters)"),
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        as_json: bool = typer.Option(False, "--json", help="Print JSON (article and enrichment)"),
    ) -> None:
        """Show one article: its fields, text and, when enriched, who said what."""
        from presswatch.store import open_store

        store = open_store(db, create=False)
        try:
            article = store.get_article(article_id)
            if article is None:
                raise NotFound(f"no article with id {article_id!r}; `presswatch search` lists ids")
            enrichment = store.get_enrichment(article.id)
        finally:
            store.close()
        if as_json:
            payload = {"article": article_json(article), "enrichment": enrichment.to_dict() if enrichment else None}
            print(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        out = Console()
        out.print(Text(article.title, style="bold"), soft_wrap=True)
        for label, value in (
            ("id", article.id),
            ("published", article.published),
            ("outlet", article.outlet),
            ("author", article.author),
            ("kind", article.kind),
            ("print", _citation(article)),
            ("url", article.url),
            ("tags", ", ".join(article.tags) or None),
            ("source", f"{article.source} ({article.layout})" if article.layout else article.source),
            ("near-duplicate of", article.duplicate_of),
        ):
            if value:
                out.print(Text(f"{label}: ", style="dim") + Text(str(value)), soft_wrap=True)
        out.print()
        for paragraph in article.paragraphs:
            out.print(Text(paragraph), soft_wrap=True)
            out.print()
        if enrichment is not None and enrichment.attributions:
            out.print(Text(f"Who said what ({len(enrichment.attributions)})", style="bold"))
            for a in enrichment.attributions:
                who = a.speaker.name or a.speaker.label
                role = f", {a.speaker.role}" if a.speaker.role else ""
                line = Text(f"  [{a.id}] ", style="dim")
                line.append(f"{who}{role}", style="cyan")
                line.append(f" ({a.form}): ")
                line.append(a.content.text or article.text[a.content.start : a.content.end])
                out.print(line, soft_wrap=True)

    @app.command()
    def export(
        fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet"),
        output: str | None = typer.Option(
            None, "--output", "-o", help="File to write (default: stdout; parquet: required)"
        ),
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        raw: bool = typer.Option(False, "--raw", help="Include each article's raw source document"),
    ) -> None:
        """Export every stored article (JSONL, CSV or Parquet), in the order they were stored."""
        from presswatch.store import open_store

        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        store = open_store(db, create=False)
        try:
            n = export_articles(store, fmt, output, raw)
        finally:
            store.close()
        if output not in (None, "-"):
            Console(stderr=True).print(f"{n} articles written to {escape(output)}", highlight=False)

    @app.command()
    def stats(
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Counts: articles, near-duplicates, outlets, kinds, dates, enrichment, attributions, entities."""
        from presswatch.store import open_store

        store = open_store(db, create=False)
        try:
            data = store.stats()
        finally:
            store.close()
        if as_json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print_stats(data, Console())


def _citation(article: Article) -> str | None:
    pc = article.print_citation
    if pc is None:
        return None
    return ", ".join(p for p in (pc.paper, pc.date, f"p. {pc.page}" if pc.page else None) if p)
