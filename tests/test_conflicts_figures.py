"""The figures reason without a contradiction word: two accounts of one count with values that cannot both hold, and
the look-alikes that agree (rounding, "at least", ranges, updates, parts of a total, other events). Sentences invented
for these tests."""

from __future__ import annotations

from presswatch.analysis.claims import ClaimFeatures, statement_features
from presswatch.analysis.conflicts import ConflictRules, classify_pair
from presswatch.analysis.text import figures, quantities
from presswatch.models import Span


def _said(text: str, speaker: str, start: int) -> ClaimFeatures:
    c = statement_features(text, id=f"harbour:{start}", speaker=speaker)
    c.claim.article_id = "harbour"
    c.claim.content = Span(start, start + len(text), text)
    return c


WEAK = ConflictRules(weak_polarity=True)


def _verdict(a: str, b: str, rules: ConflictRules | None = None):
    police, union = _said(a, "org:harbour-police", 0), _said(b, "org:dockers-union", 400)
    return classify_pair(police, union, rules or ConflictRules())


def test_quantities_read_bounds_ranges_scales_and_what_is_counted() -> None:
    ((low, high, bound, measures),) = quantities("At least 40 dockers were detained overnight.")
    assert (low, high, bound) == (40.0, float("inf"), "at least") and measures == {"arrest"}
    ((low, high, _, measures),) = quantities("The new pier will cost about $3 billion.")
    assert 2.6e9 < low < 3e9 < high < 3.4e9 and "cost" in measures
    assert quantities("Turnout was 61 percent in 2019.") == []


def test_two_accounts_of_one_count_with_different_values_conflict() -> None:
    v = _verdict(
        "Harbour police said about 40 dockers were arrested at the gates.",
        "The dockers' union said 300 of its members were detained at the gates.",
    )
    assert v.conflict and v.reason == "figures" and "arrest" in v.explanation
    assert v.confidence < 0.75  # below the explicit cues


def test_compatible_rounded_bounded_updated_or_partial_counts_do_not_conflict() -> None:
    # "more than 40" holds with 45
    assert not _verdict(
        "Harbour police said more than 40 dockers were arrested at the gates.",
        "The dockers' union said 45 of its members were arrested at the gates.",
    ).conflict
    # an update over time is no second account
    assert not _verdict(
        "Harbour police said 12 people were injured in the crane collapse.",
        "The number of injured has since risen to 19, the dockers' union said.",
    ).conflict
    # a part of the total
    assert not _verdict(
        "Harbour police said 30 people were injured in the crane collapse.",
        "Of them, 8 people were injured seriously, the dockers' union said.",
    ).conflict
    # another event, another year
    assert not _verdict(
        "Harbour police said 30 people were injured in the crane collapse on Monday.",
        "A similar collapse in 2015 injured 11 people, the dockers' union said.",
    ).conflict
    # different things counted
    assert not _verdict(
        "Harbour police said 30 people were injured in the crane collapse.",
        "The dockers' union said 200 workers were evacuated from the quay.",
    ).conflict


def test_a_denial_that_something_exists_opposes_the_account_that_it_does() -> None:
    v = _verdict(
        "A port official said a floating crane had been moored at the north quay since May.",
        "There is no floating crane at the north quay, the dockers' union said.",
        WEAK,
    )
    assert v.conflict and v.reason == "polarity" and v.confidence < 0.75
    # what is denied must be what the other asserts, and the other must assert it without a negation
    assert not _verdict(
        "A port official said a floating crane had been moored at the north quay since May.",
        "There is no shortage of work at the north quay, the dockers' union said.",
        WEAK,
    ).conflict
    assert not _verdict(
        "No, the union has not moored a floating crane at the north quay.",
        "There is no floating crane at the north quay, the dockers' union said.",
        WEAK,
    ).conflict


def test_a_verdict_that_names_the_account_it_judges_opposes_it() -> None:
    from presswatch.analysis.conflicts import classify_sentences

    yes = classify_sentences(
        "The harbour board said the mayor had sold the pier to a friend of his.",
        "The mayor's office said the board's claims about the sale of the pier were simply untrue.",
    )
    assert yes.conflict and yes.reason == "explicit_cue" and yes.confidence < 0.75
    # a verdict on another account, sharing no words with this one
    assert not classify_sentences(
        "The harbour board said the mayor had sold the pier to a friend of his.",
        "The union said rumours of a strike at the ferry terminal were false.",
    ).conflict
    # a verdict on the account its own sentence tells
    assert not classify_sentences(
        "The harbour board said the mayor had sold the pier to a friend of his.",
        "The board accused the mayor of selling the pier, allegations his office said were untrue.",
    ).conflict


def test_a_negated_predicate_opposes_the_account_that_asserts_it() -> None:
    v = _verdict(
        "The inspector said the mayor met with the crane supplier at the harbour office in May.",
        "I never met with the crane supplier, the mayor told the council.",
        WEAK,
    )
    assert v.conflict and v.reason == "polarity"
    # the negated word must be what the other asserts
    assert not _verdict(
        "The inspector said the mayor met with the crane supplier at the harbour office in May.",
        "The mayor has not paid the harbour tax this year, his office told the council.",
        WEAK,
    ).conflict


def test_the_weak_polarity_rules_are_off_by_default() -> None:
    """On the whole demo store they made a third of the conflicts, about one in ten real: research only."""
    pair = (
        "The inspector said the mayor met with the crane supplier at the harbour office in May.",
        "I never met with the crane supplier, the mayor told the council.",
    )
    assert _verdict(*pair, WEAK).confidence == WEAK.existence_confidence
    default = _verdict(*pair)
    assert not (default.conflict and default.confidence == WEAK.existence_confidence)


def test_one_figure_in_two_notations_reads_the_same() -> None:
    assert figures("The new quay would cost $3bln.") == figures("The new quay would cost $3 billion.")
    assert figures("The harbour vote was won 55-45 percent.") == figures("The harbour vote was won 55% to 45%.")
    assert not _verdict(
        "The dockers' union said the harbour vote was won 55-45 percent on Sunday.",
        "The harbour vote was won 55% to 45% on Sunday, the port authority said.",
    ).conflict
    # a range of people is still a range, and different figures still differ
    assert figures("Between 10-20 dockers were hurt.")["_"] == 10.0
    assert figures("It would cost $3bln.") != figures("It would cost $4 billion.")
    assert quantities("the $3bln cost of the quay")[0][:2] == quantities("the $3 billion cost of the quay")[0][:2]
