"""Text normalisation: bytes -> str (``decode``) and str -> clean str (``clean_text``).

Both sit on the ingest hot path (ingest must manage thousands of articles per second), so each has a cheap common path
and only falls back to the expensive tool (charset detection, ftfy) when a cheap check says it is needed:

- ``decode``: BOM, then the declared encoding, then strict UTF-8 (almost everything); only when UTF-8 fails is the
  encoding detected (charset-normalizer, restricted to the encodings this press actually arrives in). A file where
  UTF-8 fails on *some* lines only (a UTF-8 file with pasted cp1252 lines) is decoded line by line.
- ``clean_text``: Unicode NFC (checked before normalising), odd spaces to plain spaces, control characters removed,
  and mojibake ("â€™", "Ã©") repaired with ftfy only when a regex sees its markers.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Encodings that news in this project's scope arrives in when it is not UTF-8: Western web pages and Word exports
# (cp1252, latin-1), and Japanese originals (Shift_JIS, EUC-JP).
FALLBACK_ENCODINGS = ("cp1252", "latin_1", "shift_jis", "euc_jp")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def known_codec(name: str | None) -> str | None:
    """The Python codec name for an encoding label ("Shift_JIS", "windows-1252"), or None when it is unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None  # a page that declares a made-up charset: ignore the declaration, detect instead


_ADJACENT_HIGH_BYTES = re.compile(rb"[\x80-\xff]{2}")


def detect_encoding(data: bytes) -> str:
    """Best guess among ``FALLBACK_ENCODINGS`` for bytes that are not UTF-8 (charset-normalizer decides)."""
    if not _ADJACENT_HIGH_BYTES.search(data):
        # Only isolated non-ASCII bytes (a "£" or "é" in English text): a Western single-byte encoding. Japanese
        # double-byte encodings always pair them; charset detection on so little evidence guesses wildly.
        return "cp1252"
    from charset_normalizer import from_bytes  # imported here: only needed off the common path

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is not None:
        return codecs.lookup(best.encoding).name
    return "cp1252"


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so nothing is ever lost
        if encoding == "cp1252":
            return data.decode("latin_1")
        return data.decode(encoding, errors="replace")


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes of unknown provenance to text; never raises.

    Order: byte-order mark; the declared encoding (HTTP header, XML prolog, WARC header) when the bytes fit it; strict
    UTF-8; per-line decoding when UTF-8 fails on some lines only; detection among cp1252, latin-1, Shift_JIS, EUC-JP.
    A BOM is removed from the result.
    """
    bom = _bom(data)
    if bom is not None:
        name, size = bom
        return data[size:].decode(name, errors="replace")
    codec = known_codec(declared)
    if codec is not None and codec not in ("ascii", "utf-8"):
        # a declared encoding wins only when the bytes fit it; pages often declare latin-1 and hold UTF-8
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if codec not in ("latin_1", "iso8859-1", "cp1252") or not _is_utf8(data):
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_mixed(data) or _decode_with(data, detect_encoding(data))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_mixed(data: bytes) -> str | None:
    """Decode line by line when the text is UTF-8 except for some lines; None when it does not look like that."""
    lines = data.splitlines(keepends=True)
    if len(lines) < 2:
        return None
    good_non_ascii = 0
    bad: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good_non_ascii += 1
        except UnicodeDecodeError:
            bad.append(i)
    # Only genuinely mixed files qualify: real UTF-8 multibyte text on some lines, undecodable bytes on others.
    if not good_non_ascii or not bad:
        return None
    encoding = detect_encoding(b"".join(lines[i] for i in bad))
    bad_set = set(bad)
    return "".join(
        _decode_with(line, encoding) if i in bad_set else line.decode("utf-8") for i, line in enumerate(lines)
    )


# -- clean_text -------------------------------------------------------------------------------------------------------

# Spaces other than U+0020 (no-break, en/em/thin/hair, narrow no-break, ideographic ...) become a plain space;
# zero-width characters, soft hyphens and stray BOMs go; line and paragraph separators become newlines; C0 controls
# (except tab and newline), DEL and C1 controls (which only occur in mis-decoded text) go.
# A loop of `in` tests and str.replace runs at memchr speed on ASCII text; str.translate with a mapping, or a regex,
# costs 10-200 ns per character, which ingest (thousands of articles a second) cannot afford on every text.
_ODD_SPACES = (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))
_DROPPED = (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)
_CONTROLS = (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)
_C1 = tuple(cp for cp in range(0x80, 0xA0) if cp != 0x85)
_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    *((chr(cp), " ") for cp in _ODD_SPACES),
    *((chr(cp), "") for cp in (*_DROPPED, *_CONTROLS, *_C1)),
    ("\u2028", "\n"),
    ("\u2029", "\n"),
    ("\u0085", "\n"),
)
_ASCII_REPLACEMENTS = tuple((c, r) for c, r in _REPLACEMENTS if c.isascii())


def _replace_chars(s: str, table: tuple[tuple[str, str], ...]) -> str:
    for char, replacement in table:
        if char in s:
            s = s.replace(char, replacement)
    return s


# Mojibake markers: UTF-8 bytes read as cp1252/latin-1 leave "Ã" or "Â" or "â€" followed by a character from the
# 0x80-0xBF range as cp1252 shows it ("â€™", "Ã©", "Â ").
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def has_mojibake(s: str) -> bool:
    """Cheap check: does the text show the markers of UTF-8 mis-decoded as cp1252 / latin-1?"""
    # Substring tests run at memchr speed; the regex (much slower per character) only confirms a likely hit.
    if "\u00c3" not in s and "\u00c2" not in s and "\u00e2" not in s and "\u00c5" not in s:
        return False
    return _MOJIBAKE.search(s) is not None


def clean_text(s: str) -> str:
    """Normalise text for storage and analysis (curly quotes and dashes are kept: they carry meaning).

    Line breaks become ``\\n``; no-break and other odd spaces become a space; zero-width and control characters go;
    mojibake is repaired (ftfy) only when ``has_mojibake`` sees it; the result is Unicode NFC.
    """
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if s.isascii():  # the common path for English wire text: nothing but control characters to remove
        return _replace_chars(s, _ASCII_REPLACEMENTS)
    if has_mojibake(s):
        import ftfy  # imported here: only needed off the common path

        s = ftfy.fix_encoding(s)
    # isprintable is one C pass and false for every character replaced below (and for tab and newline, masked
    # first); \u2000-range needles make str.__contains__ slow on non-Latin-1 text, so skip the loop when it can.
    if not s.replace("\n", " ").replace("\t", " ").isprintable():
        s = _replace_chars(s, _REPLACEMENTS)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return s


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a cleaned text: blocks separated by blank lines, each stripped, empty ones dropped."""
    return [p for p in (part.strip() for part in _BLANK_LINES.split(text)) if p]


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")


def looks_japanese(text: str, sample: int = 1000) -> bool:
    """Is the text mostly Japanese (kana and kanji)? Cheap: ASCII text is answered without a scan."""
    head = text[:sample]
    if head.isascii():
        return False
    letters = sum(1 for c in head if c.isalpha())
    return letters > 0 and len(_JAPANESE.findall(head)) > 0.3 * letters
