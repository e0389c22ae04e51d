"""Cues and content edges added for recall (issue #3), measured on the PolNeAR train split; sentences written for these
tests."""

from __future__ import annotations

from presswatch.enrich.attributions import extract_attributions
from presswatch.enrich.cues import DEFAULT_CUES


def _only(nlp, text: str):
    found = extract_attributions(nlp(text))
    assert len(found) == 1, [(a.cue, a.content.text) for a in found]
    return found[0]


def test_a_verb_of_indicating_takes_its_clause(nlp) -> None:
    a = _only(nlp, "The senator indicated that the bill would pass in the spring.")
    assert a.speaker.span.text == "The senator"
    assert a.cue.text == "indicated"
    assert a.content.text == "the bill would pass in the spring"


def test_pointed_to_and_referred_to_keep_their_preposition_in_the_cue(nlp) -> None:
    a = _only(nlp, "The mayor pointed to the ferry's safety record.")
    assert a.cue.text == "pointed to"
    assert a.content.text == "the ferry's safety record"


def test_a_stance_verb_takes_its_object(nlp) -> None:
    a = _only(nlp, "Critics decried the plan as a giveaway to the shipping companies.")
    assert a.speaker.span.text == "Critics"
    assert a.cue.text == "decried"
    assert a.content.text == "the plan as a giveaway to the shipping companies"


def test_an_intention_is_a_cue_of_the_belief_kind(nlp) -> None:
    # en_core_web_sm lemmatises "hoping" as "hop": both are intention verbs
    a = _only(nlp, "The governor is hoping to win the northern counties.")
    assert a.speaker.span.text == "The governor"
    assert a.content.text == "to win the northern counties"
    assert DEFAULT_CUES.kind("hope") == DEFAULT_CUES.kind("hop") == "belief"
    assert DEFAULT_CUES.kind("think") == DEFAULT_CUES.kind("confident") == "belief"
    assert DEFAULT_CUES.kind("say") == DEFAULT_CUES.kind("deny") == DEFAULT_CUES.kind("decry") == "speech"


def test_a_stance_inside_another_statement_is_not_a_statement_of_its_own(nlp) -> None:
    a = _only(nlp, "The harbour master told reporters he would support the new ferry.")
    assert a.cue.text == "told"
    assert a.content.text == "he would support the new ferry"


def test_a_verb_with_its_own_object_is_not_a_parenthetical_reporting_clause(nlp) -> None:
    a = _only(nlp, "Speaking to reporters on Monday, the mayor referred to the council as “a disgrace to the island”.")
    assert a.cue.text == "referred to"
    assert a.speaker.span.text == "the mayor"
    assert a.content.text.startswith("the council as")  # not the whole sentence from "Speaking"


def test_a_question_keeps_its_question_mark(nlp) -> None:
    a = _only(nlp, "The mayor asked whether anyone on the council had read the report?")
    assert a.content.text == "whether anyone on the council had read the report?"


def test_a_possessed_statement_noun_is_a_cue(nlp) -> None:
    found = extract_attributions(nlp("The mayor's claim that the ferry was unsafe surprised the harbour board."))
    noun = [a for a in found if a.cue is not None and a.cue.text == "claim"]
    assert len(noun) == 1
    assert noun[0].speaker.span.text == "The mayor's"  # PolNeAR's sources keep the possessive as written
    assert noun[0].content.text == "the ferry was unsafe"


def test_a_noun_cue_takes_its_preposition_and_modifiers(nlp) -> None:
    found = extract_attributions(nlp("Few voters noticed the senator's energetic endorsement of the ferry plan."))
    noun = [a for a in found if a.cue is not None and "endorsement" in a.cue.text]
    assert len(noun) == 1
    assert noun[0].cue.text == "energetic endorsement of"
    assert noun[0].content.text == "the ferry plan"


def test_a_belief_inside_another_statement_is_not_one_of_its_own(nlp) -> None:
    a = _only(nlp, "Most islanders said they think the ferry should run all year.")
    assert a.cue.text == "said"
    assert a.content.text == "they think the ferry should run all year"


def test_a_report_inside_another_statement_stays_nested(nlp) -> None:
    found = extract_attributions(nlp("The harbour master said the mayor told him the ferry would run in May."))
    assert [a.cue.text for a in found] == ["said", "told"]
    assert found[1].nested_in == found[0].id


def test_a_plan_is_an_intention_cue(nlp) -> None:
    a = _only(nlp, "The governor plans to visit the northern counties in May.")
    assert a.speaker.span.text == "The governor"
    assert a.content.text == "to visit the northern counties in May"
    assert DEFAULT_CUES.kind("plan") == "belief"


def test_a_copula_with_an_adjective_of_stance_is_a_cue(nlp) -> None:
    a = _only(nlp, "The harbour board has been critical of the new timetable.")
    assert a.speaker.span.text == "The harbour board"
    assert a.cue.text == "has been critical of"
    assert a.content.text == "the new timetable"
    b = _only(nlp, "The mayor is confident that the ferry will run in May.")
    assert b.cue.text == "is confident"
    assert b.content.text == "the ferry will run in May"


def test_according_to_after_a_whole_sentence_reports_that_sentence(nlp) -> None:
    a = _only(
        nlp,
        "The ferry carried 4,000 passengers in May, according to figures from the harbour board, even as fares rose.",
    )
    assert a.speaker.span.text == "figures from the harbour board"
    assert a.content.text == "The ferry carried 4,000 passengers in May"
    # a content the cue interrupts still runs on
    b = _only(nlp, "Most islanders - 63 percent, according to the survey - still use the ferry every week.")
    assert b.content.text.endswith("still use the ferry every week")


def test_according_to_leaves_the_reporters_connective_out(nlp) -> None:
    a = _only(nlp, "Meanwhile, the ferry carried 4,000 passengers in May, according to the harbour board.")
    assert a.content.text == "the ferry carried 4,000 passengers in May"


def test_a_colon_tally_or_an_update_label_is_no_statement(nlp) -> None:
    doc = nlp("Delegate Update: The count in the island race.\n\nMayor Holm: 1,769.\n\nMs. Berg: 1,501.")
    assert extract_attributions(doc) == []
