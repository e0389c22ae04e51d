"""Content sniffing: what kind of input a stream holds, from its first bytes (its name is only a tie-breaker)."""

from __future__ import annotations

import json
import re
from enum import StrEnum

from presswatch.sources.options import DEFAULT_COLUMNS


class Kind(StrEnum):
    GZIP = "gzip"
    ZIP = "zip"
    WARC = "warc"
    FEED = "feed"
    JSONL = "jsonl"
    JSON = "json"  # one JSON array of records
    CSV = "csv"
    HTML = "html"
    XML = "xml"  # XML that is neither a feed nor XHTML: no reader for it
    TEXT = "text"
    BINARY = "binary"
    EMPTY = "empty"


_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
# The document element itself is <rss>, <feed> or <rdf:RDF> (after an XML prolog, comments, a doctype)
_FEED_ROOT = re.compile(rb"(?:<\?xml[^>]*>\s*)?(?:<!(?:--.*?--|[^>]*)>\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.I | re.S)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|article|h[1-6]|table|span|meta|title)[\s>/]", re.I)
# The first element after any prolog, comments or doctype
_FIRST_ELEMENT = re.compile(rb"(?:<\?[^>]*>\s*|<!(?:--.*?--|[^>]*)>\s*)*<([A-Za-z][\w:.-]*)", re.S)
_HTML_ELEMENTS = frozenset(
    b"""a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption center cite
    code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer
    form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link
    main map mark meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
    samp script search section select small source span strike strong style sub summary sup svg table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
)
_KNOWN_COLUMNS = {name for names in DEFAULT_COLUMNS.values() for name in names}
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _strip_suffixes(name: str) -> str:
    name = name.lower()
    for suffix in (".gz", ".gzip"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def sniff(head: bytes, name: str = "") -> Kind:
    """The kind of content whose first bytes are ``head``; ``name`` (file name or URL path) breaks ties."""
    if not head:
        return Kind.EMPTY
    if head[:2] == b"\x1f\x8b":
        return Kind.GZIP
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return Kind.ZIP
    if head.startswith(b"WARC/"):
        return Kind.WARC
    if head.startswith(_UTF16_32_BOMS):
        return Kind.TEXT  # UTF-16/32 text: its NUL bytes are not binary
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    lowered = _strip_suffixes(name)
    if body.startswith(b"<"):
        xml_like = body.startswith(b"<?xml") or lowered.endswith((".xml", ".rss", ".atom", ".rdf"))
        if _FEED_ROOT.match(body) or (_FEED.search(body[:4096]) and (xml_like or not _HTML.search(body[:512]))):
            return Kind.FEED
        if body.startswith(b"<?xml") and not re.search(rb"<html[\s>]", body[:4096], re.I):
            return Kind.XML
        root = _FIRST_ELEMENT.match(body)
        if root is None and not body[:15].lower().startswith(b"<!doctype html"):
            return Kind.XML  # declarations only (a DTD): no document in it
        if root is not None and root.group(1).lower() not in _HTML_ELEMENTS:
            return Kind.XML  # markup whose first element HTML does not have (<LEWIS>, <TimeML>): some XML dialect
        return Kind.HTML
    if b"\x00" in head[:8192]:
        return Kind.BINARY
    if body.startswith(b"{") and (lowered.endswith((".jsonl", ".ndjson")) or _first_line_is_json_object(body)):
        return Kind.JSONL
    if body.startswith(b"[") and lowered.endswith(".json"):
        return Kind.JSON
    if lowered.endswith((".csv", ".tsv")) or _looks_like_csv_header(body):
        return Kind.CSV
    if _HTML.search(body[:2048]) and lowered.endswith((".html", ".htm", ".xhtml")):
        return Kind.HTML
    if _looks_binary(head):
        return Kind.BINARY
    return Kind.TEXT


def _first_line_is_json_object(body: bytes) -> bool:
    line = body.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line.decode("utf-8", "replace")), dict)  # any encoding: the shape is what counts
    except ValueError:
        # the first record may be longer than the sniffed head: trust the shape of its start
        return len(line) == len(body) and re.match(rb'\{\s*"', body) is not None


def _looks_like_csv_header(body: bytes) -> bool:
    """A first line of delimiter-separated names, at least two of them known article columns."""
    line = body.split(b"\n", 1)[0].strip().decode("utf-8", "replace")
    for delimiter in (",", "\t", ";", "|"):
        cells = [c.strip().strip('"').lower() for c in line.split(delimiter)]
        # every cell a column-like name (so "Date, time and place were set ..." stays prose), two of them known
        if (
            len(cells) >= 2
            and all(_COLUMN_NAME.match(c) for c in cells)
            and sum(c in _KNOWN_COLUMNS for c in cells) >= 2
        ):
            return True
    return False


_COLUMN_NAME = re.compile(r"^[\w.-]{1,40}$")


def _looks_binary(head: bytes) -> bool:
    """Many control bytes (other than white space) mean it is not text in any encoding we read."""
    sample = head[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C: this runs for every file
    return controls > max(8, len(sample) // 50)


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
