"""Web archives (WARC, WARC.gz) via warcio: one RawDocument per ``response`` record holding HTML.

Location: ``file.warc.gz#record-N <target-uri>`` with N counting records from 1 (all record types, so it matches what
``warcio index`` shows). A truncated or damaged archive yields what could be read, then one SourceFailure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources.options import SourceOptions
from presswatch.sources.streams import TooLarge, read_capped

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(stream: BinaryIO, location: str, options: SourceOptions) -> Iterator[RawDocument | SourceFailure]:
    """The HTML responses of one WARC stream (compressed or not: warcio detects it)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            number += 1
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{location}#record-{number} {uri}".rstrip()
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            try:
                data = read_capped(record.content_stream(), options.max_bytes)
            except TooLarge as exc:
                yield SourceFailure(where, str(exc))
                continue
            yield RawDocument(
                data=data,
                location=where,
                media_type="text/html",
                encoding=_charset(content_type),
                url=uri or None,
                fetched=record.rec_headers.get_header("WARC-Date"),
            )
    except (ArchiveLoadFailed, EOFError, ValueError, OSError) as exc:
        yield SourceFailure(f"{location}#record-{number + 1}", f"damaged or truncated WARC: {exc}")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
