"""CLI commands of the enrichment stage: ``extract`` (print, store nothing), ``enrich`` (stored articles), and the
views over stored enrichment: ``quotes``, ``entities``, ``events``. Each is a thin layer over library calls."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from presswatch import settings
from presswatch.cli.progress import LogStatus
from presswatch.errors import ExitStatus, UsageError

_MEDIA_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".xml": "application/xml"}


def _options(aliases: str | None, attribution_model: str | None = None):
    from presswatch.enrich.pipeline import EnrichOptions

    if aliases and not Path(aliases).is_file():
        raise UsageError(f"alias file {aliases} does not exist; see presswatch/data/aliases.toml for the format")
    if attribution_model:
        from presswatch.enrich.attribution_tagger import load_tagger

        attribution_model = str(Path(attribution_model).resolve())  # workers may run elsewhere
        load_tagger(attribution_model)  # a missing or broken model: one clear error before any work
    return EnrichOptions(alias_file=aliases, attribution_model=attribution_model)


def extract_files(
    paths: list[str], *, layout: str | None = None, aliases: str | None = None, attribution_model: str | None = None
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Read, parse and enrich files without storing anything: (articles with their enrichment, failures)."""
    from presswatch.enrich.pipeline import enrich_article
    from presswatch.layouts import parse
    from presswatch.models import RawDocument

    options = _options(aliases, attribution_model)
    results: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            failures.append((path, f"cannot read: {exc.strerror or exc}"))
            continue
        raw = RawDocument(
            data=data, location=path, media_type=_MEDIA_TYPES.get(Path(path).suffix.lower(), "text/plain")
        )
        try:
            articles = parse(raw, layout)
        except Exception as exc:  # LayoutError and friends: this file is reported, the others go on
            failures.append((path, str(exc)))
            continue
        for article in articles:
            try:
                enriched = enrich_article(article, options)
            except Exception as exc:
                failures.append((f"{path}#{article.id}", f"enrichment failed: {type(exc).__name__}: {exc}"))
                continue
            art = article.to_dict()
            art.pop("raw", None)
            results.append({"file": path, "article": art, "enrichment": enriched.to_dict()})
    return results, failures


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _render_extract(item: dict[str, Any], out: Console) -> None:
    art, enr = item["article"], item["enrichment"]
    out.rule(f"[bold]{escape(art['title'])}")
    meta = [art.get("published") or "no date", art.get("outlet") or "no outlet", art.get("layout") or ""]
    out.print(f"{escape(item['file'])}  ·  " + "  ·  ".join(escape(m) for m in meta if m))
    out.print(f"{len(art['paragraph_spans'])} paragraphs, {len(enr['sentences'])} sentences  ·  id {art['id']}")
    ents = Table(title="Entities", title_justify="left", show_lines=False)
    for col in ("key", "type", "role", "affiliation", "mentions (offsets)"):
        ents.add_column(col, overflow="fold")  # keys are identifiers: fold them, never cut them
    for e in enr["entities"]:
        spans = ", ".join(
            f"{escape(enr['mentions'][i]['text'])} [{enr['mentions'][i]['start']}:{enr['mentions'][i]['end']}]"
            for i in e["mentions"][:4]
        ) + (" …" if len(e["mentions"]) > 4 else "")
        ents.add_row(e["key"], e["type"], e.get("role") or "", e.get("affiliation") or "", spans)
    out.print(ents)
    quotes = Table(title="Who said what", title_justify="left")
    for col in ("id", "speaker", "cue", "content", "form"):
        quotes.add_column(col)
    for q in enr["attributions"]:
        sp = q["speaker"]
        who = sp.get("name") or sp["label"]
        who += f" ({sp['kind']})" + (f" → {q['nested_in']}" if q.get("nested_in") else "")
        cue = q.get("cue") or {}
        content = q["content"]
        quotes.add_row(
            q["id"],
            escape(who),
            escape(f"{cue.get('text', '')} [{cue['start']}:{cue['end']}]" if cue else ""),
            escape(f"{_clip(content['text'], 70)} [{content['start']}:{content['end']}]"),
            q["form"],
        )
    out.print(quotes)
    times = Table(title="Times", title_justify="left")
    for col in ("text", "offsets", "kind", "value"):
        times.add_column(col)
    for t in enr["times"]:
        times.add_row(escape(t["text"]), f"{t['start']}:{t['end']}", t["kind"], t["value"])
    out.print(times)
    events = Table(title="Events", title_justify="left")
    for col in ("id", "type", "trigger", "participants", "place", "time", "status"):
        events.add_column(col, overflow="fold")
    for ev in enr["events"]:
        trig = ev["trigger"]
        events.add_row(
            ev["id"],
            ev["type"],
            escape(f"{trig['text']} [{trig['start']}:{trig['end']}]"),
            escape(", ".join(ev["participants"])),
            escape(ev.get("place") or ""),
            escape((ev.get("time") or {}).get("value", "")),
            ev["status"],
        )
    out.print(events)
    for err in enr["errors"]:
        out.print(f"[yellow]warning:[/] {escape(err)}")


def _json_out(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _resolve_keys(store, name: str | None) -> list[str | None]:
    """The entity keys a user's name stands for (surname-only and alias forms included); the name itself when none."""
    if not name:
        return [None]
    from presswatch.analysis.identity import resolve

    return resolve(name, store=store) or [name]


def _query_union(fn, names: list[str | None], param: str, limit: int, **kw) -> list[dict[str, Any]]:
    """Run a find_* query once per resolved key and merge the rows (first come first kept)."""
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for name in names:
        for row in fn(**{param: name}, limit=limit, **kw):
            ident = json.dumps(
                [
                    row.get("key"),
                    row.get("article_id"),
                    row.get("attribution", {}).get("id"),
                    row.get("event", {}).get("id"),
                ]
            )
            if ident not in seen:
                seen.add(ident)
                rows.append(row)
    return rows[:limit]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""

    @app.command()
    def extract(
        files: list[str] = typer.Argument(..., help="Files to read ('-' for standard input)"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON (every offset indexes into article.text)"),
        layout: str | None = typer.Option(None, "--layout", help="Force this layout (plain: text = the file's text)"),
        aliases: str | None = typer.Option(None, "--aliases", help="Your alias file (TOML), added to the default"),
        attribution_model: str | None = typer.Option(
            None, "--attribution-model", help="A tagger trained with `presswatch train-attributions` (.crfsuite)"
        ),
    ) -> None:
        """Print each article's entities, attributions, times and events with character offsets; store nothing."""
        results, failures = extract_files(files, layout=layout, aliases=aliases, attribution_model=attribution_model)
        if as_json:
            _json_out(results)
        else:
            out = Console()
            for item in results:
                _render_extract(item, out)
        err = Console(stderr=True)
        for where, reason in failures:
            err.print(f"presswatch: {escape(where)}: {escape(reason)}", highlight=False)
        if failures:
            raise typer.Exit(int(ExitStatus.SOME_FAILED))

    @app.command()
    def enrich(
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        all_: bool = typer.Option(False, "--all", help="Re-enrich every stored article, not only new or outdated ones"),
        workers: int | None = typer.Option(None, "--workers", help=settings.help_text("workers")),
        aliases: str | None = typer.Option(None, "--aliases", help="Your alias file (TOML), added to the default"),
        batch: int = typer.Option(100, "--batch", help="Articles saved per transaction"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar"),
        attribution_model: str | None = typer.Option(
            None, "--attribution-model", help="A tagger trained with `presswatch train-attributions` (.crfsuite)"
        ),
    ) -> None:
        """(Re)process stored articles without enrichment or with an older enrichment version."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from presswatch.enrich.pipeline import ENRICH_VERSION, enrich_many
        from presswatch.models import EnrichedArticle
        from presswatch.store import open_store

        options = _options(aliases, attribution_model)
        n_workers = int(settings.get("workers", workers))
        store = open_store(settings.get("db", db), create=False)
        failed = 0
        try:
            ids = (
                [a.id for a in store.iter_articles()] if all_ else store.unenriched_ids(ENRICH_VERSION)
            )  # ids only: the articles themselves are streamed in batches below
            err = Console(stderr=True)
            # A bar on a terminal; in logs and pipes a plain line every few seconds instead.
            log = LogStatus(err, "enriching") if not quiet and not err.is_terminal else None
            with Progress(
                TextColumn("enriching"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                disable=quiet or log is not None,
            ) as progress:
                task = progress.add_task("enrich", total=len(ids))
                pending: list[EnrichedArticle] = []
                for result in enrich_many(store.iter_articles(ids=ids), options, workers=n_workers):
                    if isinstance(result, EnrichedArticle):
                        pending.append(result)
                    else:
                        failed += 1
                        err.print(f"presswatch: {escape(result.location)}: {escape(result.reason)}")
                    if len(pending) >= batch:
                        store.save_enrichments(pending)
                        pending = []
                    progress.advance(task)
                    if log is not None:
                        done = int(progress.tasks[0].completed)
                        log.show(f"{done} of {len(ids)} articles, {failed} failed")
                if log is not None:
                    log.flush()
                if pending:
                    store.save_enrichments(pending)
            if not quiet:
                err.print(f"enriched {len(ids) - failed} of {len(ids)} articles (version {ENRICH_VERSION})")
        finally:
            store.close()
        if failed:
            raise typer.Exit(int(ExitStatus.SOME_FAILED))

    @app.command()
    def quotes(
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        speaker: str | None = typer.Option(None, "--speaker", help="Speaker: entity key, name, surname or alias"),
        entity: str | None = typer.Option(None, "--entity", help="Only articles that mention this entity"),
        anonymous: bool | None = typer.Option(
            None, "--anonymous/--named", help="Only anonymous sources / only named speakers"
        ),
        outlet: str | None = typer.Option(None, "--outlet", help="Reported by this outlet"),
        date_from: str | None = typer.Option(None, "--from", help="Published on or after (YYYY-MM-DD)"),
        date_to: str | None = typer.Option(None, "--to", help="Published on or before (YYYY-MM-DD)"),
        text: str | None = typer.Option(None, "--text", help="Words in the statement"),
        limit: int = typer.Option(50, "--limit", help="At most this many"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Who said what: stored attributions, filtered."""
        from presswatch.store import open_store

        store = open_store(settings.get("db", db), create=False)
        try:
            speakers = _resolve_keys(store, speaker)
            entities = _resolve_keys(store, entity)
            rows: list[dict[str, Any]] = []
            seen: set[tuple[str, str]] = set()
            for ent in entities:
                for row in _query_union(
                    store.find_attributions,
                    speakers,
                    "speaker",
                    limit,
                    entity=ent,
                    anonymous=anonymous,
                    outlet=outlet,
                    date_from=date_from,
                    date_to=date_to,
                    text=text,
                ):
                    ident = (row["article_id"], row["attribution"]["id"])
                    if ident not in seen:
                        seen.add(ident)
                        rows.append(row)
            rows = rows[:limit]
        finally:
            store.close()
        if as_json:
            _json_out(rows)
            return
        table = Table(title=f"{len(rows)} statements")
        for col in ("published", "outlet", "speaker", "said", "article"):
            table.add_column(col)
        for r in rows:
            sp = r["attribution"]["speaker"]
            who = (sp.get("name") or sp["label"]) + (f" ({sp['role']})" if sp.get("role") else "")
            table.add_row(
                (r.get("published") or "")[:10],
                r.get("outlet") or "",
                escape(who),
                escape(_clip(r.get("content_text") or r["attribution"]["content"]["text"], 80)),
                r["article_id"][:10],
            )
        Console().print(table)

    @app.command()
    def entities(
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        name: str | None = typer.Option(None, "--name", help="Name, surname, alias or key"),
        type_: str | None = typer.Option(None, "--type", help="PERSON, ORG, OUTLET, GPE, LOC, ..."),
        limit: int = typer.Option(50, "--limit", help="At most this many"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Stored entities with article, mention and quote counts (surname-only people shown under the full name)."""
        from presswatch.analysis.identity import EntityIndex
        from presswatch.store import open_store

        store = open_store(settings.get("db", db), create=False)
        try:
            if name:
                keys = _resolve_keys(store, name)
                rows = _query_union(store.find_entities, keys, "name", limit, type=type_)
            else:
                rows = store.find_entities(type=type_, limit=limit)
            index = EntityIndex.from_rows(rows)
            for row in rows:
                canon = index.canonical(row["key"])
                row["same_as"] = canon if canon != row["key"] else None
        finally:
            store.close()
        if as_json:
            _json_out(rows)
            return
        table = Table(title=f"{len(rows)} entities")
        for col in ("key", "name", "type", "role", "affiliation", "articles", "mentions", "quotes", "same as"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(
                r["key"],
                escape(r.get("name") or ""),
                r.get("type") or "",
                escape(r.get("role") or ""),
                escape(r.get("affiliation") or ""),
                str(r.get("articles", "")),
                str(r.get("mentions", "")),
                str(r.get("quotes", "")),
                r.get("same_as") or "",
            )
        Console().print(table)

    @app.command()
    def events(
        db: str | None = typer.Option(None, "--db", help=settings.help_text("db")),
        entity: str | None = typer.Option(None, "--entity", help="Participant: key, name, surname or alias"),
        type_: str | None = typer.Option(None, "--type", help="meeting, talks, visit, summit, call, agreement, ..."),
        status: str | None = typer.Option(None, "--status", help="held, planned or cancelled"),
        date_from: str | None = typer.Option(None, "--from", help="On or after (YYYY-MM-DD)"),
        date_to: str | None = typer.Option(None, "--to", help="On or before (YYYY-MM-DD)"),
        limit: int = typer.Option(50, "--limit", help="At most this many"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Stored events (meetings, visits, talks ...) in time order."""
        from presswatch.store import open_store

        if status and status not in ("held", "planned", "cancelled"):
            raise UsageError(f"unknown status {status!r}: use held, planned or cancelled")
        store = open_store(settings.get("db", db), create=False)
        try:
            keys = _resolve_keys(store, entity)
            rows = _query_union(
                store.find_events,
                keys,
                "entity",
                limit,
                type=type_,
                status=status,
                date_from=date_from,
                date_to=date_to,
            )
        finally:
            store.close()
        if as_json:
            _json_out(rows)
            return
        table = Table(title=f"{len(rows)} events")
        for col in ("when", "type", "participants", "place", "status", "article"):
            table.add_column(col)
        for r in rows:
            ev = r["event"]
            table.add_row(
                (ev.get("time") or {}).get("value") or f"(reported {(r.get('published') or '')[:10]})",
                ev["type"],
                escape(", ".join(ev["participants"])),
                escape(ev.get("place") or ""),
                ev["status"],
                r["article_id"][:10],
            )
        Console().print(table)
