"""Time expressions resolved against the article's date, each with its span.

Rules first (precompiled regexes over the text: one scan per rule), spaCy's DATE/TIME entities for what the rules miss,
and dateparser only as the last fallback for those (it is slow). Relative expressions ("on Tuesday", "in September")
are resolved by the tense of their clause: the most recent such day or month for the past, the next one for the future.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from presswatch.enrich.nlp import DocIndex
from presswatch.models import TimeRef

_MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            (),
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ]
    )
    for m in names
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_NUM = r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"

# Order matters: earlier rules claim their span first (the most specific come first).
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?))?\b")),
    (
        "part_month",
        re.compile(
            r"\b(?P<part>early|mid|late|the (?:end|beginning|start|middle) of|end of|beginning of|start of)[- ]"
            + _MONTH
            + r"(?:,?\s+(?P<year>\d{4}))?(?!\w)",
            re.IGNORECASE,
        ),
    ),
    ("month_day", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?")),
    (
        "day_month",
        re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4})\b)?(?!\w)"),
    ),
    ("month_year", re.compile(_MONTH + r",?\s+(?P<year>\d{4})\b")),
    (
        "yearend",
        re.compile(
            r"\b(?P<rel>before|by|until|till|at|around|toward|towards)?\s*(?:the\s+)?"
            r"(?:(?:year[- ]?end)|(?:end of (?:the|this) year))\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    (
        "relday",
        re.compile(
            r"\b(?P<word>yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|"
            r"this evening|the day before yesterday|the day after tomorrow)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relperiod",
        re.compile(
            r"\b(?P<which>last|next|this|earlier this|later this|coming)\s+"
            r"(?P<unit>week|month|year|spring|summer|autumn|fall|winter)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>last|next|this|on|coming)\s+)?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "duration",
        re.compile(
            r"\b(?P<num>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
            r"a few|few)\s+(?P<unit>day|week|month|year)s\b",
            re.IGNORECASE,
        ),
    ),
    (
        "vague",
        re.compile(
            r"\b(?P<word>recently|lately|in recent (?:days|weeks|months)|soon|shortly|"
            r"in the near future|earlier)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            r"\b(?:(?P<prep>(?i:in|since|by|until|from|through|during|last|next|this|early|late|of))\s+)?"
            r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
            r"December)\b"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:(?P<prep>(?i:in|since|by|until|from|through|during|of|before|after))\s+)?"
            r"(?P<year>(?:19|20)\d{2})\b(?![-/]\d)"
        ),
    ),
]
_WORD = re.compile(r"[A-Za-z]+")
_MONTH_WORDS = set(_MONTHS)
_UNIT_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}
# The words each rule cannot match without (lower case); rules not listed always run.
_NEEDS: dict[str, set[str]] = {
    "part_month": _MONTH_WORDS,
    "month_day": _MONTH_WORDS,
    "day_month": _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "yearend": {"yearend", "year", "end"},
    "ago": {"ago"},
    "relday": {"yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening"},
    "relperiod": {"week", "month", "year", "spring", "summer", "autumn", "fall", "winter"},
    "weekday": {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
    "duration": _UNIT_WORDS,
    "vague": {"recently", "lately", "recent", "soon", "shortly", "near", "earlier"},
}
# Rules whose value needs the article date.
_RELATIVE = {"part_month", "month_day", "day_month", "month", "yearend", "ago", "relday", "relperiod", "weekday"}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_VAGUE = {"recently": "recent", "lately": "recent", "earlier": "recent", "soon": "soon", "shortly": "soon"}


def extract_times(doc, article_date: str | None) -> list[TimeRef]:
    """Time expressions of the parsed article, resolved against ``article_date`` (ISO; relative ones stay unresolved
    without it) and sorted by position."""
    text = DocIndex.of(doc).text  # Doc.text joins every token on each access
    anchor = _parse_anchor(article_date)
    taken = bytearray(len(text))  # characters already claimed by an earlier rule (a C-speed overlap test)
    out: list[TimeRef] = []
    # One cheap scan for the words the rules need; a rule whose words are absent is skipped (most texts hold few times).
    words = {w.lower() for w in _WORD.findall(text)}
    has_digit = any(ch.isdigit() for ch in text)
    for name, pattern in _RULES:
        needed = _NEEDS.get(name)
        if needed is not None and words.isdisjoint(needed):
            continue
        if name in ("iso", "year") and not has_digit:
            continue
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(taken[s:e]):
                continue
            ref = _resolve(name, m, anchor, doc)
            if ref is None and anchor is None and name in _RELATIVE and m.group(0) != "May":
                # Without an article date a relative expression is still found, with its value left open.
                ref = TimeRef(0, 0, "", "unresolved", "?")
            if ref is None:
                continue
            ref.start, ref.end, ref.text = s, e, text[s:e]
            taken[s:e] = b"\x01" * (e - s)
            out.append(ref)
    # spaCy DATE entities the rules did not cover: dateparser as the last resort.
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(taken[ent.start_char : ent.end_char]):
            continue
        ref = _dateparser_fallback(ent.text, anchor)
        if ref is not None:
            ref.start, ref.end, ref.text = ent.start_char, ent.end_char, ent.text
            out.append(ref)
    out.sort(key=lambda r: r.start)
    return out


def _parse_anchor(article_date: str | None) -> date | None:
    if not article_date:
        return None
    try:
        return date.fromisoformat(article_date[:10])
    except ValueError:
        return None


def _month_num(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _ref(kind: str, value: str, earliest: date | None = None, latest: date | None = None) -> TimeRef:
    return TimeRef(0, 0, "", kind, value, earliest.isoformat() if earliest else None,
                   latest.isoformat() if latest else None)  # fmt: skip


def _tense(doc, start: int) -> str | None:
    """ "past", "future" or None (present / unknown) for the clause around character ``start``."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return None
    tok = span.root
    # Climb to the verb that governs the expression.
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    for t in (tok, *tok.children):
        if t.lower_ in ("will", "'ll", "shall", "going") or (t.tag_ == "MD" and t.lower_ in ("will", "would")):
            return "future"
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if tok.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
        return "past"  # present perfect: "have met"; a bare passive "is expected" is not past
    return None


def _nearest_year(month: int, day: int, anchor: date) -> int:
    """The year that puts (month, day) closest to the article date: news speaks of the recent past and near future."""
    best = anchor.year
    best_gap = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            gap = abs((date(y, month, min(day, _last_day(y, month))) - anchor).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _resolve(name: str, m: re.Match[str], anchor: date | None, doc) -> TimeRef | None:
    g = m.groupdict()
    if name == "iso":
        try:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        if g.get("time"):
            return _ref("datetime", f"{d.isoformat()}T{g['time']}", d, d)
        return _ref("date", d.isoformat(), d, d)
    if name in ("month_day", "day_month"):
        month, day = _month_num(g["month"]), int(g["day"])
        if g.get("year"):
            year = int(g["year"])
        elif anchor is not None:
            year = _nearest_year(month, day, anchor)
        else:
            return _ref("date", f"--{month:02d}-{day:02d}")
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return _ref("date", d.isoformat(), d, d)
    if name == "month_year":
        y, mo = int(g["year"]), _month_num(g["month"])
        return _ref("month", f"{y}-{mo:02d}", date(y, mo, 1), date(y, mo, _last_day(y, mo)))
    if name == "part_month":
        mo = _month_num(g["month"])
        y = int(g["year"]) if g.get("year") else _month_year(mo, anchor, _tense(doc, m.start()))
        if y is None:
            return None
        part = g["part"].lower()
        last = _last_day(y, mo)
        if part == "early" or "beginning" in part or "start" in part:
            a, b = 1, 10
        elif part == "mid" or "middle" in part:
            a, b = 11, 20
        elif part == "late":
            a, b = 21, last
        else:  # the end of
            a, b = max(1, last - 9), last
        lo, hi = date(y, mo, a), date(y, mo, b)
        return _ref("interval", f"{lo.isoformat()}/{hi.isoformat()}", lo, hi)
    if name == "month":
        mo = _month_num(g["month"])
        prep = (g.get("prep") or "").lower()
        if g["month"] == "May" and not prep:
            return None  # the modal verb, more often than not
        if anchor is None:
            return None
        if prep == "last":
            y = anchor.year if mo < anchor.month else anchor.year - 1
        elif prep == "next":
            y = anchor.year if mo > anchor.month else anchor.year + 1
        elif prep == "this":
            y = anchor.year
        else:
            tense = _tense(doc, m.start())
            if prep in ("by", "until") and tense is None:
                tense = "future"  # a deadline is ahead unless the clause says otherwise
            y = _month_year(mo, anchor, tense)
        lo, hi = date(y, mo, 1), date(y, mo, _last_day(y, mo))
        kind_value = f"{y}-{mo:02d}"
        if prep == "since":
            return _ref("after", f"after {lo.isoformat()}", lo, anchor)
        if prep in ("by", "until"):
            return _ref("before", f"before {hi.isoformat()}", None, hi)
        return _ref("month", kind_value, lo, hi)
    if name == "yearend":
        if anchor is None:
            return None
        end = date(anchor.year, 12, 31)
        rel = (g.get("rel") or "").lower()
        if rel in ("before", "by", "until", "till"):
            return _ref("before", f"before {end.isoformat()}", anchor, end)
        lo = date(anchor.year, 12, 1)
        return _ref("interval", f"{lo.isoformat()}/{end.isoformat()}", lo, end)
    if name == "ago":
        if anchor is None:
            return None
        n = _count(g["num"])
        unit = g["unit"].lower()
        if unit == "day":
            d = anchor - timedelta(days=n)
            return _ref("date", d.isoformat(), d, d)
        if unit == "week":
            lo = anchor - timedelta(days=7 * n + 3)
            hi = anchor - timedelta(days=7 * n - 3)
            return _ref("interval", f"{lo.isoformat()}/{hi.isoformat()}", lo, hi)
        if unit == "month":
            y, mo = _add_months(anchor.year, anchor.month, -n)
            return _ref("month", f"{y}-{mo:02d}", date(y, mo, 1), date(y, mo, _last_day(y, mo)))
        y = anchor.year - n
        return _ref("year", str(y), date(y, 1, 1), date(y, 12, 31))
    if name == "relday":
        if anchor is None:
            return None
        word = g["word"].lower()
        delta = {"yesterday": -1, "tomorrow": 1, "last night": -1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}.get(word, 0)  # fmt: skip
        d = anchor + timedelta(days=delta)
        return _ref("date", d.isoformat(), d, d)
    if name == "relperiod":
        if anchor is None:
            return None
        which, unit = g["which"].lower(), g["unit"].lower()
        step = {"last": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
            sunday = monday + timedelta(days=6)
            return _ref("interval", f"{monday.isoformat()}/{sunday.isoformat()}", monday, sunday)
        if unit == "month":
            y, mo = _add_months(anchor.year, anchor.month, step)
            return _ref("month", f"{y}-{mo:02d}", date(y, mo, 1), date(y, mo, _last_day(y, mo)))
        if unit == "year":
            y = anchor.year + step
            return _ref("year", str(y), date(y, 1, 1), date(y, 12, 31))
        a, b = _SEASONS[unit]
        y = anchor.year + step
        lo = date(y, a, 1)
        hi = date(y + (1 if b < a else 0), b, _last_day(y + (1 if b < a else 0), b))
        return _ref("interval", f"{lo.isoformat()}/{hi.isoformat()}", lo, hi)
    if name == "weekday":
        if anchor is None:
            return None
        wd = _WEEKDAYS.index(g["wd"].lower())
        which = (g.get("which") or "").lower()
        if which == "last":
            direction = "past"
        elif which in ("next", "coming"):
            direction = "future"
        else:
            direction = _tense(doc, m.start()) or "past"
        ahead = (wd - anchor.weekday()) % 7 or 7  # days to the next such weekday (a week on, if it is today)
        behind = (anchor.weekday() - wd) % 7  # today, if it is today: news reports the day's events
        delta = ahead if direction == "future" else -behind
        d = anchor + timedelta(days=delta)
        return _ref("date", d.isoformat(), d, d)
    if name == "duration":
        num = g["num"].lower()
        unit = _UNIT[g["unit"].lower()]
        if num in ("several", "a few", "few"):
            return TimeRef(0, 0, "", "duration", f"Pn{unit}")  # an unknown number of units
        return TimeRef(0, 0, "", "duration", f"P{_count(num)}{unit}")
    if name == "vague":
        word = " ".join(g["word"].lower().split())
        value = _VAGUE.get(word, "recent" if "recent" in word else "soon")
        if anchor is None:
            return TimeRef(0, 0, "", "vague", value)
        if value == "recent":
            return _ref("vague", value, anchor - timedelta(days=30), anchor)
        return _ref("vague", value, anchor, anchor + timedelta(days=30))
    if name == "year":
        prep = (g.get("prep") or "").lower()
        y = int(g["year"])
        if not prep:
            return None  # a bare four-digit number is as often a figure as a year
        if prep == "since":
            return _ref("after", f"after {y}-01-01", date(y, 1, 1), anchor)
        if prep in ("before", "by", "until"):
            return _ref("before", f"before {y}-12-31", None, date(y, 12, 31))
        if prep == "after":
            return _ref("after", f"after {y}-12-31", date(y, 12, 31), None)
        return _ref("year", str(y), date(y, 1, 1), date(y, 12, 31))
    return None


def _count(num: str) -> int:
    return int(num) if num.isdigit() else _NUMBERS.get(num.lower(), 1)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month_year(month: int, anchor: date | None, tense: str | None) -> int | None:
    """Year of a bare month name: the last such month for the past, the next one for the future, else the nearest."""
    if anchor is None:
        return None
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "past":
        return anchor.year if month <= anchor.month else anchor.year - 1
    return _nearest_year(month, 15, anchor)


_FULL_DATE_HINT = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}|" + _MONTH.replace("?P<month>", "?:") + r"\W+\d")


def _dateparser_fallback(text: str, anchor: date | None) -> TimeRef | None:
    """dateparser for DATE entities no rule covers. Only for strings that look like a full date ("3/4/2015",
    "March the 4th, 2015"): it is slow (milliseconds a call) and guesses freely on anything else."""
    if anchor is None or len(text) > 40:
        return None
    if re.fullmatch(r"(?:19|20)\d{2}", text.strip()):
        y = int(text)
        return _ref("year", str(y), date(y, 1, 1), date(y, 12, 31))
    if not _FULL_DATE_HINT.search(text):
        return None
    try:
        from datetime import datetime

        import dateparser

        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
                "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month", "year"],
            },  # fmt: skip
        )
    except Exception:  # dateparser raises a range of errors on odd strings; an unparsed date is simply skipped
        return None
    if parsed is None:
        return None
    d = parsed.date()
    return _ref("date", d.isoformat(), d, d)
