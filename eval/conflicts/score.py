"""Score the conflict pair classifier on the labelled pairs (statements read from the real corpora, in place).

    .venv/bin/python eval/conflicts/score.py                  # precision / recall / F1 on dev, test, all, dev2, heldout
    .venv/bin/python eval/conflicts/score.py --no-heldout     # the same without the held-out row (while tuning)
    .venv/bin/python eval/conflicts/score.py --split test --errors   # and list the misclassified pairs
    .venv/bin/python eval/conflicts/score.py --check          # fail (exit 1) when below eval/floors/conflicts.json
    .venv/bin/python eval/conflicts/score.py --subset 80 --check     # the first 80 pairs only (the quick test)

Each pair in ``pairs.jsonl`` names two statements of one record (dataset, record id, character offsets, a SHA-1 prefix
of the statement text to detect drift), a label (1 = the statements conflict) and a reason written by the person who
labelled it. Rules were tuned on ``dev`` (and later on the errors of ``test`` too); ``all`` is dev + test, as it
always was, so that its floors stay comparable. ``heldout`` is a third split, labelled from records not yet in the
file before the rules were next changed and never used to tune them: it is the honest figure of how the rules do on
unseen pairs, scored on its own row with its own floor. ``dev2`` is a tuning split of its own (issue #4, from records
no other pair reads): conflicts that no contradiction word announces (different figures or dates for one fact, one
account that something happened and another that it did not, fact-check verdicts) and same-topic pairs that look alike
but agree (the same figure repeated, figures of different things, counts updated over time). Rules may be tuned on it;
it is scored on its own row and is not part of ``all``.

Each record is enriched by the real pipeline (cached per record within the run, never on disk) and each statement
becomes the claims the product extracts from it, with their resolved speakers, plus the whole statement spoken by its
one resolved speaker; a pair conflicts when ``conflicts.classify_pair`` — the classifier ``find_conflicts`` runs —
accepts any claim of one statement against any claim of the other. The figure measures what users get.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from datasets import record_text, statement_hash  # noqa: E402
from enriched import statement_claims  # noqa: E402

from presswatch.analysis.conflicts import DEFAULT_RULES, classify_pair  # noqa: E402

PAIRS = HERE / "pairs.jsonl"
FLOORS = ROOT / "eval" / "floors" / "conflicts.json"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
ALL_SPLITS = ("dev", "test")  # what "all" means; "dev2" and "heldout" are scored apart
SPLITS = ("dev", "test", "dev2", "heldout")


@dataclass(slots=True)
class Scores:
    n: int
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:<5} n={self.n:<4} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def statements(pair: dict[str, Any], data: Path) -> tuple[str, str]:
    """The two statement texts; ValueError when the data no longer holds them (drift)."""
    text = record_text(data, pair["dataset"], pair["record"])
    out = []
    for side in ("a", "b"):
        s = text[pair[side]["start"] : pair[side]["end"]]
        if statement_hash(s) != pair[side]["sha"]:
            raise ValueError(f"pair {pair['id']}: statement {side} changed in {pair['dataset']} {pair['record']}")
        out.append(s)
    return out[0], out[1]


def predict(pair: dict[str, Any], data: Path) -> tuple[bool, str, float]:
    """The system's verdict on one pair: the product's classifier over the claims of both statements."""
    side_a, side_b = (
        statement_claims(data, pair["dataset"], pair["record"], pair[s]["start"], pair[s]["end"], s) for s in "ab"
    )
    best = (False, "", 0.0)
    for x in side_a:
        for y in side_b:
            v = classify_pair(x, y)
            if v.conflict and v.confidence >= DEFAULT_RULES.min_confidence and v.confidence > best[2]:
                who = f"{x.claim.speaker or '?'} / {y.claim.speaker or '?'}"
                best = (True, f"{v.reason}: {v.explanation} ({who})", v.confidence)
    return best


def score(
    pairs: list[dict[str, Any]], data: Path, split: str | None = None
) -> tuple[Scores, list[tuple[dict[str, Any], bool, str]]]:
    tp = fp = fn = tn = 0
    errors = []
    for pair in pairs:
        if split and pair["split"] != split:
            continue
        if not split and pair["split"] not in ALL_SPLITS:
            continue
        statements(pair, data)  # drift check
        got, reason, _ = predict(pair, data)
        gold = bool(pair["label"])
        if got and gold:
            tp += 1
        elif got:
            fp += 1
            errors.append((pair, got, reason))
        elif gold:
            fn += 1
            errors.append((pair, got, reason))
        else:
            tn += 1
    return Scores(tp + fp + fn + tn, tp, fp, fn, tn), errors


def check(all_scores: Scores, floors_path: Path = FLOORS, key: str = "all") -> list[str]:
    """Failures against the floors (empty when every figure is at or above its floor); ``key`` names the set scored
    ("all", or "subset" for the first pairs that the quick test scores)."""
    floors = json.loads(floors_path.read_text())
    got = {"precision": all_scores.precision, "recall": all_scores.recall, "f1": all_scores.f1}
    wanted = {k: v for k, v in floors.get(key, {}).items() if k in got}
    return [f"{key} {k} {got[k]:.3f} < floor {v:.3f}" for k, v in wanted.items() if got[k] + 1e-9 < v]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default: ../shared/data)")
    ap.add_argument("--split", choices=SPLITS, help="score one split only")
    ap.add_argument("--no-heldout", action="store_true", help="leave the held-out split out (while tuning rules)")
    ap.add_argument("--errors", action="store_true", help="list the misclassified pairs")
    ap.add_argument("--check", action="store_true", help="exit 1 when a figure is below eval/floors/conflicts.json")
    ap.add_argument("--subset", type=int, help="score the first N pairs of pairs.jsonl only (floors: 'subset')")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"data not present: {args.data} (the corpora sit beside the project)", file=sys.stderr)
        return 2
    pairs = load_pairs()
    if args.subset:
        floors = json.loads(FLOORS.read_text()).get("subset", {})
        if args.check and floors.get("pairs") != args.subset:
            print(f"subset floors are for the first {floors.get('pairs')} pairs, not {args.subset}", file=sys.stderr)
            return 2
        pairs = pairs[: args.subset]
    print(f"{len(pairs)} labelled pairs ({sum(p['label'] for p in pairs)} conflicting)")
    results = {}
    if args.no_heldout:
        pairs = [p for p in pairs if p["split"] != "heldout"]
    splits = [args.split] if args.split else ["dev", "test", None]
    for extra in ("dev2", "heldout"):
        if not args.split and any(p["split"] == extra for p in pairs):
            splits.append(extra)
    for split in splits:
        s, errors = score(pairs, args.data, split)
        results[split or "all"] = s
        print(s.line(split or "all"))
        if args.errors:
            for pair, got, reason in errors:
                a, b = statements(pair, args.data)
                kind = "FP" if got else "FN"
                print(f"  {kind} {pair['id']} {pair['dataset']} {pair['record']} [{reason}] {pair['reason']}")
                print(f"     A: {a[:160]}\n     B: {b[:160]}")
    if args.check:
        if args.subset:
            failures = check(results.get("all") or score(pairs, args.data)[0], key="subset")
        else:
            failures = check(results.get("all") or score(pairs, args.data)[0], key="all")
            for extra in ("dev2", "heldout"):
                if any(p["split"] == extra for p in pairs):
                    got = results.get(extra) or score(pairs, args.data, extra)[0]
                    failures += check(got, key=extra)
        for f in failures:
            print(f"BELOW FLOOR: {f}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
