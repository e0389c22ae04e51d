"""Conflicts between accounts: explicit cues, opposite polarity, different figures; stored and queried."""

from __future__ import annotations

import pytest

from presswatch.analysis.claims import extract_claims, iter_claims
from presswatch.analysis.conflicts import classify_pair, conflicts_among, find_conflicts
from test_claims_fixtures import QUOTA_A, TANAKA, VOLKOV, Doc, Q, build, corpus


def _by_reason(conflicts):
    out = {}
    for c in conflicts:
        out.setdefault(c.reason, []).append(c)
    return out


def test_find_conflicts_over_the_invented_corpus() -> None:
    found = find_conflicts(corpus())
    reasons = _by_reason(found)
    assert set(reasons) == {"explicit_cue", "polarity", "figures"}
    silver = reasons["explicit_cue"]
    assert len(silver) == 2  # "contradicted him" and "correcting Tanaka's account"
    top = silver[0]
    assert top.confidence >= 0.9 and top.cue.text == "contradicted"
    assert "Silver Islands were not discussed" in top.evidence_b.text and "discussed in depth" in top.evidence_a.text
    (border,) = reasons["polarity"]
    assert border.article_a != border.article_b and "denied" in border.explanation
    (quota,) = reasons["figures"]
    assert "30000 vs 18000" in quota.explanation
    # agreeing accounts of the bridge opening are no conflict
    assert not any("bridge" in (c.evidence_a.text + c.evidence_b.text) for c in found)


def test_same_speaker_and_copies_of_one_article_never_conflict() -> None:
    article, enriched = corpus()[0]
    tanaka, volkov, added = extract_claims(article, enriched)
    assert not classify_pair(volkov, added).conflict  # both Volkov
    copy = Doc(**{**QUOTA_A.__dict__, "title": "Fishing quota raised (syndicated)"})
    a1, e1 = build(QUOTA_A)
    copy.duplicate_of = a1.id
    copy.paragraphs = [QUOTA_A.paragraphs[0].replace("30,000", "31,000")]
    copy.quotes = [Q(QUOTA_A.quotes[0].speaker, "anonymous", "anon:other", "said", copy.paragraphs[0][40:].strip())]
    c1 = extract_claims(a1, e1)[0]
    c2 = extract_claims(*build(copy))[0]
    assert not classify_pair(c1, c2).conflict


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("the talks covered the island dispute", "the talks never covered the island dispute", "polarity"),
        ("the storm killed 12 people in the port", "the storm killed 40 people in the port", "figures"),
        (
            "the summit will be held on March 3 in the capital",
            "the summit will be held on March 9 in the capital",
            "dates",
        ),
        ("the summit will be held in the capital", "the weather in the capital was mild", None),
    ],
)
def test_pair_rules(a: str, b: str, expected: str | None) -> None:
    doc = Doc(
        title="t",
        published="2031-01-01",
        outlet="X",
        paragraphs=[f"Ann Lee said {a}. Bob Ray said {b}."],
        quotes=[Q("Ann Lee", "person", "person:ann", "said", a), Q("Bob Ray", "person", "person:bob", "said", b)],
    )
    ca, cb = extract_claims(*build(doc))
    verdict = classify_pair(ca, cb)
    assert verdict.conflict == (expected is not None)
    if expected:
        assert verdict.reason == expected and 0.5 <= verdict.confidence <= 1.0


def test_conflict_records_say_who_when_and_about_what() -> None:
    claims = list(iter_claims(corpus()))
    found = conflicts_among(claims)
    conflict, a, b = found[0]
    assert {a.claim.speaker, b.claim.speaker} == {TANAKA, VOLKOV}
    assert conflict.claim_a == a.claim.id and conflict.topic == "loc:silver-islands"


def _two(a: tuple[str, str, str, str], b: tuple[str, str, str, str]):
    """Two one-sentence articles (speaker label, kind, cue, content) as claims."""
    out = []
    for n, (speaker, kind, cue, content) in enumerate((a, b)):
        doc = Doc(
            title=f"t{n}",
            published="2031-02-0" + str(n + 1),
            outlet="X",
            paragraphs=[f"{speaker} {cue} that {content}."],
            quotes=[Q(speaker, kind, None, cue, content)],
        )
        out.append(extract_claims(*build(doc))[0])
    return out


def test_a_statement_quoted_inside_another_is_not_a_conflict() -> None:
    inner = "he knew of no contacts between the harbour board and the builders"
    a, b = _two(
        ("Ann Lee", "person", "said", inner),
        ("The ministry", "organization", "said", f"the mayor did not mislead anyone when he said {inner}"),
    )
    assert a.claim.polarity != b.claim.polarity
    verdict = classify_pair(a, b)
    assert not verdict.conflict and verdict.explanation == "the same statement reported twice"


def test_surname_and_body_official_count_as_one_speaker() -> None:
    a, b = _two(
        ("Jeff Morrow", "person", "said", "the harbour contract was signed in secret last year"),
        ("Morrow", "person", "said", "the harbour contract was not signed in secret last year"),
    )
    assert classify_pair(a, b).explanation == "same speaker"
    c, d = _two(
        ("The port authority", "organization", "said", "the harbour contract was signed in secret last year"),
        ("A port authority official", "anonymous", "said", "the harbour contract was not signed in secret at all"),
    )
    assert not classify_pair(c, d).conflict


def test_fragments_and_questions_are_not_assertions() -> None:
    a, b = _two(
        ("Ann Lee", "person", "asked", "whether the harbour contract was signed in secret"),
        ("Bob Ray", "person", "said", "the harbour contract was not signed in secret"),
    )
    assert classify_pair(a, b).explanation == "a fragment or a question, not an assertion"
