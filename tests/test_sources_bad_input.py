"""Bad input, each kind tried through iter_documents + layouts.parse: every one is reported (a SourceFailure with the
location and the reason, or a LayoutError), none raises, and the items after it are still read."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from presswatch.layouts import LayoutError, parse
from presswatch.models import Article, RawDocument, SourceFailure
from presswatch.sources import SourceOptions, iter_documents

GOOD = "Zebra crossing repainted\n\nThe crossing outside the school was repainted on Tuesday.\n"


def run(spec: str | Path, **options) -> tuple[list[Article], dict[str, str]]:
    """The pipeline as ingest runs it: articles, and location -> reason for everything that failed."""
    articles: list[Article] = []
    failures: dict[str, str] = {}
    for item in iter_documents(str(spec), SourceOptions(**options)):
        if isinstance(item, SourceFailure):
            failures[item.location] = item.reason
            continue
        try:
            articles.extend(parse(item))
        except LayoutError as exc:
            failures[item.location] = str(exc)
    return articles, failures


def _with_good_after(folder: Path) -> Path:
    (folder / "zz-good.txt").write_text(GOOD)  # sorted last: proves the run went on
    return folder


def _titles(articles: list[Article]) -> list[str]:
    return [a.title for a in articles]


def test_empty_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n \t\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    articles, failures = run(_with_good_after(tmp_path))
    assert failures[str(tmp_path / "empty.txt")] == "empty file: nothing to read"
    assert "empty document" in failures[str(tmp_path / "blank.txt")]
    assert failures[str(tmp_path / "image.txt")].startswith("binary file")
    assert _titles(articles) == ["Zebra crossing repainted"]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "cp1252",
            "Caf\u00e9 owners object\n\nThey say the \u2018new\u2019 rules \u2013 from Monday \u2013 are "
            "\u201cunfair\u201d.",
        ),
        ("shift_jis", "外相会談\n\n東京で外相会談が行われた。政府関係者によると、領土問題は議論されなかったという。\n"),
        ("euc_jp", "外相会談\n\n東京で外相会談が行われた。政府関係者によると、領土問題は議論されなかったという。\n"),
    ],
)
def test_legacy_encodings_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = run(path)[0]
    assert article.text == text  # plain layout: the decoded file, character for character
    assert article.language == ("en" if encoding == "cp1252" else "ja")


def test_mixed_encodings_per_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Caf\u00e9 closes\n\n".encode()
        + "The owner said the r\u00e9sum\u00e9 was \u2013 na\u00efvely \u2013 late.\n".encode("cp1252")
        + "\u201cWe tried,\u201d she said.\n".encode()
    )
    (article,) = run(path)[0]
    assert article.paragraphs == [
        "The owner said the r\u00e9sum\u00e9 was \u2013 na\u00efvely \u2013 late.\n\u201cWe tried,\u201d she said."
    ]


def test_wrong_declared_encoding_is_not_trusted(tmp_path: Path) -> None:
    doc = RawDocument(data="Caf\u00e9 \u201cnews\u201d\n\nBody.".encode(), location="x", encoding="latin-1")
    (article,) = parse(doc)
    assert article.title == "Caf\u00e9 \u201cnews\u201d"  # UTF-8 bytes declared as latin-1: UTF-8 wins


def test_truncated_gzip_and_truncated_warc(tmp_path: Path) -> None:
    whole = gzip.compress(("\n".join(f'{{"title": "Row {i}", "text": "Text {i}."}}' for i in range(2000))).encode())
    (tmp_path / "rows.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(GOOD.encode() * 50)[:60])
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(3):
        body = f"<html><body><h1>Page {n}</h1><p>{'Some words here. ' * 40}</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"http://x.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    data = buffer.getvalue()
    (tmp_path / "crawl.warc.gz").write_bytes(data[: len(data) - 150])
    articles, failures = run(_with_good_after(tmp_path))
    rows = [a for a in articles if a.title.startswith("Row ")]
    assert 0 < len(rows) < 2000  # what could be read before the cut was read
    assert "truncated compressed data" in failures[str(tmp_path / "rows.jsonl.gz")]
    assert "truncated compressed data" in failures[str(tmp_path / "page.txt.gz")]
    warc_failures = {k: v for k, v in failures.items() if "crawl.warc.gz" in k}
    ((where, reason),) = warc_failures.items()
    assert where.startswith(f"{tmp_path / 'crawl.warc.gz'}#record-3") and "damaged or truncated WARC" in reason
    assert sum(a.source.startswith(str(tmp_path / "crawl.warc.gz")) for a in articles) == 2
    assert "Zebra crossing repainted" in _titles(articles)


def test_malformed_html_and_malformed_feed(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<html><body><p>Unclosed <b>tags <div>Ferry talks stall as the council waits")
    (tmp_path / "broken.rss").write_text('<?xml version="1.0"?><rss><channel><title>x</title><item><title>cut')
    (tmp_path / "garbage.xml").write_text('<?xml version="1.0"?><rss><<<>>>')
    (tmp_path / "catalogue.xml").write_text('<?xml version="1.0"?>\n<!DOCTYPE cat>\n<catalogue><i>x</i></catalogue>')
    articles, failures = run(_with_good_after(tmp_path))
    # malformed HTML is handled: the text in it is read
    assert [a.text for a in articles if "Ferry talks" in a.text] == [
        "Unclosed tags Ferry talks stall as the council waits"
    ]
    # a cut feed: feedparser recovers an entry without content, which is then reported as empty
    assert "empty document" in failures[f"{tmp_path / 'broken.rss'}#entry-1"]
    assert "malformed feed" in failures[str(tmp_path / "garbage.xml")]
    assert "root <catalogue>" in failures[str(tmp_path / "catalogue.xml")]
    assert "Zebra crossing repainted" in _titles(articles)


def test_file_over_max_bytes_is_rejected_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # 50 MB, generated here, never committed
        line = b"The harbour committee met again today to discuss the ferry.\n"
        handle.write(line * (50_000_000 // len(line) + 1))
    assert path.stat().st_size > 50_000_000
    articles, failures = run(_with_good_after(tmp_path))
    assert failures[str(path)] == f"larger than {32 * 1024 * 1024} bytes; raise --max-bytes to accept it"
    assert _titles(articles) == ["Zebra crossing repainted"]


@pytest.mark.slow
def test_file_over_default_limit_is_read_when_the_limit_is_raised(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The harbour committee met again today to discuss the ferry.\n"
    path.write_bytes(b"Ferry minutes\n\n" + line * (50_000_000 // len(line) + 1))
    (article,) = run(path, max_bytes=64 * 1024 * 1024)[0]
    assert article.title == "Ferry minutes" and len(article.text) == path.stat().st_size


def test_unreadable_entries_fifo_vanished_file_and_directory_named_like_a_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "vanishing.txt").write_text("Gone\n\nSoon.\n")
    (tmp_path / "a-first.txt").write_text("First\n\nRead before the other file vanished.\n")
    _with_good_after(tmp_path)
    articles: list[Article] = []
    failures: dict[str, str] = {}
    for item in iter_documents(str(tmp_path), SourceOptions()):
        if isinstance(item, SourceFailure):
            failures[item.location] = item.reason
            continue
        articles.extend(parse(item))
        if item.location.endswith("a-first.txt"):
            (tmp_path / "vanishing.txt").unlink()  # removed between listing and reading
    assert "FIFO" in failures[str(tmp_path / "pipe.txt")]
    assert "No such file" in failures[str(tmp_path / "vanishing.txt")]
    assert _titles(articles) == ["First", "Zebra crossing repainted"]
    (empty,) = run(tmp_path / "folder.txt")[1].items()  # given directly: a directory, and an empty one
    assert "no files found" in empty[1]
    (fifo,) = run(tmp_path / "pipe.txt")[1].values()
    assert "not a regular file" in fifo


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    articles, failures = run(_with_good_after(tmp_path))
    assert "symlink loop" in failures[str(tmp_path / "sub" / "back")]
    assert "symlink loop" in failures[str(tmp_path / "self")]
    assert _titles(articles) == ["Zebra crossing repainted"]  # read once, not once per lap of the loop
    (direct,) = run(tmp_path / "self")[1].values()
    assert "symlink loop" in direct


def test_csv_rows_missing_columns_and_cells(tmp_path: Path) -> None:
    (tmp_path / "no-text-column.csv").write_text("title,date\nA,2020-01-01\n")
    (tmp_path / "short-rows.csv").write_text(
        "title,date,text\nFull,2020-01-01,Has text.\nShort,2020-01-02\nAgain,2020-01-03,More.\n"
    )
    (tmp_path / "bad.jsonl").write_text('{"title": "No text"}\n{"title": "With", "text": "Text."}\n')
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as z:
        z.writestr("inner.csv", "headline\nOnly a headline\n")
    (tmp_path / "damaged.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    articles, failures = run(_with_good_after(tmp_path))
    assert "missing column for text" in failures[str(tmp_path / "no-text-column.csv")]
    assert failures[f"{tmp_path / 'short-rows.csv'}:row 2"] == "row has 2 of 3 columns; missing text"
    assert "missing column for text; columns present: title" in failures[f"{tmp_path / 'bad.jsonl'}:line 1"]
    assert "missing column for text" in failures[f"{tmp_path / 'bad.zip'}!inner.csv"]
    assert "damaged zip" in failures[str(tmp_path / "damaged.zip")]
    assert sorted(_titles(articles)) == ["Again", "Full", "With", "Zebra crossing repainted"]
