"""The bundled samples, ingested end to end, graded against the project's copy of the gold
with the project's copy of the grader (tests/score.py is ../shared/score.py unchanged)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.parse import parse_file
from pipeline.store import connect, load_parsed

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "data" / "raw"


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    import score

    db = tmp_path_factory.mktemp("scores") / "samples.duckdb"
    con = connect(db)
    for path in sorted(SAMPLES.glob("*.txt")):
        load_parsed(con, parse_file(path))
    con.close()
    out = db.with_suffix(".json")
    score.main([str(db), "--gold", str(HERE / "gold"), "--facts", str(HERE / "gold_facts"),
                "--seeds", str(SAMPLES), "--json", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))["summary"]


def test_goal_table_indicators_match_the_gold(summary):
    assert summary["indicator_f1"] >= 0.98
    assert summary["indicator_exact"] >= 0.95


def test_document_metadata_matches_the_gold(summary):
    assert summary["document_meta"] >= 0.90


def test_narrative_facts_match_the_gold(summary):
    assert summary["fact_f1"] >= 0.85
    assert summary["fact_topic"] >= 0.75
