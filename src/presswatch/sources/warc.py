"""Web archives (WARC, WARC.gz) via warcio: one RawDocument per ``response`` (or ``resource``) record holding HTML.

Location: ``file.warc.gz#record-N <target-uri>`` with N counting records from 1 (all record types, so it matches what
``warcio index`` shows). A truncated or damaged archive yields what could be read, then one SourceFailure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources.options import SourceOptions
from presswatch.sources.streams import TooLarge, pending_error, read_capped

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(stream: BinaryIO, location: str, options: SourceOptions) -> Iterator[RawDocument | SourceFailure]:
    """The HTML responses of one WARC stream (compressed or not: warcio detects it).

    A record shorter than its declared length (the file was cut inside it) is reported, never ingested half; a cut
    after the last complete record is reported for the record that is lost.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    counted = _Counting(stream)
    archive = ArchiveIterator(counted, arc2warc=True)
    end = 0  # where the last complete record ended, in the (decompressed) stream
    try:
        for record in archive:
            number += 1
            item = _read_record(record, number, location, options)
            _drain(record.raw_stream)  # so that a cut inside a record we skip is seen too
            # Fewer bytes than its Content-Length, or no Content-Length at all (WARC requires one): the file was cut
            # inside this record.
            cut = getattr(record.raw_stream, "limit", 0) > 0 or record.rec_headers.get_header("Content-Length") is None
            if cut:
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{location}#record-{number} {uri}".rstrip()
                yield SourceFailure(where, "damaged or truncated WARC: the record ends before its declared length")
                return
            if item is not None:
                yield item
            end = archive.get_record_offset() + (archive.get_record_length() or 0)
    except Exception as exc:  # noqa: BLE001 - warcio raises anything (AttributeError, ValueError ...) on cut headers
        kind = "" if isinstance(exc, ArchiveLoadFailed) else f"{type(exc).__name__}: "
        yield SourceFailure(f"{location}#record-{number + 1}", f"damaged or truncated WARC: {kind}{exc}")
        return
    error = pending_error(stream)
    if error is not None:  # the stream broke after the last complete record: the next one is lost
        yield SourceFailure(f"{location}#record-{number + 1}", f"damaged or truncated WARC: {error}")
    elif counted.count - end > 8:
        # warcio stops quietly at a record whose headers are cut off; the bytes left over say one was there
        yield SourceFailure(
            f"{location}#record-{number + 1}",
            f"damaged or truncated WARC: {counted.count - end} bytes after the last complete record do not form one",
        )


def _read_record(record, number: int, location: str, options: SourceOptions) -> RawDocument | SourceFailure | None:  # type: ignore[no-untyped-def]
    """The document in one record: an HTML response, or None for any other record."""
    if record.rec_type == "response":  # an HTTP response: the page's type is in its HTTP headers
        content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    elif record.rec_type == "resource":  # a page stored without HTTP (wget, browser captures): type in the WARC header
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{location}#record-{number} {uri}".rstrip()
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    try:
        data = read_capped(record.content_stream(), options.max_bytes)
    except TooLarge as exc:
        return SourceFailure(where, str(exc))
    return RawDocument(
        data=data,
        location=where,
        media_type="text/html",
        encoding=_charset(content_type),
        url=uri or None,
        fetched=record.rec_headers.get_header("WARC-Date"),
    )


def _drain(stream: BinaryIO) -> None:
    while stream.read(1024 * 1024):
        pass


class _Counting:
    """A read-only stream wrapper that counts the bytes read through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
