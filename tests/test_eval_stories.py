"""The labelled story set: well-formed, still matching the data, the measures right, and the clustering at or above
its floors."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT / "eval" / "stories" / "score.py"


def _score_module():
    spec = importlib.util.spec_from_file_location("stories_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["stories_score"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _stories() -> list[dict]:
    return [json.loads(line) for line in (SCORE.parent / "stories.jsonl").read_text().splitlines() if line.strip()]


def test_stories_file_is_well_formed_and_holds_no_article_text() -> None:
    stories = _stories()
    by_id = {s["id"]: s for s in stories}
    assert len(by_id) == len(stories) >= 50
    assert sum(not s["neighbour_of"] for s in stories) >= 20
    seen: set[str] = set()
    for s in stories:
        keys = {"id", "split", "title", "delimited", "articles", "unsure", "copies", "neighbour_of", "complete", "sha"}
        assert set(s) == keys
        assert s["articles"] and all(a.isdigit() for a in s["articles"] + s["unsure"])
        members = set(s["articles"]) | set(s["unsure"])
        assert not members & seen, f"{s['id']}: an article is labelled twice"
        seen |= members
        assert all(a in s["articles"] and b in s["articles"] for a, b in s["copies"])
        assert len(s["title"]) < 100 and len(s["delimited"]) < 300  # one line of ours, not a quotation
        root = s["neighbour_of"] or s["id"]
        assert s["neighbour_of"] is None or not by_id[s["neighbour_of"]]["neighbour_of"]
        half = "dev" if int(hashlib.sha1(root.encode()).hexdigest(), 16) % 2 == 0 else "test"
        assert s["split"] == half, f"{s['id']}: the split is a hash of the story id (of the story it neighbours)"
    assert {s["split"] for s in stories} == {"dev", "test"}


def test_pairwise_and_bcubed_on_a_worked_example() -> None:
    score = _score_module()
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    pred = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}
    pairwise = score.pairwise(gold, pred)  # pairs: ab tp; cd fp; ac, bc, de fn
    assert (pairwise.precision, pairwise.recall) == (0.5, 0.25)
    bcubed = score.bcubed(gold, pred)
    assert bcubed.precision == pytest.approx((1 + 1 + 0.5 + 0.5 + 1) / 5)
    assert bcubed.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5)


def test_scores_are_at_or_above_the_floors(data_dir: Path) -> None:
    """The whole corpus through the real layouts and dedup, clustered on title and lead words (no enrichment, about
    10 s); the enriched figures are checked by `.venv/bin/python eval/stories/score.py --check` (about 4 min)."""
    if not (data_dir / "newsarticles" / "NewsArticles.zip").is_file():
        pytest.skip(f"newsarticles corpus not present under {data_dir}")
    score = _score_module()
    assert score.main(["--data", str(data_dir), "--words-only", "--check"]) == 0


def test_floors_name_both_modes_and_halves() -> None:
    floors = json.loads((ROOT / "eval" / "floors" / "stories.json").read_text())
    for mode in ("enriched", "words"):
        assert set(floors[mode]) == {"dev", "test"}
        for half in floors[mode].values():
            assert set(half) == {"pairwise", "bcubed"}
            assert all(0 < v <= 1 for m in half.values() for v in m.values())
