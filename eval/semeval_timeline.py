"""Score event ordering on SemEval-2015 Task 4 (TimeLine), Track B (gold events given), read in place.

    .venv/bin/python eval/semeval_timeline.py                 # corpora 1-3, every target entity
    .venv/bin/python eval/semeval_timeline.py --check         # fail below eval/floors/timeline.json

What the system does (the same idea as ``presswatch.analysis.timeline``): for a target entity, take the gold-annotated
events of the sentences that name it (the full name, or its distinctive last word: "Airbus A380" -> "A380"), anchor
each at the date of a time expression in its sentence (presswatch's own resolver, ``enrich.times``, anchored on the
document date), else at the document date, and order them by that date; events with the same date share a position.

The metric re-implements the task's idea, not its official scorer: timelines are turned into BEFORE / SIMULTANEOUS
relations between events (position i before position i+1, same position simultaneous); precision is the share of
the system's reduced relations (a chain through each position and one link between consecutive positions) implied by
the gold timeline's closure, recall the share of the gold's reduced relations implied by the system's closure (the
temporal-awareness F1 of UzZaman & Allen). Anchoring links to dates, which the official scorer adds, are left out;
the figures are therefore not strictly comparable with the published ones. See docs/analysis.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "semeval2015-timeline" / "SemEval_Task4_data"
FLOORS = ROOT / "eval" / "floors" / "timeline.json"


@dataclass(slots=True)
class Doc:
    id: str
    dct: str
    sentences: dict[str, str]  # sentence id -> plain text
    events: list[tuple[str, str, str]]  # (sentence id, event text, our id "doc-sent-text")


def read_timeml(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or path.name.split("_")[0].split("-")[0]).strip()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    sentences, events = {}, []
    for s in root.iter("s"):
        sid = s.get("id", "")
        sentences[sid] = "".join(s.itertext())
        for ev in s.iter("EVENT"):
            word = (ev.text or "").strip()
            events.append((sid, word, f"{doc_id}-{sid}-{word}"))
    return Doc(doc_id, dct, sentences, events)


def read_gold(path: Path) -> tuple[str, dict[str, int]]:
    """(entity, event id -> position) of a gold timeline file; co-referring events share the position."""
    lines = path.read_text(encoding="utf-8").splitlines()
    entity = lines[0].strip()
    pos: dict[str, int] = {}
    for line in lines[1:]:
        parts = line.strip().split("\t")
        if len(parts) < 3:
            continue
        for ev in parts[2:]:
            pos[ev.strip()] = int(parts[0])
    return entity, pos


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _sentence_date(text: str, dct: str, nlp) -> str | None:
    """The date of the first resolvable time expression of the sentence (day or month precision)."""
    try:
        from presswatch.enrich.times import extract_times

        for t in extract_times(nlp(text), dct or None):
            value = t.earliest or t.value
            if value and re.match(r"^\d{4}-\d{2}(-\d{2})?$", value):
                return value
    except Exception:  # the resolver is the enrichment engineer's; a failure here falls back to the simple rule
        m = re.search(rf"\b({_MONTHS}) (\d{{1,2}}) , (\d{{4}})", text)
        if m:
            month = _MONTHS.split("|").index(m.group(1)) + 1
            return f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}"
    return None


def entity_pattern(entity: str) -> re.Pattern[str]:
    """The entity's full name, or its distinctive last word (a model name, a surname)."""
    forms = {entity}
    last = entity.split()[-1]
    if len(entity.split()) > 1 and len(last) > 2:
        forms.add(last)
    alts = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def system_timeline(docs: list[Doc], entity: str, nlp) -> dict[str, int]:
    """Event id -> position for one target entity."""
    pat = entity_pattern(entity)
    dated: list[tuple[str, str]] = []
    cache: dict[tuple[str, str], str | None] = {}
    for doc in docs:
        for sid, _, eid in doc.events:
            text = doc.sentences.get(sid, "")
            if not pat.search(text):
                continue
            key = (doc.id, sid)
            if key not in cache:
                cache[key] = _sentence_date(text, doc.dct, nlp)
            dated.append((cache[key] or doc.dct or "9999", eid))
    dates = sorted({d for d, _ in dated})
    rank = {d: i + 1 for i, d in enumerate(dates)}
    return {eid: rank[d] for d, eid in dated}


def reduced(pos: dict[str, int]) -> set[tuple[str, str, str]]:
    """A minimal relation set whose closure is the whole timeline: a chain per position, one link between positions."""
    groups: dict[int, list[str]] = defaultdict(list)
    for ev, p in pos.items():
        groups[p].append(ev)
    out = set()
    order = sorted(groups)
    for p in order:
        members = sorted(groups[p])
        out.update(("SIM", a, b) for a, b in zip(members, members[1:], strict=False))
    for p, q in zip(order, order[1:], strict=False):
        out.add(("BEFORE", sorted(groups[p])[-1], sorted(groups[q])[0]))
    return out


def implied(rel: tuple[str, str, str], pos: dict[str, int]) -> bool:
    """Is the relation implied by the closure of the timeline ``pos``?"""
    kind, a, b = rel
    if a not in pos or b not in pos:
        return False
    return pos[a] == pos[b] if kind == "SIM" else pos[a] < pos[b]


def awareness(system: dict[str, int], gold: dict[str, int]) -> tuple[float, float, int, int]:
    s, g = reduced(system), reduced(gold)
    p_hits = sum(implied(r, gold) for r in s)
    r_hits = sum(implied(r, system) for r in g)
    return p_hits, r_hits, len(s), len(g)


def score(data: Path) -> dict[str, float]:
    import spacy

    nlp = spacy.blank("en")
    p_hit = r_hit = n_sys = n_gold = 0
    per_corpus = {}
    for corpus in sorted(data.glob("corpus_*")):
        docs = [read_timeml(p) for p in sorted((corpus / "corpus_trackB_TimeML").glob("*.tml"))]
        cp = cr = cs = cg = 0
        for gold_file in sorted((corpus / "TimeLines_Gold_Standard").glob("*.txt")):
            entity, gold = read_gold(gold_file)
            a, b, c, d = awareness(system_timeline(docs, entity, nlp), gold)
            cp, cr, cs, cg = cp + a, cr + b, cs + c, cg + d
        per_corpus[corpus.name] = _f(cp, cr, cs, cg)
        p_hit, r_hit, n_sys, n_gold = p_hit + cp, r_hit + cr, n_sys + cs, n_gold + cg
    total = _f(p_hit, r_hit, n_sys, n_gold)
    return {"corpora": per_corpus, **total}


def _f(p_hit: float, r_hit: float, n_sys: int, n_gold: int) -> dict[str, float]:
    p = p_hit / n_sys if n_sys else 0.0
    r = r_hit / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--check", action="store_true", help="exit 1 when below eval/floors/timeline.json")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"data not present: {args.data}", file=sys.stderr)
        return 2
    result = score(args.data)
    for name, r in result["corpora"].items():
        print(f"{name}: P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")
    print(
        f"all: P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f}  (x100 for the task's scale)"
    )
    if args.check:
        floors = json.loads(FLOORS.read_text())
        low = [k for k, v in floors.get("all", {}).items() if result[k] + 1e-9 < v]
        for k in low:
            print(f"BELOW FLOOR: {k} {result[k]:.4f} < {floors['all'][k]}", file=sys.stderr)
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
