"""The bundled samples, ingested end to end, graded against the project's copy of the gold
with the project's copy of the grader (tests/score.py is ../shared/score.py unchanged)."""
from __future__ import annotations

import pytest

from grading import SAMPLES, grade


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    return grade(sorted(SAMPLES.glob("*.txt")), tmp_path_factory.mktemp("samples"))


def test_goal_table_indicators_match_the_gold(scores):
    assert scores["summary"]["indicator_f1"] >= 0.98
    assert scores["summary"]["indicator_exact"] >= 0.95


def test_goal_table_header_fields_match_the_gold(scores):
    fields = scores["goal_tables"]["fields"]
    for name in ("kind", "code", "department", "unit", "amount_wan", "annual_amount_wan"):
        assert fields[name] == 1.0, name


def test_document_metadata_matches_the_gold(scores):
    assert scores["summary"]["document_meta"] >= 0.90


def test_narrative_facts_match_the_gold(scores):
    assert scores["summary"]["fact_f1"] >= 0.85
    assert scores["summary"]["fact_topic"] >= 0.75


def test_evaluations_match_the_gold(scores):
    assert scores["summary"]["evaluation_f1"] >= 0.95
    fields = scores["evaluations"]["fields"]
    for name in ("department", "grade", "eval_type", "amount_wan", "score", "seq", "findings_recall"):
        assert fields[name] >= 0.95, name
