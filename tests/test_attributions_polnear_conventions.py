"""PolNeAR's span conventions the extractor follows (measured on the PolNeAR train split), on sentences written for
these tests."""

from __future__ import annotations

import pytest

from presswatch.enrich.attributions import extract_attributions


def _only(nlp, text: str):
    found = extract_attributions(nlp(text))
    assert len(found) == 1, [(a.cue, a.content.text) for a in found]
    return found[0]


def test_participle_after_the_speaker_is_not_part_of_the_source(nlp) -> None:
    a = _only(nlp, "Kari Holm, speaking at a harbour festival in Bergen, said the ferry fares would fall next year.")
    assert a.speaker.span.text == "Kari Holm"
    assert a.content.text == "the ferry fares would fall next year"


def test_relative_clause_after_the_speaker_stays_in_the_source(nlp) -> None:
    a = _only(nlp, "Kari Holm, who chairs the finance committee, said the ferry fares would fall next year.")
    assert a.speaker.span.text == "Kari Holm, who chairs the finance committee"


def test_according_to_takes_the_whole_complement_as_source(nlp) -> None:
    a = _only(
        nlp,
        "The tax cut is unaffordable, according to a new analysis of budget figures released by the Fiscal Council.",
    )
    assert a.speaker.span.text == "a new analysis of budget figures released by the Fiscal Council"
    assert a.content.text == "The tax cut is unaffordable"


def test_verb_governing_an_infinitive_cue_is_part_of_the_cue(nlp) -> None:
    a = _only(nlp, "The mayor went on to say that the ferry would run again in May.")
    assert a.cue.text == "went on to say"
    assert a.content.text == "the ferry would run again in May"


def test_a_cue_read_twice_gives_one_attribution(nlp) -> None:
    # "refused" (an infinitive-content verb) and "refused to concede" (its infinitive, a belief verb) are one cue
    a = _only(nlp, "Council members refused to concede that the tunnel had failed.")
    assert a.cue.text == "refused to concede"
    assert a.content.text == "the tunnel had failed"


def test_content_opening_a_quotation_runs_to_its_closing_mark(nlp) -> None:
    text = (
        "According to the harbour board, “the ferry will run again in May. Nobody will be stranded. "
        "The islanders are owed that much.”"
    )
    a = _only(nlp, text)
    assert a.speaker.span.text == "the harbour board"
    assert a.content.text == (
        "the ferry will run again in May. Nobody will be stranded. The islanders are owed that much."
    )


def test_clause_coordinated_after_the_content_goes_on_with_it(nlp) -> None:
    a = _only(nlp, "The mayor said the ferry had failed, but the council would not close it.")
    assert a.content.text == "the ferry had failed, but the council would not close it"


def test_a_poll_opening_the_sentence_is_the_source(nlp) -> None:
    a = _only(nlp, "In a harbour board survey released Monday, 61 percent of islanders preferred the new ferry.")
    assert a.cue.text == "In"
    assert a.speaker.span.text == "a harbour board survey released Monday"
    assert a.content.text == "61 percent of islanders preferred the new ferry"


def test_a_report_opening_a_reporting_sentence_is_not_a_second_source(nlp) -> None:
    found = extract_attributions(nlp("In its report, the harbour board said the ferry would run again in May."))
    assert [a.cue.text for a in found] == ["said"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The ferry plan appears to be losing support among islanders.", "appears"),
        ("The mayor is expected to announce the new timetable on Friday.", "is expected"),
    ],
)
def test_hedged_clause_is_an_attribution_without_a_source(nlp, text: str, cue: str) -> None:
    a = _only(nlp, text)
    assert a.cue.text == cue
    assert a.speaker.span is None and a.speaker.kind == "unknown"
    assert a.content.text == text.rstrip(".")


def test_hedges_can_be_switched_off(nlp) -> None:
    from presswatch.enrich.cues import CueLexicon

    narrow = CueLexicon(hedge_verbs=frozenset())
    assert extract_attributions(nlp("The ferry plan appears to be losing support."), cues=narrow) == []


def test_quotation_after_the_reporting_clause_goes_on_even_when_it_reports_someone(nlp) -> None:
    text = (
        "“The ferry will run again in May,” Berglund said. “I told the board to find the money. "
        "Nobody will be stranded.”"
    )
    found = extract_attributions(nlp(text))
    outer = next(a for a in found if a.cue.text == "said")
    assert outer.content.text.startswith("The ferry will run again in May")
    assert outer.content.text.endswith("Nobody will be stranded.")
    inner = [a for a in found if a.cue.text == "told"]
    assert all(a.nested_in == outer.id for a in inner)


def test_a_noun_named_by_a_participle_is_not_a_speaker(nlp) -> None:
    found = extract_attributions(nlp("Berglund now leads a charity called Harbour Promise, which funds the ferry."))
    assert [a.cue.text for a in found if a.cue] == []


def test_an_opener_before_a_parenthetical_reporting_clause_belongs_to_the_content(nlp) -> None:
    a = _only(nlp, "In the harbour district, Berglund said, the ferry fares will fall next year.")
    assert a.cue.text == "said"
    assert a.content.text == "In the harbour district, Berglund said, the ferry fares will fall next year"


def test_a_participle_after_a_quotation_and_its_speaker_tells_how_it_was_said(nlp) -> None:
    text = "“The pier is safe again,” she said, speaking from the harbour office. “The ferry runs on Monday.”"
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.content.text.startswith("The pier is safe again")
    assert a.content.text.endswith("The ferry runs on Monday.")


def test_the_subject_reaches_a_reporting_verb_through_a_preposition(nlp) -> None:
    found = extract_attributions(nlp("The mayor surprised the council by saying that the ferry would run in May."))
    a = next(a for a in found if a.cue and a.cue.text == "saying")
    assert a.speaker.span.text == "The mayor"
    assert a.content.text == "the ferry would run in May"


def test_a_quotation_in_the_previous_paragraph_is_not_the_content_of_the_next_said(nlp) -> None:
    text = "“Why should the islanders wait?”\n\nThe harbour board said the ferry would run again in May."
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.speaker.span.text == "The harbour board"
    assert a.content.text == "the ferry would run again in May"


def test_a_speaker_the_parser_lost_is_read_on_the_surface(nlp) -> None:
    found = extract_attributions(
        nlp("Alarmed by the storm, Senator Kari Holm, the committee chair, said that the ferry would stay in port.")
    )
    a = next(a for a in found if a.cue and a.cue.text == "said")
    assert a.speaker.span.text.startswith("Senator Kari Holm")
    assert a.content.text == "the ferry would stay in port"


def test_a_question_put_to_the_speaker_is_an_attribution_without_a_source(nlp) -> None:
    found = extract_attributions(nlp("Asked about the ferry timetable, Berglund said the boats would run in May."))
    asked = next(a for a in found if a.cue and a.cue.text == "Asked")
    assert asked.content.text == "about the ferry timetable"
    assert asked.speaker.span is None
    said = next(a for a in found if a.cue and a.cue.text == "said")
    assert said.content.text == "the boats would run in May"


def test_a_trailing_according_to_is_cut_from_the_content_even_with_a_relative_clause(nlp) -> None:
    found = extract_attributions(
        nlp("The ferry company has cut its winter timetable, according to the harbour board, which oversees it.")
    )
    a = next(a for a in found if a.cue and a.cue.text == "according to")
    assert a.content.text == "The ferry company has cut its winter timetable"


def test_a_quotation_after_a_long_reporting_sentence_goes_on_with_the_statement(nlp) -> None:
    text = (
        "“We are five right now,” Berglund said, introducing the crew from Tromsø, Bodø and Oslo. "
        "“Another skipper joins us tomorrow morning.”"
    )
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.content.text.startswith("We are five right now")
    assert a.content.text.endswith("Another skipper joins us tomorrow morning.")


def test_hearsay_adverb_is_an_attribution_without_a_source(nlp) -> None:
    a = _only(nlp, "The ferry company has reportedly cancelled the winter timetable.")
    assert a.cue.text == "reportedly"
    assert a.speaker.span is None
    assert a.content.text == "The ferry company has reportedly cancelled the winter timetable"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Kari McLeod: The Ferry Will Run In May\n\nThe harbour board met on Monday.", "Kari McLeod"),
        ("KARI HOLM: We will run the ferry in May.\n\nThe harbour board met on Monday.", "KARI HOLM"),
    ],
)
def test_colon_labels_with_inner_capitals_and_transcript_labels(nlp, text: str, label: str) -> None:
    found = extract_attributions(nlp(text))
    assert any(a.cue and a.cue.text == ":" and a.speaker.span.text == label for a in found)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Berglund expressed concern about the ferry timetable.", "expressed", "concern about the ferry timetable"),
        ("The mayor sought to reassure the islanders.", "sought", "to reassure the islanders"),
    ],
)
def test_stance_and_aim_verbs_of_the_default_lexicon(nlp, text: str, cue: str, content: str) -> None:
    a = _only(nlp, text)
    assert a.cue.text == cue
    assert a.content.text == content


def test_a_participle_hung_on_the_object_speaks_for_the_subject(nlp) -> None:
    found = extract_attributions(nlp("Berglund released a statement confirming that the ferry would run in May."))
    a = next(a for a in found if a.cue and a.cue.text.endswith("confirming"))
    assert a.cue.text == "released a statement confirming"
    assert a.speaker.span.text == "Berglund"


def test_a_question_in_quote_marks_then_its_speaker_in_a_sentence_of_its_own(nlp) -> None:
    text = "The board met on Monday.\n\n“Why should the islanders wait for a ferry that never comes?” Berglund said."
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.content.text == "Why should the islanders wait for a ferry that never comes?"
    assert a.speaker.span.text == "Berglund"


@pytest.mark.parametrize(
    "text",
    [
        "As The Harbour Gazette reported, the ferry will not run again before May.",
        "The ferry will not run again before May, as The Harbour Gazette reported.",
    ],
)
def test_an_as_clause_vouches_for_the_rest_of_its_sentence(nlp, text: str) -> None:
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "reported")
    assert a.content.text == "the ferry will not run again before May" or a.content.text == (
        "The ferry will not run again before May"
    )
    assert a.speaker.span.text == "The Harbour Gazette"


def test_a_reporting_verb_inside_a_relative_clause_reports_the_rest_of_it(nlp) -> None:
    text = "The new timetable, which officials said will take effect in May, will not cover the islands."
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.speaker.span.text == "officials"
    assert a.content.text == "will take effect in May"


def test_it_said_names_a_body_or_a_document(nlp) -> None:
    text = "The harbour board published its report on Monday. It said the ferry would run again in May."
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.speaker.span.text == "It"
    assert a.content.text == "the ferry would run again in May"


def test_a_reporting_clause_inside_a_quotation_does_not_cut_the_quotation(nlp) -> None:
    text = (
        "Last week Kari Holm, the harbour master, wrote, “When we think of the ferry, we should think not of "
        "the boats but of the islanders who wait for them.”"
    )
    found = extract_attributions(nlp(text))
    a = next(a for a in found if a.cue and a.cue.text == "wrote")
    assert a.content.text.startswith("When we think of the ferry")
    assert a.content.text.endswith("who wait for them")
    assert [x.cue.text for x in found if x.cue] == ["wrote"]


def test_an_inverted_speaker_keeps_an_apposition_with_a_participle_in_it(nlp) -> None:
    text = (
        "“The ferry will be ready by May,” said Kari Holm, press secretary for the board running the harbour, "
        "noting that the islanders had waited long enough."
    )
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.speaker.span.text == "Kari Holm, press secretary for the board running the harbour"
    assert a.content.text == "The ferry will be ready by May"


def test_a_passive_question_names_the_one_who_asked(nlp) -> None:
    found = extract_attributions(nlp("Berglund was asked by reporters whether the ferry would run in May."))
    a = next(a for a in found if a.cue and a.cue.text == "was asked")
    assert a.content.text == "whether the ferry would run in May"
    assert a.speaker.span.text == "reporters"


def test_an_object_content_keeps_a_place_phrase_but_not_the_occasion_of_the_statement(nlp) -> None:
    a = _only(nlp, "Berglund backed ferry subsidies in the regional council.")
    assert a.content.text == "ferry subsidies in the regional council"
    b = _only(nlp, "Berglund backed ferry subsidies in an interview.")
    assert b.content.text == "ferry subsidies"


def test_a_place_after_the_reporting_verb_does_not_make_the_clause_parenthetical(nlp) -> None:
    text = (
        "“The islanders have waited long enough,” Berglund said at a rally in Tromsø, Norway, last month. "
        "“Nobody will be stranded again.”"
    )
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.content.text.startswith("The islanders have waited long enough")
    assert a.content.text.endswith("Nobody will be stranded again.")


def test_issuing_a_statement_is_part_of_the_cue(nlp) -> None:
    found = extract_attributions(nlp("The harbour board issued a statement saying the ferry would run in May."))
    a = next(a for a in found if a.cue and a.cue.text.endswith("saying"))
    assert a.cue.text == "issued a statement saying"
    assert a.speaker.span.text == "The harbour board"
    assert a.content.text == "the ferry would run in May"


def test_a_quotation_after_a_colon_is_what_the_trailing_clause_reports(nlp) -> None:
    text = "Berglund had warned the board about the timetable: “The islanders will not wait forever,” she said."
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "said")
    assert a.content.text == "The islanders will not wait forever"


def test_a_reporting_clause_ending_in_a_colon_takes_the_quotation_of_the_next_paragraph(nlp) -> None:
    text = "Berglund told the harbour crowd, to loud applause:\n\n“Nobody on these islands will be stranded again.”"
    a = next(a for a in extract_attributions(nlp(text)) if a.cue and a.cue.text == "told")
    assert a.content.text == "Nobody on these islands will be stranded again."
    assert a.form == "direct"


def test_a_question_then_a_speaker_with_an_apposition_in_a_sentence_of_its_own(nlp) -> None:
    text = (
        "“Is the ferry going to run at all this winter? If not, the board should resign!” "
        "the island's mayor, Kari Holm, tweeted Sunday after the meeting."
    )
    found = extract_attributions(nlp(text))
    a = next(a for a in found if a.cue and a.cue.text == "tweeted")
    assert a.content.text.startswith("Is the ferry going to run")
    assert "Kari Holm" in a.speaker.span.text


def test_said_with_an_object_phrase(nlp) -> None:
    text = "Six in ten islanders backed the ferry plan, and a third said the same of the bridge."
    found = extract_attributions(nlp(text))
    a = next(a for a in found if a.cue and a.cue.text == "said")
    assert a.content.text == "the same of the bridge"
    assert a.speaker.span.text == "a third"
