"""Print candidate pairs with no contradiction word for labelling by hand (a helper for the dev2 split; it labels
nothing): two sentences of one record that give a figure for the same unit (the word after the number: "killed",
"people", "percent"), with the same value or a different one, or that say much the same thing with opposite polarity;
or (``--kind clauses``) the two clauses of one sentence joined by "while", "but", "whereas", "though" or a semicolon,
each with a number or the two with opposite polarity, on someone's word ("police say about 500 people were arrested,
while rights groups say 1,000 were taken into custody").

    .venv/bin/python eval/conflicts/figure_pairs.py newsarticles --seed 1 --limit 40            # figures
    .venv/bin/python eval/conflicts/figure_pairs.py bbc --seed 2 --kind polarity --limit 40      # negated vs asserted
    .venv/bin/python eval/conflicts/figure_pairs.py newsarticles --kind clauses --limit 60       # two clauses

Only records that no labelled pair reads are visited (``--all-records`` to lift that). The person labelling reads both
sentences and decides, then appends the decisions with ``add_pairs.py --split dev2``.
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
from mine import REPORTING, sentences  # noqa: E402

from presswatch.analysis.text import CONTRADICTION_WORDS, content_stems, figures, find_cue, polarity  # noqa: E402

_DIGIT_RE = re.compile(r"\d")
_CLAUSE_SPLIT_RE = re.compile(r",?\s+(?:while|whereas|but|although|though)\s+|;\s+")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"))
    ap.add_argument("--kind", choices=("figures", "polarity", "clauses"), default="figures")
    ap.add_argument("--grep", default="", help="the record must match this")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--per-record", type=int, default=2)
    ap.add_argument("--window", type=int, default=12, help="sentences apart at most")
    ap.add_argument("--all-records", action="store_true")
    ap.add_argument("--diff", action="store_true", help="figures: only pairs whose values differ")
    ap.add_argument("--said", action="store_true", help="both sentences on someone's word (a reporting verb)")
    ap.add_argument("--s-grep", default="", help="one of the two sentences must match this")
    ap.add_argument("--width", type=int, default=260)
    args = ap.parse_args()
    used = set()
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = json.loads(line)
            used.add((p["dataset"], p["record"]))
    texts = records(Path(args.data), args.dataset)
    order = sorted(texts)
    random.Random(args.seed).shuffle(order)
    pat = re.compile(args.grep, re.I) if args.grep else None
    spat = re.compile(args.s_grep, re.I) if args.s_grep else None
    n = 0
    for rid in order:
        if (args.dataset, rid) in used and not args.all_records:
            continue
        text = texts[rid]
        if pat and not pat.search(text):
            continue
        sents = sentences(text)
        if args.kind == "clauses":
            for s, e in sents:
                sent = text[s:e]
                m = _CLAUSE_SPLIT_RE.search(sent)
                if m is None or find_cue(sent, CONTRADICTION_WORDS):
                    continue
                a, b = sent[: m.start()], sent[m.end() :]
                figs = _DIGIT_RE.search(a) and _DIGIT_RE.search(b)
                if not (REPORTING.search(a) or REPORTING.search(b)) or not (figs or polarity(a) != polarity(b)):
                    continue
                n += 1
                print(f"## {args.dataset} {rid} A={s}:{s + m.start()} B={s + m.end()}:{e}")
                print("  S:", sent[: args.width].replace("\n", " "))
                if n >= args.limit:
                    return
            continue
        feats = []
        for s, e in sents:
            t = text[s:e]
            figs = {u: v for u, v in figures(t).items() if u != "_"} if _DIGIT_RE.search(t) else {}
            feats.append((set(content_stems(t)), figs, polarity(t), find_cue(t, CONTRADICTION_WORDS) is not None))
        shown = 0
        for j in range(len(sents)):
            for i in range(max(0, j - args.window), j):
                (sa, fa, pa, ca), (sb, fb, pb, cb) = feats[i], feats[j]
                if ca or cb:
                    continue  # pairs with a contradiction word are mine.py's
                shared = sa & sb
                if args.kind == "figures":
                    units = set(fa) & set(fb)
                    if not units or len(shared) < 3:
                        continue
                    if args.diff and all(fa[u] == fb[u] for u in units):
                        continue
                    tag = ", ".join(f"{u}: {fa[u]:g}/{fb[u]:g}" for u in sorted(units))
                else:
                    if pa == pb or len(shared) < 4 or len(shared) / max(1, min(len(sa), len(sb))) < 0.4:
                        continue
                    tb = text[sents[j][0] : sents[j][1]]
                    ta = text[sents[i][0] : sents[i][1]]
                    if not (REPORTING.search(ta) or REPORTING.search(tb)):
                        continue
                    if args.said and len(shared) / max(1, min(len(sa), len(sb))) < 0.5:
                        continue
                    tag = f"polarity {pa}/{pb}"
                (a0, a1), (b0, b1) = sents[i], sents[j]
                if args.said and not (REPORTING.search(text[a0:a1]) and REPORTING.search(text[b0:b1])):
                    continue
                if spat and not (spat.search(text[a0:a1]) or spat.search(text[b0:b1])):
                    continue
                n += 1
                shown += 1
                pid = pair_id(args.dataset, rid, (a0, a1), (b0, b1))
                print(f"## {args.dataset} {rid} A={a0}:{a1} B={b0}:{b1} id={pid} [{tag}]")
                print("  A:", text[a0:a1][: args.width].replace("\n", " "))
                print("  B:", text[b0:b1][: args.width].replace("\n", " "))
                if n >= args.limit:
                    return
                if shown >= args.per_record:
                    break
            if shown >= args.per_record:
                break


if __name__ == "__main__":
    main()
