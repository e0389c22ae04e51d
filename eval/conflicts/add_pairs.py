"""Append labelled pairs to pairs.jsonl from a tab-separated file written while reading the candidates of mine.py.

Each line: dataset, record, A span ``start:end``, B span ``start:end``, label (1 = the statements conflict, 0 = not),
a one-line reason. The id, the statement hashes and the split are computed here, the same way for every pair: the id is
the first 10 hex digits of the SHA-1 of ``dataset|record|a_start:a_end|b_start:b_end`` and the split is ``test`` when
that id is odd, else ``dev`` — unless ``--split heldout`` puts every pair of the file in the held-out split: a set
labelled from records not yet in the file before any rule was tuned on it, and never used to tune rules — or
``--split dev2`` puts them in the second tuning split (conflicts with no contradiction word and look-alike agreeing
pairs, from records no other pair reads; see score.py). A pair already
in the file (same id, or the same two statements in a copy of a record) is skipped; old pairs keep their place and
labels.

    .venv/bin/python eval/conflicts/add_pairs.py labels.tsv
    .venv/bin/python eval/conflicts/add_pairs.py --split heldout heldout.tsv
    .venv/bin/python eval/conflicts/add_pairs.py --split dev2 dev2.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from datasets import DATASETS, record_text, statement_hash  # noqa: E402

PAIRS = HERE / "pairs.jsonl"
DEFAULT_DATA = HERE.parents[2] / "shared" / "data"


def pair_id(dataset: str, record: str, a: tuple[int, int], b: tuple[int, int]) -> str:
    return hashlib.sha1(f"{dataset}|{record}|{a[0]}:{a[1]}|{b[0]}:{b[1]}".encode()).hexdigest()[:10]


def split_of(pid: str) -> str:
    return "test" if int(pid, 16) % 2 else "dev"


def _span(text: str) -> tuple[int, int]:
    start, end = text.split(":")
    return int(start), int(end)


def make_pair(data: Path, fields: list[str], split: str | None = None) -> dict[str, Any]:
    dataset, record, a_span, b_span, label, reason = fields
    if dataset not in DATASETS or label not in ("0", "1") or not reason or len(reason) >= 140:
        raise ValueError(f"malformed line: {fields}")
    text = record_text(data, dataset, record)
    a, b = _span(a_span), _span(b_span)
    pid = pair_id(dataset, record, a, b)
    return {
        "id": pid,
        "dataset": dataset,
        "record": record,
        "a": {"start": a[0], "end": a[1], "sha": statement_hash(text[a[0] : a[1]])},
        "b": {"start": b[0], "end": b[1], "sha": statement_hash(text[b[0] : b[1]])},
        "label": int(label),
        "split": split or split_of(pid),
        "reason": reason,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels", type=Path, help="tab-separated labelled candidates")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("heldout", "dev2"), help="put every pair in this split, not dev/test by id")
    args = ap.parse_args(argv)
    old = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen_ids = {p["id"] for p in old}
    seen_statements = {(p["a"]["sha"], p["b"]["sha"]) for p in old}
    added = []
    for line in args.labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pair = make_pair(args.data, line.split("\t"), args.split)
        key = (pair["a"]["sha"], pair["b"]["sha"])
        if pair["id"] in seen_ids or key in seen_statements:
            print(f"skipped, already labelled: {pair['id']} {pair['dataset']} {pair['record']}", file=sys.stderr)
            continue
        seen_ids.add(pair["id"])
        seen_statements.add(key)
        added.append(pair)
    with PAIRS.open("a", encoding="utf-8") as fh:
        for pair in added:
            fh.write(json.dumps(pair, ensure_ascii=False) + "\n")
    print(f"{len(added)} pairs added ({sum(p['label'] for p in added)} conflicting)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
