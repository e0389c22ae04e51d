"""CSV and JSONL exports: one RawDocument per row, streamed (a file of any size is never held in memory).

Each row becomes ``RawDocument(media_type=RECORD_MEDIA_TYPE, meta={field: value, ...})`` where the fields are the
article fields (title, text, published, url, outlet, author, id) found through the column map; ``data`` holds the
row itself (the JSONL line, or the CSV row as JSON) so that it can be re-processed later.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from presswatch.models import RawDocument, SourceFailure
from presswatch.normalize import decode
from presswatch.sources.options import DEFAULT_COLUMNS, REQUIRED_FIELDS, SourceOptions
from presswatch.sources.streams import too_large_reason

RECORD_MEDIA_TYPE = "application/x-presswatch-record"

# Article bodies in CSV exports are often far larger than the csv module's 128 KiB default field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class ColumnMap:
    """Resolves article fields to the columns of one file, and applies the row rules of the options."""

    def __init__(self, options: SourceOptions) -> None:
        self.options = options
        self.skip = {f: re.compile(p) for f, p in options.skip_rows.items()}
        self.strip = {f: re.compile(p) for f, p in options.strip_prefix.items()}

    def resolve(self, columns: list[str]) -> tuple[dict[str, str], list[str]]:
        """(field -> column actually present, required fields with no column)."""
        by_lower = {c.strip().lower(): c for c in columns}
        mapping: dict[str, str] = {}
        for fieldname, candidates in DEFAULT_COLUMNS.items():
            explicit = self.options.columns.get(fieldname)
            if explicit is not None:
                if explicit in columns or explicit.lower() in by_lower:
                    mapping[fieldname] = explicit if explicit in columns else by_lower[explicit.lower()]
                continue  # an explicit mapping to a missing column is reported, not silently replaced
            for name in candidates:
                if name in by_lower and by_lower[name] not in mapping.values():
                    mapping[fieldname] = by_lower[name]
                    break
        missing = [f for f in REQUIRED_FIELDS if f not in mapping]
        return mapping, missing

    def missing_reason(self, missing: list[str], columns: list[str]) -> str:
        wanted = ", ".join(f"{f} (as {self.options.columns[f]!r})" if f in self.options.columns else f for f in missing)
        return (
            f"missing column for {wanted}; columns present: {', '.join(columns) or 'none'}; "
            f"map one with --columns {missing[0]}=NAME"
        )

    def fields(self, row: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any] | None:
        """The article fields of a row, or None when a skip rule leaves it out; RowRejected when it is unusable."""
        meta: dict[str, Any] = {}
        for fieldname, column in mapping.items():
            value = row.get(column)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                value = value if fieldname == "published" and isinstance(value, (int, float)) else _as_text(value)
            meta[fieldname] = value
        for fieldname in REQUIRED_FIELDS:
            if not isinstance(meta.get(fieldname), str) or not meta[fieldname].strip():
                raise RowRejected(f"missing {fieldname} (column {mapping[fieldname]!r} is empty or absent in this row)")
        for fieldname, pattern in self.skip.items():
            value = meta.get(fieldname)
            if isinstance(value, str) and pattern.search(value):
                return None
        for fieldname, pattern in self.strip.items():
            value = meta.get(fieldname)
            if isinstance(value, str):
                meta[fieldname] = pattern.sub("", value, count=1)
                if fieldname in REQUIRED_FIELDS and not meta[fieldname].strip():
                    raise RowRejected(f"{fieldname} is empty once the prefix rule {pattern.pattern!r} is applied")
        return meta


class RowRejected(Exception):
    """A row that cannot become a document; the message is the reason reported for it."""


def _as_text(value: Any) -> str:
    if isinstance(value, list):  # authors: ["A", "B"]
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def iter_jsonl(
    lines: Iterable[bytes], location: str, options: SourceOptions, unit: str = "line"
) -> Iterator[RawDocument | SourceFailure]:
    """One RawDocument per JSON object line (``file.jsonl:line N``); bad lines are reported and skipped.

    ``lines`` is any iterable of byte lines: an open binary file streams line by line.
    """
    columns = ColumnMap(options)
    mappings: dict[tuple[str, ...], tuple[dict[str, str], list[str]]] = {}  # rows usually share one key set
    for number, line in enumerate(lines, start=1):
        where = f"{location}:{unit} {number}"
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")  # a BOM is not part of the first record
        if len(line) > options.max_bytes:
            yield SourceFailure(where, too_large_reason(options.max_bytes))
            continue
        if not line.strip():
            continue
        try:
            try:
                row = json.loads(line)
            except UnicodeDecodeError:  # a line in a legacy encoding (JSON must be UTF-8, exports are not always)
                row = json.loads(decode(line))
        except ValueError as exc:
            yield SourceFailure(where, f"not valid JSON: {exc}")
            continue
        if not isinstance(row, dict):
            yield SourceFailure(where, f"expected a JSON object, got {type(row).__name__}")
            continue
        keys = tuple(row)
        if keys not in mappings:
            mappings[keys] = columns.resolve(list(keys))
        mapping, missing = mappings[keys]
        if missing:
            yield SourceFailure(where, columns.missing_reason(missing, list(keys)))
            continue
        try:
            meta = columns.fields(row, mapping)
        except RowRejected as exc:
            yield SourceFailure(where, str(exc))
            continue
        if meta is None:
            continue
        yield RawDocument(
            data=line.rstrip(b"\r\n"), location=where, media_type=RECORD_MEDIA_TYPE, url=meta.get("url"), meta=meta
        )


def iter_json_array(data: bytes, location: str, options: SourceOptions) -> Iterator[RawDocument | SourceFailure]:
    """A ``.json`` file holding one array of objects (read whole: it is capped by max_bytes before this)."""
    try:
        rows = json.loads(data)
    except ValueError as exc:
        yield SourceFailure(location, f"not valid JSON: {exc}")
        return
    if not isinstance(rows, list):
        yield SourceFailure(location, "a .json file must hold an array of article objects (or use JSONL)")
        return
    lines = (json.dumps(r, ensure_ascii=False).encode() for r in rows)
    yield from iter_jsonl(lines, location, options, unit="item")


def iter_csv(
    stream: BinaryIO, location: str, options: SourceOptions, encoding: str = "utf-8", name: str = ""
) -> Iterator[RawDocument | SourceFailure]:
    """One RawDocument per data row (``file.csv:row N``, N counting data rows from 1)."""
    # utf-8-sig: spreadsheet exports start with a BOM, which would otherwise become part of the first column's name
    codec = "utf-8-sig" if encoding in ("utf-8", "utf_8") else encoding
    text = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")
    sample = text.read(64 * 1024)
    header_line = sample.split("\n", 1)[0]
    # The delimiter is the separator the header row uses most; quoting is always the standard double-quote style
    # (csv.Sniffer guesses quote characters from one line, and guesses wrong).
    delimiter = max(",\t;|", key=header_line.count) if header_line else ","
    if name.lower().removesuffix(".gz").endswith(".tsv") and "\t" in header_line:
        delimiter = "\t"
    reader = csv.reader(_Chain(sample, text), delimiter=delimiter, doublequote=True, quotechar='"')
    try:
        header = next(reader)
    except StopIteration:
        yield SourceFailure(location, "empty CSV file (no header row)")
        return
    columns = ColumnMap(options)
    mapping, missing = columns.resolve(header)
    if missing:
        yield SourceFailure(location, columns.missing_reason(missing, header))
        return
    index = {c: i for i, c in enumerate(header)}
    number = 0
    while True:
        number += 1
        where = f"{location}:row {number}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield SourceFailure(where, f"malformed CSV: {exc}")
            return  # the reader cannot resynchronise after a broken quote
        if not cells or cells == [""]:
            continue
        size = sum(len(c) for c in cells)
        if size > options.max_bytes:
            yield SourceFailure(where, too_large_reason(options.max_bytes))
            continue
        if len(cells) < len(header):
            absent = [h for h in header[len(cells) :] if h in mapping.values()]
            if any(mapping.get(f) in absent for f in REQUIRED_FIELDS):
                yield SourceFailure(
                    where, f"row has {len(cells)} of {len(header)} columns; missing {', '.join(absent)}"
                )
                continue
        row = {c: cells[i] for c, i in index.items() if i < len(cells)}
        try:
            meta = columns.fields(row, mapping)
        except RowRejected as exc:
            yield SourceFailure(where, str(exc))
            continue
        if meta is None:
            continue
        yield RawDocument(
            data=json.dumps(row, ensure_ascii=False).encode(),
            location=where,
            media_type=RECORD_MEDIA_TYPE,
            url=meta.get("url"),
            meta=meta,
        )


class _Chain:
    """Iterate lines of ``sample`` then the rest of ``text`` (the sniffed sample must not be lost)."""

    def __init__(self, sample: str, text: io.TextIOBase) -> None:
        self._first = io.StringIO(sample, newline="")
        self._rest = text
        self._in_first = True

    def __iter__(self) -> _Chain:
        return self

    def __next__(self) -> str:
        if self._in_first:
            line = self._first.readline()
            if line.endswith(("\n", "\r")):
                return line
            self._in_first = False  # the sample ends mid-line: complete it from the stream
            rest = self._rest.readline()
            if line or rest:
                return line + rest
            raise StopIteration
        line = self._rest.readline()
        if not line:
            raise StopIteration
        return line
