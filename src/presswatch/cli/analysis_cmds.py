"""``presswatch analyse``, ``conflicts``, ``stories``, ``timeline``, ``watch ...`` and ``digest``: thin layers over
``presswatch.analysis``. They parse arguments, open the store, call the library and print; errors are the library's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import typer

from presswatch import settings
from presswatch.errors import UsageError

DB_HELP = settings.help_text("db")


def _date(value: str | None, option: str) -> str | None:
    """An ISO date from the command line, or a UsageError that shows the expected form."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat() if len(value) >= 10 else _month(value)
    except ValueError:
        raise UsageError(f"bad date for {option}: {value!r}; write it as YYYY-MM-DD, e.g. 2015-10-15") from None


def _month(value: str) -> str:
    date.fromisoformat(value + "-01" if len(value) == 7 else value)  # raises ValueError for anything else
    return value


@contextmanager
def _store(db: str | None, *, create: bool = False) -> Iterator[Any]:
    """The store of a command; only ``watch add`` may create one (watchlists are set up before the first ingest)."""
    from presswatch.store import open_store

    store = open_store(db, create=create)
    try:
        yield store
    finally:
        store.close()


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the app."""

    @app.command()
    def analyse(
        date_from: str | None = typer.Option(None, "--from", help="Only articles published on or after (YYYY-MM-DD)"),
        date_to: str | None = typer.Option(None, "--to", help="Only articles published on or before (YYYY-MM-DD)"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Find claims, conflicting accounts and stories across the stored articles, and store them."""
        from presswatch.analysis.conflicts import analyse as run_analysis
        from presswatch.analysis.stories import build_stories

        since, until = _date(date_from, "--from"), _date(date_to, "--to")
        with _store(db) as store:
            summary = run_analysis(store, since=since, until=until)
            stories = build_stories(store, since=since, until=until)
        for line in summary.lines():
            print(line)
        print(f"{len(stories)} stories ({sum(1 for s in stories if s.size > 1)} with more than one article)")

    @app.command()
    def conflicts(
        entity: str | None = typer.Option(None, "--entity", help="A speaker or entity: name, alias or key"),
        topic: str | None = typer.Option(None, "--topic", help="A topic: name, alias or key"),
        date_from: str | None = typer.Option(None, "--from", help="Accounts dated on or after (YYYY-MM-DD)"),
        date_to: str | None = typer.Option(None, "--to", help="Accounts dated on or before (YYYY-MM-DD)"),
        min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0),
        limit: int = typer.Option(50, "--limit", min=1),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Conflicting accounts (run `presswatch analyse` first): who said what against whom, and why."""
        from presswatch.analysis.conflicts import CONFLICTS, query_conflicts

        since, until = _date(date_from, "--from"), _date(date_to, "--to")
        with _store(db) as store:
            found = query_conflicts(
                store, entity=entity, topic=topic, date_from=since, date_to=until, min_confidence=min_confidence
            )
            analysed = bool(found) or bool(store.get_records(CONFLICTS))
        found = found[:limit]
        if as_json:
            _print_json({"conflicts": found, "count": len(found)})
            return
        if not analysed:
            print("No conflicts stored: run `presswatch analyse` first.")
            return
        print(f"{len(found)} conflict(s)")
        for c in found:
            print(
                f"\n[{c['reason']} {c['confidence']:.2f}] {c.get('topic') or ''}  ({c.get('explanation', '')})\n"
                f"  {c['speaker_name_a']} ({c.get('outlet_a') or '?'}, {c.get('date_a') or '?'}): "
                f"{_short(c['evidence_a']['text'])}\n"
                f"  {c['speaker_name_b']} ({c.get('outlet_b') or '?'}, {c.get('date_b') or '?'}): "
                f"{_short(c['evidence_b']['text'])}"
            )

    @app.command()
    def stories(
        date_from: str | None = typer.Option(None, "--from", help="Articles published on or after (YYYY-MM-DD)"),
        date_to: str | None = typer.Option(None, "--to", help="Articles published on or before (YYYY-MM-DD)"),
        min_size: int = typer.Option(1, "--min-size", min=1, help="Only stories with at least this many articles"),
        limit: int = typer.Option(30, "--limit", min=1),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Articles about the same story across outlets and days (copies counted once), biggest first."""
        from presswatch.analysis.stories import build_stories

        since, until = _date(date_from, "--from"), _date(date_to, "--to")
        with _store(db) as store:
            found = [s for s in build_stories(store, since=since, until=until) if s.size >= min_size]
            titles = {a.id: a for a in store.iter_articles(ids=[i for s in found[:limit] for i in s.articles])}
        found = found[:limit]
        if as_json:
            _print_json({"stories": [s.to_record() for s in found], "count": len(found)})
            return
        print(f"{len(found)} stor{'y' if len(found) == 1 else 'ies'}")
        for s in found:
            copies = f", {len(s.copies)} copies counted once" if s.copies else ""
            print(f"\n{s.title}\n  {s.size} article(s){copies}; {', '.join(s.outlets)}; {s.first} – {s.last}")
            for aid in s.articles[:8]:
                a = titles.get(aid)
                if a is not None:
                    print(f"  - {(a.published or '')[:10]}  {a.outlet or '?'}: {a.title}  [{aid[:10]}]")

    @app.command()
    def timeline(
        query: str = typer.Argument(..., help='An entity or topic, e.g. "Northern Territories"'),
        alias: list[str] = typer.Option([], "--alias", help="Another name for it (repeatable)"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        svg: Path | None = typer.Option(None, "--svg", help="Also write the timeline as an SVG image to FILE"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Dated events and statements about an entity or topic (with its aliases), in order, with their sources."""
        from presswatch.analysis.timeline import render_svg, render_text, timeline_from_store

        with _store(db) as store:
            tl = timeline_from_store(store, query, alias)
        if svg is not None:
            try:
                svg.write_text(render_svg(tl), encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {svg}: {exc.strerror}; choose a writable path") from None
        if as_json:
            _print_json(tl.to_dict())
        else:
            print(render_text(tl))

    watch = typer.Typer(help="Watchlists: saved queries that record new matches and notify.", no_args_is_help=True)
    app.add_typer(watch, name="watch")

    @watch.command("add")
    def watch_add(
        name: str = typer.Argument(..., help="A short name for the watchlist"),
        query: str = typer.Argument(
            ..., help="A name (watched with its aliases) or a search query, e.g. 'Kuril* AND Lavrov outlet:TASS'"
        ),
        alias: list[str] = typer.Option([], "--alias", help="Another name that counts as a match (repeatable)"),
        webhook: str | None = typer.Option(None, "--webhook", help="POST new matches as JSON to this URL"),
        email: str | None = typer.Option(None, "--email", help="E-mail new matches (SMTP from $PRESSWATCH_SMTP)"),
        scan: bool = typer.Option(False, "--scan", help="Also record matches among the articles already stored"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Save a watchlist; every later ingest records and notifies its new matches."""
        from presswatch.analysis import watchlists as wl

        with _store(db, create=True) as store:
            w = wl.add_watchlist(store, name, query, aliases=alias, webhook=webhook, email=email)
            n = wl.scan(store, w.name) if scan else None
        print(f"watchlist {w.name!r} added: {w.query}" + (f" (aliases: {', '.join(w.aliases)})" if w.aliases else ""))
        if n is not None:
            print(f"{n} stored article(s) match")

    @watch.command("list")
    def watch_list(
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """The saved watchlists."""
        from presswatch.analysis import watchlists as wl

        with _store(db) as store:
            found = wl.list_watchlists(store)
            counts = {w.name: len(wl.watch_matches(store, w.name, limit=10**9)) for w in found}
        if as_json:
            _print_json({"watchlists": [{**w.to_record(), "matches": counts[w.name]} for w in found]})
            return
        if not found:
            print("No watchlists: add one with `presswatch watch add NAME QUERY`.")
        for w in found:
            to = ", ".join(x for x in (w.webhook, w.email) if x) or "no notification"
            aliases = f" (aliases: {', '.join(w.aliases)})" if w.aliases else ""
            print(f"{w.name}: {w.query}{aliases} -> {to}; {counts[w.name]} match(es)")

    @watch.command("remove")
    def watch_remove(
        name: str = typer.Argument(..., help="The watchlist to remove"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Remove a watchlist and its recorded matches."""
        from presswatch.analysis import watchlists as wl

        with _store(db) as store:
            wl.remove_watchlist(store, name)
        print(f"watchlist {name!r} removed")

    @watch.command("matches")
    def watch_matches(
        name: str = typer.Argument(..., help="The watchlist"),
        limit: int = typer.Option(50, "--limit", min=1),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """The articles a watchlist has matched, newest first."""
        from presswatch.analysis import watchlists as wl

        with _store(db) as store:
            rows = wl.watch_matches(store, name, limit=limit)
        if as_json:
            _print_json({"watchlist": name, "matches": rows})
            return
        print(f"{len(rows)} match(es) for {name!r}")
        for m in rows:
            print(
                f"  {(m.get('published') or '')[:10]}  {m.get('outlet') or '?'}: {m['title']}  "
                f"[{m['article_id'][:10]}] ({m['reason']})"
            )

    @app.command()
    def digest(
        since: str = typer.Option(..., "--since", help="First day (YYYY-MM-DD)"),
        until: str = typer.Option(..., "--until", help="Last day (YYYY-MM-DD)"),
        watchlist: str | None = typer.Option(None, "--watchlist", help="Only what this watchlist matches"),
        fmt: str = typer.Option("md", "--format", "-f", help="md or html"),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE instead of printing"),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """A digest of a period: stories, key statements and speakers, new conflicts, upcoming planned events."""
        from presswatch.analysis.digest import build_digest, render, save_digest

        if fmt not in ("md", "html"):
            raise UsageError(f"unknown digest format {fmt!r}: use md or html")
        start, end = _date(since, "--since"), _date(until, "--until")
        with _store(db) as store:
            d = build_digest(store, since=start or since, until=end or until, watchlist=watchlist)
            save_digest(store, d)
        text = render(d, fmt)
        if output is None:
            print(text, end="")
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror}; choose a writable path") from None
        print(f"digest written to {output} ({len(d.stories)} stories, {len(d.conflicts)} conflicts)")


def _short(text: str, n: int = 200) -> str:
    """A statement for one line, in quotation marks unless it carries its own."""
    text = " ".join(text.split())
    text = text if len(text) <= n else text[: n - 1] + "…"
    return text if any(q in text for q in '“”"') else f"“{text}”"
