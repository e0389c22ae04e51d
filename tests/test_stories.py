"""Story clustering across outlets and days; copies counted once (invented fixtures)."""

from __future__ import annotations

from presswatch.analysis.stories import StoryOptions, cluster_stories
from test_claims_fixtures import BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B, QUOTA_A, Doc, build


def _doc(title: str, body: str, day: str, outlet: str, ents: list[tuple[str, str, str]], dup: str | None = None) -> Doc:
    return Doc(
        title=title,
        paragraphs=[body],
        published=f"2031-05-{day}T08:00:00+00:00",
        outlet=outlet,
        mentions=ents,
        duplicate_of=dup,
    )


def test_same_story_across_outlets_and_days_clusters_and_others_stay_apart() -> None:
    items = [build(d) for d in (BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B, QUOTA_A)]
    stories = cluster_stories(items)
    sets = [set(s.articles) for s in stories]
    border = {items[0][0].id, items[1][0].id}
    bridge = {items[2][0].id, items[3][0].id}
    assert border in sets and bridge in sets
    assert {items[4][0].id} in sets
    story = next(s for s in stories if set(s.articles) == border)
    assert story.outlets == ["Harbour Times", "Morning Ledger"]
    assert (story.first, story.last) == ("2031-04-02", "2031-04-03")
    assert "gpe:dalsk" in story.entities


def test_time_window_separates_the_same_words_weeks_apart() -> None:
    ents = [("Lake Mora", "LOC", "loc:lake-mora")]
    a = _doc("Lake Mora flood warning issued", "Officials issued a flood warning for Lake Mora.", "01", "A", ents)
    b = _doc("Lake Mora flood warning lifted", "Officials lifted the flood warning for Lake Mora.", "02", "B", ents)
    c = _doc("Lake Mora flood warning issued again", "Officials issued a flood warning for Lake Mora.", "28", "C", ents)
    items = [build(d) for d in (a, b, c)]
    stories = cluster_stories(items, StoryOptions(window_days=4))
    assert sorted(s.size for s in stories) == [1, 2]
    stories = cluster_stories(items, StoryOptions(window_days=40))
    assert [s.size for s in stories] == [3]


def test_syndicated_copies_are_counted_once() -> None:
    ents = [("Port Vell", "GPE", "gpe:port-vell")]
    orig = build(
        _doc("Ferry strike in Port Vell", "Ferry crews in Port Vell went on strike on Monday.", "03", "A", ents)
    )
    copy = build(
        _doc(
            "Ferry strike in Port Vell",
            "Ferry crews in Port Vell went on strike on Monday (wire).",
            "03",
            "B",
            ents,
            dup=orig[0].id,
        )
    )
    other = build(
        _doc("Port Vell ferry strike ends", "The ferry strike in Port Vell ended on Tuesday.", "04", "C", ents)
    )
    stories = cluster_stories([orig, copy, other])
    (story,) = stories
    assert story.size == 2 and copy[0].id not in story.articles
    assert story.copies == {copy[0].id: orig[0].id}
    # the copy alone (its original outside the range) still makes one story, not zero
    (alone,) = cluster_stories([copy])
    assert alone.articles == [copy[0].id]
