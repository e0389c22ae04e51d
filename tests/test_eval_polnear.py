"""The PolNeAR scorer on a small corpus written for the test, and the floors check on the real dev split."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "eval" / "polnear.py"
FLOORS = ROOT / "eval" / "floors" / "polnear.json"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("polnear_eval", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["polnear_eval"] = module
    spec.loader.exec_module(module)
    return module


polnear = _load_scorer()

TEXT = (
    "Harbour to close.\n\n"
    "The harbour will close in March, the mayor said on Monday.\n\n"
    "“We have no other choice,” said Ines Moreau, the port director."
)


def _offsets(sub: str, start_at: int = 0) -> tuple[int, int]:
    i = TEXT.index(sub, start_at)
    return i, i + len(sub)


def _write_corpus(base: Path) -> None:
    """Two annotators for one article (the scorer must use the first), BRAT standoff with character offsets."""
    (base / "dev" / "text").mkdir(parents=True)
    (base / "dev" / "attributions").mkdir(parents=True)
    (base / "dev" / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    c1, s1, q1 = (
        _offsets("The harbour will close in March"),
        _offsets("the mayor"),
        _offsets("said"),
    )
    c2, s2, q2 = _offsets("We have no other choice,"), _offsets("Ines Moreau, the port director"), _offsets("said", 80)
    lines = [
        f"T1\tContent {c1[0]} {c1[1]}\t{TEXT[c1[0] : c1[1]]}",
        f"T2\tSource {s1[0]} {s1[1]}\t{TEXT[s1[0] : s1[1]]}",
        f"T3\tCue {q1[0]} {q1[1]}\tsaid",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        f"T4\tContent {c2[0]} {c2[1]}\t{TEXT[c2[0] : c2[1]]}",
        f"T5\tSource {s2[0]} {s2[1]}\t{TEXT[s2[0] : s2[1]]}",
        f"T6\tCue {q2[0]} {q2[1]}\tsaid",
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
    ]
    (base / "dev" / "attributions" / "harbour_aaaa.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (base / "dev" / "attributions" / "harbour_bbbb.ann").write_text("", encoding="utf-8")


def test_reader_uses_one_annotator_and_links_roles(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    docs = polnear.load_split(tmp_path, "dev")
    assert [d.name for d in docs] == ["harbour"]
    gold = docs[0].attributions
    assert len(gold) == 2
    assert TEXT[slice(*gold[1].source[0])] == "Ines Moreau, the port director"


def test_scores_on_the_small_corpus(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    docs = polnear.load_split(tmp_path, "dev")
    result = polnear.evaluate(docs, polnear.load_nlp())
    # both attributions are found; the trailing comma inside the gold quote is trimmed by the exact match
    assert result["overlap"]["recall"] == 1.0
    assert result["exact"]["content"]["recall"] == 1.0
    assert result["exact"]["cue"]["f1"] == 1.0
    assert result["speaker_accuracy"] == 1.0
    assert result["direct_gold"] == 1 and result["indirect_gold"] == 1


def test_floor_check_reports_what_fell(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"overlap.f1": 0.5, "speaker_accuracy": 0.95}}), encoding="utf-8")
    result = {
        "exact": {r: {"precision": 0, "recall": 0, "f1": 0} for r in polnear.ROLES},
        "exact_content_strict": {"precision": 0, "recall": 0, "f1": 0},
        "overlap": {"precision": 0.7, "recall": 0.6, "f1": 0.65},
        "speaker_accuracy": 0.9,
        "direct_recall": 0.8,
        "indirect_recall": 0.4,
    }
    failures = polnear.check_floors(result, floors)
    assert len(failures) == 1 and failures[0].startswith("speaker_accuracy")


@pytest.mark.slow
def test_dev_split_stays_above_its_floors(data_dir: Path, tmp_path: Path) -> None:
    """The quality gate: PolNeAR dev figures never fall below eval/floors/polnear.json (about 40 s, the parse)."""
    if not (data_dir / "polnear" / "dev").is_dir():
        pytest.skip(f"PolNeAR dev split not present under {data_dir / 'polnear'}")
    out = tmp_path / "dev.json"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(data_dir / "polnear"), "--json", str(out), "--check", str(FLOORS)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(out.read_text())["documents"] == 84


FLOORS_TRAINED = ROOT / "eval" / "floors" / "polnear_trained.json"


@pytest.mark.slow
def test_trained_tagger_stays_above_its_floors(data_dir: Path, tmp_path: Path) -> None:
    """The trained gate: a CRF tagger trained on the first ``train_limit`` train articles (the number is in the floors
    file; the whole split takes longer than CI can afford) refines the rules, and the dev figures never fall below
    eval/floors/polnear_trained.json. The model goes to a temporary file, never into the repository."""
    if not (data_dir / "polnear" / "train").is_dir() or not (data_dir / "polnear" / "dev").is_dir():
        pytest.skip(f"PolNeAR train and dev splits not present under {data_dir / 'polnear'}")
    limit = json.loads(FLOORS_TRAINED.read_text(encoding="utf-8"))["train_limit"]
    out = tmp_path / "dev_trained.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--data",
            str(data_dir / "polnear"),
            "--train",
            "--train-limit",
            str(limit),
            "--json",
            str(out),
            "--check",
            str(FLOORS_TRAINED),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(out.read_text())
    assert result["documents"] == 84 and result["training"]["articles"] == limit
