"""Event ordering on SemEval-2015 Task 4 (read in place): the task's temporal-awareness metric on tiny invented
timelines, the metric on the real gold (itself: 1; shuffled: less), and the system at or above its floors."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "semeval_timeline.py"

# Invented timeline in the task's format: A and B co-refer (one row), C and D follow.
GOLD = (
    "Zephyr Corp\n0\tXXXX-XX-XX\t9-4-hinted\n1\t2003\t9-1-founded\t9-2-founded\n2\t2007\t9-3-merged\n"
    "3\t2008-01\t9-5-sold\n"
)


@pytest.fixture(scope="module")
def m() -> ModuleType:
    spec = importlib.util.spec_from_file_location("semeval_timeline", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["semeval_timeline"] = module
    spec.loader.exec_module(module)
    return module


def _rows(m: ModuleType, text: str) -> list:
    return m.parse_timeline(text)[1]


def _prf(counts) -> tuple[float, float]:
    return counts.precision_hits / counts.system, counts.recall_hits / counts.gold


def test_a_timeline_becomes_anchor_links_then_links_between_consecutive_events(m: ModuleType) -> None:
    entity, rows = m.parse_timeline(GOLD)
    assert entity == "Zephyr Corp" and len(rows) == 4
    rels = m.timeline_relations(rows)
    a, b, c, d = "e:9-1-founded#1", "e:9-2-founded#1", "e:9-3-merged#1", "e:9-5-sold#1"
    assert rels == [
        (a, "t:2003", "SIMULTANEOUS"),
        (b, "t:2003", "SIMULTANEOUS"),
        (c, "t:2007", "SIMULTANEOUS"),
        (d, "t:2008-01", "SIMULTANEOUS"),
        (a, b, "SIMULTANEOUS"),
        (b, c, "BEFORE"),
        (c, d, "BEFORE"),
    ]  # position 0 (not ordered) is left out
    assert m.timeline_relations(rows, anchors=False) == rels[4:]
    _, reduced = m.reduce_relations(rels)
    assert (a, b, "SIMULTANEOUS") not in reduced and len(reduced) == 6  # implied by the shared anchor


def test_lines_are_read_in_natural_order(m: ModuleType) -> None:
    rows = _rows(m, "X\n10\t2010\t1-1-b\n9\t2009\t1-1-a\n")
    assert [r.position for r in m.scored_rows(rows)] == [9, 10]
    assert m.timeline_relations(rows, anchors=False) == [("e:1-1-a#1", "e:1-1-b#1", "BEFORE")]


def test_gold_against_itself_scores_one_and_a_reversed_order_less(m: ModuleType) -> None:
    gold = _rows(m, GOLD)
    assert _prf(m.awareness(gold, gold)) == (1.0, 1.0)
    reversed_ = _rows(m, "Zephyr Corp\n1\t2008-01\t9-5-sold\n2\t2007\t9-3-merged\n3\t2003\t9-1-founded\t9-2-founded\n")
    assert _prf(m.awareness(reversed_, gold)) == (4 / 6, 4 / 6)  # only the four anchor links hold
    assert _prf(m.awareness(reversed_, gold, anchors=False)) == (1 / 3, 1 / 3)  # only founded = founded holds


def test_a_wrong_anchor_or_a_missing_event_costs_its_links(m: ModuleType) -> None:
    gold = _rows(m, GOLD)
    wrong_anchor = _rows(m, GOLD.replace("2\t2007\t", "2\t2006\t"))
    counts = m.awareness(wrong_anchor, gold)
    assert counts.system == counts.gold == 6 and counts.precision_hits == counts.recall_hits == 5
    missing = _rows(m, "Zephyr Corp\n1\t2003\t9-1-founded\t9-2-founded\n2\t2008-01\t9-5-sold\n")
    p, r = _prf(m.awareness(missing, gold))
    assert p == 1.0 and r == 3 / 6  # founded < sold is implied by the gold; merged and its two links are missed
    assert m.awareness([], gold).system == 0 and m.awareness([], gold).recall_hits == 0


def test_a_contradicting_link_is_kept_and_checked_like_the_scorer_does(m: ModuleType) -> None:
    # Two positions on one day: "before" contradicts the shared anchor; the scorer keeps it among the reduced links.
    gold = _rows(m, "Y\n1\t2009-02-23\t5-1-fell\n2\t2009-02-23\t5-2-rallied\n")
    graph, reduced = m.reduce_relations(m.timeline_relations(gold))
    assert ("e:5-1-fell#1", "e:5-2-rallied#1", "BEFORE") in reduced and len(reduced) == 3
    assert not graph.implies(("e:5-1-fell#1", "e:5-2-rallied#1", "BEFORE"))
    assert _prf(m.awareness(gold, gold)) == (1.0, 1.0)  # stated in the gold, so verified


def test_the_graph_closes_before_and_simultaneous(m: ModuleType) -> None:
    g = m.TimeGraph()
    assert g.add(("a", "b", "BEFORE")) == "added"
    assert g.add(("c", "b", "SIMULTANEOUS")) == "added"
    assert g.add(("c", "d", "BEFORE")) == "added"
    assert g.implies(("a", "d", "BEFORE")) and g.add(("a", "d", "BEFORE")) == "implied"
    assert g.add(("d", "a", "BEFORE")) == "violation" and g.add(("a", "c", "SIMULTANEOUS")) == "violation"
    assert not g.implies(("a", "zz", "BEFORE")) and g.add(("x", "x", "BEFORE")) == "violation"


def test_anchors_are_written_and_ordered_as_the_gold_does(m: ModuleType) -> None:
    assert [m.anchor_of(d) for d in ("2008", "2008-03", "2008-03-01")] == ["2008-XX-XX", "2008-03-XX", "2008-03-01"]
    anchors = ["2008-03-01", "2008-03-XX", "2007-12-31", "2008-XX-XX"]
    assert sorted(anchors, key=m._anchor_key) == ["2007-12-31", "2008-XX-XX", "2008-03-XX", "2008-03-01"]


def test_tokenized_text_is_restored_with_its_offsets(m: ModuleType) -> None:
    text = "Zephyr ( ZPH ) was founded July 24 , 2003 , in Oslo ."
    clean, origin = m.detokenize(text)
    assert clean == "Zephyr (ZPH) was founded July 24, 2003, in Oslo."
    assert all(text[origin[i]] == ch for i, ch in enumerate(clean)) and origin[len(clean)] == len(text)


def test_a_time_expression_anchors_at_its_own_precision(m: ModuleType) -> None:
    from presswatch.models import TimeRef

    cases = [
        (TimeRef(0, 0, "in 2004", "year", "2004", "2004-01-01", "2004-12-31"), "2004-XX-XX"),
        (TimeRef(0, 0, "Last month", "month", "2008-02", "2008-02-01", "2008-02-29"), "2008-02-XX"),
        (TimeRef(0, 0, "on Monday", "date", "2007-03-19", "2007-03-19", "2007-03-19"), "2007-03-19"),
        (
            TimeRef(0, 0, "late September", "interval", "2007-09-21/2007-09-30", "2007-09-21", "2007-09-30"),
            "2007-09-XX",
        ),
        (TimeRef(0, 0, "since 2003", "after", "after 2003-01-01", "2003-01-01", "2007-03-19"), "2003-XX-XX"),
        (TimeRef(0, 0, "since December", "after", "after 2006-12-01", "2006-12-01", "2007-03-19"), "2006-12-XX"),
        (TimeRef(0, 0, "by 2010", "before", "before 2010-12-31", None, "2010-12-31"), "2010-XX-XX"),
        (TimeRef(0, 0, "recently", "vague", "recent", "2007-02-17", "2007-03-19"), None),
        (TimeRef(0, 0, "19 months", "duration", "P19M"), None),
    ]
    assert [m.time_anchor(t) for t, _ in cases] == [want for _, want in cases]


def test_events_take_the_nearest_time_of_their_sentence_else_the_document_date(m: ModuleType) -> None:
    import spacy

    text = "Zephyr Corp was founded in 2003 , and Zephyr Corp merged with Acme on Thursday ."
    doc = m.Doc(
        "9",
        "2008-03-01",  # a Saturday
        {"2": text, "3": "Zephyr Corp shares rose ."},
        [
            m.Mention("2", "9-2-founded", text.index("founded")),
            m.Mention("2", "9-2-merged", text.index("merged")),
            m.Mention("3", "9-3-rose", 19),
        ],
    )
    rows = m.system_timeline([doc], "Zephyr Corp", spacy.blank("en"))
    assert [(r.position, r.anchor, r.events) for r in rows] == [
        (1, "2003-XX-XX", ("9-2-founded",)),
        (2, "2008-02-28", ("9-2-merged",)),
        (3, "2008-03-01", ("9-3-rose",)),
    ]


def test_sentences_opening_with_an_agreeing_pronoun_continue_the_entity(m: ModuleType) -> None:
    sentences = {
        "0": "Zephyr Corp posted a loss .",
        "1": "It blamed the strike .",
        "2": "Its shares fell .",
        "3": "He said more cuts would follow .",
        "4": "It was the third loss .",
        "5": "Zephyr Corp hired Ann Lee .",
    }
    doc = m.Doc("9", "2008-03-01", sentences, [])
    pat = m.entity_pattern("Zephyr Corp")
    assert m.entity_sentences(doc, pat, m.THING_PRONOUNS) == {"0", "1", "2", "5"}  # "He" ends the run
    assert m.entity_sentences(doc, pat, m.PERSON_PRONOUNS) == {"0", "5"}


def test_a_person_is_told_from_the_ner_tags_of_the_sentences_naming_it(m: ModuleType) -> None:
    from presswatch.enrich.nlp import load_nlp
    from presswatch.enrich.options import EnrichOptions

    ner = load_nlp(EnrichOptions())
    doc = m.Doc("9", "2008-03-01", {"0": "Chief executive Ann Lee resigned on Monday .", "1": "Lee said sorry ."}, [])
    assert m.is_person([doc], m.entity_pattern("Ann Lee"), ner)
    firm = m.Doc("9", "2008-03-01", {"0": "Shares of Zephyr Corp fell 5 % in New York ."}, [])
    assert not m.is_person([firm], m.entity_pattern("Zephyr Corp"), ner)


def test_entity_pattern_uses_the_distinctive_last_word(m: ModuleType) -> None:
    assert m.entity_pattern("Airbus A380").search("the A380 flew")
    assert not m.entity_pattern("Boeing").search("Boeings")


def _data(data_dir: Path) -> Path:
    data = data_dir / "semeval2015-timeline" / "SemEval_Task4_data"
    if not data.is_dir():
        pytest.skip(f"SemEval-2015 Task 4 data not present: {data}")
    return data


def test_the_real_gold_scores_one_against_itself_and_less_shuffled(m: ModuleType, data_dir: Path) -> None:
    rng = random.Random(4)
    same, shuffled = m.Counts(), m.Counts()
    for corpus in m.evaluation_corpora(_data(data_dir)):
        for path in sorted(corpus.gold.glob("*.txt")):
            gold = m.parse_timeline(path.read_text(encoding="utf-8"))[1]
            same += m.awareness(gold, gold)
            positions = [r.position for r in gold]
            rng.shuffle(positions)
            shuffled += m.awareness([m.Row(p, r.anchor, r.events) for r, p in zip(gold, positions, strict=True)], gold)
    assert same.scores() == {"precision": 1.0, "recall": 1.0, "f1": 1.0} and same.gold > 1000
    assert shuffled.scores()["f1"] < 0.7  # the anchor links still hold; the order between anchors does not


def test_semeval_scores_at_or_above_floors(m: ModuleType, data_dir: Path) -> None:
    data = _data(data_dir)
    assert m.main(["--data", str(data), "--check"]) == 0
    assert m.main(["--data", str(data), "--check", "--ordering-only"]) == 0
