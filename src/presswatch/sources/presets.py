"""Presets: column maps and row rules for known export formats, chosen by name (``--preset wikinews``).

A preset is data, not code: adding a format is adding an entry here. Explicit options override a preset's values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from presswatch.errors import UsageError

# A line that is only a written-out date ("Friday, January 4, 2019"), as Wikinews and many wire exports start with.
DATELINE_PREFIX = (
    r"\A\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}"
    r"[^\S\n]*(?:\n\s*)+"
)


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    help: str
    columns: dict[str, str] = field(default_factory=dict)
    skip_rows: dict[str, str] = field(default_factory=dict)
    strip_prefix: dict[str, str] = field(default_factory=dict)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            name="wikinews",
            help="Wikinews CSV exports (url,date,title,text): drops test pages and articles still under review, "
            "strips the dateline line that starts every text",
            skip_rows={"title": r"(?i)^\s*test page\b", "text": r"requires pre-publication review"},
            strip_prefix={"text": DATELINE_PREFIX},
        ),
        Preset(
            name="dateline",
            help="any CSV/JSONL whose texts start with a written-out date line: strip it",
            strip_prefix={"text": DATELINE_PREFIX},
        ),
        Preset(
            name="newsarticles",
            help="the NewsArticles.csv corpus (article_id, publish_date, article_source_link, title, subtitle, text)",
            columns={"id": "article_id", "published": "publish_date", "url": "article_source_link"},
        ),
    )
}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; raises UsageError listing the known ones otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise UsageError(f"unknown preset {name!r}; known presets: {', '.join(sorted(PRESETS))}") from None
