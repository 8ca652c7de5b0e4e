"""The gold goal tables printed as PDF forms in several layouts (tests/pdf_fixtures.py) must read
back like the text samples: graded with the project's copy of the grader."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pdf_fixtures import write_pdf_renderings
from pipeline.parse import parse_document
from pipeline.store import connect, load_parsed

HERE = Path(__file__).resolve().parent

# indicator_f1 floor per layout; indicator_exact must be within 0.03 of it. Open-sided forms
# (horizontal rules only) give columns from word alignment, which grouped history columns defeat.
FLOORS = {"ruled": 1.0, "split": 1.0, "nohead": 1.0, "landscape": 1.0, "twoforms": 1.0, "open": 0.9}


def grade(tmp_path: Path, paths: list[Path], only: str) -> dict:
    import score

    db = tmp_path / "pdf.duckdb"
    con = connect(db)
    for path in paths:
        load_parsed(con, parse_document(path))
    con.close()
    out = tmp_path / "score.json"
    score.main([str(db), "--gold", str(HERE / "gold"), "--facts", str(HERE / "gold_facts"),
                "--only", only, "--json", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("style", sorted(FLOORS))
def test_pdf_rendering_scores(style, tmp_path):
    result = grade(tmp_path, write_pdf_renderings(tmp_path, styles=(style,)), "000,002")
    summary = result["summary"]
    assert summary["indicator_f1"] >= FLOORS[style]
    assert summary["indicator_exact"] >= FLOORS[style] - 0.03
    assert summary["document_meta"] == 1.0
    if style != "open":
        fields = result["goal_tables"]["fields"]
        assert result["goal_tables"]["f1"] == 1.0
        assert all(fields[f] == 1.0 for f in ("department", "unit", "amount_wan", "code"))
