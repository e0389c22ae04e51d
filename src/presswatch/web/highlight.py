"""Render an article's text as safe HTML with its statements, speakers, cues and entity mentions highlighted.

Article text is untrusted: every character of it goes through ``markupsafe.escape``; only the tags written here are
markup. Spans may nest or overlap (a speaker inside a quote, a mention inside both), so the text is cut at every span
boundary and each piece is wrapped in the tags of the spans that cover it: the HTML stays well formed whatever the
offsets are, and a span that crosses a paragraph boundary is simply continued in the next paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup, escape

from presswatch.models import Article, Attribution, EnrichedArticle, Speaker

SPEAKER_COLOURS = 8  # CSS classes sp-0 .. sp-7

# Outer to inner when spans cover the same text.
_ORDER = {"quote": 0, "speaker": 1, "cue": 2, "mention": 3}


@dataclass(slots=True)
class Annotation:
    start: int
    end: int
    kind: str  # quote | speaker | cue | mention
    css: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    href: str | None = None


def speaker_key(speaker: Speaker) -> str:
    """What makes two statements 'the same speaker' for colouring and grouping."""
    return speaker.entity or f"{speaker.kind}:{(speaker.name or speaker.label).casefold()}"


def speaker_identity(speaker: Speaker) -> str:
    """One line saying who the speaker is: name, role, affiliation, and whether the source is anonymous."""
    name = speaker.name or speaker.label
    details = [d for d in (speaker.role, speaker.affiliation) if d]
    text = name + (f" ({', '.join(details)})" if details else "")
    if speaker.kind == "anonymous":
        text += " - anonymous source"
    elif speaker.kind == "pronoun" and speaker.name:
        text += f" - referred to as “{speaker.label}”"
    return text


def entity_href(key: str) -> str:
    return "/entities/" + quote(key, safe=":")


def article_annotations(enriched: EnrichedArticle | None) -> tuple[list[Annotation], dict[str, int]]:
    """Annotations for one article, and the colour index of each speaker key."""
    if enriched is None:
        return [], {}
    colours: dict[str, int] = {}
    notes: list[Annotation] = []
    for att in enriched.attributions:
        key = speaker_key(att.speaker)
        colour = colours.setdefault(key, len(colours) % SPEAKER_COLOURS)
        who = speaker_identity(att.speaker)
        notes.append(_quote_annotation(att, colour, who))
        if att.speaker.span is not None:
            notes.append(
                Annotation(
                    att.speaker.span.start,
                    att.speaker.span.end,
                    "speaker",
                    f"speaker sp-{colour}",
                    {"data-att": att.id, "title": f"Speaker: {who}"},
                )
            )
        if att.cue is not None:
            notes.append(Annotation(att.cue.start, att.cue.end, "cue", "cue", {"data-att": att.id}))
    for mention in enriched.mentions:
        css = f"mention ent-{mention.type.lower()}"
        href = entity_href(mention.entity) if mention.entity else None
        notes.append(Annotation(mention.start, mention.end, "mention", css, {"title": mention.type}, href))
    return notes, colours


def _quote_annotation(att: Attribution, colour: int, who: str) -> Annotation:
    attrs = {
        "data-att": att.id,
        "data-form": att.form,
        "tabindex": "0",
        "title": f"{who} - {att.form} statement",
    }
    if att.nested_in:
        attrs["data-nested-in"] = att.nested_in
    return Annotation(att.content.start, att.content.end, "quote", f"quote sp-{colour}", attrs)


def _open(note: Annotation, link: bool) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in note.attrs.items())
    tag = "a" if link else "span"
    href = f' href="{escape(note.href)}"' if link else ""
    return f'<{tag} class="{escape(note.css)}"{href}{attrs}>'


def render_paragraphs(article: Article, notes: list[Annotation]) -> list[Markup]:
    """The article's paragraphs as HTML, with ``notes`` highlighted. Offsets outside the text are ignored."""
    text = article.text
    spans = article.paragraph_spans or [(0, len(text))]
    valid = [n for n in notes if 0 <= n.start < n.end <= len(text)]
    out: list[Markup] = []
    for p_start, p_end in spans:
        inside = [n for n in valid if n.start < p_end and n.end > p_start]
        cuts = sorted({p_start, p_end, *(max(n.start, p_start) for n in inside), *(min(n.end, p_end) for n in inside)})
        html: list[str] = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            active = sorted((n for n in inside if n.start <= a and n.end >= b), key=lambda n: (_ORDER[n.kind], n.start))
            closers: list[str] = []
            linked = False  # one <a> per piece: links never nest
            for note in active:
                link = note.href is not None and not linked
                linked = linked or link
                html.append(_open(note, link))
                closers.append("</a>" if link else "</span>")
            html.append(str(escape(text[a:b])))
            html.extend(reversed(closers))
        out.append(Markup("".join(html)))
    return out
