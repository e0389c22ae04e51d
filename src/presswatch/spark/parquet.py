"""The Parquet form of enriched articles: one row per article (or per input item that failed), in input order.

Columns (``COLUMNS``; ``SCHEMA_DDL`` is the same as a Spark schema):

- ``input_index``, ``item_index``: the position of the row in the input (the n-th input spec or file of a walked
  directory, the n-th item read from it). Rows are written sorted by them, so the part files read in name order give
  the input order, and loading them makes the same dedup decisions as a plain ``presswatch ingest`` of the inputs.
- the ``Article`` fields (``id``, ``title``, ``text``, ``paragraph_spans``, ... ``raw``); null on a failure row.
- ``enrich_version``: ``ENRICH_VERSION`` of the pipeline that enriched the row (null when it was not enriched).
- ``enrichment``: the ``EnrichedArticle`` as JSON (``to_dict``). JSON rather than nested structs: the record is deep and
  grows between versions, and JSON rebuilds it exactly with ``from_dict``; Spark SQL reads it with ``from_json`` or
  ``get_json_object``.
- ``location``, ``error_stage`` (source | layout | enrich), ``error_reason``: where an item came from, and why it
  failed when it did. A failure row with no article is an input that could not be read or parsed; an article row with
  an error is an article whose enrichment failed (it is still loaded, unenriched, as ``presswatch ingest`` does).

The row helpers here are plain Python (no Spark), so the loader needs only pyarrow.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from presswatch.enrich.pipeline import ENRICH_VERSION
from presswatch.errors import UsageError
from presswatch.models import Article, EnrichedArticle, SourceFailure

Key = tuple[int, int]  # (input_index, item_index)

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("title", "string"),
    ("text", "string"),
    ("paragraph_spans", "array<array<int>>"),
    ("url", "string"),
    ("published", "string"),
    ("outlet", "string"),
    ("author", "string"),
    ("kind", "string"),
    ("print_citation", "struct<paper:string,date:string,page:string>"),
    ("language", "string"),
    ("tags", "array<string>"),
    ("source", "string"),
    ("layout", "string"),
    ("raw", "string"),
)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("input_index", "bigint"),
    ("item_index", "bigint"),
    *ARTICLE_COLUMNS,
    ("enrich_version", "string"),
    ("enrichment", "string"),
    ("location", "string"),
    ("error_stage", "string"),
    ("error_reason", "string"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
_ARTICLE_NAMES = tuple(name for name, _ in ARTICLE_COLUMNS)


SCHEMA_DDL = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)  # the Spark schema, as createDataFrame takes it


def article_row(key: Key, article: Article, result: EnrichedArticle | SourceFailure) -> tuple[Any, ...]:
    """The row of an article with its enrichment, or with the failure of its enrichment."""
    values = article.to_dict()
    cells = tuple(values[name] for name in _ARTICLE_NAMES)
    if isinstance(result, SourceFailure):
        return (*key, *cells, None, None, result.location, result.stage, result.reason)
    enrichment = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return (*key, *cells, result.version, enrichment, article.source, None, None)


def failure_row(key: Key, failure: SourceFailure) -> tuple[Any, ...]:
    """The row of an input item that could not be read or parsed."""
    return (*key, *(None for _ in _ARTICLE_NAMES), None, None, failure.location, failure.stage, failure.reason)


Loaded = tuple[Article, EnrichedArticle | SourceFailure | None] | SourceFailure


def from_row(row: dict[str, Any], where: str) -> Loaded:
    """A row back as (article, enrichment) — the enrichment None when it is not of the current ``ENRICH_VERSION``,
    a SourceFailure when it failed — or as the SourceFailure of an item that failed. ``where`` locates the row
    (``part-00000.parquet:row 12``); a row that cannot be rebuilt raises ``BadRow`` with the reason."""
    if row.get("text") is None:
        if row.get("error_reason") is None:
            raise BadRow("neither an article (no text) nor a failure (no error_reason)")
        return SourceFailure(row.get("location") or where, row["error_reason"], row.get("error_stage") or "source")
    try:
        article = Article.from_dict({name: row.get(name) for name in _ARTICLE_NAMES if row.get(name) is not None})
    except (TypeError, ValueError) as exc:
        raise BadRow(f"not an article: {exc}") from None
    if not isinstance(article.text, str) or not isinstance(article.title, str):
        raise BadRow("title and text must be strings")
    if row.get("error_reason") is not None:
        failure = SourceFailure(row.get("location") or article.source or where, row["error_reason"], "enrich")
        return article, failure
    if row.get("enrich_version") != ENRICH_VERSION or row.get("enrichment") is None:
        return article, None
    try:
        enrichment = EnrichedArticle.from_dict(json.loads(row["enrichment"]))
    except (TypeError, ValueError) as exc:
        raise BadRow(f"enrichment is not an enriched article as JSON: {exc}") from None
    if enrichment.article_id != article.id:
        raise BadRow(f"enrichment is of article {enrichment.article_id}, not of this row's article {article.id}")
    return article, enrichment


class BadRow(Exception):
    """A row that cannot be rebuilt into an article or a failure; the message is the reason."""


def part_files(paths: Sequence[str]) -> list[Path]:
    """The Parquet files to read, in order: a file as given, a directory (Spark's output) by part-file name."""
    files: list[Path] = []
    for spec in paths:
        path = Path(spec)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".parquet" and not p.name.startswith((".", "_")))
            if not found:
                raise UsageError(f"{spec}: no .parquet files in this directory (is it the --out of `spark enrich`?)")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{spec}: no such file or directory")
    return files


def iter_rows(files: Sequence[Path], batch_size: int = 256) -> Iterator[tuple[str, dict[str, Any]]]:
    """(location, row) of every row of the files, streaming a batch at a time; a file whose columns are not those of
    ``COLUMNS`` raises UsageError naming what is missing."""
    import pyarrow.parquet as pq

    for path in files:
        handle = pq.ParquetFile(path)
        missing = [name for name in COLUMN_NAMES if name not in handle.schema_arrow.names]
        if missing:
            names = ", ".join(missing)
            raise UsageError(f"{path}: not the output of `presswatch spark enrich` (no column {names})")
        number = 0
        for batch in handle.iter_batches(batch_size=batch_size, columns=list(COLUMN_NAMES)):
            for row in batch.to_pylist():
                number += 1
                yield f"{path.name}:row {number}", row
