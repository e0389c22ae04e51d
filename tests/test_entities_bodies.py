"""Identity of state bodies every country has: "Russia's Defense Ministry" is not China's, on texts written for
these tests."""

from __future__ import annotations

from presswatch.enrich.pipeline import EnrichOptions, enrich_article
from presswatch.models import Article


def _keys(text: str) -> tuple[dict[str, str | None], dict]:
    article = Article(title="Test", text=text, paragraph_spans=[(0, len(text))], outlet="Test Wire")
    result = enrich_article(article, EnrichOptions())
    return {m.text: m.entity for m in result.mentions if m.type == "ORG"}, {e.key: e for e in result.entities}


def test_a_body_the_text_gives_a_country_is_keyed_with_it() -> None:
    keys, ents = _keys(
        "Russia's Defense Ministry said the drills were over. China's Defense Ministry said its ships stayed in port. "
        "The Russian Foreign Ministry later confirmed the account."
    )
    assert keys["Defense Ministry"] != "org:defense-ministry"
    assert "org:defense-ministry-russia" in ents and "org:defense-ministry-china" in ents
    assert ents["org:defense-ministry-russia"].affiliation == "Russia"
    # the demonym form is the same body as the possessive form
    assert "org:foreign-ministry-russia" in ents
    assert ents["org:foreign-ministry-russia"].name == "Foreign Ministry (Russia)"


def test_a_bare_body_keeps_its_plain_key() -> None:
    _, ents = _keys("The Defense Ministry said the drills were over.")
    assert "org:defense-ministry" in ents


def test_a_family_name_written_first_is_the_person_not_an_organisation() -> None:
    text = (
        "Wang Jianhua, a researcher at the Shanghai Institute, expects exports to recover. "
        "Wang says the new port will cut shipping times by a third."
    )
    article = Article(title="Test", text=text, paragraph_spans=[(0, len(text))], outlet="Test Wire")
    result = enrich_article(article, EnrichOptions())
    assert "org:wang" not in {e.key for e in result.entities}
    says = next(a for a in result.attributions if a.cue is not None and a.cue.text == "says")
    assert says.speaker.entity == "person:wang-jianhua"


def test_a_known_person_stays_a_person_however_the_article_tags_the_name() -> None:
    from presswatch.enrich.aliases import load_gazetteer
    from presswatch.enrich.entities import _Cand, _fix_types

    # the small model tags "Trump" as ORG twice and as PERSON once in one article
    cands = [_Cand(0, 5, "ORG", "Trump"), _Cand(10, 15, "ORG", "Trump"), _Cand(20, 25, "PERSON", "Trump")]
    _fix_types(cands, load_gazetteer())
    assert [c.type for c in cands] == ["PERSON", "PERSON", "PERSON"]
    # an unknown name keeps the article's majority reading
    cands = [_Cand(0, 5, "ORG", "Zephyra"), _Cand(10, 15, "ORG", "Zephyra"), _Cand(20, 25, "PERSON", "Zephyra")]
    _fix_types(cands, load_gazetteer())
    assert [c.type for c in cands] == ["ORG", "ORG", "ORG"]
