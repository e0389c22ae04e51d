"""Entities with identity inside one article, on invented text and on the example page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.enrich.aliases import AliasFileError, entity_key, load_gazetteer, slugify
from presswatch.enrich.pipeline import EnrichOptions, enrich_article
from presswatch.models import Article, paragraphs_to_text

# Invented text.
PARAGRAPHS = [
    "Defense Minister Kenji Arakawa and Chinese Defense Minister Li Wen met in Beijing on Monday. Arakawa’s aides "
    "described the talks as frank.",
    "Li told reporters that the Chinese side wanted calm seas. The Chinese government also criticised Kyodo News for "
    "its reporting on the Southern Kurils.",
    "Arakawa, who spoke after Li, said that he had raised the Senkakus. Reuters also reported the meeting.",
]


def enrich(paragraphs: list[str], outlet: str | None = "Yomiuri", **opts):
    text, spans = paragraphs_to_text(paragraphs)
    article = Article(title="t", text=text, paragraph_spans=spans, published="2016-03-02", outlet=outlet)
    return article, enrich_article(article, EnrichOptions(**opts))


def by_key(result):
    return {e.key: e for e in result.entities}


def mention_texts(result, key):
    ent = by_key(result)[key]
    return [result.mentions[i].text for i in ent.mentions]


def test_keys_are_stable_slugs() -> None:
    assert slugify("Sergey Lavrov") == "sergey-lavrov"
    assert slugify("Ōsaka Prefecture") == "osaka-prefecture"
    assert entity_key("PERSON", "Fumio Kishida") == "person:fumio-kishida"
    assert entity_key("OUTLET", "Kyodo") == "outlet:kyodo"


def test_people_titles_affiliations_and_identity() -> None:
    article, result = enrich(PARAGRAPHS)
    ents = by_key(result)
    arakawa = ents["person:kenji-arakawa"]
    assert arakawa.role == "Defense Minister"
    # No nationality in the title, but a Japanese paper: the minister is Japan's.
    assert arakawa.affiliation == "Japan"
    texts = mention_texts(result, "person:kenji-arakawa")
    assert texts[0] == "Defense Minister Kenji Arakawa"
    assert "Arakawa’s" in texts  # a possessive is the person, never an organisation
    assert "he" in texts  # "Arakawa ... said that he had raised ...": the subject's pronoun
    li = ents["person:li-wen"]
    assert (li.role, li.affiliation) == ("Defense Minister", "China")
    assert "Li" in mention_texts(result, "person:li-wen")
    # Every mention offset indexes into the article text.
    for m in result.mentions:
        assert article.text[m.start : m.end] == m.text


def test_outlets_government_phrases_and_aliases() -> None:
    _, result = enrich(PARAGRAPHS)
    ents = by_key(result)
    assert ents["outlet:kyodo"].type == "OUTLET" and ents["outlet:reuters"].type == "OUTLET"
    assert "gpe:kyodo" not in ents and "org:kyodo-news" not in ents
    china = mention_texts(result, "gpe:china")
    assert "the Chinese side" in china and "The Chinese government" in china
    assert ents["loc:northern-territories"].type == "LOC"  # "the Southern Kurils" is an alias
    assert ents["loc:senkaku-islands"].name == "Senkaku Islands"


def test_user_alias_file_adds_and_overrides(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(
        '[[entity]]\nname = "Blue Harbour Pact"\ntype = "LAW"\naliases = ["the harbour accord"]\n\n'
        '[[outlet]]\nname = "Harbour Gazette"\ncountry = "Japan"\naliases = ["the Gazette"]\n',
        encoding="utf-8",
    )
    _, result = enrich(
        ["Officials praised the harbour accord, the Gazette reported on Monday."], alias_file=str(aliases)
    )
    ents = by_key(result)
    assert ents["law:blue-harbour-pact"].type == "LAW"
    assert ents["outlet:harbour-gazette"].type == "OUTLET"


def test_broken_alias_file_says_what_to_do(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[entity]]\naliases = 3\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match="has no name"):
        load_gazetteer(bad)
    with pytest.raises(AliasFileError, match="does not exist"):
        load_gazetteer(tmp_path / "missing.toml")


def test_example_entities(example_path: Path) -> None:
    from test_pipeline import example_article

    expected = json.loads(example_path.with_name(example_path.stem + ".expected.json").read_text(encoding="utf-8"))
    article = example_article(example_path)
    result = enrich_article(article, EnrichOptions())
    ents = by_key(result)
    keys = {
        "Fumio Kishida": "person:fumio-kishida",
        "Sergey Lavrov": "person:sergey-lavrov",
        "Vladimir Putin": "person:vladimir-putin",
        "Dmitry Medvedev": "person:dmitry-medvedev",
        "Abe": "person:shinzo-abe",  # the gazetteer's known person: "Abe" in 2015 is Prime Minister Shinzo Abe
        "Sankei": "outlet:sankei",
        "Northern Territories": "loc:northern-territories",
        "Russia": "gpe:russia",
        "Japan": "gpe:japan",
        "Moscow": "gpe:moscow",
        "New York": "gpe:new-york",
        "Ukraine": "gpe:ukraine",
        "G7": "org:g7",
        "Foreign Ministry (Japan)": "org:foreign-ministry",
    }
    for item in expected["entities"]:
        key = keys[item["canonical"]]
        assert key in ents, key
        got = mention_texts(result, key)
        for mention in item.get("mentions", []):
            assert any(mention.lower() in g.lower() or g.lower() in mention.lower() for g in got), (key, mention, got)
    assert ents["person:sergey-lavrov"].role == "Foreign Minister"
    assert ents["person:sergey-lavrov"].affiliation == "Russia"
    assert ents["person:fumio-kishida"].role == "Foreign Minister"
    assert ents["person:fumio-kishida"].affiliation == "Japan"
    assert ents["person:dmitry-medvedev"].role == "Prime Minister"
    # "a visit by President Vladimir Putin" names no country: the gazetteer's post on the article's date does.
    assert (ents["person:vladimir-putin"].role, ents["person:vladimir-putin"].affiliation) == ("President", "Russia")
    # "The Abe administration" names no post: Abe's post on 2015-10-15 was Prime Minister of Japan.
    abe = ents["person:shinzo-abe"]
    assert (abe.name, abe.role, abe.affiliation) == ("Shinzo Abe", "Prime Minister", "Japan")
    assert ents["org:foreign-ministry"].affiliation == "Japan"
    # "Lavrov contradicted him": him is Kishida; "He added": he is Lavrov.
    text = article.text
    him = text.index("contradicted him") + len("contradicted ")
    he = text.index("He added")
    who = {m.start: m.entity for m in result.mentions}
    assert who[him] == "person:fumio-kishida" and who[he] == "person:sergey-lavrov"
    assert all(e.type != "GPE" for e in result.entities if e.name == "Sankei")


def test_gazetteer_matches_longest_forms_curly_apostrophes_and_acronym_case() -> None:
    gaz = load_gazetteer()
    text = "Kyodo News and Kyodo; Japan’s Foreign Ministry and the Japan Times; the US and us; the Southern  Kurils."
    found = [(text[s:e], entry.key) for s, e, entry in gaz.find(text)]
    assert ("Kyodo News", "outlet:kyodo") in found and ("Kyodo", "outlet:kyodo") in found
    assert ("Japan’s Foreign Ministry", "org:ministry-of-foreign-affairs-japan") in found
    assert ("the Japan Times", "outlet:japan-times") in found  # the longest form, "The Japan Times"
    assert ("US", "gpe:united-states") in found and not any(t == "us" for t, _ in found)
    assert ("Southern  Kurils", "loc:northern-territories") in found


def test_paper_country_is_assumed_only_where_the_article_qualifies_foreigners() -> None:
    # A Russian agency writing about a Japanese minister without naming his country: no guess.
    sentence = "Foreign Minister Taro Hoshino said on Monday that the Kuril-Islands talks would go on."
    _, result = enrich([sentence], "TASS")
    hoshino = by_key(result)["person:taro-hoshino"]
    assert hoshino.role == "Foreign Minister" and hoshino.affiliation is None
    assert "loc:northern-territories" in by_key(result)  # "Kuril-Islands" as some copy writes it
    # The same sentence beside a qualified foreigner: the paper's own country.
    _, result = enrich(["Foreign Minister Taro Hoshino met Japanese Foreign Minister Ken Sato in Moscow."], "TASS")
    assert by_key(result)["person:taro-hoshino"].affiliation == "Russia"
    assert by_key(result)["person:ken-sato"].affiliation == "Japan"
