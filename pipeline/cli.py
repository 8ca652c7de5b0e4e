"""The ``jixiao`` command.

    jixiao ingest PATH... [--db FILE] [--force] [--verbose]

Exit codes: 0 every input is in the database as ok / partial / skipped; 2 some inputs failed
(each recorded with status ``failed`` and its reason); 1 a usage error or a crash.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import sys
from pathlib import Path

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import PARSER_VERSION
from pipeline.ingest import UsageError, collect_files
from pipeline.settings import configure_prefect, default_db
from pipeline.store import connect

EXIT_CRASH = 1  # a usage error or a crash; 0 and 2 come from IngestSummary.exit_code
# summary lines: what became of the files, then the records loaded
OUTCOMES = ("ok", "partial", "skipped", "failed", "unchanged")
RECORDS = ("tables", "indicators", "facts", "evaluations")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="Turn Chinese budget-performance reports (预算绩效管理工作情况, 绩效目标表) into DuckDB tables.",
    )
    parser.add_argument("--version", action="version",
                        version=f"jixiao {importlib.metadata.version('jixiao')} (parser {PARSER_VERSION})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ingest = commands.add_parser(
        "ingest", help="parse report files or folders and load them into the database",
        description="Parse report files (folders are searched recursively) and load their goal tables "
                    "and indicators into DuckDB. Files already loaded (same bytes) are left alone.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    ingest.add_argument("--db", type=Path, default=None,
                        help=f"DuckDB file to write (default: {default_db()})")
    ingest.add_argument("--force", action="store_true", help="parse files again even if already loaded")
    ingest.add_argument("--verbose", action="store_true", help="show Prefect's log lines")
    ingest.set_defaults(handler=run_ingest)
    return parser


def summary_table(summary) -> Table:
    """The end-of-run table, one line per count (narrow terminals keep every word): files by
    outcome (duplicates count as unchanged), then the records loaded."""
    table = Table(title="jixiao ingest")
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("files", str(len(summary.outcomes)))
    for status in OUTCOMES:
        extra = summary.count("duplicate") if status == "unchanged" else 0
        table.add_row(f"  {status}", str(summary.count(status) + extra))
    for records in RECORDS:
        table.add_row(records, str(summary.total(records)))
    return table


def run_ingest(args: argparse.Namespace, console: Console) -> int:
    """``jixiao ingest``: collect the files, check the database opens, run the flow with a
    progress bar, print the summary; returns the exit code."""
    files = collect_files(args.paths)
    if not files:
        console.print("[red]nothing to ingest:[/] no report files under " + escape(" ".join(args.paths)), soft_wrap=True)
        return EXIT_CRASH
    db = (args.db or default_db()).resolve()
    try:  # fail before Prefect starts when the file is locked by another writer or unusable
        connect(db).close()
    except duckdb.Error as exc:
        raise UsageError(f"cannot open the database {db}: {exc}") from exc
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.ingest import ingest_flow  # imports prefect: settings must be in place first

    if not args.verbose:
        logging.getLogger("prefect").setLevel(logging.WARNING)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("ingesting", total=len(files))

        def advance(outcome) -> None:
            progress.update(bar, advance=1, description=f"{outcome.status:9s} {outcome.path.name[:40]}")

        summary = ingest_flow([str(f) for f in files], str(db), args.force, advance)
    console.print(summary_table(summary))
    # Paths and reasons are printed whole (never wrapped, never read as markup) so they can be
    # copied from a narrow terminal or a CI log.
    for failure in summary.failures:
        console.print(f"[red]failed[/] {escape(str(failure.path))}: {escape(failure.error)}", soft_wrap=True)
    for skipped in (o for o in summary.outcomes if o.status == "skipped"):
        console.print(f"[yellow]skipped[/] {escape(str(skipped.path))}: {escape(skipped.error)}", soft_wrap=True)
    console.print(f"database: {escape(str(db))}", soft_wrap=True)
    return summary.exit_code


def main(argv: list[str] | None = None) -> int:
    configure_prefect()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_CRASH
    console = Console(stderr=False)
    try:
        return args.handler(args, console)
    except UsageError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True)
        return EXIT_CRASH
    except Exception as exc:  # a crash: say what happened, exit 1
        console.print(f"[red]crashed:[/] {type(exc).__name__}: {escape(str(exc))}", soft_wrap=True)
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        return EXIT_CRASH


if __name__ == "__main__":
    sys.exit(main())
