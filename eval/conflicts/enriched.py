"""The labelled pairs seen as the product sees them: each record is enriched by the real pipeline and each statement
becomes the claims (attributions, resolved speakers) that fall inside it.

A statement that holds no attribution (the pipeline found no speaker in it) stands as a sentence claim with no
speaker (``statement_features``). Enrichment is cached per record within one run only; nothing is written to disk.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from datasets import record_text

from presswatch.analysis.claims import ClaimFeatures, extract_claims, statement_features
from presswatch.enrich.pipeline import enrich_article
from presswatch.models import Article, Span


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of a record as offsets into its text unchanged (a paragraph ends at a line break)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text) if m.group(0).strip()]


@cache
def record_claims(data: Path, dataset: str, record: str) -> tuple[Article, tuple[ClaimFeatures, ...]]:
    """The record as an Article (its text exactly as the dataset gives it) and the claims of its enrichment."""
    text = record_text(data, dataset, record)
    article = Article(title="", text=text, paragraph_spans=_paragraph_spans(text), source=f"{dataset}:{record}")
    enriched = enrich_article(article)
    return article, tuple(extract_claims(article, enriched))


def statement_claims(data: Path, dataset: str, record: str, start: int, end: int, side: str) -> list[ClaimFeatures]:
    """The claims whose statement (content or cue) lies in ``[start, end)``; the bare sentence when there is none."""
    article, claims = record_claims(data, dataset, record)
    inside = []
    for c in claims:
        span = c.claim.content
        cue = c.cue
        mid = (span.start + span.end) // 2 if span else -1
        if start <= mid < end or (cue is not None and start <= cue.start < end and span and span.start < end):
            inside.append(c)
    # The whole statement is one more claim, spoken by the one speaker the pipeline resolved in it (none when it found
    # none or several): the sentence rule ("denied the charges") then knows who denies and who accused.
    whole = statement_features(article.text[start:end], id=f"{record}:{side}")
    speakers = {c.claim.speaker for c in inside}
    if len(speakers) > 1:  # a named speaker outranks what the parser took for one ("unknown:consultant")
        inside_known = [c for c in inside if not c.claim.speaker.startswith("unknown:")]
        if len({c.claim.speaker for c in inside_known}) == 1:
            inside = inside_known + [c for c in inside if c not in inside_known]
            speakers = {inside_known[0].claim.speaker}
    if len(speakers) == 1:
        (one,) = inside[:1]
        whole.claim.speaker, whole.claim.speaker_name = one.claim.speaker, one.claim.speaker_name
        whole.speaker_kind = one.speaker_kind
    whole.claim.article_id = whole.original = article.id
    whole.claim.content = Span(start, end, article.text[start:end])  # where it stands: the order of the two counts
    return [*inside, whole]
