"""Dates as ISO 8601: a fast path for the formats exports and pages actually use, dateparser for the rest."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

JST = timezone(timedelta(hours=9), "JST")

# Formats tried after fromisoformat, split by whether the text starts with a digit (each strptime costs ~20 us).
_NUMERIC_FORMATS = (
    ("%Y/%m/%d", False),
    ("%Y/%m/%d %H:%M:%S", True),
    ("%Y/%m/%d %H:%M", True),
    ("%m/%d/%Y", False),
    ("%d %B %Y", False),
    ("%d %b %Y", False),
)
_WORD_FORMATS = (
    ("%B %d, %Y", False),
    ("%b %d, %Y", False),
    ("%b. %d, %Y", False),
    ("%A, %B %d, %Y", False),
)
_RFC822 = re.compile(r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} ")


def _iso(value: datetime | date, has_time: bool, tz: timezone | None) -> str:
    if isinstance(value, datetime):
        if not has_time:
            return value.date().isoformat()
        if value.tzinfo is None and tz is not None:
            value = value.replace(tzinfo=tz)
        return value.isoformat()
    return value.isoformat()


def parse_date(value: Any, tz: timezone | None = None) -> str | None:
    """``value`` as ISO 8601 ("2015-10-15", "2015-10-15T15:00:00+09:00"), or None when it is not a date.

    ``tz`` is the zone of times written without one (JMH pages: Japan time); a date alone stays a date. Numbers are
    Unix timestamps (UTC).
    """
    if value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value, UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    try:  # fast path 1: ISO 8601 (Python 3.11 reads "Z" and most variants)
        if len(s) == 10:
            return date.fromisoformat(s).isoformat()
        return _iso(datetime.fromisoformat(s), True, tz)
    except ValueError:
        pass
    for fmt, has_time in _NUMERIC_FORMATS if s[0].isdigit() else _WORD_FORMATS:  # fast path 2: common formats
        try:
            return _iso(datetime.strptime(s, fmt), has_time, tz)
        except ValueError:
            continue
    if _RFC822.match(s):  # feeds and HTTP headers
        try:
            return _iso(parsedate_to_datetime(s), True, tz)
        except (TypeError, ValueError):
            pass
    return _slow_parse(s, tz)


def _slow_parse(s: str, tz: timezone | None) -> str | None:
    import dateparser  # slow to import and to run: only for what the fast paths could not read

    if len(s) > 100 or not re.search(r"\d", s):
        return None
    parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", s))
    return _iso(parsed, has_time, tz)
