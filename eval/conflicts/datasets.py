"""Read the statements of the labelled pairs from the real corpora, in place (no article text is kept in the repo).

Each pair names its records the way the dataset does: ``newsarticles`` by ``article_id`` (the CSV inside
NewsArticles.zip), ``state-dept`` by ``guid`` (JSONL), ``bbc`` by file path under ``bbc/bbc/`` and ``wikinews`` by
``url`` (CSV). Offsets index into the record's text exactly as the dataset gives it (the ``text`` column or the whole
file); ``sha`` is the first 12 hex digits of the SHA-1 of the statement text, to detect drift in the data.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from functools import cache
from pathlib import Path

csv.field_size_limit(10**8)

DATASETS = ("newsarticles", "state-dept", "bbc", "wikinews")


def statement_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@cache
def _newsarticles(data: Path) -> dict[str, str]:
    with zipfile.ZipFile(data / "newsarticles" / "NewsArticles.zip") as z:
        raw = z.read("NewsArticles.csv").decode("utf-8", errors="replace")
    return {row["article_id"]: row["text"] for row in csv.DictReader(io.StringIO(raw))}


@cache
def _state_dept(data: Path) -> dict[str, str]:
    out = {}
    with open(data / "state-dept-pr" / "state_dept_press_releases_2021_2022.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["guid"]] = rec["text"]
    return out


@cache
def _wikinews(data: Path) -> dict[str, str]:
    out = {}
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with open(data / "wikinews" / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["url"]] = row["text"]
    return out


def record_text(data: Path, dataset: str, record: str) -> str:
    """The text of one record, as the dataset gives it. KeyError when the record is not there."""
    if dataset == "newsarticles":
        return _newsarticles(data)[record]
    if dataset == "state-dept":
        return _state_dept(data)[record]
    if dataset == "wikinews":
        return _wikinews(data)[record]
    if dataset == "bbc":
        return (data / "bbc" / "bbc" / record).read_bytes().decode("latin-1")
    raise KeyError(f"unknown dataset {dataset!r}")


def records(data: Path, dataset: str) -> dict[str, str]:
    """Every record of a dataset (id -> text); for bbc, relative file paths."""
    if dataset == "newsarticles":
        return _newsarticles(data)
    if dataset == "state-dept":
        return _state_dept(data)
    if dataset == "wikinews":
        return _wikinews(data)
    if dataset == "bbc":
        root = data / "bbc" / "bbc"
        return {str(p.relative_to(root)): p.read_bytes().decode("latin-1") for p in sorted(root.glob("*/*.txt"))}
    raise KeyError(f"unknown dataset {dataset!r}")
