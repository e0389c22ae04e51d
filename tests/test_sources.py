"""Sources: files, directories, stdin, gzip, JSONL, CSV, zip archives, presets (real files in tmp_path)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from presswatch.layouts import parse
from presswatch.models import RawDocument, SourceFailure
from presswatch.sources import RECORD_MEDIA_TYPE, SourceOptions, iter_documents


def docs(spec: str | Path, **options) -> list[RawDocument | SourceFailure]:
    return list(iter_documents(str(spec), SourceOptions(**options)))


def test_text_file_is_one_plain_document(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    (doc,) = docs(path)
    assert isinstance(doc, RawDocument)
    assert doc.location == str(path) and doc.media_type == "text/plain"
    (article,) = parse(doc)
    assert article.title == "Harbour reopens" and article.paragraphs == ["The harbour reopened on Monday."]


def test_gzip_is_read_by_its_magic_bytes_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"  # no .gz suffix on purpose
    path.write_bytes(gzip.compress(b"Bridge closes\n\nThe old bridge closed for repairs.\n"))
    (doc,) = docs(path)
    assert doc.data.startswith(b"Bridge closes")


def test_jsonl_rows_stream_with_default_column_names(tmp_path: Path) -> None:
    rows = [
        {
            "headline": "Port fees rise",
            "body": "Fees rose.\n\nShips complained.",
            "date": "2020-05-01",
            "link": "http://e.x/1",
        },
        {"headline": "No body here", "date": "2020-05-02"},
        {"headline": "Rain stops play", "body": "It rained all day.", "source": "Example Times"},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    items = docs(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "SourceFailure", "RawDocument", "SourceFailure"]
    first, missing, third, broken = items
    assert first.media_type == RECORD_MEDIA_TYPE and first.location == f"{path}:line 1"
    assert first.meta == {
        "title": "Port fees rise",
        "text": "Fees rose.\n\nShips complained.",
        "published": "2020-05-01",
        "url": "http://e.x/1",
    }
    assert missing.location == f"{path}:line 2" and "text" in missing.reason
    assert third.meta["outlet"] == "Example Times"
    assert broken.location == f"{path}:line 4" and "not valid JSON" in broken.reason
    (article,) = parse(first)
    assert article.layout == "record" and article.paragraphs == ["Fees rose.", "Ships complained."]
    assert article.published == "2020-05-01" and article.url == "http://e.x/1"


def test_csv_with_explicit_column_map_and_large_field(tmp_path: Path) -> None:
    big = "word " * 60_000  # 300 kB: beyond the csv module's default field limit
    path = tmp_path / "export.csv"
    path.write_text(f'hed,copy,when\n"A, quoted title","{big}",2019-02-03\nSecond,"Short text.",\n', encoding="utf-8")
    items = docs(path, columns={"title": "hed", "text": "copy", "published": "when"})
    assert all(isinstance(i, RawDocument) for i in items), items
    assert [i.location for i in items] == [f"{path}:row 1", f"{path}:row 2"]
    assert items[0].meta["title"] == "A, quoted title" and len(items[0].meta["text"]) == len(big)


def test_csv_missing_required_column_names_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,date\nA,2020-01-01\n")
    (failure,) = docs(path)
    assert isinstance(failure, SourceFailure) and failure.location == str(path)
    assert "missing column for text" in failure.reason and "--columns text=NAME" in failure.reason


def test_directory_walk_with_globs_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One\n\nFirst.\n")
    (tmp_path / "a" / "skip.log").write_text("Log\n\nNot news.\n")
    (tmp_path / "two.txt").write_text("Two\n\nSecond.\n")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNo.\n")
    found = [Path(d.location).name for d in docs(tmp_path, include=["*.txt"])]
    assert found == ["one.txt", "two.txt"]
    assert [Path(d.location).name for d in docs(tmp_path, exclude=["a/*"])] == ["two.txt"]
    assert [Path(d.location).name for d in docs(tmp_path, recursive=False)] == ["two.txt"]


def test_stdin(tmp_path: Path) -> None:
    code = (
        "from presswatch.sources import iter_documents, SourceOptions\n"
        "for d in iter_documents('-', SourceOptions()): print(d.location, d.media_type, len(d.data))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=b"Title\n\nBody text.\n", capture_output=True, check=True
    ).stdout
    assert out.decode().split() == ["-", "text/plain", "18"]


def test_zip_members_and_nested_zip_in_a_wheel(tmp_path: Path) -> None:
    inner = tmp_path / "corpus.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Corpus.csv", "title,text\nFirst,Alpha text.\nSecond,Beta text.\n")
    wheel = tmp_path / "tool-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(inner, "tool/data/corpus.zip")
        z.writestr("tool/__init__.py", "")
    direct = docs(inner)
    assert [d.location for d in direct] == [f"{inner}!Corpus.csv:row 1", f"{inner}!Corpus.csv:row 2"]
    nested = docs(f"{wheel}!tool/data/corpus.zip")
    assert [d.meta["title"] for d in nested] == ["First", "Second"]
    assert nested[0].location == f"{wheel}!tool/data/corpus.zip!Corpus.csv:row 1"
    member = docs(f"{wheel}!tool/data/corpus.zip!Corpus.csv")
    assert len(member) == 2
    assert len(docs(tmp_path, include=["*.zip"])) == 2  # the glob picks the archive; its members are all read
    assert docs(tmp_path, include=["*.zip", "*.whl"], exclude=["*.csv", "*.py"]) == []
    (missing,) = docs(f"{wheel}!tool/data/nothing.zip")
    assert isinstance(missing, SourceFailure) and "no member" in missing.reason


def test_wikinews_style_preset_drops_rows_and_strips_dateline(tmp_path: Path) -> None:
    path = tmp_path / "wiki.csv"
    path.write_text(
        "url,date,title,text\n"
        'http://w/1,2019-01-04,Town opens library,"Friday, January 4, 2019\u00a0\n\n\nThe town opened a library."\n'
        'http://w/2,2019-01-05,TEST PAGE:Try,"This is a test."\n'
        'http://w/3,2019-01-06,Draft,"This article requires pre-publication review."\n',
        encoding="utf-8",
    )
    items = docs(path, preset="wikinews")
    assert len(items) == 1
    assert items[0].meta["text"] == "The town opened a library."
    assert len(docs(path)) == 3  # without the preset every row is read


def test_json_array_and_tsv(tmp_path: Path) -> None:
    array = tmp_path / "export.json"
    array.write_text(json.dumps([{"title": "One", "text": "First."}, {"title": "Two", "content": "Second."}]))
    assert [(d.location, d.meta["text"]) for d in docs(array)] == [
        (f"{array}:item 1", "First."),
        (f"{array}:item 2", "Second."),
    ]
    tsv = tmp_path / "export.tsv"
    tsv.write_text("headline\tstory\tpublished\nTabbed, with a comma\tBody, also with commas.\t2020-03-04\n")
    (row,) = docs(tsv)
    assert row.meta == {"title": "Tabbed, with a comma", "text": "Body, also with commas.", "published": "2020-03-04"}


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = (
        "<p>"
        + "Caf\u00e9 owners say the \u2018new\u2019 rules are unfair to small shops in the old town. " * 3
        + "</p>"
    )
    html = f'<html><head><meta charset="windows-1252"><title>Caf\u00e9 rules</title></head><body>{body}</body></html>'
    page.write_bytes(html.encode("cp1252"))
    (article,) = parse(docs(page)[0])
    assert article.title == "Caf\u00e9 rules" and "\u2018new\u2019" in article.text


def test_options_pickle_and_declare_their_help() -> None:
    import pickle
    from dataclasses import fields

    options = SourceOptions(include=["*.csv"], columns={"text": "body"}, preset="wikinews")
    assert pickle.loads(pickle.dumps(options)) == options
    assert all(SourceOptions.help(f.name) for f in fields(SourceOptions))
    resolved = options.resolved()
    assert resolved.columns == {"text": "body"} and "title" in resolved.skip_rows and resolved.preset is None


def test_unknown_preset_is_a_usage_error() -> None:
    import pytest

    from presswatch.errors import UsageError

    with pytest.raises(UsageError, match="known presets: .*wikinews"):
        list(iter_documents("-", SourceOptions(preset="nope")))


def test_legacy_encoded_jsonl_line_and_csv(tmp_path: Path) -> None:
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_bytes(
        '{"title": "Caf\u00e9 opens", "text": "It\u2019s open."}\n'.encode("cp1252")
        + '{"title": "Na\u00efve plan", "text": "UTF-8 line."}\n'.encode()
    )
    assert [d.meta["title"] for d in docs(jsonl)] == ["Caf\u00e9 opens", "Na\u00efve plan"]
    csv_path = tmp_path / "export.csv"
    csv_path.write_bytes("title,text\nCaf\u00e9 opens,It\u2019s open.\n".encode("cp1252"))
    (row,) = docs(csv_path)
    assert row.meta == {"title": "Caf\u00e9 opens", "text": "It\u2019s open."}


def test_prose_that_starts_like_a_header_is_not_csv(tmp_path: Path) -> None:
    prose = tmp_path / "note"
    prose.write_text("Date, time and place were set\n\nThe council set the date, time and place of the vote.\n")
    (doc,) = docs(prose)
    assert doc.media_type == "text/plain"
    export = tmp_path / "export"  # no extension: recognised by its header row
    export.write_text("id,title,text,date\n1,T,Body.,2020-01-01\n")
    (row,) = docs(export)
    assert row.meta["id"] == "1" and row.location == f"{export}:row 1"


def test_nesting_is_limited(tmp_path: Path) -> None:
    data = b"Deep\n\nText.\n"
    for _ in range(6):
        data = gzip.compress(data)
    (tmp_path / "deep.txt").write_bytes(data)
    (failure,) = docs(tmp_path / "deep.txt")
    assert isinstance(failure, SourceFailure) and "more than 4 levels deep" in failure.reason
    data = b"Shallow\n\nText.\n"
    for _ in range(3):
        data = gzip.compress(data)
    (tmp_path / "ok.txt").write_bytes(data)
    (doc,) = docs(tmp_path / "ok.txt")
    assert doc.data == b"Shallow\n\nText.\n"


def test_bad_row_rule_is_a_usage_error() -> None:
    import pytest

    from presswatch.errors import UsageError

    with pytest.raises(UsageError, match="skip_rows for title: '\\(unclosed' is not a regular expression"):
        list(iter_documents("-", SourceOptions(skip_rows={"title": "(unclosed"})))


def test_jsonl_line_over_max_bytes_is_reported_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    huge = json.dumps({"title": "Huge", "text": "x" * 5000})
    path.write_text(f'{{"title": "A", "text": "Short."}}\n{huge}\n{{"title": "B", "text": "After."}}\n')
    first, failure, last = docs(path, max_bytes=1000)
    assert failure.location == f"{path}:line 2" and "larger than 1000 bytes" in failure.reason
    assert first.meta["title"] == "A" and last.meta["title"] == "B"


def test_byte_order_mark_in_exports(tmp_path: Path) -> None:
    csv_path = tmp_path / "excel.csv"
    csv_path.write_bytes(b"\xef\xbb\xbftitle,text\nA,Body.\n")
    (row,) = docs(csv_path)
    assert row.meta == {"title": "A", "text": "Body."}
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_bytes(b'\xef\xbb\xbf{"title": "A", "text": "B."}\n')
    (line,) = docs(jsonl)
    assert line.data == b'{"title": "A", "text": "B."}'


def test_file_name_that_is_not_utf8_gives_a_storable_location(tmp_path: Path) -> None:
    import os

    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.txt"  # a latin-1 file name
    with open(raw_name, "wb") as handle:
        handle.write(b"Cafe\n\nText.\n")
    (doc,) = docs(tmp_path)
    assert isinstance(doc, RawDocument) and doc.location.endswith("/caf\ufffd.txt")
    doc.location.encode("utf-8")  # would raise for a lone surrogate
