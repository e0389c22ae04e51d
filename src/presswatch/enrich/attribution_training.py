"""Training data for the attribution tagger: BRAT-style corpora in the PolNeAR format, and the training run.

A corpus is a folder with one sub-folder per split (``train/``, ``dev/``, ...) or the split folder itself, holding
``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``. The ``.ann`` files are BRAT standoff:

* ``T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<text>`` with Type in Source, Cue, Content (others are ignored);
* ``E<n>\\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s>`` linking one attribution (Source and Cue optional).

An article annotated by several annotators is read from the first annotator file in name order. The scorer
``eval/polnear.py`` reads the corpus with the same functions.

The training run (:func:`train_model`) parses every article the way enrichment does (paragraphs are sentence
starts), runs the rule extractor on it (its labels are features: stacking), and trains a CRF with python-crfsuite
(see :mod:`presswatch.enrich.attribution_tagger` for the features and why a CRF).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.errors import PresswatchError


class CorpusFormatError(PresswatchError):
    """A training folder that is not a BRAT attribution corpus in the expected layout."""


@dataclass(slots=True)
class GoldAttribution:
    source: list[tuple[int, int]] | None
    cue: list[tuple[int, int]] | None
    content: list[tuple[int, int]]


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _parse_offsets(field_text: str) -> list[tuple[int, int]]:
    parts = []
    for piece in field_text.split(";"):
        s, e = piece.split()
        parts.append((int(s), int(e)))
    return parts


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one BRAT .ann file: E lines joining Source, Cue and Content text-bound annotations."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            kind, _, offsets = cols[1].partition(" ")
            try:
                spans[cols[0]] = (kind, _parse_offsets(offsets))
            except ValueError:
                continue
        elif cols[0].startswith("E"):
            args = dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg)
            links.append(args)
    out: list[GoldAttribution] = []
    for args in links:
        content = spans.get(args.get("Content", ""))
        if content is None:
            continue
        source = spans.get(args.get("Source", ""))
        cue = spans.get(args.get("Cue", ""))
        out.append(GoldAttribution(source[1] if source else None, cue[1] if cue else None, content[1]))
    return out


def load_split(data_dir: Path, split: str, limit: int | None = None) -> list[GoldDoc]:
    """The articles of a split with one annotator's attributions each, in name order."""
    base = data_dir / split
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(article, ann)
    docs = []
    for article, ann in sorted(anns.items()):
        text_path = base / "text" / f"{article}.txt"
        if not text_path.is_file():
            continue
        docs.append(GoldDoc(article, text_path.read_text(encoding="utf-8"), read_ann(ann)))
        if limit and len(docs) >= limit:
            break
    return docs


def load_corpus(data_dir: Path, split: str | None = "train", limit: int | None = None) -> list[GoldDoc]:
    """The training articles of ``data_dir`` (its ``split`` sub-folder, or the folder itself when it holds ``text/``
    and ``attributions/``). Raises :class:`CorpusFormatError`, saying what is expected, when the layout is wrong or
    no article has an attribution."""
    data_dir = Path(data_dir)
    expected = (
        "expected a folder with text/<article>.txt and attributions/<article>_<annotator>.ann (BRAT standoff with "
        "Source, Cue and Content spans linked by E lines, the PolNeAR format), or one with such a folder per split"
    )
    if not data_dir.is_dir():
        raise CorpusFormatError(f"training data folder {data_dir} does not exist; {expected}")
    if (data_dir / "text").is_dir() and (data_dir / "attributions").is_dir():
        parent, name = data_dir.parent, data_dir.name
    elif split and (data_dir / split / "text").is_dir() and (data_dir / split / "attributions").is_dir():
        parent, name = data_dir, split
    else:
        raise CorpusFormatError(f"{data_dir} is not an attribution corpus (split {split!r}): {expected}")
    try:
        docs = load_split(parent, name, limit)
    except (UnicodeDecodeError, ValueError) as exc:
        raise CorpusFormatError(f"cannot read the corpus in {parent / name}: {exc}; {expected}") from exc
    if not docs:
        raise CorpusFormatError(f"no article in {parent / name} has both a text and an .ann file; {expected}")
    if not any(d.attributions for d in docs):
        raise CorpusFormatError(f"no attribution (E line) in the .ann files of {parent / name}; {expected}")
    return docs


@dataclass(slots=True)
class TrainingReport:
    articles: int
    tokens: int
    seconds_parse: float
    seconds_train: float
    model_bytes: int
    path: str


def train_model(
    docs: list[GoldDoc],
    out: Path,
    *,
    nlp=None,
    iterations: int = 100,
    c1: float = 0.5,
    c2: float = 0.01,
    progress: Callable[[str, int, int], None] | None = None,
) -> TrainingReport:
    """Train a CRF attribution tagger on ``docs`` and write it to ``out`` (a .crfsuite file).

    ``nlp`` defaults to the enrichment pipeline's spaCy model. ``progress(stage, done, total)`` is called while
    articles are parsed ("parse") and at each training iteration ("train"). ``c1``/``c2`` are the L1/L2
    penalties: on PolNeAR (300 train articles, scored on dev) c1 0.3-1.0 beat 0.05 by about a point of exact F1, and
    200 iterations overfit (worse than 100)."""
    import pycrfsuite

    from presswatch.enrich.attribution_quotes import paragraph_spans
    from presswatch.enrich.attribution_tagger import sequences
    from presswatch.enrich.attributions import extract_attributions
    from presswatch.enrich.nlp import load_nlp, make_doc
    from presswatch.enrich.options import EnrichOptions

    nlp = nlp or load_nlp(EnrichOptions())
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)

    class _Trainer(pycrfsuite.Trainer):
        """Reports each iteration to ``progress`` instead of printing crfsuite's log."""

        def on_iteration(self, log, info):  # noqa: ANN001 - pycrfsuite's hook
            if progress:
                progress("train", int(info.get("num", 0)), iterations)

        def on_start(self, log):  # noqa: ANN001
            pass

        on_featgen_progress = on_featgen_end = on_prepared = on_prepare_error = lambda self, *a: None
        on_optimization_end = on_end = lambda self, *a: None

    trainer = _Trainer(verbose=True)
    t0 = time.perf_counter()
    n_tokens = 0
    parsed = nlp.pipe((make_doc(nlp, d.text, paragraph_spans(d.text)) for d in docs), batch_size=16)
    for k, (gold, doc) in enumerate(zip(docs, parsed, strict=True)):
        rules = extract_attributions(doc)
        for xseq, yseq in sequences(doc, rules, gold.attributions):
            trainer.append(xseq, yseq)
            n_tokens += len(yseq)
        if progress:
            progress("parse", k + 1, len(docs))
    t1 = time.perf_counter()
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True, "epsilon": 1e-4}
    )
    trainer.train(str(out))
    t2 = time.perf_counter()
    return TrainingReport(len(docs), n_tokens, round(t1 - t0, 1), round(t2 - t1, 1), out.stat().st_size, str(out))
