"""When a statement was made: the date phrase attached to the reporting verb ("informed Sankei on Oct. 14",
"said on Monday", "told reporters yesterday"), resolved against the article date.

Only the forms reporters use for the day of a statement are handled, without a date library, so the cost stays at
microseconds: weekday names (the latest such day on or before the article date), "Month D" with or without a year
(a month after the article date's month means the previous year), "today", "yesterday". Anything else is left
unresolved (None) rather than guessed; the time step (``enrich/times.py``) resolves the article's other expressions.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs")]
        + [("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]
    )
    for name in names
}
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun")]
        + [("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct")]
        + [("november", "nov"), ("december", "dec")]
    )
    for name in names
}
_MONTH_DAY = re.compile(r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?$")
_DAY_MONTH = re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?(?:,?\s+(?P<year>\d{4}))?$")


def article_day(article_date: str | None) -> date | None:
    """The calendar day of an ISO article date ("2015-10-15T15:00:00+09:00" -> 2015-10-15), or None."""
    if not article_date or len(article_date) < 10:
        return None
    try:
        return date.fromisoformat(article_date[:10])
    except ValueError:
        return None


def resolve_statement_day(phrase: str, anchor: date | None) -> str | None:
    """ISO date of a statement-day phrase relative to ``anchor`` (the article's day), or None when not understood."""
    if anchor is None:
        return None
    words = phrase.lower().strip(" ,.").split()
    while words and words[0] in ("on", "last", "this", "late", "early"):
        words = words[1:]
    text = " ".join(words)
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return anchor.isoformat()
    if text in ("yesterday", "last night"):
        return (anchor - timedelta(days=1)).isoformat()
    if text.rstrip(".") in _WEEKDAYS:
        back = (anchor.weekday() - _WEEKDAYS[text.rstrip(".")]) % 7
        return (anchor - timedelta(days=back)).isoformat()
    m = _MONTH_DAY.match(text) or _DAY_MONTH.match(text)
    if m and m.group("month").rstrip(".") in _MONTHS:
        month = _MONTHS[m.group("month").rstrip(".")]
        year = int(m.group("year")) if m.group("year") else anchor.year - (1 if month > anchor.month else 0)
        try:
            return date(year, month, int(m.group("day"))).isoformat()
        except ValueError:
            return None
    return None
