"""The gold goal tables printed as PDF forms in several layouts (tests/pdf_fixtures.py) must read
back like the text samples: graded with the project's copy of the grader."""
from __future__ import annotations

import pytest

from grading import grade
from pdf_fixtures import write_pdf_renderings

STYLES = ("ruled", "split", "nohead", "landscape", "twoforms", "open")


@pytest.mark.parametrize("style", STYLES)
def test_goal_table_renderings_read_back_exactly(style, tmp_path):
    result = grade(write_pdf_renderings(tmp_path, styles=(style,)), tmp_path, "000,002")
    assert result["summary"]["indicator_f1"] == 1.0
    assert result["summary"]["indicator_exact"] == 1.0
    assert result["summary"]["document_meta"] == 1.0
    assert result["goal_tables"]["f1"] == 1.0
    assert set(result["goal_tables"]["fields"].values()) == {1.0}


def test_score_table_over_two_pages_reads_back_exactly(tmp_path):
    result = grade(write_pdf_renderings(tmp_path, styles=("scores",)), tmp_path, "003")
    assert result["summary"]["evaluation_f1"] == 1.0
    assert set(result["evaluations"]["fields"].values()) == {1.0}
