"""Spark local[N] enrichment against the process pool and bare spaCy, on the same BBC News articles.

    .venv/bin/python bench/bench_spark.py                  # 200 articles (40 per section), local[2], one run
    .venv/bin/python bench/bench_spark.py --limit 100 --partitions 4

Prints, for the same texts in the same run, articles/s and the ratio to bare spaCy of:

- bare spaCy: ``nlp.pipe`` over the texts, one process, the model already loaded (the reference);
- ``enrich_many`` with ``--workers`` processes (pool start-up and model loading included);
- the Spark job ``enrich_to_parquet`` on local[N] over the article files (reading, layouts, the sort, enrichment and the
  Parquet write included; session start-up and a warm-up job printed apart): on N partitions (the default of
  ``presswatch spark enrich``) and on ``--partitions`` with Spark's Python workers reused between tasks (Spark's
  default: ``load_nlp`` loads the model once per worker process and keeps it), then on ``--partitions`` with
  ``spark.python.worker.reuse=false`` (a fresh Python process per task: the model is loaded once per partition).

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

from presswatch.enrich.nlp import load_nlp, parse_texts  # noqa: E402
from presswatch.enrich.pipeline import EnrichOptions, enrich_many  # noqa: E402
from presswatch.layouts import parse  # noqa: E402
from presswatch.models import Article, RawDocument  # noqa: E402
from presswatch.sources import iter_documents  # noqa: E402

DATA = Path(os.environ.get("PRESSWATCH_SHARED", ROOT.parent / "shared")) / "data" / "bbc" / "bbc"


def pick_files(limit: int) -> list[Path]:
    """Up to ``limit`` files, taken evenly from the five sections."""
    sections = sorted(p for p in DATA.iterdir() if p.is_dir())
    per = max(1, limit // max(1, len(sections)))
    return [path for section in sections for path in sorted(section.glob("*.txt"))[:per]][:limit]


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


def spark_run(files: list[Path], master: str, partitions: int | None, reuse: bool) -> tuple[float, float, int]:
    """(session start-up s, job s, articles written) of one Spark run in a fresh session."""
    from presswatch.spark import enrich_to_parquet, start_session

    conf = {"spark.ui.showConsoleProgress": "false", "spark.python.worker.reuse": str(reuse).lower()}
    started = time.perf_counter()
    spark = start_session(master, conf)
    spark.sparkContext.parallelize(range(4), 2).count()  # the JVM and the Python workers up, as in a long-lived job
    startup = time.perf_counter() - started
    try:
        with tempfile.TemporaryDirectory(prefix="presswatch-bench-spark-") as tmp:
            out = str(Path(tmp) / "out.parquet")
            job_start = time.perf_counter()
            summary = enrich_to_parquet(spark, [str(p) for p in files], out, partitions=partitions)
            job = time.perf_counter() - job_start
    finally:
        spark.stop()
    return startup, job, summary.enriched


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
    print(f"{'bare spaCy nlp.pipe, 1 process':<42} {bare:>8.1f} {n / bare:>11.1f} {1.0:>8.2f}")
    print(f"{f'enrich_many, {args.workers} workers':<42} {pool:>8.1f} {n / pool:>11.1f} {bare / pool:>8.2f}")
    for name, (startup, job, enriched) in runs.items():
        assert enriched == n, f"{name}: {enriched} of {n} articles enriched"
        print(f"{name:<42} {job:>8.1f} {n / job:>11.1f} {bare / job:>8.2f}   (+ {startup:.1f} s session start)")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
