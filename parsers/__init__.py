"""Readers: one file → the layout model (parsers.layout), whatever its format.

``read_file`` picks the reader from the file's first bytes, not only its name, so a PDF saved
as ``.txt`` is still read as a PDF. Formats without a reader yet raise UnsupportedFormatError.
"""
from __future__ import annotations

from pathlib import Path

from parsers.errors import ReadError, UnsupportedFormatError
from parsers.layout import Layout
from parsers.pdf import read_pdf
from parsers.text import read_text

# file endings picked up when a folder is ingested; the ones without a reader are recorded as
# skipped. A .csv (a goal table saved from a spreadsheet) is read as text: its rows are cells.
REPORT_SUFFIXES = {".txt", ".text", ".csv", ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".wps"}

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# the first bytes each binary format starts with
MAGIC = {"pdf": b"%PDF-", "docx": _ZIP, "xlsx": _ZIP, "doc": _OLE, "xls": _OLE, "wps": _OLE}


def detect_format(path: str | Path) -> str:
    """'pdf', 'docx', 'xlsx', 'doc', 'xls', 'wps' or 'txt' for a file: its ending names the
    format, except that a PDF is a PDF whatever it is called (some sites serve PDFs as .txt)."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(1024)
    suffix = path.suffix.lower().lstrip(".")
    if b"%PDF-" in head:
        return "pdf"
    return suffix if suffix in MAGIC else "txt"


def check_magic(path: Path, fmt: str) -> None:
    """Raise ReadError when a binary format's file does not start as that format does."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    magic = MAGIC.get(fmt)
    if magic is not None and magic not in head[: 1024 if fmt == "pdf" else len(magic)]:
        raise ReadError(f"not a {fmt} file: it does not start with the {fmt} signature (corrupt or misnamed)")


def read_file(path: str | Path) -> Layout:
    """Read one report file into a Layout. Raises ReadError (or a subclass) when it cannot."""
    fmt = detect_format(path)
    if fmt == "txt":
        return read_text(path)
    check_magic(Path(path), fmt)
    if fmt == "pdf":
        return read_pdf(path)
    raise UnsupportedFormatError(f"unsupported format: no reader for {fmt} files yet")


__all__ = ["REPORT_SUFFIXES", "ReadError", "UnsupportedFormatError", "detect_format", "read_file"]
