"""Event ordering on SemEval-2015 Task 4 (read in place): the metric itself, and the system at or above its floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "semeval_timeline.py"


def _module():
    spec = importlib.util.spec_from_file_location("semeval_timeline", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["semeval_timeline"] = module
    spec.loader.exec_module(module)
    return module


def test_awareness_metric_on_small_timelines() -> None:
    m = _module()
    gold = {"a": 1, "b": 2, "c": 2, "d": 3}
    assert m.awareness(gold, gold)[:2] == (len(m.reduced(gold)), len(m.reduced(gold)))
    swapped = {"a": 3, "b": 2, "c": 2, "d": 1}  # reversed order: only the simultaneous pair survives
    p_hit, r_hit, n_sys, n_gold = m.awareness(swapped, gold)
    assert p_hit == 1 and r_hit == 1 and n_sys == n_gold == 3
    assert m.awareness({}, gold)[0:3] == (0, 0, 0)


def test_entity_pattern_uses_the_distinctive_last_word() -> None:
    m = _module()
    assert m.entity_pattern("Airbus A380").search("the A380 flew")
    assert not m.entity_pattern("Boeing").search("Boeings")


def test_semeval_scores_at_or_above_floors(data_dir: Path) -> None:
    data = data_dir / "semeval2015-timeline" / "SemEval_Task4_data"
    if not data.is_dir():
        pytest.skip(f"SemEval-2015 Task 4 data not present: {data}")
    assert _module().main(["--data", str(data), "--check"]) == 0
