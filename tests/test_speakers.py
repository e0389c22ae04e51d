"""Who is speaking, on small texts written for these tests: the speaker of a verb the parse hung inside a reported
clause, the words that name a speaker, and the identity a collective speaker gets."""

from __future__ import annotations

from presswatch.enrich.attributions import extract_attributions
from presswatch.enrich.pipeline import EnrichOptions, enrich_article
from presswatch.models import Article


def _by_cue(nlp, text: str) -> dict[str, object]:
    found = extract_attributions(nlp(text))
    return {a.cue.text if a.cue else "": a for a in found}


def test_participle_after_a_reported_clause_is_the_reporters(nlp) -> None:
    text = (
        "Senator Dana Whitcombe said she did not believe the new tariffs would hurt local farmers, arguing that the "
        "harvest was already sold."
    )
    found = _by_cue(nlp, text)
    arguing = found["arguing"]
    assert arguing.speaker.label == "Senator Dana Whitcombe"
    assert arguing.content.text.startswith("the harvest was already sold")


def test_coordinated_verb_after_a_reported_clause_is_the_reporters(nlp) -> None:
    text = "Mayor Ingrid Solberg says she spoke to the council and asked it to release the budget figures."
    asked = _by_cue(nlp, text)["asked"]
    assert asked.speaker.label == "Mayor Ingrid Solberg"


def test_a_verb_in_the_next_paragraph_keeps_its_own_subject(nlp) -> None:
    # the parse sometimes runs over a paragraph break; the speaker never comes from the paragraph before
    text = (
        "She continued, “When the storm passes, we rebuild.”\n\n"
        "Anders Holm largely agreed with the plan and seemed to think the repairs would be quick."
    )
    for a in extract_attributions(nlp(text)):
        if a.cue is not None and a.cue.start > text.index("\n\n"):
            assert a.speaker.span is None or a.speaker.span.start > text.index("\n\n")


def test_restrictive_that_is_named_with_its_noun_phrase(nlp) -> None:
    text = "Organisers released a survey that shows most residents want the old market hall restored."
    shows = _by_cue(nlp, text)["shows"]
    assert shows.speaker.label == "that"
    assert shows.speaker.span.text == "a survey that"
    # a non-restrictive "who" stays as written
    text = "The plan was backed by Mira Castell, who said the hall would reopen in May."
    said = _by_cue(nlp, text)["said"]
    assert said.speaker.span.text == "who"
    assert said.speaker.name == "Mira Castell"


def test_quotation_signed_with_a_horizontal_bar(nlp) -> None:
    text = "“The new ferry timetable has made my commute twice as long as it used to be.” ― Lotta Berg"
    found = extract_attributions(nlp(text))
    assert len(found) == 1
    assert found[0].speaker.label == "Lotta Berg"
    assert found[0].content.text.startswith("The new ferry timetable")


def _enrich(text: str):
    article = Article(title="Test", text=text, paragraph_spans=[(0, len(text))], outlet="Test Wire")
    return enrich_article(article, EnrichOptions())


def test_a_country_stands_for_its_government_but_not_for_every_body_it_qualifies() -> None:
    result = _enrich(
        "The Canadian government said on Monday that the pipeline would be finished by June. "
        "The US Senate said the plan needed more scrutiny. "
        "A German company said it would supply the steel."
    )
    speakers = {a.speaker.label: a.speaker for a in result.attributions}
    assert speakers["The Canadian government"].entity == "gpe:canada"
    senate = speakers["The US Senate"]
    assert senate.entity != "gpe:united-states"
    assert senate.affiliation == "United States"
    company = speakers["A German company"]
    assert company.entity is None and company.affiliation == "Germany"


def test_a_possessive_on_the_verbs_object_is_the_subjects_statement(nlp) -> None:
    text = "Governor Elena Marsh repeated her promise to reopen the rail line by spring."
    promise = _by_cue(nlp, text)["promise"]
    assert promise.speaker.span.text == "Governor Elena Marsh"
    # a possessive that is not the object keeps its own words
    text = "Governor Elena Marsh has gained support with her promise to reopen the rail line."
    promise = _by_cue(nlp, text)["promise"]
    assert promise.speaker.span.text == "her"
    assert promise.speaker.name == "Elena Marsh"


def test_participle_after_a_closing_quote_mark_is_the_reporters(nlp) -> None:
    text = (
        "Mayor Ingrid Solberg insisted that she has “kept the budget balanced,” claiming that she is responsible for "
        "the surplus."
    )
    claiming = _by_cue(nlp, text)["claiming"]
    assert claiming.speaker.label == "Mayor Ingrid Solberg"


def test_i_never_stands_for_a_body_named_before() -> None:
    result = _enrich(
        "Northwind Freight said on Monday that deliveries would resume.\n\nI believe most shoppers never notice."
    )
    i_said = next(a for a in result.attributions if a.speaker.label == "I")
    assert i_said.speaker.entity is None and i_said.speaker.name is None


def test_a_description_and_the_name_set_off_after_it_are_one_speaker() -> None:
    result = _enrich(
        "Lena Okafor, the port's director, said the harbour would reopen in May. "
        "The port's director, Lena Okafor, said on Tuesday that the cranes had been repaired."
    )
    tuesday = next(a for a in result.attributions if "cranes" in a.content.text)
    assert tuesday.speaker.entity == "person:lena-okafor"
    assert tuesday.speaker.kind == "person"


def test_a_known_name_is_keyed_even_where_the_tagger_missed_it() -> None:
    result = _enrich(
        "A federal judge on Friday blocked the travel ban. Trump immediately took issue with the move, tweeting on "
        "Saturday that the ruling was ridiculous. A Trump spokeswoman said the president would appeal."
    )
    speakers = {a.speaker.label: a.speaker for a in result.attributions}
    assert speakers["Trump"].entity == "person:donald-trump"
    assert speakers["A Trump spokeswoman"].entity is None  # the spokeswoman is not Trump
