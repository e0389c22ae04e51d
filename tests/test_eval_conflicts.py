"""The labelled conflict pairs: well-formed, still matching the data, and the classifier at or above its floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT / "eval" / "conflicts" / "score.py"


def _score_module():
    sys.path.insert(0, str(SCORE.parent))
    spec = importlib.util.spec_from_file_location("conflict_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["conflict_score"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_pairs_file_is_well_formed_and_holds_no_article_text() -> None:
    pairs = [json.loads(line) for line in (SCORE.parent / "pairs.jsonl").read_text().splitlines() if line.strip()]
    assert sum(p["label"] == 1 for p in pairs) >= 60 and sum(p["label"] == 0 for p in pairs) >= 60
    assert {p["split"] for p in pairs} == {"dev", "test", "dev2", "heldout"}
    held = [p for p in pairs if p["split"] == "heldout"]
    assert sum(p["label"] == 1 for p in held) >= 40 and sum(p["label"] == 0 for p in held) >= 40
    # the held-out pairs come from records that no dev/test pair reads (unseen when the rules were tuned)
    tuned = {(p["dataset"], p["record"]) for p in pairs if p["split"] != "heldout"}
    assert not {(p["dataset"], p["record"]) for p in held} & tuned
    # dev2 (conflicts with no contradiction word, and look-alike agreeing pairs) reads records no dev/test pair reads
    dev2 = [p for p in pairs if p["split"] == "dev2"]
    assert sum(p["label"] == 1 for p in dev2) >= 20 and sum(p["label"] == 0 for p in dev2) >= 50
    old = {(p["dataset"], p["record"]) for p in pairs if p["split"] in ("dev", "test")}
    assert not {(p["dataset"], p["record"]) for p in dev2} & old
    assert len({p["id"] for p in pairs}) == len(pairs)
    for p in pairs:
        assert set(p) == {"id", "dataset", "record", "a", "b", "label", "split", "reason"}
        assert p["dataset"] in ("newsarticles", "state-dept", "bbc", "wikinews")
        assert set(p["a"]) == {"start", "end", "sha"} and p["a"]["start"] < p["a"]["end"]
        assert len(p["reason"]) < 140  # a one-line reason, not a quotation


def test_scores_are_at_or_above_the_floors(data_dir: Path) -> None:
    """The first 80 pairs, enriched by the real pipeline, against their floors (about 20 s; the script scores all
    219 against the 'all' floors: `.venv/bin/python eval/conflicts/score.py --check`)."""
    if not (data_dir / "newsarticles" / "NewsArticles.zip").is_file():
        pytest.skip(f"newsarticles corpus not present under {data_dir}")
    score = _score_module()
    assert score.main(["--data", str(data_dir), "--subset", "80", "--check"]) == 0


def test_floors_only_name_known_sets() -> None:
    floors = json.loads((ROOT / "eval" / "floors" / "conflicts.json").read_text())
    assert {"all", "subset", "heldout"} <= set(floors)
    assert floors["subset"]["pairs"] == 80 and 0 < floors["all"]["precision"] <= 1


def test_the_classifier_separates_an_accusation_and_its_denial() -> None:
    from presswatch.analysis.conflicts import classify_sentences

    yes = classify_sentences(
        "The harbour board accused the mayor of selling the pier to a friend.",
        "The mayor denied the accusation, saying the sale was open to all bidders.",
    )
    assert yes.conflict and yes.reason == "explicit_cue"
    no = classify_sentences(
        "The harbour board denied it had sold the pier.",
        "The mayor also denied any role in the sale.",
    )
    assert not no.conflict
