"""JMH layouts: the canonical example page and our own fixtures in each JMH layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.layouts import LayoutError, names, parse
from presswatch.models import PrintCitation, RawDocument
from presswatch.sources import SourceOptions, iter_documents

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"


def _one(path: Path) -> RawDocument:
    (doc,) = list(iter_documents(str(path), SourceOptions()))
    assert isinstance(doc, RawDocument), doc
    return doc


def test_example_page_matches_expected(example_path: Path) -> None:
    expected = json.loads(example_path.with_name(example_path.stem + ".expected.json").read_text())["article"]
    (article,) = parse(_one(example_path))
    assert article.layout == "jmh-translation"
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    assert article.outlet == expected["outlet"]
    assert article.kind == expected["kind"]
    assert article.print_citation == PrintCitation(**expected["print_citation"])
    assert len(article.paragraphs) == expected["paragraphs"]
    assert article.paragraphs[0].startswith("The Russian government conveyed")  # leading no-break space removed
    assert article.paragraphs[-1].endswith("the best time for Putin\u2019s visit.")  # curly apostrophe kept
    assert "\u201cin-depth discussions were held\u201d" in article.text
    assert "\u00a0" not in article.text
    for chrome in ("PRINT", "Ambassador", "COVID-19", "Trending Japan", "Translation", "Sankei: October"):
        assert chrome not in article.text
    assert article.tags == []
    assert article.raw is not None and article.raw.startswith("print PRINT")
    assert article.text == "\n\n".join(article.paragraphs)


def test_own_translation_fixture_with_author_and_glued_navigation() -> None:
    (article,) = parse(_one(FIXTURES / "jmh-translation-port-fees.txt"))
    assert article.layout == "jmh-translation"
    assert article.title == "Ministry weighs new port fees for fishing fleets"
    assert article.published == "2016-03-02T09:30:00+09:00"
    assert article.author == "Hanako Example"
    assert article.outlet == "Yomiuri"
    assert article.print_citation == PrintCitation(paper="Yomiuri", date="2016-03-02", page="4")
    assert len(article.paragraphs) == 3
    assert article.paragraphs[-1] == "The agency plans to decide on the fees by summer."
    assert "G7" not in article.text and "Japandata" not in article.text


def test_named_layout_overrides_detection() -> None:
    doc = _one(FIXTURES / "jmh-translation-port-fees.txt")
    (article,) = parse(doc, layout="plain")
    assert article.layout == "plain"
    assert article.text == doc.data.decode("utf-8")  # plain keeps the file text exactly


def test_unknown_layout_name_lists_the_known_ones() -> None:
    doc = _one(FIXTURES / "jmh-translation-port-fees.txt")
    with pytest.raises(LayoutError, match="known layouts: .*jmh-translation"):
        parse(doc, layout="no-such-layout")
    assert "jmh-translation" in names() and "plain" in names() and "record" in names()
