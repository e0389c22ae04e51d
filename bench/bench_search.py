"""Search latency: p50 / p95 of a fixed set of 50 queries over the N articles built by bench_ingest.py, on SQLite
and on PostgreSQL.

    .venv/bin/python bench/bench_ingest.py --n 100000 --db /tmp/presswatch-bench-ingest.db   # once
    .venv/bin/python bench/bench_search.py --n 100000 --db /tmp/presswatch-bench-ingest.db \
        --pg postgresql://postgres@127.0.0.1:5432/test

The SQLite file is built first when it holds fewer than N articles. For PostgreSQL the same articles are copied into
the schema ``presswatch_bench`` (kept between runs; ``--pg-reload`` rebuilds it). Each query runs once to warm up,
then ``--repeat`` times; the percentiles are over all timed runs. Results: 20 per page, total count included, as the
CLI and web UI ask for them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from presswatch.store import open_store  # noqa: E402
from presswatch.store.base import Store  # noqa: E402
from presswatch.store.query import build_search_query  # noqa: E402
from presswatch.store.testing import schema_url  # noqa: E402

QUERIES = (
    # single words, common to rare
    "security",
    "Secretary",
    "president",
    "Ukraine",
    "Russia",
    "China",
    "Japan",
    "climate",
    "sanctions",
    "vaccine",
    "Taiwan",
    "refugees",
    "election",
    "Afghanistan",
    "NATO",
    "trafficking",
    "Kuril",
    "cyber",
    # phrases
    '"Secretary Blinken"',
    '"human rights"',
    '"joint statement"',
    '"United Nations"',
    '"Indo-Pacific"',
    '"climate crisis"',
    '"press availability"',
    # boolean
    "Japan AND Russia",
    "Ukraine OR Russia",
    "sanctions -Iran",
    "China NOT Taiwan",
    "(Japan OR Korea) alliance",
    "vaccine AND (COVAX OR donation)",
    "Ukraine AND humanitarian AND assistance",
    "Blinken Lavrov",
    "nuclear weapons",
    '"human rights" China',
    # prefixes
    "sanction*",
    "democra*",
    "humanitar*",
    "vaccin*",
    # filters
    'outlet:"Department of State" Ukraine',
    "from:2022-01-01 Ukraine",
    "to:2021-06-30 climate",
    "from:2021-09-01 to:2021-12-31 Afghanistan",
    "from:2022-03-01 sanctions Russia",
    "from:2022-07-01",
    "kind:none security",
    # mixed
    "Taiwan strait",
    "COVID-19",
    "Burma OR Myanmar",
    "Iran nuclear -sanctions",
)
assert len(QUERIES) == 50, len(QUERIES)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(store: Store, repeat: int, facets: bool) -> tuple[list[float], list[float], list[tuple[float, str, int]]]:
    """(wall-clock ms of every timed run, CPU ms of this process for each, per-query medians)."""
    timings: list[float] = []
    cpu: list[float] = []
    per_query: list[tuple[float, str, int]] = []
    for q in QUERIES:
        query = build_search_query(q, limit=20, facets=facets)
        results = store.search(query)  # warm-up
        runs = []
        for _ in range(repeat):
            c = time.process_time()
            t = time.perf_counter()
            store.search(query)
            runs.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        timings += runs
        per_query.append((statistics.median(runs), q, results.total))
    return timings, cpu, per_query


def report(name: str, timings: list[float], cpu: list[float], per_query: list[tuple[float, str, int]]) -> None:
    # on a busy machine wall-clock time includes waiting for a core; the CPU time of this process does not (for
    # PostgreSQL the work happens in the server process, so only wall-clock time means anything there)
    print(
        f"{name}: p50 {percentile(timings, 50):6.1f} ms   p95 {percentile(timings, 95):6.1f} ms   "
        f"max {max(timings):6.1f} ms   (wall clock, {len(timings)} timed searches; this process's CPU: "
        f"p50 {percentile(cpu, 50):.1f} ms, p95 {percentile(cpu, 95):.1f} ms; load average "
        f"{os.getloadavg()[0]:.1f})"
    )
    for ms, q, total in sorted(per_query, reverse=True)[:5]:
        print(f"    slowest: {ms:7.1f} ms  {total:>7} matches  {q}")


def ensure_sqlite(db: Path, n: int) -> Store:
    store = open_store(f"sqlite:///{db}")
    built = dict(store.get_records("bench", keys=["bench_ingest"])).get("bench_ingest", {}).get("n", 0)
    if built >= n:
        return store
    store.close()
    print(f"building {db} with {n} articles (bench_ingest) ...", flush=True)
    import bench_ingest

    sys.argv = ["bench_ingest.py", "--n", str(n), "--db", str(db), "--checkpoints", ""]
    bench_ingest.main()
    return open_store(f"sqlite:///{db}")


def ensure_postgres(pg: str, source: Store, n: int, reload: bool) -> Store:
    import psycopg

    with psycopg.connect(pg, autocommit=True) as conn:
        if reload:
            conn.execute("DROP SCHEMA IF EXISTS presswatch_bench CASCADE")
        conn.execute("CREATE SCHEMA IF NOT EXISTS presswatch_bench")
    store = open_store(schema_url(pg, "presswatch_bench"))
    have = store.count_articles()
    if have >= n:
        return store
    print(f"copying {n - have} articles into PostgreSQL schema presswatch_bench ...", flush=True)
    t = time.perf_counter()
    batch = []
    for i, article in enumerate(source.iter_articles(batch_size=1000)):
        if i < have:
            continue
        if i >= n:
            break
        batch.append(article)
        if len(batch) >= 1000:
            store.write_batch(batch)
            batch = []
    if batch:
        store.write_batch(batch)
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE presswatch_bench.articles")
    print(f"  copied in {time.perf_counter() - t:.0f} s", flush=True)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="articles in the store (default 100,000)")
    parser.add_argument("--db", default="/tmp/presswatch-bench-ingest.db", help="the SQLite file of bench_ingest")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test", help="PostgreSQL URL ('' = skip)")
    parser.add_argument("--pg-reload", action="store_true", help="rebuild the PostgreSQL copy")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--facets", action="store_true", help="also compute facets (as the web UI's search page)")
    args = parser.parse_args()

    sqlite = ensure_sqlite(Path(args.db), args.n)
    n = sqlite.count_articles()
    print(f"bench_search: {len(QUERIES)} queries x {args.repeat} runs, {n} articles, facets={args.facets}")
    timings, cpu, per_query = measure(sqlite, args.repeat, args.facets)
    report("SQLite    ", timings, cpu, per_query)
    if args.pg:
        pg = ensure_postgres(args.pg, sqlite, min(n, args.n), args.pg_reload)
        timings, cpu, per_query = measure(pg, args.repeat, args.facets)
        report("PostgreSQL", timings, cpu, per_query)
        pg.close()
    sqlite.close()


if __name__ == "__main__":
    main()
