"""The extraction rules one by one, on small texts written for these tests, and robustness on broken text."""

from __future__ import annotations

import random

from presswatch.enrich.attribution_quotes import find_quotes, paragraph_spans
from presswatch.enrich.attributions import extract_attributions


def _one(nlp, text: str, **kw):
    found = extract_attributions(nlp(text), **kw)
    assert found, f"nothing found in {text!r}"
    return found


def test_quote_then_pronoun_and_verb(nlp) -> None:
    text = (
        "Mayor Hanna Berglund opened the bridge on Monday.\n\n“The river will never divide this town again,” she said."
    )
    a = _one(nlp, text)[0]
    assert a.content.text == "The river will never divide this town again"
    assert a.form == "direct"
    assert a.cue.text == "said"
    assert a.speaker.kind == "pronoun"
    assert a.speaker.name == "Hanna Berglund"


def test_inverted_speaker_after_the_verb(nlp) -> None:
    text = "“We expect the harbour to reopen by spring,” said Tomas Lindqvist, the port director."
    a = _one(nlp, text)[0]
    assert a.speaker.kind == "person"
    assert "Tomas Lindqvist" in a.speaker.label
    assert a.content.text == "We expect the harbour to reopen by spring"


def test_colon_quote_and_told_addressee(nlp) -> None:
    text = "The finance minister told reporters: “The budget is balanced for the first time in a decade.”"
    a = _one(nlp, text)[0]
    assert a.cue.text == "told"
    assert a.addressee is not None and a.addressee.text == "reporters"
    assert a.content.text.startswith("The budget is balanced")
    assert a.form == "direct"


def test_trailing_indirect_with_anonymous_source(nlp) -> None:
    text = "The ministry will delay the vote until next year, two officials familiar with the plan said on Friday."
    a = _one(nlp, text)[0]
    assert a.content.text == "The ministry will delay the vote until next year"
    assert a.speaker.kind == "anonymous"
    assert a.form == "indirect"


def test_according_to_after_the_content(nlp) -> None:
    text = "The talks collapsed after midnight, according to a senior union negotiator."
    a = _one(nlp, text)[0]
    assert a.cue.text == "according to"
    assert a.content.text == "The talks collapsed after midnight"
    assert a.speaker.kind == "anonymous"
    assert a.speaker.role == "senior negotiator"


def test_quote_running_over_paragraphs_is_one_quotation() -> None:
    text = (
        "The coach spoke after the match. “We were slow in the first half and we paid for it.\n\n"
        "“In the second half we played the way we train, and that is the team I want to see,” he said."
    )
    quotes = find_quotes(text, paragraph_spans(text))
    assert len(quotes) == 1
    q = quotes[0]
    assert text[q.inner_start :].startswith("We were slow")
    assert text[: q.inner_end].endswith("want to see,")


def test_multi_paragraph_quote_is_attributed(nlp) -> None:
    text = (
        "The coach spoke after the match.\n\n“We were slow in the first half and we paid for it.\n\n"
        "“In the second half we played the way we train, and that is the team I want to see,” he said."
    )
    found = extract_attributions(nlp(text))
    assert any("We were slow" in a.content.text and "want to see" in a.content.text for a in found)


def test_unbalanced_and_mixed_quotes_do_not_stop_the_reading(nlp) -> None:
    text = (
        "The senator said “the bill is dead and everyone knows it.\n\n"
        'Critics replied "?that is nonsense" and walked out.\n\n'
        '”\u201c”"""\n\n'
        "Later, the governor said that the state would appeal the ruling."
    )
    found = extract_attributions(nlp(text))
    assert any(a.content.text == "the state would appeal the ruling" for a in found)
    for a in found:
        assert text[a.content.start : a.content.end] == a.content.text


def test_outlet_is_never_the_speaker(nlp) -> None:
    text = "The port will close in March, a city official told the Harbour Gazette on Tuesday."
    a = _one(nlp, text, outlet="Harbour Gazette")[0]
    assert a.outlet == "Harbour Gazette"
    assert a.speaker.label == "a city official"
    assert a.addressee is not None and a.addressee.text == "the Harbour Gazette"


def test_random_garbage_never_raises(nlp) -> None:
    rng = random.Random(7)
    alphabet = ["“", "”", '"', "'", "?", ",", ".", " ", "\n\n", "said", "he", "told", "according to", "that", "x"]
    for _ in range(30):
        text = "".join(rng.choice(alphabet) + " " for _ in range(rng.randint(1, 80)))
        extract_attributions(nlp(text))
    extract_attributions(nlp(""))


def test_statement_day_phrases_resolve_against_the_article_day() -> None:
    from datetime import date

    from presswatch.enrich.attribution_time import article_day, resolve_statement_day

    anchor = article_day("2015-10-15T15:00:00+09:00")  # a Thursday
    assert anchor == date(2015, 10, 15)
    assert resolve_statement_day("Oct. 14", anchor) == "2015-10-14"
    assert resolve_statement_day("on Monday", anchor) == "2015-10-12"
    assert resolve_statement_day("Thursday", anchor) == "2015-10-15"
    assert resolve_statement_day("yesterday", anchor) == "2015-10-14"
    assert resolve_statement_day("December 30", anchor) == "2014-12-30"  # a later month is last year's
    assert resolve_statement_day("Feb. 30", anchor) is None
    assert resolve_statement_day("in the coming weeks", anchor) is None
    assert resolve_statement_day("Monday", None) is None


def test_statement_time_is_set_from_the_reporting_verb(nlp) -> None:
    text = "The port will close in March, a city official told the Harbour Gazette on Tuesday."
    a = _one(nlp, text, article_date="2026-03-05")[0]  # a Thursday
    assert a.time == "2026-03-03"


def test_relative_pronoun_speaker_resolves_to_its_noun(nlp) -> None:
    text = "Mayor Hanna Berglund, who said that the bridge would reopen in May, arrived late to the ceremony."
    a = _one(nlp, text)[0]
    assert a.speaker.label == "who"
    assert a.speaker.kind == "pronoun"
    assert a.speaker.name == "Hanna Berglund"
    assert a.content.text == "the bridge would reopen in May"


def test_participle_after_a_comma_is_not_an_inverted_speaker(nlp) -> None:
    text = "The senator left the hall early, calling the budget a disgrace."
    for a in extract_attributions(nlp(text)):
        assert a.speaker.label != "the budget"


def test_afternoon_alert_reporting_patterns(nlp) -> None:
    """The reported-speech patterns of JMH Afternoon Alert items (examples/README.md), in sentences written here."""
    a = _one(nlp, "Kyodo reported online that the cabinet will approve the budget on Friday.", outlet="Kyodo")[0]
    assert a.speaker.kind == "outlet" and a.cue.text == "reported"
    assert a.content.text == "the cabinet will approve the budget on Friday"

    a = _one(nlp, "Chief Cabinet Secretary Kato reportedly said: “We will respond firmly.”")[0]
    assert a.cue.text == "reportedly said" and a.form == "direct" and a.speaker.kind == "person"

    found = extract_attributions(
        nlp("According to Kyodo, Kato told the press on Thursday: “The government is watching closely.”"),
        outlet="Mainichi",
    )
    outer = next(a for a in found if a.cue.text == "According to")
    inner = next(a for a in found if a.cue.text == "told")
    assert inner.nested_in == outer.id
    assert inner.addressee.text == "the press" and inner.content.text == "The government is watching closely"
    assert all(a.outlet == "Mainichi" for a in found)

    found = extract_attributions(
        nlp("A senior LDP lawmaker said the bill would pass this session, Mainichi reported."), outlet="Mainichi"
    )
    report = next(a for a in found if a.cue.text == "reported")
    said = next(a for a in found if a.cue.text == "said")
    assert report.speaker.kind == "outlet" and said.nested_in == report.id
    assert said.speaker.kind == "anonymous" and said.speaker.role == "senior lawmaker"


def test_quotations_signed_by_their_speaker(nlp) -> None:
    """The weeklies' short takes: `o “...” (speaker, role)`, and the `“...” — Name, affiliation` signature."""
    text = (
        "[Shukan Example, 4/23/2015 issue, p. 39]\n\n"
        "o “The party has to change before the next election or it will lose.” (Taro Yamada, LDP lawmaker)\n\n"
        "“Nobody in the room expected the vote to be this close.” — Hana Suzuki, Example Institute"
    )
    found = extract_attributions(nlp(text))
    yamada = next(a for a in found if a.content.text.startswith("The party has to change"))
    assert yamada.speaker.kind == "person" and yamada.speaker.label.startswith("Taro Yamada")
    assert yamada.form == "direct" and yamada.cue is None
    suzuki = next(a for a in found if a.content.text.startswith("Nobody in the room"))
    assert "Hana Suzuki" in suzuki.speaker.label
