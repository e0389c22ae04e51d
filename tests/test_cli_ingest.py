"""The CLI as a user runs it (a real subprocess): exit statuses, failure lines, summary, search/show/export/stats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.cli.ingest_cmds import parse_columns
from presswatch.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]


def pw(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "presswatch.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "HOME": str(cwd or ROOT)},
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Envoy arrives for island talks\n\nThe envoy said the talks on the islands would start on Monday.\n",
        encoding="utf-8",
    )
    (folder / "two.txt").write_text(
        "Fishing quota agreed\n\nBoth sides agreed a fishing quota for the coming season, officials said.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("\n\n", encoding="utf-8")
    rows = folder / "rows.csv"
    rows.write_text(
        "headline,body,day\nPatrol vessels meet,Two patrol vessels met near the border <b>at dawn</b>.,2016-05-02\n",
        encoding="utf-8",
    )
    return folder


def test_ingest_exit_status_failure_lines_and_summary(corpus: Path, tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    done = pw("ingest", str(corpus / "one.txt"), str(corpus / "two.txt"), "--db", db, "--no-enrich")
    assert done.returncode == 0, done.stderr
    assert "2 new" in done.stdout and "0 failed" in done.stdout
    done = pw("ingest", str(corpus), "--db", db, "--no-enrich", "--columns", "title=headline,text=body,published=day")
    assert done.returncode == 1
    failure_lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(failure_lines) == 1 and "empty.txt: " in failure_lines[0]
    assert "1 new" in done.stdout and "2 duplicates" in done.stdout and "1 failed" in done.stdout
    quiet = pw("ingest", str(corpus / "one.txt"), "--db", db, "--no-enrich", "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_usage_errors_are_one_line_with_status_2(corpus: Path, tmp_path: Path):
    cases = [
        ("ingest", str(corpus), "--db", "postgresql://nobody@127.0.0.1:1/none", "--no-enrich"),
        ("ingest", str(corpus), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--layout", "nope", "--no-enrich"),
        ("ingest", str(corpus), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--columns", "title"),
        ("ingest", str(corpus), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--preset", "nope"),
        ("search", '"unclosed', "--db", f"sqlite:///{tmp_path / 'x.db'}"),
        ("search", "x", "--db", "mysql://host/db"),
        ("show", "ffffffffff", "--db", f"sqlite:///{tmp_path / 'x.db'}"),
        ("export", "--format", "xml", "--db", f"sqlite:///{tmp_path / 'x.db'}"),
    ]
    for args in cases:
        done = pw(*args)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("presswatch: error: "), (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert "is PostgreSQL running" in pw(*cases[0]).stderr
    assert "unbalanced quote" in pw(*cases[4]).stderr


def test_search_show_export_stats(corpus: Path, tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    pw("ingest", str(corpus), "--db", db, "--no-enrich", "--columns", "title=headline,text=body,published=day")

    text = pw("search", "islands", "--db", db)
    assert text.returncode == 0 and "1 matches" in text.stdout and "Envoy arrives" in text.stdout
    data = json.loads(pw("search", "patrol OR fishing", "--db", db, "--json", "--facets").stdout)
    assert data["total"] == 2 and {h["title"] for h in data["hits"]} == {"Patrol vessels meet", "Fishing quota agreed"}
    patrol = next(h for h in data["hits"] if h["title"] == "Patrol vessels meet")
    assert "<mark>patrol</mark>" in patrol["snippet"] and "&lt;b&gt;at dawn&lt;/b&gt;" in patrol["snippet"]
    assert dict(map(tuple, data["facets"]["month"])) == {"2016-05": 1}
    paged = json.loads(pw("search", "patrol OR fishing", "--db", db, "--json", "--limit", "1", "--offset", "1").stdout)
    assert len(paged["hits"]) == 1 and paged["hits"][0]["id"] == data["hits"][1]["id"]

    article_id = patrol["id"]
    shown = pw("show", article_id[:8], "--db", db)
    assert shown.returncode == 0 and "Patrol vessels meet" in shown.stdout and article_id in shown.stdout
    as_json = json.loads(pw("show", article_id, "--db", db, "--json").stdout)
    assert as_json["article"]["published"].startswith("2016-05-02") and as_json["enrichment"] is None
    assert "raw" not in as_json["article"]

    lines = pw("export", "--db", db).stdout.splitlines()
    assert len(lines) == 3 and {json.loads(x)["title"] for x in lines} >= {"Patrol vessels meet"}
    rows = list(csv.DictReader(io.StringIO(pw("export", "--format", "csv", "--db", db).stdout)))
    assert len(rows) == 3 and rows[0]["id"] and "text" in rows[0]
    out = tmp_path / "all.parquet"
    done = pw("export", "--format", "parquet", "-o", str(out), "--db", db)
    assert done.returncode == 0 and "3 articles written" in done.stderr
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == 3 and set(table.column("id").to_pylist()) == {r["id"] for r in rows}
    assert pw("export", "--format", "parquet", "--db", db).returncode == 2  # binary: a file is required

    stats = json.loads(pw("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 3 and stats["date_range"][0].startswith("2016-05-02")
    assert "3 articles" in pw("stats", "--db", db).stdout


def test_env_var_selects_the_store(corpus: Path, tmp_path: Path):
    env_db = tmp_path / "env.db"
    done = subprocess.run(
        [sys.executable, "-m", "presswatch.cli.main", "ingest", str(corpus / "one.txt"), "--no-enrich", "-q"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "PRESSWATCH_DB": f"sqlite:///{env_db}"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert env_db.exists()


def test_parse_columns():
    assert parse_columns("title=headline, text = body") == {"title": "headline", "text": "body"}
    assert parse_columns(None) == {}
    with pytest.raises(UsageError, match="FIELD=COLUMN"):
        parse_columns("title")
    with pytest.raises(UsageError, match="unknown article field"):
        parse_columns("colour=red")


def test_an_expected_error_is_printed_once_on_its_own_line(tmp_path: Path):
    # sqlite:///missing/x.db is the relative path missing/x.db, whose folder does not exist (a usage error)
    for args in (["ingest", "x"], ["search", "islands"], ["stats"]):
        done = pw(*args, "--db", "sqlite:///missing/x.db", cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("presswatch: error:") == 1, done.stderr
        assert done.stderr.endswith("\n") and len(done.stderr.splitlines()) == 1, repr(done.stderr)
        assert "sqlite:////missing/x.db" in done.stderr  # the hint for the absolute path that was likely meant
        assert "Traceback" not in done.stderr and done.stdout == ""


def test_max_bytes_and_row_rules_reach_the_sources(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    big = folder / "big.txt"
    big.write_text(
        "Harbour plan approved\n\n" + "The council approved the harbour plan. " * 60 + "\n", encoding="utf-8"
    )
    db = f"sqlite:///{tmp_path / 'limits.db'}"
    done = pw("ingest", str(big), "--db", db, "--no-enrich", "--max-bytes", "1000")
    assert done.returncode == 1
    assert "raise --max-bytes" in done.stderr and "0 new" in done.stdout
    done = pw("ingest", str(big), "--db", db, "--no-enrich", "--max-bytes", "100000")
    assert done.returncode == 0 and "1 new" in done.stdout, done.stderr
    rows = folder / "rows.csv"
    rows.write_text(
        "title,text\nTEST PAGE one,Ignore this row entirely.\nDock opens,DRAFT: The new dock opened on Friday.\n",
        encoding="utf-8",
    )
    done = pw(
        "ingest", str(rows), "--db", db, "--no-enrich", "--skip-rows", "title=^TEST PAGE", "--strip-prefix",
        "text=^DRAFT: ",
    )  # fmt: skip
    assert done.returncode == 0 and "1 new" in done.stdout, done.stderr + done.stdout
    shown = pw("search", "dock", "--db", db, "--json")
    hits = json.loads(shown.stdout)["hits"]
    assert [h["title"] for h in hits] == ["Dock opens"]
    full = json.loads(pw("show", hits[0]["id"], "--db", db, "--json").stdout)
    assert full["article"]["text"].startswith("The new dock")
    bad = pw("ingest", str(rows), "--db", db, "--skip-rows", "colour=x")
    assert bad.returncode == 2 and "unknown article field 'colour'" in bad.stderr


def test_parse_rules():
    from presswatch.cli.ingest_cmds import parse_rules

    assert parse_rules(["title=^A=B", "text=x"], "--skip-rows") == {"title": "^A=B", "text": "x"}
    with pytest.raises(UsageError, match="FIELD=REGEX"):
        parse_rules(["title"], "--skip-rows")
