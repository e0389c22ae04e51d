"""Spark local[N] enrichment against the process pool and bare spaCy, on the same BBC News articles.

    .venv/bin/python bench/bench_spark.py                  # 200 articles (40 per section), local[2], one run
    .venv/bin/python bench/bench_spark.py --limit 100 --partitions 4

Prints, for the same texts in the same run, wall seconds, articles/s and the ratio to bare spaCy of:

- bare spaCy: ``nlp.pipe`` over the texts, one process, the model already loaded (the reference);
- ``enrich_many`` with ``--workers`` processes (pool start-up and model loading included);
- the Spark job ``enrich_to_parquet`` on local[N] over the article files (reading, layouts, the sort, enrichment and
  the Parquet write included; session start-up and a first job on 10 files, which warms the JVM, printed apart): on
  N partitions (the default of ``presswatch spark enrich``) and on ``--partitions``, with Spark's Python workers
  reused between tasks (Spark's default: ``load_nlp`` loads the model once per worker process and keeps it), then on
  ``--partitions`` with ``spark.python.worker.reuse=false`` (a fresh Python process per task: the model is loaded
  once per partition).

The texts are those the sources and layouts make of the files, so all runs parse the same strings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_enrich import DATA, pick_files  # noqa: E402  (the same BBC files as the enrichment bench)

from presswatch.enrich.nlp import load_nlp, parse_texts  # noqa: E402
from presswatch.enrich.pipeline import EnrichOptions, enrich_many  # noqa: E402
from presswatch.layouts import parse  # noqa: E402
from presswatch.models import Article, RawDocument  # noqa: E402
from presswatch.sources import iter_documents  # noqa: E402


def articles_of(files: list[Path]) -> list[Article]:
    out: list[Article] = []
    for path in files:
        for item in iter_documents(str(path)):
            if isinstance(item, RawDocument):
                out.extend(parse(item))
    return out


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def spark_run(files: list[Path], master: str, partitions: int, reuse: bool) -> dict[str, float]:
    """One Spark run in a fresh session: session start-up; a first job on 10 of the files (the JVM compiles its
    shuffle and Parquet code then: a cost a long job pays once); then the timed job over all files, and the articles
    it enriched. (No CPU time: Spark's Python daemon ignores SIGCHLD, so the CPU time of a worker that exits is lost to
    /proc and to getrusage alike.)"""
    from presswatch.spark import enrich_to_parquet, start_session

    conf = {"spark.ui.showConsoleProgress": "false", "spark.python.worker.reuse": str(reuse).lower()}
    with tempfile.TemporaryDirectory(prefix="presswatch-bench-spark-") as tmp:
        started = time.perf_counter()
        spark = start_session(master, conf)
        startup = time.perf_counter() - started
        try:
            first = time.perf_counter()
            enrich_to_parquet(spark, [str(p) for p in files[:10]], str(Path(tmp) / "first"), partitions=partitions)
            first = time.perf_counter() - first
            start = time.perf_counter()
            summary = enrich_to_parquet(spark, [str(p) for p in files], str(Path(tmp) / "out"), partitions=partitions)
            job = time.perf_counter() - start
        finally:
            spark.stop()
    return {"startup": startup, "first": first, "job": job, "enriched": summary.enriched}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2, help="processes of enrich_many, and N of local[N]")
    ap.add_argument("--partitions", type=int, default=8, help="Spark partitions of the reuse comparison")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"BBC data not found at {DATA}; set PRESSWATCH_SHARED", file=sys.stderr)
        return 2
    files = pick_files(args.limit)
    articles = articles_of(files)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} BBC articles, {words} words; load average {os.getloadavg()[0]:.2f} at the start")

    options = EnrichOptions()
    nlp = load_nlp(options)
    bare = timed(lambda: list(parse_texts(nlp, ((a.text, a.paragraph_spans) for a in articles))))
    pool = timed(lambda: list(enrich_many(articles, options, workers=args.workers)))
    master = f"local[{args.workers}]"
    p = args.partitions
    runs = {
        f"Spark {master}, {args.workers} partitions": spark_run(files, master, args.workers, reuse=True),
        f"Spark {master}, {p} partitions": spark_run(files, master, p, reuse=True),
        f"Spark {master}, {p} partitions, no reuse": spark_run(files, master, p, reuse=False),
    }

    n = len(articles)
    print(f"{'run':<42} {'seconds':>8} {'articles/s':>11} {'vs bare':>8}")

    def line(name: str, wall: float, extra: str = "") -> None:
        print(f"{name:<42} {wall:>8.1f} {n / wall:>11.1f} {bare / wall:>8.2f}{extra}")

    line("bare spaCy nlp.pipe, 1 process", bare)
    line(f"enrich_many, {args.workers} workers", pool)
    for name, run in runs.items():
        assert run["enriched"] == n, f"{name}: {run['enriched']} of {n} articles enriched"
        line(name, run["job"], f"   (before it: session start {run['startup']:.1f} s, first job {run['first']:.1f} s)")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
