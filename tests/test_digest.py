"""Digests on the real store: grouped by story, key statements, conflicts, upcoming planned events; md and html."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from presswatch.analysis.digest import build_digest, render, render_html, render_markdown
from presswatch.analysis.watchlists import add_watchlist
from presswatch.errors import UsageError
from presswatch.store import open_store
from test_claims_fixtures import BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B, SILVER_MEETING, Doc, Q, build


@pytest.fixture
def store(tmp_path: Path) -> Iterator:
    s = open_store(f"sqlite:///{tmp_path / 'pw.db'}")
    items = [build(d) for d in (SILVER_MEETING, BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B)]
    s.add_articles([a for a, _ in items])
    s.save_enrichments([e for _, e in items])
    yield s
    s.close()


def test_digest_groups_by_story_with_statements_conflicts_and_planned_events(store) -> None:
    d = build_digest(store, since="2031-03-01", until="2031-04-30")
    assert d.articles == 5
    sizes = sorted(s.story.size for s in d.stories)
    assert sizes == [1, 2, 2]
    border = next(s for s in d.stories if "Ruritania denies border crossing" in [h[0] for h in s.headlines])
    assert {q.speaker for q in border.statements} == {"Mira Stone", "Ivan Petrov"}
    reasons = sorted(c["reason"] for c in d.conflicts)
    assert reasons == ["explicit_cue", "explicit_cue", "polarity"]
    assert [e["type"] for e in d.upcoming] == ["visit"]


def test_period_and_watchlist_filter(store) -> None:
    d = build_digest(store, since="2031-04-04", until="2031-04-30")
    assert d.articles == 2 and not d.conflicts and not d.upcoming
    add_watchlist(store, "isles", "Silver Islands")
    w = build_digest(store, since="2031-01-01", until="2031-12-31", watchlist="isles")
    assert w.articles == 1 and w.stories[0].story.title == "Ruritania says islands were not on the agenda"
    with pytest.raises(UsageError):
        build_digest(store, since="2031-05-01", until="2031-04-01")


def test_markdown_rendering(store) -> None:
    md = render_markdown(build_digest(store, since="2031-03-01", until="2031-04-30"))
    assert md.startswith("# presswatch digest 2031-03-01 – 2031-04-30")
    assert "## Conflicting accounts" in md and "**Boris Volkov**" in md
    assert "## Upcoming (planned)" in md and "before 2031-12-31: visit" in md


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.styles = 0
        self.text = ""

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.styles += any(k == "style" for k, _ in attrs)

    def handle_data(self, data) -> None:
        self.text += data


def test_html_is_an_email_body_with_inline_styles_and_escaped_text(tmp_path: Path) -> None:
    evil = Doc(
        title="Mayor <script>alert(1)</script> & council",
        published="2031-06-01T08:00:00+00:00",
        outlet="Harbour <b>Times</b>",
        paragraphs=["Mayor Ada Quill said “the <img src=x onerror=alert(1)> budget & the plan are final.”"],
        quotes=[
            Q(
                "Mayor Ada Quill",
                "person",
                "person:ada-quill",
                "said",
                "the <img src=x onerror=alert(1)> budget & the plan are final.",
                name="Ada Quill",
            )
        ],
    )
    s = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        a, e = build(evil)
        s.add_articles([a])
        s.save_enrichments([e])
        digest = build_digest(s, since="2031-06-01", until="2031-06-01")
        page = render_html(digest)
    finally:
        s.close()
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    p = _Collect()
    p.feed(page)
    assert "style" not in p.tags and "script" not in p.tags and "img" not in p.tags
    assert p.styles >= 4  # styles inline on the elements
    assert "Mayor <script>alert(1)</script> & council" in p.text  # the reader sees the title as written
    with pytest.raises(UsageError):
        render(digest, "pdf")
