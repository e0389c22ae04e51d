"""`presswatch enrich / quotes / entities / events` over a real store (SQLite file; PostgreSQL when reachable)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.enrich.pipeline import ENRICH_VERSION
from presswatch.models import Article, paragraphs_to_text
from presswatch.store import open_store

runner = CliRunner()

# Invented articles.
STORIES = [
    (
        "2016-03-01",
        "Kyodo",
        [
            "Foreign Minister Hana Okabe met Canadian Foreign Minister Paul Durand in Ottawa on Monday.",
            "Durand told reporters that “the talks were useful.” A government source said a visit by Okabe to Toronto "
            "was planned before yearend.",
        ],
    ),
    (
        "2016-04-02",
        "Sankei",
        [
            "Minister Okabe told reporters on Friday that she would visit Canada in May.",
            "According to a senior official, the Canadian side cancelled the summit in Toronto.",
        ],
    ),
]


def fill(url: str) -> list[Article]:
    articles = []
    for date, outlet, paras in STORIES:
        text, spans = paragraphs_to_text(paras)
        articles.append(
            Article(title=paras[0][:30], text=text, paragraph_spans=spans, published=date, outlet=outlet, source="t")
        )
    store = open_store(url)
    try:
        store.add_articles(articles)
    finally:
        store.close()
    return articles


def run(*args: str) -> list | dict:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def check_commands(url: str) -> None:
    articles = fill(url)
    result = runner.invoke(app, ["enrich", "--db", url, "--quiet"])
    assert result.exit_code == 0, result.output
    store = open_store(url)
    try:
        assert store.unenriched_ids(ENRICH_VERSION) == []
        assert store.get_enrichment(articles[0].id).version == ENRICH_VERSION
    finally:
        store.close()
    # Nothing left to do: a second run enriches nothing (and says so).
    again = runner.invoke(app, ["enrich", "--db", url])
    assert again.exit_code == 0 and "enriched 0 of 0" in again.output

    rows = run("quotes", "--db", url, "--speaker", "Durand", "--json")
    assert [r["attribution"]["speaker"]["entity"] for r in rows] == ["person:paul-durand"]
    assert rows[0]["content_text"] == "the talks were useful."
    anonymous = run("quotes", "--db", url, "--anonymous", "--json")
    assert anonymous and all(r["attribution"]["speaker"]["kind"] == "anonymous" for r in anonymous)
    named = run("quotes", "--db", url, "--named", "--json")
    assert named and all(r["attribution"]["speaker"]["kind"] != "anonymous" for r in named)
    assert run("quotes", "--db", url, "--outlet", "Sankei", "--from", "2016-04-01", "--json")
    assert run("quotes", "--db", url, "--to", "2016-01-01", "--json") == []

    # "Okabe" alone in the second article is merged into Hana Okabe across the corpus.
    ents = run("entities", "--db", url, "--name", "Okabe", "--json")
    by_key = {r["key"]: r for r in ents}
    assert by_key["person:hana-okabe"]["articles"] == 1
    assert by_key["person:okabe"]["same_as"] == "person:hana-okabe"
    outlets = run("entities", "--db", url, "--type", "OUTLET", "--json")
    assert all(r["type"] == "OUTLET" for r in outlets)

    events = run("events", "--db", url, "--entity", "Okabe", "--json")
    types = {(r["event"]["type"], r["event"]["status"]) for r in events}
    assert ("meeting", "held") in types and ("visit", "planned") in types
    cancelled = run("events", "--db", url, "--status", "cancelled", "--json")
    assert [r["event"]["type"] for r in cancelled] == ["summit"]
    assert "meeting" in run("events", "--db", url)  # the readable table


def test_commands_on_sqlite(tmp_path: Path) -> None:
    check_commands(f"sqlite:///{tmp_path / 'pw.db'}")


def test_enrich_all_reprocesses_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'pw.db'}"
    fill(url)
    assert runner.invoke(app, ["enrich", "--db", url, "-q"]).exit_code == 0
    result = runner.invoke(app, ["enrich", "--db", url, "--all"])
    assert result.exit_code == 0 and "enriched 2 of 2" in result.output


@pytest.mark.postgres
def test_commands_on_postgres(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS pw_test_cli_nlp CASCADE")
        conn.execute("CREATE SCHEMA pw_test_cli_nlp")
    sep = "&" if "?" in pg_url else "?"
    url = f"{pg_url}{sep}options=-csearch_path%3Dpw_test_cli_nlp"
    try:
        check_commands(url)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS pw_test_cli_nlp CASCADE")
