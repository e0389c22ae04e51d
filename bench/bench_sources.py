"""Throughput of sources + layouts (the ingest front end): records and pages -> Article, per item and per second.

Usage: .venv/bin/python bench/bench_sources.py [--repeat N]
Reads the real data in place from ../shared/data (skips a corpus that is absent). Prints one line per measurement:
wall time (best of N) and the process's CPU time, which is the steadier figure on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from presswatch.layouts import parse
from presswatch.models import SourceFailure, content_id
from presswatch.normalize import clean_text
from presswatch.sources import SourceOptions, iter_documents

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT.parent / "shared" / "examples" / "jmh-translation-sankei-2015-10-15.txt"


def measure(name: str, spec: Path, options: SourceOptions, repeat: int) -> None:
    if not spec.exists():
        print(f"{name}: skipped ({spec} is missing)")
        return
    best = best_cpu = float("inf")
    kept: list[tuple[str, str]] = []
    hashing = 0.0
    for _ in range(repeat):
        articles = failures = 0
        size = 0
        start = time.perf_counter()
        cpu_start = time.process_time()
        for item in iter_documents(str(spec), options):
            if isinstance(item, SourceFailure):
                failures += 1
                continue
            size += len(item.data)
            for article in parse(item):
                articles += 1
                kept.append((article.title, article.text))
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
        start = time.perf_counter()
        for title, text in kept:  # the share of models.content_id (the article id hash) in that time
            content_id(title, text)
        hashing = time.perf_counter() - start
        kept = []
    per = best / max(articles, 1) * 1000
    print(
        f"{name}: {articles} articles ({failures} failures) in {best:.3f} s = {articles / best:,.0f} articles/s, "
        f"{per:.3f} ms/article (CPU {best_cpu / max(articles, 1) * 1000:.3f} ms; "
        f"of which content_id {hashing / max(articles, 1) * 1000:.3f} ms), "
        f"{size / best / 1e6:.1f} MB/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    args = parser.parse_args()
    # warm up imports (dateparser, trafilatura) so they are not charged to the first corpus
    parse(next(iter(iter_documents(str(EXAMPLE))))) if EXAMPLE.exists() else None
    measure(
        "JSONL state-dept (record layout)",
        DATA / "state-dept-pr" / "state_dept_press_releases_2021_2022.jsonl",
        SourceOptions(),
        args.repeat,
    )
    measure(
        "CSV in zip NewsArticles (record layout)",
        DATA / "newsarticles" / "NewsArticles.zip",
        SourceOptions(),
        args.repeat,
    )
    measure(
        "CSV wikinews + preset", DATA / "wikinews", SourceOptions(include=["*.csv"], preset="wikinews"), args.repeat
    )
    measure("text files bbc/politics (plain layout)", DATA / "bbc" / "bbc" / "politics", SourceOptions(), args.repeat)
    if EXAMPLE.exists():
        n = 500
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(n):
            for doc in iter_documents(str(EXAMPLE)):
                parse(doc)  # type: ignore[arg-type]
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        print(f"JMH example page (jmh-translation): {wall / n * 1000:.3f} ms/page (CPU {cpu / n * 1000:.3f} ms)")
    for label, text in (
        ("ASCII", "The minister said the talks would go on. " * 100),
        ("non-ASCII", "The minister\u2019s \u201cfinal\u201d offer \u2013 caf\u00e9. " * 100),
    ):
        n = 2000
        start = time.perf_counter()
        for _ in range(n):
            clean_text(text)
        print(f"clean_text {label} 4 kB: {(time.perf_counter() - start) / n * 1e6:.1f} us")


if __name__ == "__main__":
    main()
