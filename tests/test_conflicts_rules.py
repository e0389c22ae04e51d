"""The rules that decide whether a denial rejects another account: who denies, what the denial points back at, and
which uses of "denied" / "refused" are no denial at all (sentences invented for these tests)."""

from __future__ import annotations

from presswatch.analysis.claims import extract_claims
from presswatch.analysis.conflicts import classify_pair, classify_sentences, find_conflicts
from presswatch.analysis.text import CONTRADICTION_WORDS, find_cue
from test_claims_fixtures import Doc, Q, build


def test_passive_counterfactual_and_refused_actions_are_no_denial_cue() -> None:
    assert find_cue("Only two permits denied under the old rules were appealed.", CONTRADICTION_WORDS) is None
    assert find_cue("Visitors were denied entry to the harbour.", CONTRADICTION_WORDS) is None
    assert find_cue("His sentence would have been longer had he denied the theft.", CONTRADICTION_WORDS) is None
    assert find_cue("The council refused to disavow her charges.", CONTRADICTION_WORDS) is None
    m = find_cue("The mayor flatly denied the charges.", CONTRADICTION_WORDS)
    assert m is not None and m.group(0) == "denied"


def test_a_denial_points_back_at_the_account_it_rejects() -> None:
    account = "Inspectors accused the ferry company of dumping oil in the bay last winter."
    for denial in (
        "The ferry company denied involvement in the spill.",
        "The ferry company rejected the inspectors' account of the winter.",
        "The ferry company denied, though the inspectors said they had photographs.",
        "The ferry company denied it had dumped oil in the bay and promised an inquiry.",
    ):
        verdict = classify_sentences(account, denial)
        assert verdict.conflict, denial


def test_a_refused_request_or_a_one_word_overlap_is_no_rejected_account() -> None:
    account = "The harbour board said it had asked the ferry company to publish its safety reports."
    refused = "The ferry company rejected the request to publish its safety reports."
    assert not classify_sentences(account, refused).conflict
    assert not classify_sentences(account, "The ferry company dismissed the board.").conflict


def _harbour(denier: str, denier_key: str, denier_name: str) -> Doc:
    text = f"{denier} denied that the ferry company had dumped oil in the bay."
    return Doc(
        title="Oil in the bay",
        published="2031-05-02T08:00:00+00:00",
        outlet="Harbour Times",
        paragraphs=[
            "Inspector Jana Holm said the ferry company had dumped oil in the bay last winter, according to a report.",
            text,
        ],
        mentions=[("Jana Holm", "PERSON", "person:jana-holm")],
        quotes=[
            Q(
                "Inspector Jana Holm",
                "person",
                "person:jana-holm",
                "said",
                "the ferry company had dumped oil in the bay last winter",
                "indirect",
                "Jana Holm",
            ),
            Q(
                denier,
                "person",
                denier_key,
                "denied",
                "the ferry company had dumped oil in the bay.",
                "indirect",
                denier_name,
            ),
        ],
    )


def test_the_denier_must_be_the_other_side() -> None:
    other = build(_harbour("Manager Olaf Berg", "person:olaf-berg", "Olaf Berg"))
    found = find_conflicts([other])
    assert len(found) == 1 and {found[0].article_a} == {other[0].id}
    # the parser gave the denial to someone else, but the words before "denied" name the inspector: one side twice
    article, enriched = build(_harbour("Later Holm herself", "person:someone-else", "Someone Else"))
    said, denied = extract_claims(article, enriched)
    assert not classify_pair(said, denied).conflict
