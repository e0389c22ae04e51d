"""`presswatch extract`: prints enrichment without storing; with --layout plain every offset indexes into the file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from presswatch.cli.main import app

# Invented article, with curly quotes and a no-break space to make offsets count characters, not bytes.
TEXT = (
    "Envoys agree to meet again\n"
    "\n"
    "Foreign Minister Hana Okabe met Canadian Foreign Minister Paul Durand in Ottawa on Tuesday.\u00a0They agreed to "
    "hold talks in March.\n"
    "\n"
    "Durand told reporters that “the talks were useful.” A senior official said a visit by Okabe to Toronto was "
    "planned before yearend.\n"
)

runner = CliRunner()


def test_plain_layout_offsets_index_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--layout", "plain", "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 1
    file_text = path.read_text(encoding="utf-8")
    art, enr = items[0]["article"], items[0]["enrichment"]
    assert art["text"] == file_text
    spans = [(m["start"], m["end"], m["text"]) for m in enr["mentions"]]
    spans += [(t["start"], t["end"], t["text"]) for t in enr["times"]]
    for q in enr["attributions"]:
        spans.append((q["content"]["start"], q["content"]["end"], q["content"]["text"]))
        if q.get("cue"):
            spans.append((q["cue"]["start"], q["cue"]["end"], q["cue"]["text"]))
    for ev in enr["events"]:
        spans.append((ev["trigger"]["start"], ev["trigger"]["end"], ev["trigger"]["text"]))
    assert len(spans) > 10
    for start, end, text in spans:
        assert file_text[start:end] == text
    ents = {e["key"]: e for e in enr["entities"]}
    assert {"person:hana-okabe", "person:paul-durand", "gpe:ottawa"} <= set(ents)
    assert ents["person:paul-durand"]["affiliation"] == "Canada"
    assert any(t["text"] == "on Tuesday" for t in enr["times"])
    meeting = [ev for ev in enr["events"] if ev["type"] == "meeting" and ev["trigger"]["text"] == "met"]
    assert meeting and {"person:hana-okabe", "person:paul-durand"} <= set(meeting[0]["participants"])
    assert meeting[0]["place"] == "gpe:ottawa"
    assert any(q["speaker"].get("entity") == "person:paul-durand" for q in enr["attributions"])


def test_readable_output_and_a_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    args = ["extract", str(path), str(tmp_path / "missing.txt"), "--layout", "plain"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 1  # the run finished, one item failed
    assert "Envoys agree to meet again" in result.stdout
    assert "person:hana-okabe" in result.stdout and "Who said what" in result.stdout
    assert "missing.txt: cannot read" in result.output


def test_unknown_alias_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--aliases", str(tmp_path / "nope.toml")])
    assert result.exit_code != 0
    assert "does not exist" in str(result.exception)


def test_example_page_through_the_detected_layout(example_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(example_path), "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    enr = items[0]["enrichment"]
    assert len(enr["sentences"]) == 17
    assert len(enr["attributions"]) >= 9
    types = [ev["type"] for ev in enr["events"]]
    assert types.count("meeting") >= 2 and "visit" in types and "news_conference" in types
