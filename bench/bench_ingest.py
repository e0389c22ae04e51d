"""Ingest throughput and memory, without NLP: the State Department press releases (2,031 real articles) replicated
on the fly to N articles, through the real JSONL reader, the record layout, dedup and the SQLite store.

    .venv/bin/python bench/bench_ingest.py --n 100000 --db /tmp/bench.db

Each replica is made distinct (a replica number in the title and at the start of the text), so every article is
stored; replicas after the first are near-duplicates of the original and are stored linked to it. Nothing is
written anywhere but the database file. Prints articles/s and peak RSS at each checkpoint (10,000 and N by default):
flat memory means the peak stays put as N grows.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presswatch.ingest import IngestOptions, IngestReport, ingest_documents  # noqa: E402
from presswatch.sources import SourceOptions  # noqa: E402
from presswatch.sources.records import iter_jsonl  # noqa: E402
from presswatch.store import open_store  # noqa: E402

SHARED = Path(os.environ.get("PRESSWATCH_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "state-dept-pr" / "state_dept_press_releases_2021_2022.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def replicated_lines(base: list[bytes], n: int) -> Iterator[bytes]:
    """N JSONL lines: the base lines again and again, replica r numbered at the start of its title and text.

    Byte replacement, not json.loads/dumps: generating the input should cost next to nothing. Inside a JSON string a
    quote is always escaped, so '"title": "' can only be the key itself.
    """
    for i in range(n):
        replica, j = divmod(i, len(base))
        line = base[j]
        if replica:
            tag = f"(replica {replica}) ".encode()
            line = line.replace(b'"title": "', b'"title": "' + tag, 1).replace(b'"text": "', b'"text": "' + tag, 1)
        yield line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="articles to ingest (default 100,000)")
    parser.add_argument("--db", default="/tmp/presswatch-bench-ingest.db", help="SQLite file (replaced)")
    parser.add_argument("--checkpoints", default="10000", help="comma-separated article counts to report at")
    parser.add_argument("--batch-size", type=int, default=500, help="articles per transaction")
    parser.add_argument("--keep", action="store_true", help="keep an existing database (default: start empty)")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"bench_ingest: corpus not found: {CORPUS} (set PRESSWATCH_SHARED)")

    db = Path(args.db)
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    base = [line for line in CORPUS.read_bytes().splitlines() if line.strip()]
    assert all(b'"title": "' in line and b'"text": "' in line for line in base), "unexpected corpus format"
    checkpoints = sorted({int(c) for c in args.checkpoints.split(",") if c} | {args.n})

    # the cost of generating the input alone, to subtract mentally (not part of presswatch)
    t = time.perf_counter()
    for _ in replicated_lines(base, min(args.n, 5000)):
        pass
    gen_per_article = (time.perf_counter() - t) / min(args.n, 5000)

    store = open_store(f"sqlite:///{db}")
    rows: list[tuple[int, float, float, float, float]] = []
    started = time.perf_counter()
    cpu_started = time.process_time()  # on a shared machine, articles per CPU second is the steadier figure
    last = [started, 0]

    def progress(report: IngestReport) -> None:
        done = report.new + report.near_duplicate + report.duplicate
        while checkpoints and done >= checkpoints[0]:
            now = time.perf_counter()
            interval = (done - last[1]) / (now - last[0]) if now > last[0] else 0.0
            rows.append((done, now - started, done / (now - started), interval, peak_rss_mb()))
            cpu = time.process_time() - cpu_started
            print(
                f"  {done:>7} articles  {now - started:7.1f} s  {done / (now - started):6.0f} articles/s "
                f"(last stretch {interval:5.0f}/s; per CPU second {done / cpu:5.0f})  "
                f"peak RSS {peak_rss_mb():6.1f} MB  now {current_rss_mb():6.1f} MB  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            last[:] = [now, done]
            checkpoints.pop(0)

    docs = iter_jsonl(replicated_lines(base, args.n), str(CORPUS.name) + "(replicated)", SourceOptions())
    options = IngestOptions(enrich=False, batch_size=args.batch_size, watchlists=False)
    print(f"bench_ingest: {args.n} articles into {db} (no NLP, batch {args.batch_size})", flush=True)
    report = ingest_documents(docs, store, options, progress=progress)
    progress(report)
    store.put_records("bench", [("bench_ingest", {"n": args.n})])  # lets bench_search reuse this file
    store.close()
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    print(f"result: {report.summary()}")
    cpu = time.process_time() - cpu_started
    print(
        f"result: {report.articles / report.elapsed:.0f} articles/s overall ({report.articles / cpu:.0f} per CPU "
        f"second of this process); peak RSS {peak_rss_mb():.1f} MB; "
        f"database {size / 2**20:.0f} MB; input generation alone {gen_per_article * 1e6:.0f} us/article "
        f"(included in the rate)"
    )


if __name__ == "__main__":
    main()
