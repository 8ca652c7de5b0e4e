"""The DuckDB store: the contract's tables and columns, and all-or-nothing loading."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.parse import parse_document
from pipeline.store import connect, load_parsed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))
CONTRACT = (HERE / "contract" / "CONTRACT.md").read_text(encoding="utf-8")


def contract_columns() -> dict[str, dict[str, str]]:
    """table → {column: type} from the contract's markdown tables."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in CONTRACT.splitlines():
        heading = re.match(r"^## (\w+) —", line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if current is None or len(cells) < 3 or cells[0] in ("column", "---") or set(cells[0]) <= {"-"}:
            continue
        for name in cells[0].split(","):  # 'page_start, page_end'
            current[name.strip()] = cells[1].replace(" PK", "")
    return tables


def test_contract_lists_the_five_tables():
    assert set(contract_columns()) == {"documents", "goal_tables", "indicators", "facts", "evaluations"}


def test_every_contract_column_exists_with_its_type(tmp_path):
    con = connect(tmp_path / "c.duckdb")
    for table, columns in contract_columns().items():
        actual = {name: dtype for name, dtype in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        for name, dtype in columns.items():
            assert name in actual, f"{table}.{name} missing"
            assert actual[name] == dtype, f"{table}.{name}: {actual[name]} != {dtype}"


@pytest.fixture(scope="module")
def parsed_samples():
    return [parse_document(p) for p in SAMPLES]


def counts(con, doc_id):
    return tuple(con.execute(f"SELECT count(*) FROM {t} WHERE doc_id = ?", [doc_id]).fetchone()[0]
                 for t in ("documents", "goal_tables", "indicators"))


def test_loading_twice_replaces_rows_instead_of_adding(tmp_path, parsed_samples):
    con = connect(tmp_path / "twice.duckdb")
    parsed = parsed_samples[0]
    load_parsed(con, parsed)
    first = counts(con, parsed.document.doc_id)
    load_parsed(con, parsed)
    assert counts(con, parsed.document.doc_id) == first
    assert first == (1, 6, 68)


def test_a_failing_load_leaves_no_rows_and_keeps_earlier_documents(tmp_path, parsed_samples, monkeypatch):
    con = connect(tmp_path / "rollback.duckdb")
    good, bad = parsed_samples[0], parsed_samples[2]
    load_parsed(con, good)
    import pipeline.store as store

    real_insert = store._insert

    def insert_then_fail(con_, table, rows):
        real_insert(con_, table, rows)
        if table == "indicators":
            raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        load_parsed(con, bad)
    assert counts(con, bad.document.doc_id) == (0, 0, 0)
    assert counts(con, good.document.doc_id) == (1, 6, 68)


KILLED_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pipeline.parse import parse_document
    from pipeline.store import connect, load_parsed
    docs = [parse_document(p) for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
    con = connect(sys.argv[1])
    print("ready", flush=True)
    while True:
        for doc in docs:
            load_parsed(con, doc)
""")


def test_a_writer_killed_mid_load_leaves_only_whole_documents(tmp_path, parsed_samples):
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(db), str(ROOT / "data" / "raw")],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.5)  # many loads in flight
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(str(db))
    expected = {p.document.doc_id: (1, len(p.goal_tables), sum(len(t.indicators) for t in p.goal_tables))
                for p in parsed_samples}
    stored = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
    assert stored, "the writer never committed a document"
    for doc_id in expected:
        assert counts(con, doc_id) in (expected[doc_id], (0, 0, 0))
