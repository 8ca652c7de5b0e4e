"""The one layout model every reader produces and every recogniser reads.

A document is a list of pages; a page holds its lines (in reading order) and the table grids
a reader found on it. Every line and every grid row keeps where it came from, so records built
from them can carry a ``source_span``. Text files give lines whose table cells are separated by
tabs; PDF readers give lines of narrative text plus ruled table grids with bounding boxes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Line:
    """One printed line: its text (tabs kept), page (1-based) and line number (1-based, per file)."""

    text: str
    page: int
    lineno: int
    bbox: BBox | None = None

    @property
    def cells(self) -> list[str]:
        """The line split on tabs, each cell stripped; a line without tabs is one cell."""
        return [c.strip() for c in self.text.split("\t")]

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_rule(self) -> bool:
        """A drawn rule, not text: |---|:---:|, +====+, ──────, ________."""
        return bool(RULE.match(self.text.strip()))

    @property
    def is_page_number(self) -> bool:
        """A printed page number on a line of its own: — 7 —, -7-, 第7页, 7/12 (not a bare 7)."""
        return bool(PAGE_NUMBER.match(self.text.strip()))


RULE = re.compile(r"^[|+:]?(?:\s*[-=_─━═:]{3,}\s*[|+┼]?)+$")
# a bare number is not one: in a form printed one cell per line it is a value
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‒]\s*\d{1,4}\s*[-—–－‒]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)


@dataclass
class TableGrid:
    """A table as the reader found it: rows of cell texts (merged cells already filled down,
    column spans dropped), its box and each row's box; ``continues`` when it carries on the
    previous page's last table."""

    page: int
    rows: list[list[str | None]]
    bbox: BBox | None = None
    row_bboxes: list[BBox] = field(default_factory=list)
    continues: bool = False


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[TableGrid] = field(default_factory=list)
    has_text_layer: bool = True


@dataclass
class Layout:
    """A whole document: its pages plus what the reader noticed (``warnings``, e.g. scanned pages)."""

    format: str
    pages: list[Page]
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[Line]:
        """Every line of every page, in order."""
        return [line for page in self.pages for line in page.lines]

    def text(self) -> str:
        """The whole text, lines joined by newlines (tabs kept)."""
        return "\n".join(line.text for line in self.lines())


def span_of(lines: list[Line]) -> str:
    """Where a record came from: ``p3:l120-122`` for text lines, ``p3:x0,y0,x1,y1`` for PDF boxes."""
    if not lines:
        return ""
    page = lines[0].page
    boxes = [ln.bbox for ln in lines if ln.bbox is not None and ln.page == page]
    if boxes:
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[2] for b in boxes)
        y1 = max(b[3] for b in boxes)
        return f"p{page}:{x0:.0f},{y0:.0f},{x1:.0f},{y1:.0f}"
    first, last = min(ln.lineno for ln in lines), max(ln.lineno for ln in lines)
    return f"p{page}:l{first}-{last}" if last != first else f"p{page}:l{first}"
