"""The ingest flow: for each file, a parse task (file in, records out) and a load task
(one transaction per document in the single DuckDB writer)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from pipeline.ingest import IngestSummary, Outcome, ingest_one
from pipeline.parse import parse_document
from pipeline.store import connect, load_parsed
from schemas.records import ParsedDocument


@task(name="parse-report", cache_policy=NO_CACHE)
def parse_report(path: Path, doc_id: str) -> ParsedDocument:
    """Read and recognise one file (pipeline.parse.parse_document)."""
    return parse_document(path, doc_id)


@task(name="load-report", cache_policy=NO_CACHE)
def load_report(con: duckdb.DuckDBPyConnection, parsed: ParsedDocument) -> None:
    """Replace the document's rows in the store, in one transaction (pipeline.store.load_parsed)."""
    load_parsed(con, parsed)


@flow(name="jixiao-ingest", validate_parameters=False)
def ingest_flow(files: list[str], db: str, force: bool = False,
                on_outcome: Callable[[Outcome], None] | None = None) -> IngestSummary:
    """Ingest report files into the DuckDB file ``db``; ``on_outcome`` hears of each file as
    it is done (the CLI's progress bar). Returns what happened to every file."""
    summary = IngestSummary()
    seen: set[str] = set()
    con = connect(db)
    try:
        for name in files:
            outcome = ingest_one(con, Path(name), force, seen, parse=parse_report, load=load_report)
            summary.outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    finally:
        con.close()
    return summary
