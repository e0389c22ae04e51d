"""The ingest pipeline end to end on real files in a temp folder: counts, failures, idempotence, near-duplicates,
enrichment stored with its article, and a run killed with SIGKILL then resumed ending identical to an uninterrupted
one (on both backends)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from invented import WORDS
from presswatch.errors import UsageError
from presswatch.ingest import IngestOptions, IngestReport, ingest
from presswatch.store import open_store
from presswatch.store.testing import temporary_pg_schema, temporary_store

ROOT = Path(__file__).resolve().parents[1]


def invented(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    pg_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with temporary_store(request.param, tmp_path, pg_url) as s:
        yield s


def write_corpus(folder: Path) -> dict[str, str]:
    rng = random.Random(1)
    folder.mkdir()
    base, extra = invented(rng, 300), invented(rng, 80)
    texts = {
        "a.txt": "Envoy visits the islands\n\n" + base + "\n\n" + extra + "\n",
        "b.txt": "Fishing talks stall\n\n" + invented(rng, 250) + "\n",
        # the same story with a corrected headline and one word added: a near-duplicate of a.txt
        "c.txt": "Envoy visits the islands (corrected)\n\n" + base.replace(" ", " and ", 1) + "\n\n" + extra + "\n",
        "empty.txt": "   \n\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "copy-of-a.txt").write_text(texts["a.txt"], encoding="utf-8")  # an exact duplicate
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    rows = [
        {"title": "Coast guard patrol", "text": invented(rng, 120), "published": "2016-03-02", "outlet": "Wire"},
        {"title": "Energy dialogue", "text": invented(rng, 120), "published": "2016-03-03", "outlet": "Wire"},
    ]
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps(rows[0]) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps(rows[1]) + "\n")
    return texts


def test_ingest_counts_reports_failures_and_a_rerun_stores_nothing_new(store, tmp_path):
    write_corpus(tmp_path / "in")
    failures: list[tuple[str, str]] = []
    progress: list[int] = []
    report = ingest(
        [str(tmp_path / "in")],
        store,
        IngestOptions(enrich=False),
        progress=lambda r: progress.append(r.documents),
        on_failure=lambda loc, why: failures.append((loc, why)),
    )
    assert isinstance(report, IngestReport)
    assert (report.new, report.near_duplicate, report.duplicate) == (4, 1, 1)
    assert report.failed == 3  # empty.txt, blob.bin, the broken JSONL line
    assert failures == report.failures
    locations = " ".join(loc for loc, _ in report.failures)
    assert "empty.txt" in locations and "blob.bin" in locations and "feed.jsonl" in locations
    assert all(why for _, why in report.failures)
    assert progress and progress[-1] == report.documents
    assert store.count_articles() == 5
    near = [a for a in store.iter_articles() if a.duplicate_of]
    assert len(near) == 1 and near[0].title.endswith("(corrected)")
    assert store.get_article(near[0].duplicate_of).title == "Envoy visits the islands"
    assert store.search(store_query("outlet:wire")).total == 2
    assert sorted(report.new_ids) == sorted(a.id for a in store.iter_articles())

    again = ingest([str(tmp_path / "in")], store, IngestOptions(enrich=False))
    assert (again.new, again.near_duplicate, again.duplicate, again.failed) == (0, 0, 6, 3)
    assert store.count_articles() == 5


def store_query(text: str):
    from presswatch.store.query import build_search_query

    return build_search_query(text)


def test_bad_options_are_usage_errors(tmp_path):
    with temporary_store("sqlite", tmp_path) as s:
        with pytest.raises(UsageError, match="unknown layout"):
            ingest([str(tmp_path)], s, IngestOptions(layout="no-such-layout", enrich=False))
        with pytest.raises(UsageError, match="near-dup-threshold"):
            ingest([str(tmp_path)], s, IngestOptions(near_dup_threshold=0, enrich=False))


@pytest.mark.slow
def test_enrichment_is_stored_with_its_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "quote.txt").write_text(
        "Minister speaks\n\nForeign Minister Taro Yamada said on Monday that the talks would continue.\n\n"
        '"We will meet again in December," Yamada told reporters in Tokyo.\n',
        encoding="utf-8",
    )
    with temporary_store("sqlite", tmp_path) as s:
        report = ingest([str(folder)], s, IngestOptions(enrich=True, workers=1))
        assert (report.new, report.enriched, report.failed) == (1, 1, 0)
        (article,) = list(s.iter_articles())
        enrichment = s.get_enrichment(article.id)
        assert enrichment is not None and enrichment.version
        assert enrichment.sentences and enrichment.entities
        assert s.unenriched_ids() == []


# ----------------------------------------------------------------------------------------------------------------------
# SIGKILL midway, run again: the same store as an uninterrupted run

KILL_CORPUS_ROWS = 6000

INGEST_SCRIPT = """
import sys
from presswatch.ingest import IngestOptions, ingest
from presswatch.store import open_store
store = open_store(sys.argv[1])
report = ingest([sys.argv[2]], store, IngestOptions(enrich=False, batch_size=40, commit_seconds=60))
store.close()
print(report.summary())
"""


def write_kill_corpus(path: Path) -> None:
    """Invented rows with exact and near-duplicates spread through, so dedup decisions are part of the comparison."""
    rng = random.Random(42)
    bases = [invented(rng, 200) for _ in range(50)]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(KILL_CORPUS_ROWS):
            r = rng.random()
            if r < 0.1:
                text = rng.choice(bases)  # exact copies of a few texts
            elif r < 0.2:
                text = rng.choice(bases).replace(" ", f" w{i} ", 1)  # near-duplicates
            else:
                text = invented(rng, rng.randint(60, 200))
            row = {"title": f"Item {i % 997}", "text": text, "published": f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"}
            fh.write(json.dumps(row) + "\n")


def run_ingest(url: str, corpus: Path, kill_after_rows: int | None = None, count=None) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, url, str(corpus)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if kill_after_rows is None:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        return
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        n = count()
        if n >= kill_after_rows:
            break
        assert proc.poll() is None, "the ingest finished before it could be killed: make the corpus larger"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def sqlite_count(path: Path):
    import sqlite3

    def count() -> int:
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return 0

    return count


def pg_count(url: str):
    import psycopg

    def count() -> int:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except psycopg.Error:
            return 0

    return count


@pytest.mark.slow
def test_sigkill_midway_then_rerun_equals_an_uninterrupted_run_sqlite(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_kill_corpus(corpus)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    run_ingest(f"sqlite:///{whole}", corpus)
    run_ingest(f"sqlite:///{killed}", corpus, kill_after_rows=1000, count=sqlite_count(killed))
    partial = sqlite_count(killed)()
    run_ingest(f"sqlite:///{killed}", corpus)
    a, b = open_store(f"sqlite:///{whole}"), open_store(f"sqlite:///{killed}")
    try:
        dump_a, dump_b = a.dump(), b.dump()
        assert 0 < partial < len(dump_a["articles"])  # it really was killed midway
        assert partial % 40 == 0  # whole batches only
        assert len(dump_a["articles"]) > 4000
        assert any(row[-1] for row in dump_a["articles"])  # near-duplicates were linked
        assert dump_a == dump_b
        assert a.search(store_query("treaty")).total == b.search(store_query("treaty")).total > 0
    finally:
        a.close()
        b.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_sigkill_midway_then_rerun_equals_an_uninterrupted_run_postgres(tmp_path, pg_url):
    corpus = tmp_path / "corpus.jsonl"
    write_kill_corpus(corpus)
    with temporary_pg_schema(pg_url) as whole, temporary_pg_schema(pg_url) as killed:
        run_ingest(whole, corpus)
        run_ingest(killed, corpus, kill_after_rows=1000, count=pg_count(killed))
        partial = pg_count(killed)()
        run_ingest(killed, corpus)
        a, b = open_store(whole), open_store(killed)
        try:
            dump_a, dump_b = a.dump(), b.dump()
            assert 0 < partial < len(dump_a["articles"]) and partial % 40 == 0
            assert dump_a == dump_b
        finally:
            a.close()
            b.close()


def test_watchlists_are_told_about_new_articles_only(tmp_path):
    from presswatch.analysis.watchlists import add_watchlist

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Envoy visits the islands\n\nThe envoy met fishermen on the islands.\n")
    (folder / "b.txt").write_text("Trade figures\n\nExports rose in March.\n")
    with temporary_store("sqlite", tmp_path) as s:
        add_watchlist(s, "islands", "islands")
        report = ingest([str(folder)], s, IngestOptions(enrich=False))
        assert report.new == 2
        assert any("islands" in m and "1 new match" in m for m in report.messages), report.messages
        again = ingest([str(folder)], s, IngestOptions(enrich=False))
        assert again.messages == []  # nothing new stored, nothing to tell
        quiet = ingest([str(tmp_path / "in")], s, IngestOptions(enrich=False, watchlists=False))
        assert quiet.messages == []
