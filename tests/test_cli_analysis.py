"""The analysis commands end to end on a real SQLite store filled with the invented corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.store import open_store
from test_claims_fixtures import corpus


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'pw.db'}"
    store = open_store(url)
    items = corpus()
    store.add_articles([a for a, _ in items])
    store.save_enrichments([e for _, e in items])
    store.close()
    return url


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_analyse_then_conflicts_text_and_json(db: str) -> None:
    out = run("analyse", "--db", db)
    assert "7 articles, 9 claims" in out and "4 conflicts" in out
    text = run("conflicts", "--db", db, "--entity", "Volkov")
    assert "2 conflict(s)" in text and "contradicted" in text and "Akira Tanaka" in text
    data = json.loads(run("conflicts", "--db", db, "--json", "--from", "2031-04-01", "--to", "2031-04-30"))
    assert data["count"] == 1 and data["conflicts"][0]["reason"] == "polarity"
    assert json.loads(run("conflicts", "--db", db, "--json", "--topic", "Atlantis"))["count"] == 0


def test_stories_timeline_and_svg(db: str, tmp_path: Path) -> None:
    data = json.loads(run("stories", "--db", db, "--json", "--from", "2031-04-01"))
    assert sorted(s["size"] for s in data["stories"]) == [2, 2]
    assert "3 stories" in run("stories", "--db", db, "--min-size", "2")  # border, bridge, fishing quota
    svg = tmp_path / "tl.svg"
    text = run("timeline", "Silver Islands", "--db", db, "--svg", str(svg))
    assert "[PLANNED]" in text and "talks" in text
    ET.parse(svg)
    tl = json.loads(run("timeline", "silver isles", "--alias", "Silver Islands", "--db", db, "--json"))
    assert tl["entries"] and tl["entries"][0]["date"] == "2031-03-01"


def test_watch_commands(db: str) -> None:
    assert "added" in run("watch", "add", "dalsk", "Dalsk", "--alias", "Dalsk river", "--scan", "--db", db)
    assert "dalsk: Dalsk (aliases: Dalsk river) -> no notification; 4 match(es)" in run("watch", "list", "--db", db)
    assert "4 match(es)" in run("watch", "matches", "dalsk", "--db", db)
    run("watch", "remove", "dalsk", "--db", db)
    assert "No watchlists" in run("watch", "list", "--db", db)


def test_digest_md_and_html_file(db: str, tmp_path: Path) -> None:
    md = run("digest", "--since", "2031-03-01", "--until", "2031-04-30", "--db", db)
    assert md.startswith("# presswatch digest") and "## Conflicting accounts" in md
    out = tmp_path / "d.html"
    run("digest", "--since", "2031-03-01", "--until", "2031-04-30", "--format", "html", "-o", str(out), "--db", db)
    assert out.read_text().startswith("<!DOCTYPE html>")
    store = open_store(db)
    try:
        assert [k for k, _ in store.get_records("digests")] == ["2031-03-01..2031-04-30"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["conflicts", "--from", "2031-13-01"], "bad date for --from"),
        (["digest", "--since", "2031-05-01", "--until", "2031-04-01"], "after --until"),
        (["digest", "--since", "2031-01-01", "--until", "2031-02-01", "--format", "pdf"], "use md or html"),
        (["watch", "remove", "nope"], "no watchlist named 'nope'"),
        (["watch", "add", "x", "y", "--webhook", "ftp://z"], "must start with http"),
    ],
)
def test_expected_errors_are_one_line_with_exit_code_2(db: str, args: list[str], message: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "presswatch.cli.main", *args, "--db", db], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command",
    [["search", "islands"], ["stats"], ["quotes"], ["entities"], ["conflicts"], ["analyse"], ["timeline", "Dalsk"]],
)
def test_reading_a_store_that_does_not_exist_says_so_and_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    from presswatch.errors import StoreError

    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(app, [*command, "--db", str(missing)])
    # main() prints a StoreError as one "presswatch: error:" line and exits 2 (tests/test_cli_ingest.py runs it whole)
    assert isinstance(result.exception, StoreError) and result.exception.exit_status == 2
    assert f"no store at {missing}" in str(result.exception) and "presswatch ingest" in str(result.exception)
    assert not missing.exists()


def test_a_watchlist_may_be_set_up_before_the_first_ingest(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    assert "watchlist 'kurils' added" in run("watch", "add", "kurils", "Northern Territories", "--db", str(fresh))
    assert fresh.exists()
