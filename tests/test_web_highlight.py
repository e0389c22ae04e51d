"""Highlighting an article's statements: safe HTML whatever the text and however the spans overlap."""

from __future__ import annotations

from html.parser import HTMLParser

from presswatch.models import Article
from presswatch.web.highlight import Annotation, article_annotations, render_paragraphs
from presswatch.web.sample import XSS_PAYLOADS, hostile_article, meeting_article


class _Balance(HTMLParser):
    """Collects start tags and checks that every tag closes in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def _parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser


def test_overlapping_spans_give_balanced_html_and_keep_the_text():
    text = "Kishida said the talks were held in Moscow."
    article = Article(title="t", text=text, paragraph_spans=[(0, len(text))])
    notes = [
        Annotation(13, 42, "quote", "quote sp-0", {"data-att": "q1"}),
        Annotation(0, 7, "speaker", "speaker sp-0", {"data-att": "q1"}),
        Annotation(8, 12, "cue", "cue"),
        Annotation(36, 42, "mention", "mention", href="/entities/gpe:moscow"),
        Annotation(30, 45, "mention", "mention", href="/entities/x"),  # crosses the quote's end and the text's end
    ]
    html = str(render_paragraphs(article, notes)[0])
    parsed = _parse(html)
    assert parsed.errors == [] and parsed.stack == []
    # links never nest: at most one <a> open at a time
    depth, max_depth = 0, 0
    for piece in html.split("<")[1:]:
        if piece.startswith("a "):
            depth += 1
            max_depth = max(max_depth, depth)
        elif piece.startswith("/a>"):
            depth -= 1
    assert max_depth == 1
    stripped = "".join(p.split(">", 1)[-1] for p in ("x>" + html).split("<"))
    assert stripped == text


def test_every_payload_is_escaped_in_text_and_attributes():
    article, enriched = hostile_article()
    notes, _ = article_annotations(enriched)
    html = "".join(str(p) for p in render_paragraphs(article, notes))
    parsed = _parse(html)
    assert {tag for tag, _ in parsed.tags} <= {"span", "a"}
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    for payload in XSS_PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;" in html


def test_statements_are_coloured_by_speaker_and_carry_identity():
    article, enriched = meeting_article()
    notes, colours = article_annotations(enriched)
    html = "".join(str(p) for p in render_paragraphs(article, notes))
    assert len(colours) == 4  # Tanabe, Orlov and two different anonymous sources
    assert 'data-att="q2"' in html
    assert "Boris Orlov (Foreign Minister, Russia)" in html
    assert "senior Foreign Ministry official (senior official, Foreign Ministry) - anonymous source" in html
    assert 'href="/entities/person:aiko-tanabe"' in html


def test_offsets_outside_the_text_are_ignored():
    article = Article(title="t", text="short", paragraph_spans=[(0, 5)])
    html = render_paragraphs(article, [Annotation(3, 99, "quote", "quote"), Annotation(-1, 2, "cue", "cue")])
    assert str(html[0]) == "short"
