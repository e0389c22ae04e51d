"""Known people in the gazetteer: canonical names, and posts picked by the article's date. Invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.enrich.aliases import AliasFileError, RoleSpan, load_gazetteer
from presswatch.enrich.pipeline import EnrichOptions, enrich_article
from presswatch.models import Article, paragraphs_to_text


def enrich(paragraphs: list[str], published: str | None, **opts):
    text, spans = paragraphs_to_text(paragraphs)
    article = Article(title="t", text=text, paragraph_spans=spans, published=published, outlet="Kyodo")
    return {e.key: e for e in enrich_article(article, EnrichOptions(**opts)).entities}


def test_a_post_is_picked_by_the_article_date() -> None:
    text = ["Kishida met the visiting delegation on Tuesday and said the talks had gone well."]
    in_2015 = enrich(text, "2015-06-02")["person:fumio-kishida"]
    in_2022 = enrich(text, "2022-06-07")["person:fumio-kishida"]
    assert (in_2015.role, in_2015.affiliation) == ("Foreign Minister", "Japan")
    assert (in_2022.role, in_2022.affiliation) == ("Prime Minister", "Japan")
    out_of_office = enrich(text, "2019-01-08")["person:fumio-kishida"]  # between his two posts: nothing is guessed
    assert out_of_office.role is None


def test_a_title_in_the_text_wins_over_the_gazetteer() -> None:
    ents = enrich(["Former Prime Minister Shinzo Abe told reporters in Osaka that he would travel."], "2021-05-04")
    assert ents["person:shinzo-abe"].role == "Former Prime Minister"


def test_the_article_own_full_name_comes_before_a_known_person() -> None:
    ents = enrich(
        ["Judo champion Hifumi Abe won again in Tokyo on Sunday.", "Abe said he was proud of the team."],
        "2015-10-15",
    )
    assert "person:hifumi-abe" in ents and "person:shinzo-abe" not in ents


def test_known_names_are_never_scanned_for_in_plain_words() -> None:
    ents = enrich(["The minister said the deal was a trump card that nobody could ignore."], "2017-03-01")
    assert not any(e.type == "PERSON" for e in ents.values())


def test_a_user_file_adds_people_with_posts(tmp_path: Path) -> None:
    mine = tmp_path / "aliases.toml"
    mine.write_text(
        '[[entity]]\nname = "Hanako Ueda"\ntype = "PERSON"\naliases = ["Ueda"]\n'
        'roles = [{ role = "Governor", affiliation = "Japan", from = 2020-01-01 }]\n',
        encoding="utf-8",
    )
    ents = enrich(["Ueda said the prefecture would rebuild the port."], "2021-02-03", alias_file=str(mine))
    assert (ents["person:hanako-ueda"].role, ents["person:hanako-ueda"].affiliation) == ("Governor", "Japan")
    assert load_gazetteer(mine).person("ueda").roles == (RoleSpan("Governor", "Japan", "2020-01-01", None),)


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ('roles = "Governor"', "must be a list"),
        ('roles = [{ affiliation = "Japan" }]', 'needs role = "..."'),
        ('roles = [{ role = "Governor", from = "last year" }]', "is not a date"),
    ],
)
def test_bad_roles_say_what_to_write(tmp_path: Path, roles: str, message: str) -> None:
    bad = tmp_path / "aliases.toml"
    bad.write_text(f'[[entity]]\nname = "Hanako Ueda"\ntype = "PERSON"\n{roles}\n', encoding="utf-8")
    with pytest.raises(AliasFileError, match=message):
        load_gazetteer(bad)
