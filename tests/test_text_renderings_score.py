"""The gold goal tables printed as other extractors flatten them (tabs, pipes, spaces, one cell
per line, traditional characters) must read back nearly as well as the samples themselves."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.parse import parse_file
from pipeline.store import connect, load_parsed
from text_renderings import write_renderings

HERE = Path(__file__).resolve().parent

# Token renderings (spaces, one cell per line) lose the cell boundaries: a compound qualitative
# value (保洁、安全类问题及时响应,其他问题5个工作日内响应) cannot be told from a wrapped name there.
FLOORS = {"tabs": 1.0, "pipes": 1.0, "traditional": 1.0, "spaces": 0.97, "lines": 0.97}


@pytest.mark.parametrize("style", sorted(FLOORS))
def test_rendering_scores(style, tmp_path):
    import score

    paths = write_renderings(tmp_path, styles=(style,))
    db = tmp_path / "renderings.duckdb"
    con = connect(db)
    for path in paths:
        load_parsed(con, parse_file(path))
    con.close()
    out = tmp_path / "score.json"
    score.main([str(db), "--gold", str(HERE / "gold"), "--facts", str(HERE / "gold_facts"),
                "--only", "000,002", "--json", str(out)])
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary["indicator_f1"] >= FLOORS[style]
    assert summary["indicator_exact"] >= FLOORS[style] - 0.02
