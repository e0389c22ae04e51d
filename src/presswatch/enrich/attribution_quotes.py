"""Find the direct quotations of a text from its quote marks, tolerating the ways real text breaks them.

News text mixes straight and curly quotes, loses closing marks, and lets one quotation run over several paragraphs
(each continued paragraph opens with a quote mark, only the last one closes). Scraped translations add artefacts such
as a ``"?`` pair where a mark was mis-decoded. None of that may stop the reading of the rest of the article, so this
scanner never raises: a mark it cannot pair is left out, and a quotation is never allowed to swallow more than the
paragraph it opened in, unless the next paragraph opens with a quote mark (the newspaper convention for a quotation
that continues).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPENING_MARKS = "\u201c\u201e\u00ab"  # “ „ «
CLOSING_MARKS = "\u201d\u00bb"  # ” »
AMBIGUOUS_MARKS = '"\u2033'  # straight double quote, double prime (OCR)
# Two straight single quotes ('') stand for a double quote in some feeds (the New York Times' wire text uses them
# both to open and to close); `` is a LaTeX/PTB-style opening mark.
_DOUBLE_SINGLE = "''"
_DOUBLE_BACKTICK_OPEN = "``"


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``start``/``end`` include the marks, ``inner_start``/``inner_end`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True  # False when the closing mark was missing and the paragraph end closed it

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of ``text``: runs separated by a blank line (or more). Offsets index into ``text``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nxt = _next_blank_line(text, pos)
        end = nxt if nxt >= 0 else n
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        if nxt < 0:
            break
        pos = nxt
        while pos < n and text[pos] in "\n\r \t\u00a0":
            pos += 1
    return spans


def _next_blank_line(text: str, pos: int) -> int:
    """Offset of the next paragraph break (a newline followed by optional blanks and another newline), or -1."""
    while True:
        i = text.find("\n", pos)
        if i < 0:
            return -1
        j = i + 1
        while j < len(text) and text[j] in " \t\r\u00a0":
            j += 1
        if j < len(text) and text[j] == "\n":
            return i
        pos = i + 1


_MARK_RE = re.compile(r"``|''|[\u201c\u201e\u00ab\u201d\u00bb\"\u2033]")


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(offset, length, kind) of every double quote mark in text[start:end]; kind is 'open', 'close' or 'either'."""
    out: list[tuple[int, int, str]] = []
    for m in _MARK_RE.finditer(text, start, end):
        mark = m.group()
        if mark in OPENING_MARKS or mark == _DOUBLE_BACKTICK_OPEN:
            kind = "open"
        elif mark in CLOSING_MARKS:
            kind = "close"
        else:
            kind = "either"
        out.append((m.start(), len(mark), kind))
    return out


def _straight_role(text: str, pos: int, length: int, start: int, end: int) -> str:
    """Decide whether an ambiguous mark opens or closes, from the characters around it."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + length] if pos + length < end else " "
    if before.isspace() or before in "([{—–-:" or pos == start:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" or pos + length == end:
        return "close"
    return "either"


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quotations of ``text`` in order. Never raises; unpaired marks are dropped or closed at the paragraph end."""
    paras = paragraphs if paragraphs is not None else paragraph_spans(text)
    quotes: list[Quote] = []
    carry_open: int | None = None  # an opening mark whose paragraph ended without a closing one
    carry_len = 1
    for p_index, (ps, pe) in enumerate(paras):
        marks = _marks(text, ps, pe)
        open_at: int | None = None
        open_len = 1
        if carry_open is not None:
            # Continued quotation: this paragraph must open with a quote mark, else the carried quote ends
            # where its paragraph ended.
            if marks and marks[0][0] == ps and marks[0][2] in ("open", "either"):
                open_at, open_len = carry_open, carry_len
                marks = marks[1:]
            else:
                prev_end = paras[p_index - 1][1]
                quotes.append(Quote(carry_open, prev_end, carry_open + carry_len, prev_end, closed=False))
            carry_open = None
        for pos, length, kind in marks:
            if kind == "either":
                kind = _straight_role(text, pos, length, ps, pe)
                if kind == "either":
                    kind = "close" if open_at is not None else "open"
            if kind == "open":
                # Two openings in a row: the first lost its closing mark; restart at the newer one, which is the
                # one a following closing mark most likely belongs to.
                open_at, open_len = pos, length
            else:  # close
                if open_at is not None:
                    if pos > open_at + open_len:
                        quotes.append(Quote(open_at, pos + length, open_at + open_len, pos, closed=True))
                    open_at = None
                # a closing mark with nothing open is an artefact ("?” or a stray mark): ignore it
        if open_at is not None:
            nxt_start = paras[p_index + 1][0] if p_index + 1 < len(paras) else None
            continues = nxt_start is not None and (
                text[nxt_start : nxt_start + 1] in OPENING_MARKS + AMBIGUOUS_MARKS
                or text.startswith(_DOUBLE_SINGLE, nxt_start)
            )
            if continues:
                carry_open, carry_len = open_at, open_len
            else:
                if pe > open_at + open_len:
                    quotes.append(Quote(open_at, pe, open_at + open_len, pe, closed=False))
    if carry_open is not None and paras:
        last_end = paras[-1][1]
        quotes.append(Quote(carry_open, last_end, carry_open + carry_len, last_end, closed=False))
    quotes.sort(key=lambda q: q.start)
    return quotes


_PARAGRAPH_OPENING = re.compile(r"\n[ \t\r\u00a0]*\n\s*(\S)")


def continues_over_paragraphs(text: str, start: int, end: int) -> bool:
    """True when every paragraph that begins between ``start`` and ``end`` opens with a quote mark: the newspaper
    convention for a quotation that goes on, and the only case in which a quotation may span paragraphs."""
    for m in _PARAGRAPH_OPENING.finditer(text, start, end):
        opener = m.group(1)
        if opener not in OPENING_MARKS + AMBIGUOUS_MARKS and not text.startswith(_DOUBLE_SINGLE, m.start(1)):
            return False
    return True


class QuoteIndex:
    """Quotes of a text with fast lookup of the quote covering an offset."""

    def __init__(self, quotes: list[Quote], text: str = "") -> None:
        self.quotes = quotes
        self.text = text  # the text the offsets index into (spaCy rebuilds Doc.text on every access)
        self._starts = [q.start for q in quotes]

    def at(self, pos: int) -> Quote | None:
        """The quote whose marks enclose ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.quotes[i].contains(pos):
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        """Quotes lying (at least partly) inside [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        # a quote that opened before start may still reach into the range
        j = max(0, i - 1)
        out = []
        for q in self.quotes[j:]:
            if q.start >= end:
                break
            if q.end > start:
                out.append(q)
        return out
