"""The DuckDB store: the tables of CONTRACT.md and loading one parsed document at a time.

Every document is loaded in its own transaction (its old rows deleted, its new rows inserted,
then COMMIT), so a crash or kill mid-batch leaves each document either fully loaded or absent.
Only one process writes: DuckDB allows one writer per file, and workers hand their
ParsedDocuments to the single loader.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from schemas.records import DocumentRecord, Evaluation, Fact, GoalTable, Indicator, ParsedDocument

# CONTRACT.md, column for column; extra columns go after the contract's
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    source_path VARCHAR, file_name VARCHAR, format VARCHAR,
    title VARCHAR, issuer VARCHAR, region VARCHAR, province VARCHAR, admin_level VARCHAR,
    parent_region VARCHAR, report_year INTEGER, target_year INTEGER, pages INTEGER,
    status VARCHAR, error VARCHAR, parser_version VARCHAR, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS goal_tables (
    table_id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, name VARCHAR, code VARCHAR,
    department VARCHAR, unit VARCHAR, amount_wan DOUBLE, annual_amount_wan DOUBLE,
    goal_text VARCHAR, page_start INTEGER, page_end INTEGER
);
CREATE TABLE IF NOT EXISTS indicators (
    indicator_id VARCHAR PRIMARY KEY, table_id VARCHAR, doc_id VARCHAR,
    horizon VARCHAR, goal VARCHAR, level1 VARCHAR, level2 VARCHAR, level3 VARCHAR,
    raw_value VARCHAR, operator VARCHAR, value DOUBLE, unit VARCHAR, value_text VARCHAR,
    value_norm DOUBLE, unit_norm VARCHAR, hist_prev2 VARCHAR, hist_prev1 VARCHAR,
    actual_raw VARCHAR, actual_value DOUBLE, weight DOUBLE, score DOUBLE, basis VARCHAR,
    printed_level1 VARCHAR, page INTEGER, source_span VARCHAR
);
CREATE TABLE IF NOT EXISTS facts (
    fact_id VARCHAR PRIMARY KEY, doc_id VARCHAR, topic VARCHAR, subject VARCHAR,
    measure VARCHAR, value DOUBLE, unit VARCHAR, value_norm DOUBLE, unit_norm VARCHAR,
    approx BOOLEAN, year INTEGER, section VARCHAR, sentence VARCHAR, page INTEGER,
    source_span VARCHAR
);
CREATE TABLE IF NOT EXISTS evaluations (
    eval_id VARCHAR PRIMARY KEY, doc_id VARCHAR, seq INTEGER, department VARCHAR,
    project VARCHAR, amount_wan DOUBLE, score DOUBLE, grade VARCHAR, eval_type VARCHAR,
    findings VARCHAR[], page INTEGER, source_span VARCHAR
);
"""

# child tables, in the order their rows are deleted and inserted
RECORD_TABLES = ("goal_tables", "indicators", "facts", "evaluations")


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database file and make sure every table exists."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA)
    return con


def known_status(con: duckdb.DuckDBPyConnection, doc_id: str) -> tuple[str, str] | None:
    """(status, parser_version) of a stored document, None if absent."""
    row = con.execute("SELECT status, parser_version FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return (row[0], row[1]) if row else None


def _row(record, exclude: tuple[str, ...] = ()) -> dict:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in exclude}


def record_rows(parsed: ParsedDocument) -> dict[str, list[dict]]:
    """Table name → rows (column → value) for everything one parsed document holds."""
    tables: list[GoalTable] = parsed.goal_tables
    indicators: list[Indicator] = [ind for t in tables for ind in t.indicators]
    facts: list[Fact] = parsed.facts
    evaluations: list[Evaluation] = parsed.evaluations
    return {
        "goal_tables": [_row(t, exclude=("indicators",)) for t in tables],
        "indicators": [_row(i) for i in indicators],
        "facts": [_row(f) for f in facts],
        "evaluations": [_row(e) for e in evaluations],
    }


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows by column name; columns a table lacks are an error, missing ones are NULL."""
    if not rows:
        return
    frame = pd.DataFrame(rows).astype(object).where(lambda df: df.notna(), None)
    con.register("incoming_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")


def load_parsed(con: duckdb.DuckDBPyConnection, parsed: ParsedDocument) -> None:
    """Replace one document's rows with ``parsed``, in one transaction (all or nothing)."""
    doc: DocumentRecord = parsed.document
    if doc.ingested_at is None:
        doc.ingested_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = record_rows(parsed)
    con.execute("BEGIN TRANSACTION")
    try:
        for table in RECORD_TABLES + ("documents",):
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc.doc_id])
        _insert(con, "documents", [_row(doc)])
        for table in RECORD_TABLES:
            _insert(con, table, rows[table])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
