"""Spark local[N] enrichment against the process pool and bare spaCy, on the same BBC News articles.

    .venv/bin/python bench/bench_spark.py                  # 200 articles (40 per section), local[2], one run
    .venv/bin/python bench/bench_spark.py --limit 100 --partitions 4

Prints, for the same texts in the same run, wall seconds, articles/s, the ratio to bare spaCy and the CPU seconds
(of this process and its children; for Spark, of the JVM and its Python workers too: a figure that stays comparable on
a loaded machine) of:

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
import resource
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


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished children) of one call."""
    cpu0, start = _own_cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - start, _own_cpu() - cpu0


def _own_cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and all its descendants, alive or reaped (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [
            int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()
        ]
    except OSError:
        return 0.0  # exited meanwhile: its parent's reaped-children time has it
    ticks = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK") + sum(tree_cpu(c) for c in children)


def spark_run(files: list[Path], master: str, partitions: int, reuse: bool) -> dict[str, float | None]:
    """One Spark run in a fresh session: session start-up; a first job on 10 of the files (the JVM compiles its
    shuffle and Parquet code then: a cost a long job pays once); then the timed job over all files, its wall time and
    the CPU seconds of the JVM and its live Python workers (None without worker reuse: Spark's daemon does not reap
    its exited workers in a way that keeps their CPU time), and the articles it enriched."""
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
            jvm = spark.sparkContext._gateway.proc.pid  # the JVM; the Python workers are its descendants
            cpu0, start = tree_cpu(jvm) + _own_cpu(), time.perf_counter()
            summary = enrich_to_parquet(spark, [str(p) for p in files], str(Path(tmp) / "out"), partitions=partitions)
            job, cpu = time.perf_counter() - start, tree_cpu(jvm) + _own_cpu() - cpu0
        finally:
            spark.stop()
    return {"startup": startup, "first": first, "job": job, "cpu": cpu if reuse else None, "enriched": summary.enriched}


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
    print(f"{'run':<42} {'seconds':>8} {'articles/s':>11} {'vs bare':>8} {'CPU s':>7}")

    def line(name: str, wall: float, cpu: float | None, extra: str = "") -> None:
        cpu_text = f"{cpu:>7.1f}" if cpu is not None else f"{'-':>7}"
        print(f"{name:<42} {wall:>8.1f} {n / wall:>11.1f} {bare[0] / wall:>8.2f} {cpu_text}{extra}")

    line("bare spaCy nlp.pipe, 1 process", *bare)
    line(f"enrich_many, {args.workers} workers", *pool)
    for name, run in runs.items():
        assert run["enriched"] == n, f"{name}: {run['enriched']} of {n} articles enriched"
        extra = f"   (before it: session start {run['startup']:.1f} s, first job on 10 articles {run['first']:.1f} s)"
        line(name, run["job"], run["cpu"], extra)  # type: ignore[arg-type]
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
