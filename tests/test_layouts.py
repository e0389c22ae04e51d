"""Layouts: the canonical example page, and our own fixtures in each JMH layout, a news page and plain text."""

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


def test_summary_page_outlet_field_and_breadcrumb_tags() -> None:
    (article,) = parse(_one(FIXTURES / "jmh-summary-port-fees.txt"))
    assert article.layout == "jmh-summary" and article.kind == "Summary"
    assert article.published == "2018-02-20"
    assert article.outlet == "All national papers"
    assert article.tags == ["Politics", "Cabinet"]
    assert article.title == "Papers report on cabinet plan to raise port fees"
    assert len(article.paragraphs) == 2 and "Ukraine" not in article.text


def test_weeklies_page_is_one_article_per_item() -> None:
    first, second = parse(_one(FIXTURES / "jmh-weeklies-sample.txt"))
    assert {first.layout, second.layout} == {"jmh-weeklies"}
    assert first.title == "Aide to farm minister resigns over gift"
    assert first.outlet == "Shukan Bunshun" and first.kind == "Weeklies"
    assert first.print_citation == PrintCitation(paper="Shukan Bunshun", date="2015-04-23", page="39")
    assert first.published == "2015-04-20T10:00:00+09:00"
    assert first.paragraphs[1:] == [
        "\u201cI never asked for anything,\u201d (Jiro Example, former aide)",
        "\u201cThe ministry will look into it,\u201d (Saburo Sample, vice minister)",
    ]
    assert second.print_citation == PrintCitation(paper="Shukan Shincho", date="2015-04-30", page="44-45")
    assert len(second.paragraphs) == 2 and "COVID" not in second.text and "Ruling party" not in first.text
    assert first.id != second.id


def test_afternoon_alert_items_with_page_date_and_named_outlets() -> None:
    articles = parse(_one(FIXTURES / "jmh-afternoon-alert-20190425.html"))
    assert [a.layout for a in articles] == ["jmh-afternoon-alert"] * 5
    assert [(a.title, a.outlet) for a in articles] == [
        ("Noon news", "NHK"),
        ("Defense minister to visit island radar site", "Kyodo News"),
        ("Port fees to rise in April", "Jiji Press"),
        ("Editorial: Regional ports need a long-term plan", "Mainichi"),
        ("Opposition to submit no-confidence motion next week", "Kyodo News"),
    ]
    assert {a.published for a in articles} == {"2019-04-25"}
    assert articles[1].tags == ["Security"] and articles[2].tags == ["Economy"]
    assert articles[1].paragraphs[0].endswith("the plan does not reflect their views.")  # not taken for a disclaimer
    assert (
        articles[1].paragraphs[1]
        == "The minister reportedly said: \u201cWe must explain the plan to the islanders ourselves.\u201d"
    )
    everything = " ".join(a.text + a.title for a in articles)
    assert "Embassy" not in everything and "Afternoon Alert" not in everything  # header and disclaimer


def test_generic_news_page_drops_chrome() -> None:
    (article,) = parse(_one(FIXTURES / "news-page-ferry-vote.html"))
    assert article.layout == "html"
    assert article.title == "Harbour town votes to keep its ferry"
    assert article.published == "2021-07-09T08:15:00+01:00"
    assert article.outlet == "Example Gazette" and article.author == "Jane Placeholder"
    assert len(article.paragraphs) == 4 and article.paragraphs[0].startswith("Residents of the harbour town")
    for chrome in ("Sign in", "Most read", "Cat rescued", "Cookie settings"):
        assert chrome not in article.text


def test_plain_text_offsets_index_the_file_with_crlf_and_no_break_spaces(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "Title line\r\n\r\n\u00a0 First para\r\nline two \u00a0\r\n \r\n\tSecond\r\n"
    path.write_bytes(text.encode())
    (article,) = parse(_one(path))
    assert article.text == text and article.title == "Title line"
    assert article.paragraphs == ["First para\r\nline two", "Second"]


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("(Sankei: October 15, 2015 \u2013 p. 1)", PrintCitation("Sankei", "2015-10-15", "1")),
        ("(Asahi: Oct. 3, 2015 - pp. 2-3)", PrintCitation("Asahi", "2015-10-03", "2-3")),
        ("(Nikkei: March 9, 2016 \u2013 Evening edition)", PrintCitation("Nikkei", "2016-03-09", None)),
        ("(Tokyo Shimbun: May 1, 2017)", PrintCitation("Tokyo Shimbun", "2017-05-01", None)),
    ],
)
def test_jmh_header_citation_variants(citation: str, expected: PrintCitation) -> None:
    from presswatch.layouts.jmh_header import read_header

    lines = [
        "print PRINT",
        "",
        "A headline",
        "",
        "  \u2022 2017-05-01",
        "  \u2022 Taro Writer, Asahi",
        "",
        citation,
        "",
        "\u00a0Body.",
    ]
    header = read_header(lines)
    assert header.title == "A headline" and header.published == "2017-05-01"
    assert header.author == "Taro Writer" and header.outlet == "Asahi" and header.kind is None
    assert header.citation == expected
    assert lines[header.end] == "\u00a0Body."


def test_weeklies_without_page_header_use_the_issue_date(tmp_path: Path) -> None:
    path = tmp_path / "weeklies.txt"
    path.write_text(
        "Harbour boss under fire\n[Shukan Example, 5/7/2016 issue, p. 12]\n\u00a0The weekly says the harbour boss ...\n"
    )
    (article,) = parse(_one(path))
    assert article.layout == "jmh-weeklies" and article.published == "2016-05-07" and article.outlet == "Shukan Example"


def test_afternoon_alert_saved_as_text(tmp_path: Path) -> None:
    path = tmp_path / "alert.txt"
    path.write_text(
        "Afternoon Alert - Monday, May 6, 2019\n\n"
        "The items below reflect the cited media and do not necessarily reflect the views of the Embassy.\n\n"
        "Minister to visit port\n\n"
        "NHK reported that the minister will visit the port on Tuesday.\n\n"
        "Editorial: Ports need a plan (Asahi)\n"
    )
    articles = parse(_one(path))
    assert [(a.title, a.outlet, a.published) for a in articles] == [
        ("Minister to visit port", "NHK", "2019-05-06"),
        ("Editorial: Ports need a plan", "Asahi", "2019-05-06"),
    ]


def test_pages_with_nothing_usable_raise_layout_error(tmp_path: Path) -> None:
    nav_only = tmp_path / "nav.html"
    nav_only.write_text('<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>')
    with pytest.raises(LayoutError, match="no article body"):
        parse(_one(nav_only))
    header_only = tmp_path / "jmh.txt"
    header_only.write_text(
        "print PRINT\n\nA headline\n\n  \u2022 2016-01-01 10:00:00\n  \u2022 , Mainichi\n  \u2022 Translation\n"
    )
    with pytest.raises(LayoutError, match="header but no body"):
        parse(_one(header_only))
    binary = RawDocument(data=b"\x00\x01\x02 not text", location="blob", media_type="text/plain")
    with pytest.raises(LayoutError, match="blob: binary data"):
        parse(binary)


def test_headline_with_a_greater_than_sign_is_not_a_breadcrumb(tmp_path: Path) -> None:
    path = tmp_path / "jmh.txt"
    path.write_text("print PRINT\n\nUS > JAPAN in chip output\n\n  \u2022 2021-02-03 08:00:00\n  \u2022 , Nikkei\n"
                    "  \u2022 Translation\n\n\u00a0Output rose.\n")  # fmt: skip
    (article,) = parse(_one(path))
    assert article.title == "US > JAPAN in chip output" and article.tags == []


def test_translation_fetched_as_html_keeps_its_print_citation() -> None:
    (article,) = parse(_one(FIXTURES / "jmh-translation-as-html.html"))
    assert article.layout == "html"
    assert article.title == "Ministry weighs new port fees for fishing fleets"
    assert article.print_citation == PrintCitation(paper="Yomiuri", date="2016-03-02", page="4")
    assert article.outlet == "Yomiuri"  # the paper, not the site that published the translation
    assert article.paragraphs[0].startswith("The fisheries agency") and len(article.paragraphs) == 3
