"""Spark batch enrichment in local mode: the Parquet it writes equals ``enrich_article`` run here, item failures are
rows (never a failed job), and loading the Parquet stores exactly what a plain ``presswatch ingest`` of the same inputs
stores; loading twice stores nothing new. One SparkSession (local[2]) for the module.

Skips, saying why, when pyspark is not installed or there is no Java 17+ (``make test`` installs pyspark).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.enrich.pipeline import ENRICH_VERSION, enrich_article
from presswatch.errors import UsageError
from presswatch.ingest import IngestOptions, ingest
from presswatch.layouts import parse
from presswatch.models import Article, EnrichedArticle
from presswatch.sources import SourceOptions, iter_documents
from presswatch.spark.parquet import COLUMN_NAMES, iter_rows, part_files
from presswatch.spark.session import SparkUnavailable, check_spark, java_problem
from presswatch.store import open_store
from presswatch.store.testing import temporary_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "layouts"

# Invented reporting: named speakers, direct and indirect quotes, an anonymous source, dates.
STORIES = {
    "talks.txt": (
        "Envoys meet on the fishing accord\n\n"
        "Foreign Minister Hana Ostrova said on Tuesday that the talks on the fishing accord would resume in May. "
        '"We have agreed on the quotas for the northern waters," Ostrova told reporters in Velmar.\n\n'
        "Her counterpart, Deputy Minister Karel Dunin, denied that any quotas had been agreed. "
        "According to a senior trade official, the two delegations will meet again before the end of the year.\n"
    ),
    "grid.txt": (
        "Power link plan delayed\n\n"
        "The energy ministry announced on March 3 that the undersea cable to the islands would be delayed by 19 "
        'months. "The costs have doubled," said Ilse Marrow, who heads the project at Nordlink.\n\n'
        "A diplomatic source said the delay could strain relations.\n"
    ),
}
ROWS = [
    {
        "title": "Port talks in Velmar",
        "text": 'Mayor Piet Arlen said the harbour would reopen in June. "We are ready," Arlen said.',
        "published": "2016-03-02",
        "outlet": "Coastal Wire",
    },
    {
        "title": "Trade fair opens",
        "text": "Organisers said 400 firms had registered. Minister Hana Ostrova opened the fair on Monday.",
        "published": "2016-03-03",
        "outlet": "Coastal Wire",
    },
]


@pytest.fixture(scope="module")
def spark():
    try:
        check_spark()
    except SparkUnavailable as exc:
        pytest.skip(f"Spark cannot run here: {exc}")
    from presswatch.spark import start_session

    session = start_session("local[2]", {"spark.ui.showConsoleProgress": "false"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Invented inputs: two text pages, a JSONL export with one broken line, a WARC, an exact and a near-duplicate."""
    folder = tmp_path_factory.mktemp("spark") / "in"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "talks-copy.txt").write_text(STORIES["talks.txt"], encoding="utf-8")  # exact duplicate
    near = STORIES["grid.txt"].replace("Power link plan delayed", "Power link plan delayed (updated)")
    (folder / "grid-updated.txt").write_text(near, encoding="utf-8")  # near-duplicate
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps(ROWS[0]) + "\n{not json\n" + json.dumps(ROWS[1]) + "\n")
    write_warc(
        folder / "crawl.warc.gz", [("http://news.example/ferry", (FIXTURES / "news-page-ferry-vote.html").read_bytes())]
    )
    return folder


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


@pytest.fixture(scope="module")
def enriched(spark, corpus: Path) -> Path:
    from presswatch.spark import enrich_to_parquet

    out = corpus.parent / "enriched.parquet"
    summary = enrich_to_parquet(spark, [str(corpus)], str(out))
    assert (summary.articles, summary.enriched, summary.failed) == (7, 7, 1)
    return out


def in_process(specs: list[str]) -> list[Article]:
    """The articles of the inputs as ``presswatch ingest`` reads them (before dedup)."""
    articles: list[Article] = []
    for spec in specs:
        for item in iter_documents(spec, SourceOptions()):
            if not hasattr(item, "reason"):
                articles.extend(parse(item))
    return articles


def rows_of(out: Path) -> list[dict]:
    return [row for _, row in iter_rows(part_files([str(out)]))]


def test_parquet_rows_equal_enrich_article_in_process(enriched: Path, corpus: Path) -> None:
    rows = [r for r in rows_of(enriched) if r["text"] is not None]
    expected = in_process([str(corpus)])
    assert [r["id"] for r in rows] == [a.id for a in expected]  # input order
    for row, article in zip(rows, expected, strict=True):
        assert row["enrich_version"] == ENRICH_VERSION
        assert row["source"] == article.source and row["raw"] == article.raw
        assert json.loads(row["enrichment"]) == enrich_article(article).to_dict()
    talks = next(r for r in rows if r["source"].endswith("talks.txt"))
    speakers = [a.speaker.label for a in EnrichedArticle.from_dict(json.loads(talks["enrichment"])).attributions]
    assert "Ostrova" in speakers


def test_a_broken_input_row_is_a_failure_row_not_a_failed_job(enriched: Path, corpus: Path) -> None:
    failures = [r for r in rows_of(enriched) if r["error_reason"] is not None]
    assert len(failures) == 1
    (row,) = failures
    assert row["location"] == f"{corpus / 'wire.jsonl'}:line 2"
    assert row["error_stage"] == "source" and "not valid JSON" in row["error_reason"]
    assert row["text"] is None


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_load_equals_plain_ingest_and_loading_twice_stores_nothing_new(
    backend: str, request, enriched: Path, corpus: Path, tmp_path
) -> None:
    from presswatch.spark import load_parquet

    pg_url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    (tmp_path / "plain").mkdir()
    (tmp_path / "spark").mkdir()
    with (
        temporary_store(backend, tmp_path / "plain", pg_url) as plain,
        temporary_store(backend, tmp_path / "spark", pg_url) as loaded,
    ):
        options = IngestOptions(watchlists=False)
        ingest([str(corpus)], plain, options)
        first = load_parquet([str(enriched)], loaded, options)
        assert (first.new, first.near_duplicate, first.duplicate, first.failed) == (5, 1, 1, 1)
        assert first.enriched == 6
        assert loaded.dump() == plain.dump()
        again = load_parquet([str(enriched)], loaded, options)
        assert again.stored == 0 and again.duplicate == 7
        assert loaded.dump() == plain.dump()


def test_the_example_page_through_spark(spark, example_path: Path, tmp_path) -> None:
    from presswatch.spark import enrich_to_parquet

    out = tmp_path / "example.parquet"
    enrich_to_parquet(spark, [str(example_path)], str(out))
    (row,) = rows_of(out)
    (article,) = in_process([str(example_path)])
    got = EnrichedArticle.from_dict(json.loads(row["enrichment"]))
    want = enrich_article(article)
    assert got == want
    assert got.attributions and got.events
    assert [(m.start, m.end, m.type) for m in got.mentions] == [(m.start, m.end, m.type) for m in want.mentions]


def test_parquet_input_rows_go_through_the_column_map(spark, tmp_path) -> None:
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    from presswatch.spark import enrich_to_parquet

    table = pa.table(
        {
            "headline": [r["title"] for r in ROWS] + ["No body"],
            "body": [r["text"] for r in ROWS] + [None],
            "date": [datetime.datetime(2016, 3, 2, 9, 30), datetime.datetime(2016, 3, 3), None],
        }
    )
    source = tmp_path / "export.parquet"
    pq.write_table(table, source)
    out = tmp_path / "out.parquet"
    summary = enrich_to_parquet(spark, [str(source)], str(out), partitions=1)
    assert (summary.articles, summary.enriched, summary.failed) == (2, 2, 1)
    rows = rows_of(out)
    assert [r["title"] for r in rows[:2]] == [r["title"] for r in ROWS]
    assert rows[0]["published"].startswith("2016-03-02T09:30")
    assert rows[2]["location"] == f"{source}:row 3" and "missing text" in rows[2]["error_reason"]
    with pytest.raises(UsageError, match="exists"):
        enrich_to_parquet(spark, [str(source)], str(out))


def test_a_job_that_cannot_enrich_at_all_says_why(spark, corpus: Path, tmp_path) -> None:
    from presswatch.enrich.options import EnrichOptions
    from presswatch.spark import SparkJobFailed, enrich_to_parquet

    broken = EnrichOptions(model="no_such_model", fallback_model=None)
    with pytest.raises(SparkJobFailed, match="ModelNotFound: spaCy model no_such_model is not installed"):
        enrich_to_parquet(spark, [str(corpus / "talks.txt")], str(tmp_path / "out.parquet"), enrich=broken)


def test_the_loader_skips_a_bad_row_and_keeps_only_a_current_enrichment(enriched: Path, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from presswatch.spark import load_parquet

    rows = [r for r in rows_of(enriched) if r["text"] is not None][:3]
    rows[0]["enrichment"] = "{broken"
    rows[1]["enrich_version"] = "1999.01.01-1"
    edited = tmp_path / "edited.parquet"
    schema = pq.ParquetFile(part_files([str(enriched)])[0]).schema_arrow
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), edited)
    store = open_store(f"sqlite:///{tmp_path / 'edited.db'}")
    failures: list[tuple[str, str]] = []
    try:
        report = load_parquet([str(edited)], store, on_failure=lambda loc, why: failures.append((loc, why)))
        assert failures == [(f"{edited.name}:row 1", failures[0][1])] and "bad row" in failures[0][1]
        assert (report.stored, report.enriched) == (2, 1)
        assert store.get_enrichment(rows[1]["id"]) is None
        assert any("presswatch enrich" in m for m in report.messages)
    finally:
        store.close()


def test_load_rejects_what_is_not_enriched_parquet(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from presswatch.spark import load_parquet

    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"title": ["x"]}), other)
    with pytest.raises(UsageError, match="not the output of `presswatch spark enrich`"):
        load_parquet([str(other)], open_store(f"sqlite:///{tmp_path / 'x.db'}"))
    with pytest.raises(UsageError, match="no such file"):
        part_files([str(tmp_path / "missing.parquet")])
    assert "enrichment" in COLUMN_NAMES


def test_missing_pyspark_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(SparkUnavailable, match=r"pip install 'presswatch\[spark\]'; Spark needs Java 17\+"):
        check_spark()


def test_missing_java_says_so(monkeypatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert "Java was not found" in (java_problem() or "")


def pw(*args: str, path: str = "/usr/bin:/bin") -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it."""
    env = {"PATH": path, "PYTHONPATH": str(ROOT / "src"), "HOME": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "presswatch.cli.main", *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_cli_spark_enrich_without_java_says_what_to_do(tmp_path) -> None:
    done = pw("spark", "enrich", str(tmp_path), "--out", str(tmp_path / "out.parquet"), path="/nonexistent")
    assert done.returncode == 2
    assert "Java was not found" in done.stderr and "Spark needs Java" in done.stderr


def test_cli_spark_load_twice(enriched: Path, tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first = pw("spark", "load", str(enriched), "--db", db)
    assert first.returncode == 1, first.stderr  # the broken JSONL line of the inputs is reported again
    assert "wire.jsonl:line 2: not valid JSON" in first.stderr
    assert "5 new, 1 near-duplicates, 1 duplicates, 1 failed; 6 enriched" in first.stdout
    again = pw("spark", "load", str(enriched), "--db", db)
    assert "0 new, 0 near-duplicates, 7 duplicates" in again.stdout
