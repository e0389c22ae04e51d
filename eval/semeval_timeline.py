"""Score event ordering on SemEval-2015 Task 4 (TimeLine), Track B (gold events given), with the task's own metric.

    .venv/bin/python eval/semeval_timeline.py                  # corpora 1-3 (Airbus, GM, stock markets), every entity
    .venv/bin/python eval/semeval_timeline.py --check          # fail below eval/floors/timeline.json
    .venv/bin/python eval/semeval_timeline.py --ordering-only  # the "ordering only" subtrack metric (no anchors)
    .venv/bin/python eval/semeval_timeline.py --trial          # the trial corpus (Apple): the development set
    .venv/bin/python eval/semeval_timeline.py --write DIR      # also write our timelines in the task's format

The system (the idea of ``presswatch.analysis.timeline``): for a target entity, take the gold-annotated events of the
sentences that name it (the full name, or its distinctive last word: "Airbus A380" -> "A380") and of the sentences
after those that open with a pronoun that agrees with it ("He", "They" for a person, as spaCy's NER tags the name;
"It", "They" otherwise; there is no coreference resolver). Anchor each at the
time expression of its sentence nearest to it, resolved by presswatch's own ``enrich.times`` on the document date and
kept at its own precision ("in 2004" -> 2004-XX-XX, "last month" -> 2008-02-XX; durations and vague words anchor
nothing), else at the document date; order the anchors, a year before its months and a month before its days, as the
gold does. The corpus's text is tokenized ("July 24 , 2003"); the space before punctuation is removed before resolving.

The metric is our implementation of the official scorer (``evaluation_tool_timeline_task4_v3``, Aldabe and Agirre;
its code, Apache-2.0, is in github.com/newsreader/evaluation, timeline-evaluation/, on top of UzZaman's TempEval-3
temporal-awareness scorer). Nothing of it is copied here; the steps are:

1. Read a timeline (``position<TAB>anchor<TAB>event...``), sort its lines in natural order and drop position 0
   (events that cannot be ordered are not scored).
2. Turn it into TimeML relations, in this order: each event SIMULTANEOUS with a TIMEX3 standing for its anchor (one
   per distinct anchor string, shared with the other side when the strings are equal; left out with
   ``--ordering-only``), then each event with the next one: BEFORE when its position is lower, else SIMULTANEOUS.
   A system event is the gold event with the same ``docid-sentence-word`` (the k-th occurrence to the k-th).
3. Reduce each side greedily as the TempEval-3 timegraph does: relations are added in that order; one already implied
   by the ones before it is dropped, one that contradicts them is kept but not added (a "violation"; the gold has
   some: events of one day at two positions).
4. Precision = reduced system relations stated in the gold or implied by its closure / reduced system relations;
   recall the other way round. Counts are summed over the timelines of a corpus (micro average), and here also over
   the three corpora for the overall figure.

Known differences from the official code: its timegraph implementation is replaced by an exact closure over the
only two relations used (SIMULTANEOUS as equivalence, BEFORE as strict order); its k-th-occurrence mapping of a
repeated event is done exactly; and every gold timeline is answered (the official driver skips a timeline that has no
answer file). See docs/analysis.md, "Timelines: SemEval-2015 Task 4".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "semeval2015-timeline"
DEFAULT_DATA = DATA / "SemEval_Task4_data"
FLOORS = ROOT / "eval" / "floors" / "timeline.json"

BEFORE, SIMULTANEOUS = "BEFORE", "SIMULTANEOUS"
Relation = tuple[str, str, str]  # (x, y, BEFORE | SIMULTANEOUS)


# ---------------------------------------------------------------------------------------------------------- the data


@dataclass(frozen=True, slots=True)
class Mention:
    sentence: str  # sentence id
    id: str  # the task's event id, "docid-sentence-word"
    start: int  # offset of the mention in its sentence's text


@dataclass(slots=True)
class Doc:
    id: str
    dct: str
    sentences: dict[str, str]  # sentence id -> plain text
    events: list[Mention]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a timeline: a position, an anchor ("2008-03-XX", "XXXX-XX-XX") and co-referring events."""

    position: int
    anchor: str
    events: tuple[str, ...]

    def line(self) -> str:
        return "\t".join((str(self.position), self.anchor, *self.events))


def read_timeml(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or path.name.split("_")[0].split("-")[0]).strip()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    sentences, events = {}, []
    for s in root.iter("s"):
        sid = s.get("id", "")
        sentences[sid], found = _text_and_events(s)
        for start, el in found:
            word = "_".join("".join(el.itertext()).split())  # a multi-word event is joined by "_" in the timelines
            events.append(Mention(sid, f"{doc_id}-{sid}-{word}", start))
    return Doc(doc_id, dct, sentences, events)


def _text_and_events(sentence: ET.Element) -> tuple[str, list[tuple[int, ET.Element]]]:
    """The plain text of a sentence element and its EVENT elements with their offsets in that text."""
    parts: list[str] = []
    events: list[tuple[int, ET.Element]] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        parts.append(text or "")
        length += len(text or "")

    def walk(el: ET.Element) -> None:
        add(el.text)
        for child in el:
            if child.tag == "EVENT":
                events.append((length, child))
            walk(child)
            add(child.tail)

    walk(sentence)
    return "".join(parts), events


def parse_timeline(text: str) -> tuple[str, list[Row]]:
    """(entity, rows) of a timeline file: the entity on the first line, then one row per line."""
    lines = text.splitlines()
    rows = []
    for line in lines[1:]:
        parts = [p.strip() for p in line.strip().split("\t")]
        if len(parts) >= 3 and parts[0].isdigit():
            rows.append(Row(int(parts[0]), parts[1], tuple(parts[2:])))
    return (lines[0].strip() if lines else ""), rows


def format_timeline(entity: str, rows: Iterable[Row]) -> str:
    return "\n".join([entity, *(r.line() for r in rows)]) + "\n"


# -------------------------------------------------------------------------------------------------------- the metric


def _natural_key(text: str) -> list[int | str]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def scored_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows the scorer reads: in natural order of their lines, without position 0 (events not ordered)."""
    return sorted((r for r in rows if r.position > 0), key=lambda r: _natural_key(r.line()))


def timeline_relations(rows: Iterable[Row], *, anchors: bool = True) -> list[Relation]:
    """The TimeML relations of a timeline, in the order the scorer adds them to its graph."""
    events: list[tuple[str, Row]] = []
    seen: Counter[str] = Counter()
    for row in scored_rows(rows):
        for ev in row.events:
            seen[ev] += 1
            events.append((f"e:{ev}#{seen[ev]}", row))  # the k-th mention of an event id pairs with the k-th
    rels: list[Relation] = [(e, f"t:{row.anchor}", SIMULTANEOUS) for e, row in events] if anchors else []
    for (a, ra), (b, rb) in zip(events, events[1:], strict=False):
        rels.append((a, b, BEFORE if ra.position < rb.position else SIMULTANEOUS))
    return rels


class TimeGraph:
    """The closure of BEFORE / SIMULTANEOUS relations between intervals: SIMULTANEOUS classes, BEFORE between them."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._after: defaultdict[str, set[str]] = defaultdict(set)  # class -> nodes directly after it

    def _find(self, x: str) -> str:
        root = x
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[x] != root:  # path compression
            self._parent[x], x = root, self._parent[x]
        return root

    def _precedes(self, x: str, y: str) -> bool:
        """Is x's class before y's class (a path of BEFORE links)?"""
        start, goal = self._find(x), self._find(y)
        stack, seen = [start], {start}
        while stack:
            for nxt in self._after[stack.pop()]:
                r = self._find(nxt)
                if r == goal:
                    return True
                if r not in seen:
                    seen.add(r)
                    stack.append(r)
        return False

    def knows(self, x: str) -> bool:
        return x in self._parent

    def implies(self, rel: Relation) -> bool:
        x, y, kind = rel
        if not (self.knows(x) and self.knows(y)):
            return False
        return self._find(x) == self._find(y) if kind == SIMULTANEOUS else self._precedes(x, y)

    def contradicts(self, rel: Relation) -> bool:
        x, y, kind = rel
        if kind == BEFORE and x == y:
            return True
        if not (self.knows(x) and self.knows(y)):
            return False
        if kind == SIMULTANEOUS:
            return self._precedes(x, y) or self._precedes(y, x)
        return self._find(x) == self._find(y) or self._precedes(y, x)

    def add(self, rel: Relation) -> str:
        """Add a relation: "implied" (nothing to add), "violation" (contradicts the graph, not added) or "added"."""
        if self.implies(rel):
            return "implied"
        if self.contradicts(rel):
            return "violation"
        x, y, kind = rel
        for n in (x, y):
            self._parent.setdefault(n, n)
        rx, ry = self._find(x), self._find(y)
        if kind == SIMULTANEOUS:
            self._parent[rx] = ry
            self._after[ry] |= self._after.pop(rx, set())
        else:
            self._after[rx].add(ry)
        return "added"


def reduce_relations(rels: Iterable[Relation]) -> tuple[TimeGraph, list[Relation]]:
    """The graph of the relations and the reduced relation set: the ones not implied by those added before them
    (violations included, as the scorer counts them)."""
    graph, reduced = TimeGraph(), []
    for rel in dict.fromkeys(rels):  # the same relation twice is read once
        if graph.add(rel) != "implied":
            reduced.append(rel)
    return graph, reduced


@dataclass(slots=True)
class Counts:
    precision_hits: int = 0
    system: int = 0  # reduced system relations
    recall_hits: int = 0
    gold: int = 0  # reduced gold relations

    def __iadd__(self, other: Counts) -> Counts:
        self.precision_hits += other.precision_hits
        self.system += other.system
        self.recall_hits += other.recall_hits
        self.gold += other.gold
        return self

    def scores(self) -> dict[str, float]:
        p = self.precision_hits / self.system if self.system else 0.0
        r = self.recall_hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _verified(rel: Relation, stated: set[Relation], graph: TimeGraph) -> bool:
    """Is the relation stated on the other side (either way round for SIMULTANEOUS) or implied by its closure?"""
    x, y, kind = rel
    return rel in stated or (kind == SIMULTANEOUS and (y, x, kind) in stated) or graph.implies(rel)


def awareness(system: Iterable[Row], gold: Iterable[Row], *, anchors: bool = True) -> Counts:
    """Temporal-awareness counts of one system timeline against its gold timeline."""
    sys_rels, gold_rels = timeline_relations(system, anchors=anchors), timeline_relations(gold, anchors=anchors)
    sys_graph, sys_reduced = reduce_relations(sys_rels)
    gold_graph, gold_reduced = reduce_relations(gold_rels)
    sys_stated, gold_stated = set(sys_rels), set(gold_rels)
    return Counts(
        precision_hits=sum(_verified(r, gold_stated, gold_graph) for r in sys_reduced),
        system=len(sys_reduced),
        recall_hits=sum(_verified(r, sys_stated, sys_graph) for r in gold_reduced),
        gold=len(gold_reduced),
    )


# -------------------------------------------------------------------------------------------------------- the system

_DETOKENIZE = re.compile(r" (?=[,.;:!?%)])|(?<=[($]) ")  # "July 24 , 2003" -> "July 24, 2003"
_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
_MONTH_NAME = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", re.IGNORECASE)


def detokenize(text: str) -> tuple[str, list[int]]:
    """The corpus's tokenized text without the spaces before punctuation, and for each of its offsets the offset in
    ``text`` it comes from."""
    cut = {m.start() for m in _DETOKENIZE.finditer(text)}
    kept = [i for i in range(len(text)) if i not in cut]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def anchor_of(day: str) -> str:
    """A date of year, month or day precision in the task's anchor form: "2008" -> "2008-XX-XX"."""
    parts = day.split("-")
    return "-".join(parts + ["XX"] * (3 - len(parts)))


def _at_precision(day: str, text: str) -> str:
    """An ISO day cut to the precision its expression states: a day ("since July 24"), a month ("since December") or
    a year ("since 2003")."""
    if _DAY_NUMBER.search(text):
        return day
    return day[:7] if _MONTH_NAME.search(text) else day[:4]


def time_anchor(t: Any) -> str | None:
    """The task's anchor of a resolved time expression at its own precision; None for what anchors nothing (a
    duration, a vague "recently", an open range)."""
    if t.kind in ("date", "datetime", "month", "year"):
        return anchor_of(t.value[:10])
    if t.kind == "interval" and t.earliest and t.latest:  # "late September", "this week": the span's month or year
        common = next((t.earliest[:n] for n in (10, 7, 4) if t.earliest[:n] == t.latest[:n]), None)
        return anchor_of(common) if common else None
    bound = t.earliest if t.kind == "after" else t.latest if t.kind == "before" else None
    return anchor_of(_at_precision(bound, t.text)) if bound else None  # "since 2003" -> 2003, "by 2010" -> 2010


def sentence_anchors(text: str, dct: str, nlp: Any) -> list[tuple[int, int, str]]:
    """(start, end, anchor) of the time expressions of a sentence that anchor an event, offsets in ``text``."""
    from presswatch.enrich.times import extract_times

    clean, origin = detokenize(text)
    out = []
    for t in extract_times(nlp(clean), dct or None):
        anchor = time_anchor(t)
        if anchor:
            out.append((origin[t.start], origin[t.end], anchor))
    return out


def _nearest(anchors: Sequence[tuple[int, int, str]], at: int) -> str | None:
    """The anchor of the time expression nearest to the event mention at offset ``at``."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: max(a[0] - at, at - a[1], 0))[2]


def _anchor_key(anchor: str) -> tuple[str, ...]:
    """Anchors in time order, a coarser one before the finer ones it contains (as the gold orders them)."""
    return tuple(p for p in anchor.split("-") if p != "XX")


PERSON_PRONOUNS = re.compile(r"(?:He|She|His|Her|They|Their)\b")
THING_PRONOUNS = re.compile(r"(?:It|Its|They|Their)\b")


def entity_pattern(entity: str) -> re.Pattern[str]:
    """The entity's full name, or its distinctive last word (a model name, a surname)."""
    forms = {entity}
    last = entity.split()[-1]
    if len(entity.split()) > 1 and len(last) > 2:
        forms.add(last)
    alts = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def is_person(docs: Sequence[Doc], pat: re.Pattern[str], ner: Any, sample: int = 5) -> bool:
    """Is the entity a person: does the NER model tag its name PERSON in most of the (first few) sentences naming it?"""
    named = ((t, m) for doc in docs for t in doc.sentences.values() if (m := pat.search(t)))
    votes = [
        "PERSON" in {e.label_ for e in ner(text).ents if e.start_char < m.end() and m.start() < e.end_char}
        for text, m in islice(named, sample)
    ]
    return sum(votes) * 2 > len(votes)


def entity_sentences(doc: Doc, pat: re.Pattern[str], pronouns: re.Pattern[str]) -> set[str]:
    """The sentences about the entity: those that name it, and the run of sentences after one that open with a
    pronoun that can stand for it ("Airbus said ... It expects ..."; there is no coreference resolver here)."""
    about, previous = set(), False
    for sid, text in doc.sentences.items():
        previous = bool(pat.search(text)) or (previous and bool(pronouns.match(text)))
        if previous:
            about.add(sid)
    return about


def system_timeline(docs: Sequence[Doc], entity: str, nlp: Any, *, person: bool = False) -> list[Row]:
    """The timeline of one target entity (a person or not, for the pronouns that stand for it): events grouped by
    anchor, anchors ordered."""
    pat = entity_pattern(entity)
    pronouns = PERSON_PRONOUNS if person else THING_PRONOUNS
    by_anchor: defaultdict[str, list[str]] = defaultdict(list)
    cache: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for doc in docs:
        about = entity_sentences(doc, pat, pronouns)
        for ev in doc.events:
            if ev.sentence not in about:
                continue
            text = doc.sentences[ev.sentence]
            key = (doc.id, ev.sentence)
            if key not in cache:
                cache[key] = sentence_anchors(text, doc.dct, nlp)
            anchor = _nearest(cache[key], ev.start) or (anchor_of(doc.dct[:10]) if doc.dct else "XXXX-XX-XX")
            by_anchor[anchor].append(ev.id)
    ordered = sorted(by_anchor, key=_anchor_key)
    return [Row(i, a, tuple(by_anchor[a])) for i, a in enumerate(ordered, start=1)]


# ------------------------------------------------------------------------------------------------------- the scoring


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    documents: Path  # folder of TimeML files with the gold events
    gold: Path  # folder of gold timelines, one file per target entity


def evaluation_corpora(data: Path) -> list[Corpus]:
    return [
        Corpus(c.name, c / "corpus_trackB_TimeML", c / "TimeLines_Gold_Standard") for c in sorted(data.glob("corpus_*"))
    ]


def trial_corpus(data: Path) -> list[Corpus]:
    root = data.parent
    return [
        Corpus(
            "trial", root / "Corpus-trial-data_task4_events_timelines_TimeML", root / "TimeLines_trial_data_task4_v1.2"
        )
    ]


def score(corpora: Sequence[Corpus], *, anchors: bool = True, write: Path | None = None) -> dict[str, Any]:
    import spacy

    from presswatch.enrich.nlp import load_nlp
    from presswatch.enrich.options import EnrichOptions

    nlp, ner = spacy.blank("en"), load_nlp(EnrichOptions())
    total, per_corpus = Counts(), {}
    for corpus in corpora:
        docs = [read_timeml(p) for p in sorted(corpus.documents.glob("*.tml"))]
        counts = Counts()
        for gold_file in sorted(corpus.gold.glob("*.txt")):
            entity, gold = parse_timeline(gold_file.read_text(encoding="utf-8"))
            person = is_person(docs, entity_pattern(entity), ner)
            system = system_timeline(docs, entity, nlp, person=person)
            counts += awareness(system, gold, anchors=anchors)
            if write is not None:
                out = write / corpus.name / gold_file.name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(format_timeline(entity, system), encoding="utf-8")
        per_corpus[corpus.name] = counts.scores()
        total += counts
    return {"corpora": per_corpus, **total.scores()}


def _print(result: dict[str, Any]) -> None:
    def line(name: str, r: dict[str, float]) -> str:
        return f"{name}: P={100 * r['precision']:.2f} R={100 * r['recall']:.2f} F1={100 * r['f1']:.2f}"

    for name, r in result["corpora"].items():
        print(line(name, r))
    print(line("all", result) + "  (micro average over every timeline; the task's 0-100 scale)")


def _below_floors(result: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    low = [f"all {k} {result[k]:.4f} < {v}" for k, v in floors.get("all", {}).items() if result[k] + 1e-9 < v]
    for name, fl in floors.get("corpora", {}).items():
        got = result["corpora"].get(name, {})
        low += [f"{name} {k} {got.get(k, 0.0):.4f} < {v}" for k, v in fl.items() if got.get(k, 0.0) + 1e-9 < v]
    return low


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the SemEval_Task4_data folder")
    ap.add_argument("--check", action="store_true", help="exit 1 when below eval/floors/timeline.json")
    ap.add_argument("--ordering-only", action="store_true", help="score the order alone (the task's subtrack)")
    ap.add_argument("--trial", action="store_true", help="score the trial corpus (Apple), the development set")
    ap.add_argument("--write", type=Path, help="write our timelines in the task's format under this folder")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"data not present: {args.data}", file=sys.stderr)
        return 2
    corpora = trial_corpus(args.data) if args.trial else evaluation_corpora(args.data)
    result = score(corpora, anchors=not args.ordering_only, write=args.write)
    _print(result)
    if args.check:
        key = "ordering_only" if args.ordering_only else "trial" if args.trial else "official"
        low = _below_floors(result, json.loads(FLOORS.read_text()).get(key, {}))
        for item in low:
            print(f"BELOW FLOOR ({key}): {item}", file=sys.stderr)
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
