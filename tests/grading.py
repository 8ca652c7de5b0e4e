"""Grade files against the gold: parse them into a DuckDB file and run the project's copy of
the grader (tests/score.py, identical to ../shared/score.py) on it."""
from __future__ import annotations

import json
from pathlib import Path

import score
from pipeline.parse import parse_document
from pipeline.store import connect, load_parsed

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "data" / "raw"


def grade(paths: list[Path], workdir: Path, only: str | None = None) -> dict:
    """The grader's figures (its --json output: per table and 'summary') for ``paths``, parsed
    and loaded into ``workdir/graded.duckdb``; ``only`` limits grading to some samples."""
    db = workdir / "graded.duckdb"
    con = connect(db)
    for path in paths:
        load_parsed(con, parse_document(path))
    con.close()
    out = workdir / "graded.json"
    args = [str(db), "--gold", str(HERE / "gold"), "--facts", str(HERE / "gold_facts"),
            "--seeds", str(SAMPLES), "--json", str(out)]
    score.main(args + (["--only", only] if only else []))
    return json.loads(out.read_text(encoding="utf-8"))
