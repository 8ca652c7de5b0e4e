"""PDF reader: a report PDF → the layout model, the same model the text reader produces.

A PDF is read in two passes, so that the slow table finder runs only where tables are:

    survey_page          pypdfium2 (fast): each page's text lines with boxes, whether it has a
                         text layer, garbled text, ruling lines, table header words, text drawn
                         sideways or glyph by glyph, rules in the margins
    needs_table_finder   which pages get pdfplumber's table finder (a page drawn sideways is
                         first given the /Rotate that sets it upright: upright_copy)
    read_table_page      pdfplumber on those pages: ruled tables (lines strategy; word alignment
                         for open-sided forms), the survey's lines outside the tables
    grid_from_table      pdfplumber table → TableGrid: horizontally covered cells dropped,
                         vertically covered cells filled down, wrapped cell text joined
    drop_page_furniture  running headers/footers and printed page numbers removed
    stitch_page_tables   a table continuing on the next page: its repeated header rows dropped
    page_lines           narrative lines and table rows (cells joined by tabs) in reading order

Table rows become lines whose cells are separated by tabs, exactly as a text extraction of a
form prints them, so the goal-table and evaluation recognisers read PDF and text alike. Every
line keeps its page and bounding box (x0, top, x1, bottom in points from the page's top left).
"""
from __future__ import annotations

import io
import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import extract_text
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.errors import ReadError
from parsers.layout import PAGE_NUMBER, BBox, Layout, Line, Page, TableGrid
from parsers.ocr import ocr_available, ocr_page_lines

# ---------------------------------------------------------------------------------------------
# vocabulary and thresholds

# a short line that reads as a table's column header or a form's title: a page printing one
# gets the table finder even without ruling lines (open-sided and borderless tables)
TABLE_HEADER_LINE = re.compile(
    r"一级指标.{0,20}[二三]级指标|序号.{0,30}(名称|金额|得分|分数|等级)|(绩效目标|绩效自评|评价结果)[^。，]{0,6}表$"
)
MAX_HEADER_LINE_CHARS = 80
# ruling segments (path objects) from which a page counts as holding a ruled table
MIN_RULING_PATHS = 6
# share of unreadable characters (U+FFFD, private use, control) above which text is garbled
MAX_GARBLED_SHARE = 0.1
GARBLED_CHAR = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
CID_MARK = re.compile(r"\(cid:\d+\)")
# share of wide (CJK-range) characters outside GBK above which text is garbled
MAX_OUTSIDE_GBK_SHARE = 0.2
# the page's top and bottom bands where running headers, footers and page numbers sit
MARGIN_SHARE = 0.1
# a line counts as furniture when its text recurs in a margin band on this share of pages
FURNITURE_SHARE = 0.5
# tolerances (points) for positions that count as the same: rows, baselines, cell edges
Y_TOLERANCE = 3.0
X_TOLERANCE = 3.0
# the narrowest gap between words that separates two cells of an open-sided table's row
MIN_CELL_GAP = 6.0
# characters sampled per page to tell whether its text is drawn sideways
SIDEWAYS_SAMPLE = 16
# a path this flat and this wide (share of the page width) is a horizontal rule
RULE_MAX_HEIGHT = 2.0
RULE_MIN_WIDTH_SHARE = 0.3

LINES_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
OPEN_SIDED_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "lines"}


# ---------------------------------------------------------------------------------------------
# opening


def open_document(path: Path) -> pdfium.PdfDocument:
    """The PDF opened with pdfium; ReadError with the reason when it is encrypted or corrupt."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise ReadError("encrypted PDF: it needs a password to open") from exc
        raise ReadError(f"corrupt or truncated PDF: {message}") from exc


# ---------------------------------------------------------------------------------------------
# stage 1: survey with pdfium


@dataclass
class PageSurvey:
    """What the fast pass learned of one page."""

    number: int
    width: float
    height: float
    rotation: int
    lines: list[tuple[str, BBox]] = field(default_factory=list)
    chars: int = 0
    images: int = 0
    paths: int = 0
    text_objects: int = 0
    margin_rules: set[int] = field(default_factory=set)  # heights (pt from the top) of rules in a margin band
    upright_turn: int = 0  # the /Rotate that sets text drawn sideways upright (0: it is upright)

    @property
    def text(self) -> str:
        return "\n".join(text for text, _ in self.lines)

    @property
    def garbled(self) -> bool:
        return is_garbled(self.text)

    @property
    def turned(self) -> bool:
        """True when the page is read rotated: by its /Rotate, or by the /Rotate that sets its
        sideways text upright (upright_copy); pdfium's boxes are then in unrotated space."""
        return self.rotation != 0 or self.upright_turn != 0

    @property
    def drops_text(self) -> bool:
        """True when pdfium read fewer characters than the page has text objects: it leaves out
        text drawn glyph by glyph in a font it has no outlines for, which pdfplumber reads."""
        return self.text_objects > self.chars


def is_garbled(text: str) -> bool:
    """True when too much of the text is unreadable: U+FFFD, private-use or control characters,
    or CJK-looking characters outside GBK (a font without a usable character map often yields
    random rare characters, 䅖ꉾ㧮, where real reports, simplified or traditional, use GBK's)."""
    if not text:
        return False
    wide = [c for c in text if ord(c) >= 0x2E80]
    outside_gbk = sum(1 for c in wide if not _in_gbk(c))
    return (len(GARBLED_CHAR.findall(text)) > MAX_GARBLED_SHARE * len(text)
            or bool(wide) and outside_gbk > MAX_OUTSIDE_GBK_SHARE * len(wide))


def _in_gbk(char: str) -> bool:
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def survey_page(doc: pdfium.PdfDocument, index: int) -> PageSurvey:
    """One page's text lines (with boxes), character count, image and path object counts."""
    page = doc[index]
    try:
        width, height = page.get_size()
        survey = PageSurvey(index + 1, width, height, page.get_rotation())
        for obj in page.get_objects(max_depth=2):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                survey.images += 1
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                survey.paths += 1
                rule = margin_rule(obj, width, height) if survey.rotation == 0 else None
                if rule is not None:
                    survey.margin_rules.add(rule)
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                survey.text_objects += 1
        textpage = page.get_textpage()
        try:
            survey.chars = textpage.count_chars()
            if survey.chars:
                survey.lines = pdfium_lines(textpage, height)
            if survey.rotation == 0:
                survey.upright_turn = upright_turn(textpage, survey.chars)
        finally:
            textpage.close()
        return survey
    finally:
        page.close()


def upright_turn(textpage: pdfium.PdfTextPage, chars: int) -> int:
    """The page rotation (/Rotate, degrees clockwise) under which most of the page's characters
    read upright: 0 for ordinary pages; 90 or 270 for a landscape table drawn sideways by the
    content's own transformation, which no /Rotate announces."""
    step = max(1, chars // SIDEWAYS_SAMPLE)
    turns = Counter(round(pdfium_c.FPDFText_GetCharAngle(textpage, i) / (math.pi / 2)) % 4
                    for i in range(0, chars, step))
    turn, count = turns.most_common(1)[0] if turns else (0, 0)
    return (4 - turn) % 4 * 90 if count > sum(turns.values()) / 2 else 0


def upright_copy(doc: pdfium.PdfDocument, surveys: list[PageSurvey]) -> io.BytesIO:
    """The document with a /Rotate on every page whose text is drawn sideways, so that
    pdfplumber reads those pages as it reads any rotated page."""
    for survey in surveys:
        if survey.upright_turn:
            doc[survey.number - 1].set_rotation(survey.upright_turn)
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    return buffer


def margin_rule(obj, width: float, height: float) -> int | None:
    """The height (points from the top, rounded) of a path object that is a wide horizontal
    rule in a margin band (under a running header, over a footer), else None."""
    left, bottom, right, top = obj.get_bounds()
    y = round(height - top)
    if top - bottom > RULE_MAX_HEIGHT or right - left < RULE_MIN_WIDTH_SHARE * width:
        return None
    return y if in_margin((left, y, right, y), height) else None


def furniture_rules(surveys: list[PageSurvey]) -> set[int]:
    """Heights of the rules printed in a margin band on most pages (a running header's rule),
    with a point either side: such a rule is page furniture, never a table's."""
    repeated = recurring(Counter(y for s in surveys for y in s.margin_rules), len(surveys))
    return {y + d for y in repeated for d in (-1, 0, 1)}


def recurring(counts: Counter, pages: int) -> set:
    """The keys counted on at least FURNITURE_SHARE of ``pages`` (and on two pages at least):
    what a document prints on most of its pages is page furniture."""
    return {key for key, n in counts.items() if pages >= 2 and n >= max(2, FURNITURE_SHARE * pages)}


def pdfium_lines(textpage: pdfium.PdfTextPage, page_height: float) -> list[tuple[str, BBox]]:
    """The page's text lines as pdfium breaks them, each with its box (top-left origin). Boxes
    are pdfium's loose character boxes (font ascent to descent): a font without glyph outlines
    (a non-embedded CID font) gives tight boxes of zero height, which misorder lines."""
    text = textpage.get_text_range()
    lines: list[tuple[str, BBox]] = []
    start = 0
    for match in re.finditer(r"\r\n|\n|\r|$", text):
        end = match.start()
        line = text[start:end]
        if line.strip():
            first = start + (len(line) - len(line.lstrip()))
            last = start + len(line.rstrip()) - 1
            boxes = [textpage.get_charbox(i, loose=True) for i in (first, last)]
            x0 = min(b[0] for b in boxes)
            x1 = max(b[2] for b in boxes)
            bottom = min(b[1] for b in boxes)
            top = max(b[3] for b in boxes)
            lines.append((line.strip(), (x0, page_height - top, x1, page_height - bottom)))
        start = match.end()
        if match.end() == len(text):
            break
    return lines


def is_scanned(survey: PageSurvey) -> bool:
    """A page with images and not one character or text object: a scan."""
    return not survey.chars and not survey.text_objects and survey.images > 0


def read_scanned_page(doc: pdfium.PdfDocument, survey: PageSurvey, page: PageContent) -> str:
    """OCR a scanned page into ``page.lines`` when the ocr extra is installed; the warning to
    record either way."""
    page.has_text_layer = False
    if not ocr_available():
        return f"page {survey.number} has no text layer (scanned image; install the ocr extra to read it)"
    pdf_page = doc[survey.number - 1]
    try:
        page.lines = ocr_page_lines(pdf_page)
    finally:
        pdf_page.close()
    return f"page {survey.number} has no text layer (read by OCR)"


def needs_table_finder(survey: PageSurvey) -> bool:
    """Pages with ruling lines, table header words, a rotation or text pdfium left out go to
    pdfplumber."""
    return survey.drops_text or bool(survey.chars) and (
        survey.paths >= MIN_RULING_PATHS or survey.turned or has_table_header(survey.text)
    )


def has_table_header(text: str) -> bool:
    """True when a short line of ``text`` reads as a column header or a form title."""
    return any(len(line) <= MAX_HEADER_LINE_CHARS and TABLE_HEADER_LINE.search(re.sub(r"\s+", "", line))
               for line in text.splitlines())


# ---------------------------------------------------------------------------------------------
# stage 2: tables with pdfplumber


def join_wrapped(text: str | None) -> str:
    """Cell text wrapped over lines joined back: no space between Chinese characters or
    digits, one space between Latin words ('项目年度绩效目\\n标' → '项目年度绩效目标')."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        space = " " if out[-1:].isascii() and out[-1:].isalpha() and part[:1].isascii() and part[:1].isalpha() else ""
        out += space + part
    return out


def cell_texts(table) -> dict[BBox, str]:
    """Each cell's text, as pdfplumber's ``Table.extract`` gives it (a character belongs to the
    cell holding its centre), in one pass over the page's characters sorted by height instead
    of one pass per row: table pages spent a tenth of their time there."""
    chars = sorted(table.page.chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    middles = [(c["top"] + c["bottom"]) / 2 for c in chars]
    texts = {}
    for box in table.cells:
        x0, top, x1, bottom = box
        band = chars[bisect_left(middles, top):bisect_left(middles, bottom)]
        inside = [c for c in band if x0 <= (c["x0"] + c["x1"]) / 2 < x1]
        texts[box] = extract_text(inside) if inside else ""
    return texts


def grid_from_table(table, page_number: int) -> TableGrid:
    """A pdfplumber table as a TableGrid of text rows, built from cell geometry: a column
    covered by a cell that starts further left (a column span) gives no cell; a column covered
    by a cell from a row above (a row span) repeats that cell's text (filled down); a column no
    cell covers is an empty cell. Cell text is joined over its wrapped lines."""
    text_of = {box: join_wrapped(text) for box, text in cell_texts(table).items()}
    columns = sorted({box[0] for box in text_of})
    rows: list[list[str | None]] = []
    bboxes: list[BBox] = []
    for row in table.rows:
        top = min(box[1] for box in row.cells if box is not None)
        active = [box for box in text_of if box[1] <= top + Y_TOLERANCE < box[3]]
        out: list[str | None] = []
        for x in columns:
            cover = next((box for box in active if box[0] - X_TOLERANCE <= x < box[2] - X_TOLERANCE), None)
            if cover is None:
                out.append("")
            elif abs(cover[0] - x) <= X_TOLERANCE:
                out.append(text_of[cover])
        rows.append(out)
        bottom = min(box[3] for box in row.cells if box is not None)
        bboxes.append((table.bbox[0], top, table.bbox[2], bottom))
    return TableGrid(page=page_number, rows=rows, bbox=table.bbox, row_bboxes=bboxes)


def clip_edge(edge: dict, words: list[dict]) -> list[dict]:
    """The parts of a vertical edge that cross no word: a column boundary guessed from word
    alignment must not cut through a paragraph that spans the columns (a form's goal text)."""
    x = edge["x0"]
    cuts = sorted((w["top"] - Y_TOLERANCE, w["bottom"] + Y_TOLERANCE) for w in words
                  if w["x0"] + 1 < x < w["x1"] - 1 and w["bottom"] > edge["top"] and w["top"] < edge["bottom"])
    pieces, start = [], edge["top"]
    for top, bottom in cuts:
        if top > start:
            pieces.append((start, top))
        start = max(start, bottom)
    if edge["bottom"] > start:
        pieces.append((start, edge["bottom"]))
    return [vertical_line(x, top, bottom) for top, bottom in pieces if bottom - top > 2 * Y_TOLERANCE]


def vertical_line(x: float, top: float, bottom: float) -> dict:
    """A vertical edge at ``x`` from ``top`` to ``bottom``, shaped as pdfplumber's explicit lines."""
    return {"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top}


def gap_boundaries(rules: list[dict], words: list[dict], boundaries: list[dict]) -> list[dict]:
    """Column boundaries inside single rows: within each band between two horizontal rules, a
    gap between words at least MIN_CELL_GAP wide that no boundary crosses yet gets one (a
    label beside its value: 项目主管部门 | 十堰市经济和信息化局)."""
    ys = sorted({round(e["top"], 1) for e in rules})
    added = []
    for top, bottom in zip(ys, ys[1:]):
        spans = sorted((w["x0"], w["x1"]) for w in words if top < (w["top"] + w["bottom"]) / 2 < bottom)
        reach = None
        for x0, x1 in spans:
            if reach is not None and x0 - reach >= MIN_CELL_GAP and not any(
                    reach <= b["x0"] <= x0 and b["top"] <= top + Y_TOLERANCE and b["bottom"] >= bottom - Y_TOLERANCE
                    for b in boundaries):
                added.append(vertical_line((reach + x0) / 2, top, bottom))
            reach = x1 if reach is None else max(reach, x1)
    return added


def side_boundaries(rules: list[dict]) -> list[dict]:
    """The open sides of a table: verticals where its horizontal rules start and end."""
    if not rules:
        return []
    top, bottom = min(e["top"] for e in rules), max(e["top"] for e in rules)
    return [vertical_line(min(e["x0"] for e in rules), top, bottom),
            vertical_line(max(e["x1"] for e in rules), top, bottom)]


def inside_sides(boundaries: list[dict], sides: list[dict], words: list[dict]) -> list[dict]:
    """The column boundaries with a word between them and each side of the table: one with
    no word between it and a side (the left edge of the first column's words) would make an
    empty column there, on the body rows only when the header is centred."""
    if not sides:
        return boundaries
    left, right = sides[0]["x0"], sides[1]["x0"]
    top, bottom = sides[0]["top"], sides[0]["bottom"]
    middles = [(w["x0"] + w["x1"]) / 2 for w in words if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
    return [b for b in boundaries if any(left < x < b["x0"] for x in middles)
            and any(b["x0"] < x < right for x in middles)]


def open_sided_tables(page, furniture_rules: set[int] = frozenset()) -> list:
    """Tables drawn with horizontal rules only: column boundaries from word alignment
    (pdfplumber's text strategy), clipped where they would cut through words, plus boundaries
    in the gaps between cells of single rows; cells then come from those boundaries and the
    rules, so a rule missing under a column still marks a row span."""
    finder = TableFinder(page, TableSettings.resolve(OPEN_SIDED_SETTINGS))
    words = page.extract_words()
    boundaries = [piece for edge in finder.get_edges() if edge["orientation"] == "v"
                  for piece in clip_edge(edge, words)]
    rules = [e for e in page.horizontal_edges if round(e["top"]) not in furniture_rules]
    if len(rules) < 2:
        return []
    boundaries += gap_boundaries(rules, words, boundaries)
    sides = side_boundaries(rules)
    boundaries = inside_sides(boundaries, sides, words) + sides
    settings = {"vertical_strategy": "explicit", "explicit_vertical_lines": boundaries,
                "horizontal_strategy": "explicit", "explicit_horizontal_lines": rules}
    return [t for t in page.find_tables(settings) if len(t.rows) > 1 and not has_unruled_rows(t)]


def has_unruled_rows(table) -> bool:
    """True when rules do not separate the table's rows: in one band between two rules, a
    cell's text lines leave a gap of more than a line where another cell has text (a 三线表,
    ruled only above and below its header and at its end, holds every row in one band). A
    wrapped cell's lines follow each other without such gaps. Such a table is read line by
    line instead, as borderless text."""
    chars = table.page.chars
    for row in table.rows:
        cells = []
        for box in (b for b in row.cells if b is not None):
            inside = [c for c in chars if box[0] <= (c["x0"] + c["x1"]) / 2 < box[2]
                      and box[1] <= (c["top"] + c["bottom"]) / 2 < box[3]]
            if inside:
                height = max(c["bottom"] - c["top"] for c in inside)
                cells.append((sorted({round(c["top"]) for c in inside}), height))
        for tops, height in cells:
            gaps = [(a, b) for a, b in zip(tops, tops[1:]) if b - a > 1.8 * height]
            if any(a < top < b for a, b in gaps for other, _ in cells if other is not tops for top in other):
                return True
    return False


def open_sides(page, tables: list) -> list[dict]:
    """Verticals closing tables drawn without side borders: where the horizontal rules of a
    found table run on past its outer columns (inner lines only, no left or right border), a
    vertical at the rules' ends, over the table's height."""
    sides = []
    for table in tables:
        x0, top, x1, bottom = table.bbox
        rules = [e for e in page.horizontal_edges if top - Y_TOLERANCE <= e["top"] <= bottom + Y_TOLERANCE
                 and e["x0"] < x1 and e["x1"] > x0]
        if not rules:
            continue
        left, right = min(e["x0"] for e in rules), max(e["x1"] for e in rules)
        if left < x0 - X_TOLERANCE:
            sides.append(vertical_line(left, top, bottom))
        if right > x1 + X_TOLERANCE:
            sides.append(vertical_line(right, top, bottom))
    return sides


def find_page_tables(page, header_printed: bool, furniture: set[int] = frozenset()) -> list:
    """pdfplumber tables of a page, top to bottom: ruled ones (closed at their sides when
    drawn without side borders); when the page prints a table header line
    (``header_printed``) but has no ruled table of two columns or more, open-sided ones
    (horizontal rules, and maybe verticals at the outer edges only)."""
    tables = page.find_tables(LINES_SETTINGS)
    sides = open_sides(page, tables)
    if sides:
        tables = page.find_tables({**LINES_SETTINGS, "explicit_vertical_lines": sides})
    # a "table" of one column is a frame: ruled at its outer edges only, its columns unruled
    tables = [t for t in tables if len(t.columns) > 1]
    if not tables and header_printed and page.horizontal_edges:
        tables = open_sided_tables(page, furniture)
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))  # top to bottom


def outside(boxes: list[BBox], box: BBox) -> bool:
    """True when the middle of ``box`` lies in none of ``boxes``."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def read_table_page(pdf_page, survey: PageSurvey,
                    furniture: set[int] = frozenset()) -> tuple[list[tuple[str, BBox]], list[TableGrid]]:
    """(text lines outside the tables, table grids) of one page. The lines are pdfium's from the
    survey (cheap); pdfplumber's on a rotated page, whose pdfium boxes are in unrotated space,
    and on a page whose text pdfium partly left out."""
    if not survey.turned and not survey.drops_text:
        all_lines = survey.lines
    else:
        all_lines = [(ln["text"].strip(), (ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
                     for ln in pdf_page.extract_text_lines(return_chars=False) if ln["text"].strip()]
    tables = find_page_tables(pdf_page, has_table_header("\n".join(text for text, _ in all_lines)), furniture)
    boxes = [t.bbox for t in tables]
    lines = [(text, box) for text, box in all_lines if outside(boxes, box)]
    return lines, [grid_from_table(t, survey.number) for t in tables]


# ---------------------------------------------------------------------------------------------
# stage 3: page furniture, stitching, reading order


@dataclass
class PageContent:
    """One page between stages: narrative lines and table grids, with the page's size."""

    number: int
    height: float
    lines: list[tuple[str, BBox]]
    tables: list[TableGrid]
    has_text_layer: bool = True


def furniture_key(text: str) -> str:
    """Text compared across pages: whitespace removed, digits as '#' (第3页 ~ 第4页)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def in_margin(box: BBox, height: float) -> bool:
    """True when ``box`` lies in the page's top or bottom margin band (MARGIN_SHARE of its height)."""
    return box[3] <= height * MARGIN_SHARE or box[1] >= height * (1 - MARGIN_SHARE)


def drop_page_furniture(pages: list[PageContent]) -> None:
    """Remove running headers and footers (the same text in a margin band on most pages) and
    printed page numbers (— 3 —, 第3页, or a bare number alone in a margin band)."""
    counts = Counter()
    for page in pages:
        counts.update({furniture_key(text) for text, box in page.lines if in_margin(box, page.height)})
    repeated = recurring(counts, sum(1 for page in pages if page.lines))
    for page in pages:
        page.lines = [
            (text, box) for text, box in page.lines
            if not (in_margin(box, page.height)
                    and (furniture_key(text) in repeated or PAGE_NUMBER.match(text.strip())
                         or re.fullmatch(r"\d{1,4}", text.strip())))
        ]


def _squashed_row(row: list[str | None]) -> str:
    return "|".join(re.sub(r"\s+", "", c or "") for c in row)


def _column_count(grid: TableGrid) -> int:
    return max((len(r) for r in grid.rows), default=0)


def _digit_free_rows(grid: TableGrid) -> set[str]:
    return {_squashed_row(r) for r in grid.rows if not any(re.search(r"\d", c or "") for c in r)}


def stitch_page_tables(pages: list[PageContent]) -> None:
    """A page that opens with a table continuing the previous page's last table (nothing but
    furniture between them) is marked ``continues``, and its leading rows that repeat rows of
    the table's earlier pages without a digit in them (the column header, its sub-header) are
    dropped, so the recognisers read one table over the page break. A table opening a page
    continues the last one when it repeats such rows or has the same number of columns."""
    earlier_rows: set[str] = set()  # digit-free rows of the table running into the page break
    for previous, page in zip(pages, pages[1:]):
        last = previous.tables[-1] if previous.tables else None
        first = page.tables[0] if page.tables else None
        if last is None or first is None:
            continue
        earlier_rows = (earlier_rows if last.continues else set()) | _digit_free_rows(last)
        if not _ends_page(previous, last) or not _opens_page(page, first):
            continue
        drop = 0
        while drop < len(first.rows) - 1 and _squashed_row(first.rows[drop]) in earlier_rows:
            drop += 1
        if drop or _column_count(first) == _column_count(last):
            first.rows, first.row_bboxes = first.rows[drop:], first.row_bboxes[drop:]
            first.continues = True


def _ends_page(page: PageContent, table: TableGrid) -> bool:
    """No narrative line below the table."""
    return table.bbox is None or all(box[1] < table.bbox[3] for _, box in page.lines)


def _opens_page(page: PageContent, table: TableGrid) -> bool:
    """No narrative line above the table."""
    return table.bbox is None or all(box[1] > table.bbox[1] for _, box in page.lines)


def page_lines(page: PageContent, first_lineno: int) -> list[Line]:
    """Narrative lines and table rows (cells joined by tabs) in reading order, top to bottom."""
    items: list[tuple[float, float, str, BBox]] = [(box[1], box[0], text, box) for text, box in page.lines]
    for grid in page.tables:
        for row, box in zip(grid.rows, grid.row_bboxes):
            cells = [c or "" for c in row]
            if any(cells):
                items.append((box[1], box[0], "\t".join(cells), box))
    items.sort(key=lambda item: (round(item[0] / Y_TOLERANCE), item[1]))
    return [Line(text, page.number, first_lineno + k, box) for k, (_, _, text, box) in enumerate(items)]


# ---------------------------------------------------------------------------------------------


def read_pages(path: Path) -> tuple[list[PageContent], list[str]]:
    """Every page's content and the reader's warnings (scans, garbled text, unreadable pages)."""
    doc = open_document(path)
    try:
        surveys = [survey_page(doc, i) for i in range(len(doc))]
        pages = [PageContent(s.number, s.height, s.lines, []) for s in surveys]
        warnings = [read_scanned_page(doc, s, p) for s, p in zip(surveys, pages) if is_scanned(s)]
        source = upright_copy(doc, surveys) if any(s.upright_turn for s in surveys) else path
    finally:
        doc.close()
    warnings += [f"page {s.number} has garbled text (no usable character map)" for s in surveys if s.garbled]
    wanted = [s for s in surveys if needs_table_finder(s)]
    rules = furniture_rules(surveys)
    if wanted:
        try:
            pdf = pdfplumber.open(source)
        except Exception as exc:  # pdfminer refuses what pdfium repaired: keep pdfium's text
            warnings.append(f"tables not read: pdfplumber could not open the file ({type(exc).__name__})")
            return pages, warnings
        with pdf:
            for survey in wanted:
                page = pages[survey.number - 1]
                pdf_page = pdf.pages[survey.number - 1]
                try:
                    page.lines, page.tables = read_table_page(pdf_page, survey, rules)
                    page.height = float(pdf_page.height)
                except Exception as exc:
                    warnings.append(f"page {survey.number} tables not read ({type(exc).__name__}: {exc})")
                finally:
                    pdf_page.close()
                if any(CID_MARK.search(text) for text, _ in page.lines) and not survey.garbled:
                    warnings.append(f"page {survey.number} has garbled text (no usable character map)")
    return pages, warnings


def read_pdf(path: str | Path) -> Layout:
    """Read a PDF report into a Layout. Raises ReadError when the file cannot be opened."""
    pages, warnings = read_pages(Path(path))
    if pages and not any(p.has_text_layer or p.lines for p in pages):
        how = "OCR read no text" if ocr_available() else "install the ocr extra to read it"
        raise ReadError(f"image-only PDF: no page has a text layer (a scan; {how})")
    drop_page_furniture(pages)
    stitch_page_tables(pages)
    out: list[Page] = []
    lineno = 1
    for content in pages:
        lines = page_lines(content, lineno)
        lineno += len(lines)
        out.append(Page(content.number, lines, content.tables, content.has_text_layer))
    return Layout("pdf", out, warnings)
