"""Content sniffing: the kind of a stream comes from its bytes; the name only breaks ties."""

from __future__ import annotations

import gzip
import json

import pytest

from presswatch.sources.sniff import Kind, sniff

RSS = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>'
ATOM = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'
PAGE = b"<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>Text.</p></body></html>"


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"", "empty.txt", Kind.EMPTY),
        (gzip.compress(b"x"), "story.txt", Kind.GZIP),
        (b"PK\x03\x04rest", "data.bin", Kind.ZIP),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl", Kind.WARC),
        (RSS, "saved.html", Kind.FEED),  # a feed saved with the wrong name
        (ATOM, "updates", Kind.FEED),
        (PAGE, "page.txt", Kind.HTML),  # a page saved as .txt
        (b'<?xml version="1.0"?><!DOCTYPE lewis><LEWIS><REUTERS/></LEWIS>', "reut2-000.xml", Kind.XML),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "p.xhtml", Kind.HTML),
        (b"<LEWIS>\n<REUTERS><TITLE>T</TITLE><BODY>B</BODY></REUTERS>", "reut2-005.xml", Kind.XML),  # no prolog
        (b"<!-- saved -->\n<p>A fragment of a page</p>", "fragment", Kind.HTML),
        (b'{"title": "T", "text": "B"}\n{"title": "U"}\n', "export", Kind.JSONL),
        (b'[{"title": "T"}]', "export.json", Kind.JSON),
        (b"title,text,date\nT,B,2020-01-01\n", "export", Kind.CSV),
        (b"anything at all\n", "export.csv", Kind.CSV),
        (b"Title, text and date were agreed\n\nProse.", "note", Kind.TEXT),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", Kind.BINARY),
        ("Caf\u00e9\n\nText.".encode("utf-16"), "utf16.txt", Kind.TEXT),  # its NUL bytes are not binary
        (b"Plain title\n\nPlain text.\n", "story", Kind.TEXT),
    ],
)
def test_sniff(head: bytes, name: str, kind: Kind) -> None:
    assert sniff(head, name) is kind


def test_jsonl_whose_first_record_is_longer_than_the_sniffed_head() -> None:
    record = json.dumps({"title": "Long", "text": "word " * 30_000}).encode()
    assert sniff(record[: 64 * 1024], "export") is Kind.JSONL
