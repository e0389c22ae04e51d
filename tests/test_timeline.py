"""Timelines for an entity or topic with aliases: order, planned events, sources, text / JSON / SVG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from presswatch.analysis.timeline import build_timeline, render_svg, render_text, timeline_from_store
from presswatch.errors import QueryError
from test_claims_fixtures import QUOTA_A, QUOTA_B, SILVER_MEETING, build


def test_entries_are_ordered_with_planned_events_marked_and_sources_kept() -> None:
    items = [build(d) for d in (QUOTA_B, SILVER_MEETING, QUOTA_A)]
    tl = build_timeline(items, "Silver Islands")
    kinds = [(e.kind, e.type, e.when) for e in tl.entries]
    assert kinds[0] == ("event", "talks", "2031-03")  # March, before the articles' own dates
    dates = [e.sort_key for e in tl.entries]
    assert dates == sorted(dates)
    planned = [e for e in tl.entries if e.planned]
    assert len(planned) == 1 and planned[0].type == "visit"
    assert planned[0].when == "before 2031-12-31" and tl.entries[-1] is planned[0]  # ordered at its latest date
    statements = [e for e in tl.entries if e.kind == "statement"]
    assert {e.speaker for e in statements} >= {"Akira Tanaka", "Boris Volkov", "Maria Keller"}
    src = statements[0].sources[0]
    article = next(a for a, _ in items if a.id == src.article_id)
    assert article.text[src.start : src.end] in src.text or src.text.endswith("…")


def test_an_alias_finds_the_same_entries_and_unrelated_queries_find_none() -> None:
    items = [build(SILVER_MEETING)]
    by_name = build_timeline(items, "Silver Islands")
    by_alias = build_timeline(items, "the silver isles", aliases=["Silver Islands"])
    assert [e.summary for e in by_alias.entries] == [e.summary for e in by_name.entries]
    assert build_timeline(items, "Atlantis").entries == []
    with pytest.raises(QueryError):
        build_timeline(items, "  ")


def test_same_event_in_two_articles_is_one_entry_with_two_sources() -> None:
    first = build(SILVER_MEETING)
    second = build(
        SILVER_MEETING.__class__(
            **{**SILVER_MEETING.__dict__, "outlet": "Evening Star", "title": "Islands talks in Vienna"}
        )
    )
    tl = build_timeline([first, second], "Silver Islands")
    talks = [e for e in tl.entries if e.type == "talks"]
    assert len(talks) == 1 and {s.outlet for s in talks[0].sources} == {"Morning Ledger", "Evening Star"}


def test_text_json_and_svg_renderings() -> None:
    tl = build_timeline([build(SILVER_MEETING)], "Silver Islands")
    text = render_text(tl)
    assert "[PLANNED]" in text and "Morning Ledger" in text
    data = json.loads(json.dumps(tl.to_dict()))
    assert data["entries"][0]["type"] == "talks" and any(e["planned"] for e in data["entries"])
    svg = render_svg(tl)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag.endswith("svg") and len(root.findall("{http://www.w3.org/2000/svg}circle")) == len(tl.entries)
    assert "&lt;" not in svg or "<script" not in svg


def test_svg_escapes_article_text() -> None:
    doc = SILVER_MEETING.__class__(**{**SILVER_MEETING.__dict__})
    doc.paragraphs = [p.replace("in depth.", "in depth <b>&</b>.") for p in doc.paragraphs]
    doc.quotes = [q.__class__(**{**q.__dict__}) for q in doc.quotes]
    doc.quotes[0].content = "the status of the Silver Islands was discussed in depth <b>&</b>."
    svg = render_svg(build_timeline([build(doc)], "Silver Islands"))
    ET.fromstring(svg)
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_northern_territories_timeline_from_the_real_store(example_path: Path, tmp_path: Path) -> None:
    from presswatch import layouts
    from presswatch.enrich.pipeline import enrich_article
    from presswatch.models import RawDocument
    from presswatch.store import open_store

    (article,) = layouts.parse(RawDocument(data=example_path.read_bytes(), location=str(example_path)))
    store = open_store(f"sqlite:///{tmp_path / 'pw.db'}")
    try:
        store.add_articles([article])
        store.save_enrichments([enrich_article(article)])
        tl = timeline_from_store(store, "Kuril Islands")  # the Russian name finds the Northern Territories
        speakers = {e.speaker for e in tl.entries if e.kind == "statement"}
        assert {"Fumio Kishida", "Sergey Lavrov"} <= speakers
        assert all(s.article_id == article.id for e in tl.entries for s in e.sources)
        assert "northern territories" in tl.aliases
        assert timeline_from_store(store, "Atlantis").entries == []
    finally:
        store.close()
