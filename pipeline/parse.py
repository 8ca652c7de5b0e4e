"""One file in, one ParsedDocument out: read → recognise → normalise → stable ids.

Pure apart from reading the file: no database, no Prefect, so it can run in any worker process.
"""
from __future__ import annotations

import hashlib
import traceback
from pathlib import Path

from parsers import detect_format, read_file
from parsers.errors import ReadError, UnsupportedFormatError
from parsers.confusions import repair_confusions
from parsers.script import to_simplified
from pipeline import PARSER_VERSION
from pipeline.normalise import normalise_indicator
from recognisers.evaluations import find_evaluations
from recognisers.facts import find_facts
from recognisers.goal_tables import find_goal_tables
from recognisers.metadata import extract_metadata
from recognisers.sections import sectionise
from schemas.records import DocumentRecord, ParsedDocument


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes: the document id."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def parse_file(path: str | Path, doc_id: str | None = None) -> ParsedDocument:
    """Parse one report file into its document row and records.

    Raises parsers.errors.ReadError (or a subclass) when the file cannot be read at all;
    :func:`parse_document` turns that into a failed or skipped document row.
    """
    path = Path(path)
    doc_id = doc_id or file_sha256(path)
    layout = repair_confusions(to_simplified(read_file(path)))
    meta = extract_metadata(layout, path.name)
    doc = DocumentRecord(
        doc_id=doc_id, source_path=str(path), file_name=path.name, format=layout.format,
        pages=len(layout.pages), parser_version=PARSER_VERSION, **meta,
    )
    if layout.warnings:
        doc.status, doc.error = "partial", "; ".join(layout.warnings)
    tables = find_goal_tables(layout)
    for t_index, table in enumerate(tables):
        table.doc_id = doc_id
        table.table_id = f"{doc_id[:16]}-t{t_index:03d}"
        for i_index, ind in enumerate(table.indicators):
            normalise_indicator(ind)
            ind.doc_id, ind.table_id = doc_id, table.table_id
            ind.indicator_id = f"{table.table_id}-i{i_index:03d}"
    sectioned = sectionise(layout)
    facts = find_facts(layout, sectioned)
    for f_index, fact in enumerate(facts):
        fact.doc_id, fact.fact_id = doc_id, f"{doc_id[:16]}-f{f_index:04d}"
    evaluations = find_evaluations(layout, sectioned)
    for e_index, evaluation in enumerate(evaluations):
        evaluation.doc_id, evaluation.eval_id = doc_id, f"{doc_id[:16]}-e{e_index:03d}"
    return ParsedDocument(document=doc, goal_tables=tables, facts=facts, evaluations=evaluations)


def parse_document(path: str | Path, doc_id: str | None = None) -> ParsedDocument:
    """Like :func:`parse_file`, but never raises for a bad file: a file no reader handles
    becomes a ``skipped`` document, an unreadable one or a parser crash a ``failed`` one, each
    with its reason in ``error``. Only a file that cannot be opened at all still raises."""
    path = Path(path)
    doc_id = doc_id or file_sha256(path)
    try:
        return parse_file(path, doc_id)
    except UnsupportedFormatError as exc:
        status, error = "skipped", str(exc)
    except ReadError as exc:
        status, error = "failed", str(exc)
    except Exception as exc:  # a parser bug must not stop the batch; keep where it happened
        where = traceback.extract_tb(exc.__traceback__)[-1]
        status = "failed"
        error = f"parser error: {type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"
    doc = DocumentRecord(
        doc_id=doc_id, source_path=str(path), file_name=path.name, format=detect_format(path),
        status=status, error=error, parser_version=PARSER_VERSION,
    )
    return ParsedDocument(document=doc)
