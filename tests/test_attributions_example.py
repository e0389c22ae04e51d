"""The canonical example page: all nine attributions of expected.json, with speakers, cues, forms and nesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.enrich.attributions import extract_attributions
from presswatch.models import Attribution


def _article_text(page: Path) -> str:
    """The body the Translation layout keeps: the paragraphs that open with a no-break space, stripped, joined."""
    lines = page.read_text(encoding="utf-8").splitlines()
    paragraphs = [line.strip("\u00a0 ") for line in lines if line.startswith("\u00a0")]
    return "\n\n".join(paragraphs)


def _norm(s: str) -> str:
    return s.strip(' .,“”"').replace("\u2019", "'")


@pytest.fixture(scope="module")
def found(example_path: Path, nlp) -> tuple[list[Attribution], dict]:
    expected = json.loads(example_path.with_name(example_path.stem + ".expected.json").read_text(encoding="utf-8"))
    text = _article_text(example_path)
    assert len(text.split("\n\n")) == expected["article"]["paragraphs"]
    return extract_attributions(nlp(text), outlet="Sankei", article_date="2015-10-15T15:00:00+09:00"), expected


def _match(found: list[Attribution], item: dict) -> Attribution | None:
    want = _norm(item["content"])
    for a in found:
        if _norm(a.content.text) == want and a.cue is not None and a.cue.text.lower() == item["cue"].lower():
            return a
    return None


def test_every_expected_attribution_is_found_with_its_speaker_cue_and_form(found) -> None:
    attributions, expected = found
    missing = []
    for item in expected["attributions"]:
        a = _match(attributions, item)
        if a is None:
            missing.append(item["id"])
            continue
        assert a.speaker.label.lower() == item["speaker"].lower(), item["id"]
        assert a.speaker.kind == item["speaker_kind"], item["id"]
        assert a.form == item["form"], item["id"]
        assert a.outlet == "Sankei", "the reporting outlet is carried on every attribution"
        if "addressee" in item:
            assert a.addressee is not None and a.addressee.text == item["addressee"], item["id"]
        if "canonical" in item:
            assert expected_name(item) in (a.speaker.name or ""), item["id"]
        if "date" in item:
            assert a.time == item["date"], item["id"]
    assert not missing, f"not found: {missing}"


def expected_name(item: dict) -> str:
    return item["canonical"]


def test_nesting_links_the_reported_statement_to_the_report(found) -> None:
    attributions, expected = found
    by_expected = {item["id"]: _match(attributions, item) for item in expected["attributions"]}
    for item in expected["attributions"]:
        if "nested_in" in item:
            inner, outer = by_expected[item["id"]], by_expected[item["nested_in"]]
            assert inner is not None and outer is not None
            assert inner.nested_in == outer.id, item["id"]
        else:
            a = by_expected[item["id"]]
            assert a is not None and a.nested_in is None, item["id"]


def test_anonymous_sources_are_parsed_into_role_and_affiliation(found) -> None:
    attributions, _ = found
    official = next(a for a in attributions if a.speaker.label == "A senior Foreign Ministry official")
    assert official.speaker.kind == "anonymous"
    assert official.speaker.role == "senior official"
    assert official.speaker.affiliation == "Foreign Ministry"
    gov = next(a for a in attributions if a.speaker.label == "a government source")
    assert gov.speaker.kind == "anonymous"
    assert gov.speaker.affiliation == "government"


def test_pronoun_resolves_to_the_previous_speaker_and_same_sentence_cue_wins(found) -> None:
    attributions, _ = found
    he = next(a for a in attributions if a.speaker.label == "He")
    assert he.speaker.kind == "pronoun"
    assert he.speaker.entity == "person:sergey-lavrov"
    assert he.speaker.name == "Sergey Lavrov"
    lavrov = next(a for a in attributions if a.speaker.label == "Lavrov")
    assert lavrov.cue is not None and lavrov.cue.text == "claiming"


def test_offsets_index_into_the_text(found, example_path: Path) -> None:
    attributions, _ = found
    text = _article_text(example_path)
    for a in attributions:
        assert text[a.content.start : a.content.end] == a.content.text
        if a.cue is not None:
            assert text[a.cue.start : a.cue.end] == a.cue.text
        if a.speaker.span is not None:
            assert text[a.speaker.span.start : a.speaker.span.end] == a.speaker.span.text
    assert len({a.id for a in attributions}) == len(attributions)


def test_with_the_entity_step_speakers_resolve_to_its_keys(example_path: Path, nlp) -> None:
    """The pipeline passes the entity step's mentions and entities; speakers then carry its keys."""
    entities_mod = pytest.importorskip("presswatch.enrich.entities")
    aliases = pytest.importorskip("presswatch.enrich.aliases")
    doc = nlp(_article_text(example_path))
    mentions, entities = entities_mod.extract_entities(doc, aliases.load_gazetteer(None), outlet="Sankei")
    found = extract_attributions(doc, mentions=mentions, entities=entities, outlet="Sankei")
    keys = {e.key for e in entities}
    by_label = {a.speaker.label: a.speaker for a in found}
    assert by_label["Kishida"].entity in keys and by_label["Kishida"].name == "Fumio Kishida"
    assert by_label["He"].entity == by_label["Lavrov"].entity
    assert by_label["A senior Foreign Ministry official"].kind == "anonymous"
    assert len([a for a in found if a.cue is not None]) >= 9
