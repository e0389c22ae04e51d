"""The trainable attribution tagger: training on a small corpus written for the test, enrichment with the model, the
unchanged default, and clear errors for a missing or broken model file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.enrich.attribution_quotes import paragraph_spans
from presswatch.enrich.attribution_tagger import AttributionModelError, load_tagger, span_labels
from presswatch.enrich.attribution_training import CorpusFormatError, load_corpus, train_model
from presswatch.enrich.options import EnrichOptions
from presswatch.enrich.pipeline import enrich_article
from presswatch.models import Article

# (source, cue, content, template): invented sentences in the three shapes the tagger must learn
SPEAKERS = ["The harbour master", "Ines Moreau", "A ministry spokesman", "The mayor", "Tomas Berg", "She"]
CONTENTS = [
    "the ferry would resume service in April",
    "the fishing quota was too low for the coast",
    "talks on the border had stalled again",
    "the new pier would cost twice the estimate",
    "nobody had been told about the closure",
    "the council had approved the budget",
]
TEMPLATES = [
    "{s} said that {c}.",
    "“{C},” {s} said.",
    "According to {s}, {c}.",
    "{s} told reporters {c}.",
]


def _article(k: int) -> tuple[str, list[str]]:
    paras: list[str] = ["The town weighed its options on Tuesday."]
    lines: list[str] = []
    n = 0
    for j in range(4):
        s = SPEAKERS[(k + j) % len(SPEAKERS)]
        c = CONTENTS[(k * 3 + j) % len(CONTENTS)]
        tpl = TEMPLATES[(k + j) % len(TEMPLATES)]
        subject = s if tpl.startswith("{s}") else s[0].lower() + s[1:] if s.split()[0] in ("The", "A") else s
        sentence = tpl.format(s=subject, c=c, C=c[0].upper() + c[1:])
        before = "\n\n".join(paras) + "\n\n"
        offset = len(before)
        paras.append(sentence + " The weather was mild.")
        cue = "said" if "said" in tpl else "told" if "told" in tpl else "According to"
        content = c[0].upper() + c[1:] if "{C}" in tpl else c
        for kind, piece in (("Source", subject), ("Cue", cue), ("Content", content)):
            i = offset + sentence.index(piece)
            n += 1
            lines.append(f"T{n}\t{kind} {i} {i + len(piece)}\t{piece}")
        lines.append(f"E{j + 1}\tAttribution:T{n - 1} Content:T{n} Cue:T{n - 1} Source:T{n - 2}")
    return "\n\n".join(paras) + "\n", lines


def _write_corpus(base: Path, n: int = 8) -> Path:
    split = base / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir(parents=True)
    for k in range(n):
        text, lines = _article(k)
        (split / "text" / f"town{k}.txt").write_text(text, encoding="utf-8")
        (split / "attributions" / f"town{k}_ann1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    base = _write_corpus(tmp_path_factory.mktemp("corpus"))
    out = tmp_path_factory.mktemp("model") / "town.crfsuite"
    seen: list[str] = []
    report = train_model(
        load_corpus(base, "train"), out, nlp=nlp, iterations=30, progress=lambda s, d, t: seen.append(s)
    )
    assert out.is_file() and report.model_bytes == out.stat().st_size > 0
    assert report.articles == 8 and report.tokens > 300
    assert "parse" in seen and "train" in seen
    return out


def _presswatch(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "presswatch.cli.main", *args], capture_output=True, text=True, timeout=300
    )


def test_corpus_reader_explains_a_wrong_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusFormatError, match="text/<article>.txt"):
        load_corpus(tmp_path, "train")
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "train" / "attributions").mkdir()
    with pytest.raises(CorpusFormatError, match="no article"):
        load_corpus(tmp_path, "train")


def test_span_labels_innermost_wins(nlp) -> None:
    doc = nlp("Kim said Lee told him the plan failed.")
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    text = doc.text
    outer = ("CTT", text.index("Lee"), text.index("."))
    inner = [("SRC", text.index("Lee"), text.index("Lee") + 3), ("CUE", text.index("told"), text.index("told") + 4)]
    labels = span_labels(doc, starts, ends, [outer, *inner])
    assert labels[:4] == ["O", "O", "B-SRC", "B-CUE"]
    assert labels[4] == "B-CTT" and labels[5] == "I-CTT" and labels[-1] == "O"


def test_enrichment_with_the_model_gives_valid_attributions(model: Path) -> None:
    text, _ = _article(11)
    article = Article(title="Town", text=text, paragraph_spans=paragraph_spans(text), id="t1", outlet="Town Times")
    result = enrich_article(article, EnrichOptions(attribution_model=str(model)))
    assert not result.errors
    assert result.attributions, "the trained tagger finds the attributions of text shaped like its training data"
    ids = [a.id for a in result.attributions]
    assert ids == [f"q{k + 1}" for k in range(len(ids))]
    for a in result.attributions:
        assert 0 <= a.content.start < a.content.end <= len(text)
        assert text[a.content.start : a.content.end] == a.content.text
        if a.cue:
            assert text[a.cue.start : a.cue.end] == a.cue.text
        if a.speaker.span:
            assert text[a.speaker.span.start : a.speaker.span.end] == a.speaker.span.text
        assert a.nested_in is None or a.nested_in in ids
    contents = {a.content.text for a in result.attributions}
    assert any("ferry" in c or "quota" in c or "talks" in c or "pier" in c or "closure" in c for c in contents)


def test_no_model_means_the_rules_alone(nlp) -> None:
    from presswatch.enrich.attributions import extract_attributions
    from presswatch.enrich.nlp import make_doc

    text, _ = _article(5)
    assert EnrichOptions().attribution_model is None
    article = Article(title="Town", text=text, paragraph_spans=paragraph_spans(text), id="t2", outlet="Town Times")
    enriched = enrich_article(article, EnrichOptions())
    doc = nlp(make_doc(nlp, text, article.paragraph_spans))
    rules = extract_attributions(
        doc, mentions=enriched.mentions, entities=enriched.entities, outlet="Town Times", article_date=None
    )
    assert [a.to_dict() for a in enriched.attributions] == [a.to_dict() for a in rules]


def test_missing_or_broken_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AttributionModelError, match="does not exist"):
        load_tagger(str(tmp_path / "nope.crfsuite"))
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes(b"this is not a model")
    with pytest.raises(AttributionModelError, match="not a CRF model"):
        load_tagger(str(broken))
    page = tmp_path / "page.txt"
    page.write_text("The mayor said the harbour would close.\n", encoding="utf-8")
    for bad in (tmp_path / "nope.crfsuite", broken):
        proc = _presswatch("extract", "--attribution-model", str(bad), str(page))
        assert proc.returncode == 2, proc.stderr
        assert "presswatch: error: attribution model" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_train_command_reports_a_bad_folder(tmp_path: Path) -> None:
    proc = _presswatch("train-attributions", "--data", str(tmp_path), "--out", str(tmp_path / "m.crfsuite"))
    assert proc.returncode == 2
    assert "presswatch: error:" in proc.stderr and "attributions/<article>_<annotator>.ann" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "m.crfsuite").exists()


def test_train_command_writes_a_model(tmp_path: Path) -> None:
    base = _write_corpus(tmp_path / "corpus", n=3)
    out = tmp_path / "m.crfsuite"
    proc = _presswatch("train-attributions", "--data", str(base), "--out", str(out), "--iterations", "5")
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and "wrote" in proc.stderr
    load_tagger(str(out))
