"""Inputs -> Articles on Spark, through the same sources and layouts as ``presswatch ingest``.

Where files are read: the driver only lists them (``plan_inputs`` walks directories, in the sorted order and with the
globs of the sources layer); each file is then opened by the executor task that reads it (``read_input``). So the
driver never holds the corpus, a file is streamed rather than loaded whole (a WARC of gigabytes is read record by
record, where ``binaryFiles`` would hand a task the whole file as one byte array), and every format the sources layer
reads (WARC, JSONL, CSV, HTML, text, feeds, zip, gzip, URLs) is read by exactly its code. The price: on a cluster the
inputs must be at the same path on every executor (a shared or network file system); in local mode they are.

Parquet is read here too (the sources layer does not read it): its rows go through the column map of JSONL exports
(``--columns``, ``--preset``) and become ``record`` documents, as a JSONL line would.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from presswatch.errors import PresswatchError, UsageError
from presswatch.ingest import strip_location
from presswatch.models import Article, RawDocument, SourceFailure
from presswatch.sources import SourceOptions, iter_documents
from presswatch.sources.files import display_path, walk
from presswatch.sources.records import iter_jsonl
from presswatch.spark.parquet import Key

PARQUET_MAGIC = b"PAR1"
NO_FILES = "no files found in this directory (check the path and --include/--exclude)"  # as ingest says it
Input = str | SourceFailure  # what one task reads: a spec (file, URL, archive member), or a failure of the listing


def plan_inputs(specs: Sequence[str], options: SourceOptions) -> list[Input]:
    """The inputs, one per task, in ingest order: each directory walked into its files, the rest as given."""
    if "-" in specs:
        raise UsageError("Spark cannot read standard input (its tasks run elsewhere): save it to a file and give that")
    options = options.resolved()
    inputs: list[Input] = []
    for spec in specs:
        path = Path(spec)
        if not path.is_dir():
            inputs.append(spec)
            continue
        before = len(inputs)
        inputs.extend(found if isinstance(found, SourceFailure) else str(found) for found in walk(path, options))
        if len(inputs) == before:
            inputs.append(SourceFailure(spec, NO_FILES))
    return inputs


def read_input(
    indexed: tuple[int, Input], options: SourceOptions, layout: str | None
) -> Iterator[tuple[Key, Article | SourceFailure]]:
    """The articles of one input (a task's work), keyed by (input index, item index); what fails is a SourceFailure."""
    from presswatch.layouts import parse

    index, spec = indexed
    if isinstance(spec, SourceFailure):
        yield (index, 0), spec
        return
    number = 0
    for item in _documents(spec, options.resolved()):
        if isinstance(item, SourceFailure):
            found: list[Article | SourceFailure] = [item]
        else:
            try:
                found = list(parse(item, layout))
            except PresswatchError as exc:  # LayoutError: the message starts with the location
                found = [SourceFailure(item.location, strip_location(str(exc), item.location), stage="layout")]
        for thing in found:
            yield (index, number), thing
            number += 1


def _documents(spec: str, options: SourceOptions) -> Iterator[RawDocument | SourceFailure]:
    if _is_parquet(spec):
        yield from iter_parquet(Path(spec), options)
    else:
        yield from iter_documents(spec, options)


def _is_parquet(spec: str) -> bool:
    try:
        with open(spec, "rb") as handle:
            return handle.read(len(PARQUET_MAGIC)) == PARQUET_MAGIC
    except OSError:
        return False  # not a local file (a URL, an archive member) or unreadable: the sources layer says which


def iter_parquet(path: Path, options: SourceOptions, batch_size: int = 256) -> Iterator[RawDocument | SourceFailure]:
    """One ``record`` document per row (``file.parquet:row N``), found by the same column map as a JSONL line."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    location = display_path(path)
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=batch_size)
        lines = (_json_line(row) for batch in batches for row in batch.to_pylist())
        yield from iter_jsonl(lines, location, options, unit="row")
    except (OSError, pa.ArrowException) as exc:
        yield SourceFailure(location, f"damaged Parquet file: {exc}")


def _json_line(row: dict[str, Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False, default=_json_value).encode()


def _json_value(value: object) -> object:
    """Parquet values JSON has no type for: dates and times as ISO text, bytes as text, anything else as its str."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
