"""The ingest flow and the ``jixiao ingest`` command, run for real on a temporary Prefect
server (prefect_test_harness) and real DuckDB files."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def batch(tmp_path):
    """The five samples plus three broken files and a format without a reader, in nested folders."""
    folder = tmp_path / "reports"
    shutil.copytree(SAMPLES, folder / "samples")
    bad = folder / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "truncated.pdf").write_bytes(b"<html>404</html>")
    (bad / "notes.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "ignored.txt").write_text("not a report", encoding="utf-8")
    (folder / "readme.md").write_text("not picked up from a folder", encoding="utf-8")
    return folder


def statuses(db: Path) -> dict[str, tuple[str, str | None]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: (status, error) for name, status, error in
                con.execute("SELECT file_name, status, error FROM documents").fetchall()}
    finally:
        con.close()


def test_flow_loads_good_files_and_records_bad_ones(prefect_server, batch, tmp_path):
    from flows.ingest import ingest_flow
    from pipeline.ingest import collect_files

    db = tmp_path / "flow.duckdb"
    seen = []
    summary = ingest_flow([str(p) for p in collect_files([batch])], str(db), on_outcome=seen.append)
    assert len(seen) == len(summary.outcomes) == 9
    assert summary.count("ok") == 5 and summary.total("indicators") == 167 and summary.total("tables") == 9
    assert summary.total("facts") > 0 and summary.total("evaluations") > 0
    assert summary.exit_code == 2
    stored = statuses(db)
    assert len(stored) == 9
    assert stored["empty.txt"] == ("failed", "empty file: no text to read")
    assert stored["junk.txt"][0] == "failed" and "undecodable" in stored["junk.txt"][1]
    assert stored["truncated.pdf"][0] == "failed" and "not a pdf file" in stored["truncated.pdf"][1]
    assert stored["notes.xlsx"][0] == "skipped" and "xlsx" in stored["notes.xlsx"][1]
    assert all(stored[p.name] == ("ok", None) for p in SAMPLES.glob("*.txt"))


def test_reingesting_the_same_bytes_is_a_no_op_and_force_reparses(prefect_server, tmp_path):
    from flows.ingest import ingest_flow

    db = tmp_path / "again.duckdb"
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    ingest_flow(files, str(db))
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT doc_id, ingested_at FROM documents ORDER BY doc_id").fetchall()
    con.close()
    again = ingest_flow(files + [files[0]], str(db))
    assert [o.status for o in again.outcomes] == ["unchanged"] * 5 + ["duplicate"]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT doc_id, ingested_at FROM documents ORDER BY doc_id").fetchall() == before
    con.close()
    forced = ingest_flow(files, str(db), force=True)
    assert [o.status for o in forced.outcomes] == ["ok"] * 5
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == 167
    con.close()


def test_cli_exit_codes(prefect_server, batch, tmp_path, capsys):
    from pipeline.cli import main

    good = tmp_path / "good.duckdb"
    assert main(["ingest", str(SAMPLES), "--db", str(good)]) == 0
    out = capsys.readouterr().out
    assert "167" in out and str(good) in out
    mixed = tmp_path / "mixed.duckdb"
    assert main(["ingest", str(batch), "--db", str(mixed)]) == 2
    out = capsys.readouterr().out
    assert "empty file: no text to read" in out
    assert main(["ingest", str(tmp_path / "missing"), "--db", str(mixed)]) == 1
    assert "no such file or folder" in capsys.readouterr().out
    # the failures are retried on the next run and still fail; the good files stay loaded
    assert main(["ingest", str(batch), "--db", str(mixed)]) == 2
    assert len(statuses(mixed)) == 9


def test_a_new_parser_version_parses_stored_documents_again(tmp_path):
    from pipeline.ingest import ingest_one
    from pipeline.store import connect

    con = connect(tmp_path / "versions.duckdb")
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    assert ingest_one(con, sample).status == "ok"
    assert ingest_one(con, sample).status == "unchanged"
    con.execute("UPDATE documents SET parser_version = '0.0.1'")
    assert ingest_one(con, sample).status == "ok"
    assert con.execute("SELECT parser_version FROM documents").fetchone()[0] != "0.0.1"
