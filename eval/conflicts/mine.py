"""Print candidate statement pairs for labelling by hand (a helper for building pairs.jsonl; it labels nothing).

A candidate is a sentence holding a contradiction word (denied, rejected, disputed, contradicted ...) together with an
earlier sentence of the same record that shares content words with it. The person labelling reads both and decides,
then appends the decisions with add_pairs.py (one tab-separated line per pair: the dataset, record and spans printed
here, the label, a one-line reason).

    .venv/bin/python eval/conflicts/mine.py newsarticles --grep "Kremlin|Peskov" --limit 40
    .venv/bin/python eval/conflicts/mine.py bbc --seed 7 --unlabelled --b-grep "denied (the|any) (charges|claims)"
    .venv/bin/python eval/conflicts/mine.py bbc --seed 3 --new-records --plain --limit 40   # no cue word needed

``--new-records`` skips every record that already has a labelled pair (to build a held-out split from unseen
records); ``--plain`` drops the contradiction-word requirement, so that plain same-topic pairs (attributed
statements sharing content words) are offered too and the labelled set is not only cue-word pairs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from add_pairs import PAIRS, pair_id  # noqa: E402
from datasets import records  # noqa: E402

from presswatch.analysis.text import CONTRADICTION_WORDS, content_stems, find_cue  # noqa: E402

REPORTING = re.compile(r"\b(said|says|told|according to|added|insisted|claimed|argued|warned)\b|[\"“]", re.I)
SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e - s > 30:
            out.append((s, e))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"))
    ap.add_argument("--grep", default="")
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--b-grep", default="", help="the contradicting sentence must match this too")
    ap.add_argument("--a-grep", default="", help="the earlier sentence must match this too")
    ap.add_argument("--seed", type=int, help="visit the records in a random order drawn from this seed")
    ap.add_argument("--unlabelled", action="store_true", help="skip sentences already in pairs.jsonl")
    ap.add_argument("--new-records", action="store_true", help="skip records that already have a labelled pair")
    ap.add_argument("--width", type=int, default=220, help="characters of each statement to print")
    ap.add_argument("--plain", action="store_true", help="B needs no contradiction word, only a reporting verb")
    args = ap.parse_args()
    pat = re.compile(args.grep, re.I) if args.grep else None
    apat = re.compile(args.a_grep, re.I) if args.a_grep else None
    bpat = re.compile(args.b_grep, re.I) if args.b_grep else None
    labelled = set()
    used_records = set()
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line) if line.strip() else None
        if pair and pair["dataset"] == args.dataset:
            used_records.add(pair["record"])
            if args.unlabelled:
                labelled.update((pair["record"], pair[side]["start"]) for side in "ab")
    texts = records(Path(args.data), args.dataset)
    order = sorted(texts)
    if args.seed is not None:
        random.Random(args.seed).shuffle(order)
    n = 0
    for rid in order:
        text = texts[rid]
        if (pat and not pat.search(text)) or (args.new_records and rid in used_records):
            continue
        sents = sentences(text)
        for j, (s, e) in enumerate(sents):
            b = text[s:e]
            if (rid, s) in labelled:
                continue
            if not (REPORTING.search(b) if args.plain else find_cue(b, CONTRADICTION_WORDS)):
                continue
            if bpat and not bpat.search(b):
                continue
            sb = set(content_stems(b))
            best = None
            for i in range(max(0, j - 8), j):
                a0, a1 = sents[i]
                if apat and not apat.search(text[a0:a1]):
                    continue
                shared = len(sb & set(content_stems(text[a0:a1])))
                if shared >= 2 and (best is None or shared > best[0]):
                    best = (shared, a0, a1)
            if best is None:
                continue
            n += 1
            if n <= args.skip:
                continue
            pid = pair_id(args.dataset, rid, (best[1], best[2]), (s, e))
            print(f"## {args.dataset} {rid} A={best[1]}:{best[2]} B={s}:{e} id={pid}")
            print("  A:", text[best[1] : best[2]][: args.width])
            print("  B:", b[: args.width])
            if n >= args.skip + args.limit:
                return


if __name__ == "__main__":
    main()
