"""Readers: one file → the layout model (parsers.layout), whatever its format.

``read_file`` picks the reader from the file's first bytes, not only its name, so a PDF saved
as ``.txt`` is still read as a PDF. Formats without a reader yet raise UnsupportedFormatError.
"""
from __future__ import annotations

from pathlib import Path

from parsers.errors import ReadError, UnsupportedFormatError
from parsers.layout import Layout
from parsers.text import read_text

# file endings picked up when a folder is ingested; the ones without a reader are recorded as skipped
REPORT_SUFFIXES = {".txt", ".text", ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".wps"}

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(path: str | Path) -> str:
    """'pdf', 'docx', 'xlsx', 'doc', 'xls' or 'txt' for a file, from its magic bytes first and
    its ending second (an Office zip or OLE file is told apart by its ending)."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(1024)
    suffix = path.suffix.lower().lstrip(".")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_ZIP):
        return suffix if suffix in ("docx", "xlsx") else "zip"
    if head.startswith(_OLE):
        return suffix if suffix in ("doc", "xls", "wps") else "ole"
    return "txt"


def read_file(path: str | Path) -> Layout:
    """Read one report file into a Layout. Raises ReadError (or a subclass) when it cannot."""
    fmt = detect_format(path)
    if fmt == "txt":
        return read_text(path)
    raise UnsupportedFormatError(f"unsupported format: no reader for {fmt} files yet")


__all__ = ["REPORT_SUFFIXES", "ReadError", "UnsupportedFormatError", "detect_format", "read_file"]
