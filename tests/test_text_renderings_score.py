"""The gold goal tables printed as other extractors flatten them (tabs, pipes, spaces, one cell
per line, traditional characters) must read back nearly as well as the samples themselves."""
from __future__ import annotations

import pytest

from grading import grade
from text_renderings import write_renderings

# Token renderings (spaces, one cell per line) lose the cell boundaries; a compound value
# (保洁、安全类问题及时响应,其他问题5个工作日内响应) is told from a wrapped name by its ending.
FLOORS = {"tabs": 1.0, "pipes": 1.0, "traditional": 1.0, "spaces": 1.0, "lines": 1.0}


@pytest.mark.parametrize("style", sorted(FLOORS))
def test_rendering_scores(style, tmp_path):
    summary = grade(write_renderings(tmp_path, styles=(style,)), tmp_path, "000,002")["summary"]
    assert summary["indicator_f1"] >= FLOORS[style]
    assert summary["indicator_exact"] >= FLOORS[style] - 0.02
