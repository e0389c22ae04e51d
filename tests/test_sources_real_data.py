"""Real data, read in place from ../shared (skips, saying why, where it is absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from presswatch.layouts import LayoutError, parse
from presswatch.models import Article, RawDocument, SourceFailure
from presswatch.sources import SourceOptions, iter_documents


def run(spec: str | Path, options: SourceOptions) -> tuple[list[Article], list[SourceFailure | str]]:
    articles: list[Article] = []
    failures: list[SourceFailure | str] = []
    for item in iter_documents(str(spec), options):
        if isinstance(item, SourceFailure):
            failures.append(item)
            continue
        assert isinstance(item, RawDocument)
        try:
            articles.extend(parse(item))
        except LayoutError as exc:
            failures.append(str(exc))
    return articles, failures


def test_state_department_all_jsonl_files(data_dir: Path) -> None:
    folder = data_dir / "state-dept-pr"
    articles, failures = run(folder, SourceOptions(include=["*.jsonl"]))
    assert failures == []
    assert len(articles) == 2031 + 115  # the full set and its Japan/Russia subset, as SOURCE.md counts them
    subset = {a.id for a in articles if "subset" in a.source}
    full = {a.id for a in articles if "subset" not in a.source}
    assert subset <= full  # the subset's articles are exact duplicates (same id) of the full set's


def test_state_department_jsonl(data_dir: Path) -> None:
    articles, failures = run(data_dir / "state-dept-pr" / "state_dept_japan_russia_subset.jsonl", SourceOptions())
    assert failures == [] and len(articles) == 115
    assert {a.layout for a in articles} == {"record"}
    assert all(a.published and a.published.endswith("+00:00") for a in articles)
    assert all(a.url and a.url.startswith("https://www.state.gov/") for a in articles)
    assert Counter(a.outlet for a in articles).most_common(1)[0][0] == "U.S. Department of State"
    assert all(len(a.paragraphs) >= 1 and a.text.count("\n\n") == len(a.paragraphs) - 1 for a in articles)


def test_wikinews_csv_with_preset(data_dir: Path) -> None:
    articles, failures = run(data_dir / "wikinews", SourceOptions(include=["*.csv"], preset="wikinews"))
    assert failures == []
    assert len(articles) == 291  # SOURCE.md: 291 usable, once the test page and the articles under review are dropped
    assert not any(a.title.upper().startswith("TEST PAGE") for a in articles)
    assert not any("requires pre-publication review" in a.text for a in articles)
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
    assert not any(
        a.paragraphs[0].split(",")[0].endswith("day") and months[0] in a.paragraphs[0][:30] for a in articles
    )
    first = next(a for a in articles if a.title.startswith("Magnitogorsk"))
    assert first.published == "2019-01-04" and first.paragraphs[0].startswith("An apartment building collapsed")
    raw_total, _ = run(data_dir / "wikinews", SourceOptions(include=["*.csv"]))
    assert len(raw_total) > 291  # the preset, not the reader, drops rows


def test_newsarticles_zip_in_place(data_dir: Path) -> None:
    articles, failures = run(data_dir / "newsarticles" / "NewsArticles.zip", SourceOptions())
    assert len(articles) + len(failures) == 3824
    assert len(articles) > 3700
    assert all(isinstance(f, SourceFailure) and "missing text" in f.reason for f in failures)
    assert all(
        f.location.startswith(f"{data_dir}/newsarticles/NewsArticles.zip!NewsArticles.csv:row ") for f in failures
    )
    dated = [a for a in articles if a.published]
    assert len(dated) > 0.95 * len(articles)  # mixed date formats are read
    assert all(len(a.published or "") >= 10 for a in dated)
    assert any("TASS" in (a.url or "").upper() or "tass.com" in (a.url or "") for a in articles)


def test_example_page_through_iter_documents(example_path: Path) -> None:
    (article,) = run(example_path, SourceOptions())[0]
    assert article.layout == "jmh-translation" and len(article.paragraphs) == 7


@pytest.mark.slow
def test_bbc_folder_plain_text_with_a_latin1_byte(data_dir: Path) -> None:
    folder = data_dir / "bbc" / "bbc" / "sport"
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing")
    articles, failures = run(folder, SourceOptions(include=["*.txt"]))
    assert failures == []
    assert {a.layout for a in articles} == {"plain"}
    assert not any("\ufffd" in a.text for a in articles)  # the stray latin-1 byte decodes to a character
    odd = next(a for a in articles if a.source.endswith("/199.txt"))
    assert "\u00a3" in odd.text  # the file's one byte 0xA3: a pound sign, not a Japanese half-width bracket
    assert odd.text == odd.raw and len(odd.text) == len(Path(odd.source).read_bytes())  # one byte, one character


@pytest.mark.slow
def test_every_real_file_is_read_or_reported(data_dir: Path) -> None:
    """All of ../shared/data through sources + layouts: nothing raises, nothing is misread as a web page."""
    articles, failures = run(data_dir, SourceOptions())
    assert len(articles) > 10_000
    assert {a.layout for a in articles} == {"plain", "record"}  # no XML dump taken for an HTML page
    reasons = Counter((f.reason if isinstance(f, SourceFailure) else f).split(" (")[0].split(";")[0] for f in failures)
    expected = ("an XML document", "missing text", "missing column for text", "empty file", "empty document")
    assert all(reason.startswith(expected) or "empty document" in reason for reason in reasons), reasons
