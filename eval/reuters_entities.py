"""Score presswatch's entities against the gold PEOPLE / ORGS / PLACES lists of Reuters-21578.

Usage::

    .venv/bin/python eval/reuters_entities.py                        # the 1,136 Japan-tagged stories (with a body)
    .venv/bin/python eval/reuters_entities.py --limit 150 --workers 2
    .venv/bin/python eval/reuters_entities.py --json out.json --check eval/floors/reuters.json

The gold lists are per story and use a closed vocabulary (``all-people-strings.lc.txt`` and friends): people as
slugs of a surname or full name ("nakasone", "james-baker"), places as countries ("japan", "usa", "west-germany"),
organisations as acronyms ("imf", "gatt", "ec"). The scorer maps what the enrichment finds to that vocabulary the way
a user of the output would:

* PEOPLE: each PERSON entity's full-name slug, else its family-name slug, when the vocabulary has it;
* PLACES: the country of each GPE/LOC entity (a country itself, or a city's country from ``Entity.affiliation``), and
  of each nationality adjective (NORP "Japanese" -> japan), in Reuters' names (United States -> usa);
* ORGS: each ORG entity's name slug, its acronym ("International Monetary Fund" -> imf) or a gazetteer alias that is
  in the vocabulary.

Scored per story as sets, micro-averaged: precision = matched predictions / predictions inside the vocabulary (gold
lists only cover the vocabulary, so names outside it cannot be judged), recall = matched / gold.

Text: dateline + body, hard wraps undone (paragraphs are the indented lines), the trailing " Reuter" removed; the
story date is the article date. Data: ``$PRESSWATCH_SHARED/data/reuters21578``, read in place, never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presswatch.enrich.aliases import load_gazetteer, slugify  # noqa: E402
from presswatch.enrich.pipeline import EnrichOptions, enrich_many  # noqa: E402
from presswatch.models import Article, EnrichedArticle, paragraphs_to_text  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("PRESSWATCH_SHARED", ROOT.parent / "shared")) / "data" / "reuters21578"
TYPES = ("people", "places", "orgs")
# presswatch's canonical country names whose Reuters slug differs from their own slug.
_REUTERS_PLACE = {
    "united-states": "usa",
    "united-kingdom": "uk",
    "soviet-union": "ussr",
    "russia": "ussr",  # a 1987 archive: Moscow and "Russian" mean the Soviet Union
    "germany": "west-germany",
    "united-arab-emirates": "uae",
    "cambodia": "kampuchea",
    "myanmar": "burma",
}
_STOP = {"of", "the", "and", "for", "on", "in", "de"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(slots=True)
class Story:
    id: str
    date: str
    text: str
    paragraphs: list[str]
    gold: dict[str, set[str]]


@dataclass(slots=True)
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    misses: dict[str, int] = field(default_factory=dict)
    spurious: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_stories(data: Path, tag: str | None = "japan", limit: int | None = None) -> list[Story]:
    """Stories with a body (and the ``tag`` among their PLACES when given), in file order."""
    out: list[Story] = []
    for path in sorted(data.glob("reut2-*.xml")):
        raw = _CONTROL.sub(" ", path.read_bytes().decode("latin-1"))
        root = ET.fromstring(raw)
        for node in root.iter("REUTERS"):
            body = node.find("TEXT/BODY")
            if body is None or not (body.text or "").strip():
                continue
            gold = {t: {d.text.strip() for d in node.findall(f"{t.upper()}/D") if d.text} for t in TYPES}
            if tag and tag not in gold["places"]:
                continue
            dateline = (node.findtext("TEXT/DATELINE") or "").strip()
            paragraphs = _paragraphs(dateline, body.text)
            text, _ = paragraphs_to_text(paragraphs)
            out.append(Story(node.get("NEWID", "?"), _date(node.findtext("DATE") or ""), text, paragraphs, gold))
            if limit and len(out) >= limit:
                return out
    return out


def _paragraphs(dateline: str, body: str) -> list[str]:
    body = re.sub(r"\s*Reuter\s*$", "", body.rstrip())
    parts = [" ".join(p.split()) for p in re.split(r"\n(?= {3,})", body)]
    parts = [p for p in parts if p]
    if dateline and parts:
        parts[0] = f"{dateline} {parts[0]}"
    return parts


def _date(raw: str) -> str:
    try:
        return datetime.strptime(raw.strip().split(".")[0], "%d-%b-%Y %H:%M:%S").date().isoformat()
    except ValueError:
        return ""


def load_vocabulary(data: Path) -> dict[str, set[str]]:
    vocab = {}
    for t in TYPES:
        lines = (data / f"all-{t}-strings.lc.txt").read_text(encoding="latin-1").split()
        vocab[t] = {w.strip() for w in lines if w.strip()}
    return vocab


def predictions(result: EnrichedArticle, vocab: dict[str, set[str]], gaz) -> dict[str, set[str]]:
    """The enrichment's entities in Reuters' vocabulary (only those the vocabulary has)."""
    out: dict[str, set[str]] = {t: set() for t in TYPES}
    for ent in result.entities:
        if ent.type == "PERSON":
            parts = [slugify(p) for p in ent.name.split()]
            for cand in ("-".join(parts), parts[-1] if parts else ""):
                if cand in vocab["people"]:
                    out["people"].add(cand)
                    break
        elif ent.type in ("GPE", "LOC", "NORP"):
            country = ent.name if ent.type != "NORP" else gaz.country_of_demonym(ent.name)
            if ent.type == "GPE" and ent.affiliation and gaz.lookup(ent.name) is None:
                country = ent.affiliation  # a city: its country
            if country:
                slug = slugify(country)
                slug = _REUTERS_PLACE.get(slug, slug)
                if slug in vocab["places"]:
                    out["places"].add(slug)
        elif ent.type == "ORG":
            for cand in _org_candidates(ent.name, ent.aliases, gaz):
                if cand in vocab["orgs"]:
                    out["orgs"].add(cand)
                    break
    return out


def _org_candidates(name: str, aliases: list[str], gaz) -> list[str]:
    names = [name, *aliases]
    entry = gaz.lookup(name)
    if entry is not None:
        names += [entry.name, *entry.aliases]
    out = []
    for n in names:
        slug = slugify(n)
        out += [slug, slug.replace("-", "")]
        words = [w for w in re.split(r"[\s-]+", n) if w and w.lower() not in _STOP]
        if len(words) >= 2:
            out.append("".join(w[0] for w in words).lower())
    return out


def evaluate(stories: list[Story], vocab, workers: int = 1) -> tuple[dict[str, Score], float]:
    gaz = load_gazetteer()
    options = EnrichOptions(attributions=False, events=False)  # entities only: the other steps do not change them
    articles = []
    for s in stories:
        text, spans = paragraphs_to_text(s.paragraphs)
        articles.append(
            Article(title="", text=text, paragraph_spans=spans, published=s.date, outlet="Reuters", source=s.id)
        )
    scores = {t: Score() for t in TYPES}
    start = time.perf_counter()
    for story, result in zip(stories, enrich_many(articles, options, workers=workers), strict=True):
        if not isinstance(result, EnrichedArticle):
            print(f"{story.id}: {result.reason}", file=sys.stderr)
            continue
        pred = predictions(result, vocab, gaz)
        for t in TYPES:
            gold = story.gold[t]
            sc = scores[t]
            sc.tp += len(pred[t] & gold)
            sc.predicted += len(pred[t])
            sc.gold += len(gold)
            for miss in gold - pred[t]:
                sc.misses[miss] = sc.misses.get(miss, 0) + 1
            for extra in pred[t] - gold:
                sc.spurious[extra] = sc.spurious.get(extra, 0) + 1
    return scores, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--tag", default="japan", help="only stories with this PLACES tag ('' for all)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many stories (file order)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--check", type=Path, help="floors file: exit 1 when a figure falls below its floor")
    args = ap.parse_args(argv)
    if args.check and args.limit is None:
        floors = json.loads(args.check.read_text(encoding="utf-8"))
        args.limit = floors.get("sample", {}).get("limit")
        args.tag = floors.get("sample", {}).get("tag", args.tag)
    if not args.data.is_dir():
        print(f"Reuters-21578 not found at {args.data}; set PRESSWATCH_SHARED", file=sys.stderr)
        return 2
    stories = read_stories(args.data, args.tag or None, args.limit)
    vocab = load_vocabulary(args.data)
    scores, seconds = evaluate(stories, vocab, args.workers)
    figures = {
        t: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4), "gold": s.gold}
        for t, s in scores.items()
    }
    print(f"Reuters-21578 entities: {len(stories)} stories (tag={args.tag or 'any'}), {seconds:.1f} s")
    print(f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}  most missed / most spurious")
    for t, s in scores.items():
        missed = ", ".join(k for k, _ in sorted(s.misses.items(), key=lambda kv: -kv[1])[:5])
        spurious = ", ".join(k for k, _ in sorted(s.spurious.items(), key=lambda kv: -kv[1])[:5])
        print(f"{t:8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:6d}  {missed} / {spurious}")
    if args.json:
        out = {"stories": len(stories), "tag": args.tag, "seconds": round(seconds, 1), "scores": figures}
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    if args.check:
        floors = json.loads(args.check.read_text(encoding="utf-8"))["floors"]
        failed = [
            f"{t} {m} {figures[t][m]:.3f} < floor {v}"
            for t, ms in floors.items()
            for m, v in ms.items()
            if figures[t][m] < v
        ]
        for line in failed:
            print(f"BELOW FLOOR: {line}", file=sys.stderr)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
