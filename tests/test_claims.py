"""Claims from attributions, and their grouping across speakers and articles (invented fixtures)."""

from __future__ import annotations

from presswatch.analysis import claims as claims_mod
from presswatch.analysis.claims import candidate_pairs, extract_claims, group_claims, iter_claims, similarity
from presswatch.analysis.text import polarity
from test_claims_fixtures import SILVER, TANAKA, VOLKOV, Doc, Q, build, corpus


def test_each_attribution_becomes_a_claim_with_speaker_topic_polarity_and_time() -> None:
    article, enriched = corpus()[0]
    found = extract_claims(article, enriched)
    assert [c.claim.attribution_id for c in found] == ["q1", "q2", "q3"]
    tanaka, volkov, added = found
    assert tanaka.claim.speaker == TANAKA and volkov.claim.speaker == VOLKOV
    assert tanaka.claim.topic == SILVER and volkov.claim.topic == SILVER
    assert (tanaka.claim.polarity, volkov.claim.polarity, added.claim.polarity) == (1, -1, 1)
    assert tanaka.claim.time == "2031-03-12"
    assert article.text[volkov.claim.content.start : volkov.claim.content.end] == volkov.claim.content.text
    assert "discuss" in volkov.claim.proposition.split()


def test_contradiction_cue_points_at_the_other_speaker_by_pronoun_and_by_name() -> None:
    article, enriched = corpus()[0]
    tanaka, volkov, added = extract_claims(article, enriched)
    assert volkov.rebuts == [tanaka.claim.id] and volkov.cue.text == "contradicted"  # "contradicted him"
    assert added.rebuts == [tanaka.claim.id] and added.cue.text == "correcting"  # "correcting Tanaka's account"
    assert tanaka.rebuts == [] and tanaka.cue is None


def test_rejecting_cue_flips_the_polarity_of_the_content() -> None:
    doc = Doc(
        title="t",
        published="2031-01-01",
        outlet="X",
        paragraphs=["Officials rejected claims that the dam had cracked."],
        quotes=[Q("Officials", "anonymous", None, "rejected", "the dam had cracked.")],
    )
    (claim,) = extract_claims(*build(doc))
    assert claim.rejects and claim.claim.polarity == -1
    assert polarity("the dam had not cracked") == -1 and polarity("not only the dam cracked") == 1


def test_similarity_needs_two_shared_words_and_rewards_containment() -> None:
    a = frozenset({"northern", "territor", "issue", "discuss"})
    b = frozenset({"in-depth", "discuss", "held", "northern", "territor", "issue"})
    assert similarity(a, b) > 0.8
    assert similarity(a, frozenset({"issue", "budget"})) == 0.0


def test_claims_are_grouped_by_proposition_across_articles() -> None:
    groups = group_claims(list(iter_claims(corpus())))
    by_speakers = {tuple(g.speakers) for g in groups}
    assert ("person:ivan-petrov", "person:mira-stone") in by_speakers  # border, two outlets
    assert ("person:olga-brandt", "person:tomas-lind") in by_speakers  # bridge, two outlets
    border = next(g for g in groups if "person:ivan-petrov" in g.speakers)
    assert len(border.articles) == 2 and border.first == "2031-04-02" and border.last == "2031-04-03"
    # the bridge and the border share the place Dalsk but not the proposition: not one group
    assert not any({"person:ivan-petrov", "person:olga-brandt"} <= set(g.speakers) for g in groups)


def test_oversized_blocks_are_compared_within_a_window_not_all_pairs(monkeypatch) -> None:
    docs = []
    for i in range(60):
        docs.append(
            Doc(
                title=f"t{i}",
                published=f"2031-01-{1 + i % 28:02d}",
                outlet="X",
                paragraphs=[f"Speaker{i} said the harbour number {i} project was approved."],
                mentions=[("harbour", "LOC", "loc:harbour")],
                quotes=[
                    Q(f"Speaker{i}", "person", f"person:s{i}", "said", f"the harbour number {i} project was approved.")
                ],
            )
        )
    claims = list(iter_claims(build(d) for d in docs))
    all_pairs = len(claims) * (len(claims) - 1) // 2
    assert len(set(candidate_pairs(claims))) == all_pairs  # one block of 60 <= MAX_BLOCK: all compared
    monkeypatch.setattr(claims_mod, "MAX_BLOCK", 10)
    monkeypatch.setattr(claims_mod, "BLOCK_WINDOW", 5)
    bounded = set(candidate_pairs(claims))
    assert 0 < len(bounded) <= len(claims) * 5 * 4  # at most window pairs per claim per block key
    assert len(bounded) < all_pairs
