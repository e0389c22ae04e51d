"""The cost benchmark runs on a folder of articles and counts failures (it must find none on broken quote marks)."""

from __future__ import annotations

from pathlib import Path

from presswatch.enrich.attribution_bench import run


def test_bench_reads_a_folder_and_reports_figures(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        'Harbour to close\n\nThe harbour will close in March, the mayor said.\n\n"We have no choice," she added.\n',
        encoding="utf-8",
    )
    # a raw latin-1 byte and an unclosed quote, as real corpora have them
    (tmp_path / "b.txt").write_bytes(
        b'Bridge\n\nThe engineer said \xabit will hold\n\n"The cost is high, the council said.\n'
    )
    figures = run(tmp_path)
    assert figures["articles"] == 2
    assert figures["failures"] == 0
    assert figures["attributions"] >= 3
    assert figures["parse_s"] > 0 and figures["extract_s"] > 0
