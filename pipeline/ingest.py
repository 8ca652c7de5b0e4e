"""The ingest job without Prefect: which files to read, and what one batch did.

``collect_files`` expands the paths a user names (files, folders searched recursively) into
report files; ``ingest_one`` decides for one file whether to parse it and loads the result;
``IngestSummary`` counts what happened. flows/ingest.py runs the same steps as Prefect tasks.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from parsers import REPORT_SUFFIXES
from pipeline import PARSER_VERSION
from pipeline.parse import file_sha256, parse_document
from pipeline.store import known_status, load_parsed
from schemas.records import ParsedDocument

# a document stored in one of these states by this parser version is not parsed again unless
# forced; a failed one, or one an older parser version read, is
SETTLED = {(status, PARSER_VERSION) for status in ("ok", "partial", "skipped")}


class UsageError(Exception):
    """A path that does not exist, or nothing to ingest."""


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every report file (REPORT_SUFFIXES) under named folders,
    sorted, hidden files and folders left out; each file once. Raises UsageError for a path
    that does not exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    return list(dict.fromkeys(files))


@dataclass
class Outcome:
    """What became of one input file."""

    path: Path
    doc_id: str
    status: str  # ok / partial / failed / skipped, or 'unchanged' / 'duplicate' when not parsed
    error: str | None = None
    tables: int = 0
    indicators: int = 0
    facts: int = 0
    evaluations: int = 0


@dataclass
class IngestSummary:
    """Counts over one batch, and the files that failed with their reasons."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def total(self, records: str) -> int:
        """Records loaded in this batch: 'tables', 'indicators', 'facts' or 'evaluations'."""
        return sum(getattr(o, records) for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every file ended up ok/partial/skipped (or was already there), 2 when some failed."""
        return 2 if self.failures else 0


def outcome_of(path: Path, parsed: ParsedDocument) -> Outcome:
    doc = parsed.document
    return Outcome(path, doc.doc_id, doc.status, doc.error, len(parsed.goal_tables),
                   sum(len(t.indicators) for t in parsed.goal_tables), len(parsed.facts),
                   len(parsed.evaluations))


def ingest_one(con: duckdb.DuckDBPyConnection, path: Path, force: bool = False,
               seen: set[str] | None = None,
               parse: Callable[[Path, str], ParsedDocument] = parse_document,
               load: Callable[[duckdb.DuckDBPyConnection, ParsedDocument], None] = load_parsed) -> Outcome:
    """Parse and load one file unless its bytes are already stored by this parser version (or
    were seen earlier in this batch); ``force`` parses again anyway. Failed documents, and
    documents an older parser version read, are parsed again.
    ``parse`` and ``load`` default to the plain functions; the flow passes its tasks."""
    doc_id = file_sha256(path)
    if seen is not None:
        if doc_id in seen:
            return Outcome(path, doc_id, "duplicate")
        seen.add(doc_id)
    if not force and known_status(con, doc_id) in SETTLED:
        return Outcome(path, doc_id, "unchanged")
    parsed = parse(path, doc_id)
    load(con, parsed)
    return outcome_of(path, parsed)
