"""The Reuters-21578 entity scores stay at or above their floors (eval/floors/reuters.json)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_reuters_entity_floors(data_dir: Path, tmp_path: Path) -> None:
    if not (data_dir / "reuters21578").is_dir():
        pytest.skip(f"Reuters-21578 not present at {data_dir / 'reuters21578'}")
    out = tmp_path / "scores.json"
    cmd = [sys.executable, str(ROOT / "eval" / "reuters_entities.py"), "--workers", "2"]
    cmd += ["--check", str(ROOT / "eval" / "floors" / "reuters.json"), "--json", str(out)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert out.is_file() and "places" in out.read_text(encoding="utf-8")
