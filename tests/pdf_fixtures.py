"""Render the gold goal tables (and sample 003's score table) as printed PDF reports.

Each file is one sample in one layout style: the report title and a few paragraphs of the
sample's own prose, then its goal-table forms drawn as grids, with the report title as a running
header and ``— N —`` at the foot of every page. The forms are rendered from the gold, like
``text_renderings`` does for text, so a reader that reads them back exactly scores 1.0. Files are
named ``{sample_stem}-{style}.pdf`` so the grader matches them to their gold.

Styles, each a layout problem the PDF reader must survive:

- ``ruled``: every form on a new page, fully ruled; merged 一级/二级 (and goal) cells are
  SPANs, long names wrap inside their cells; a form longer than a page breaks between 一级
  groups and repeats its column header.
- ``split``: forms follow each other on the page and break where the page ends, always inside
  a merged 一级 cell; the continuation page repeats the column header, and its first row's
  cut cells (goal, 一级, maybe 二级) are empty.
- ``nohead``: like ``split`` without the repeated column header.
- ``open``: like ``ruled`` but with horizontal rules only (no vertical lines).
- ``landscape``: forms on landscape pages; the second form page is stored portrait with
  ``/Rotate 90``.
- ``twoforms``: forms packed onto pages, never split when they fit on one: two short forms
  share a page (000; 002's forms are too long for that).
- ``scores`` (sample 003 only): the 自评 score table over two pages, header repeated, names
  wrapped, a 合计 row.

The text is set in reportlab's built-in CID font STSong-Light (no system fonts; pdfplumber
decodes it to real characters), and ``rl_config.invariant`` makes the bytes identical run to run.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab.rl_config
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)

from text_renderings import _blocks, _cells

reportlab.rl_config.invariant = 1  # no creation date or random document id: same bytes every run

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
RAW = HERE.parent / "data" / "raw"

FORM_STYLES = ("ruled", "split", "nohead", "open", "landscape", "twoforms")
STYLES = FORM_STYLES + ("scores",)
FORM_SAMPLES = ("000", "002")  # the samples whose gold has goal tables
SCORE_SAMPLE = "003"           # the sample whose gold has the 自评 score table

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

MARGIN_X, MARGIN_Y = 50, 62   # page margins; the running header and the page number sit inside
GAP = 14                      # space between consecutive forms
BASE_WIDTH = 495              # the column widths below add up to this (A4 portrait frame)
WIDTHS = {5: [62, 62, 76, 185, 110], 7: [56, 52, 66, 121, 66, 66, 68]}
SCORE_WIDTHS = [38, 110, 144, 62, 55, 40, 46]

BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, firstLineIndent=22,
                      spaceAfter=4, wordWrap="CJK")
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=24, alignment=TA_CENTER,
                       spaceAfter=12, wordWrap="CJK")
FORM_TITLE = ParagraphStyle("form_title", fontName=FONT, fontSize=13, leading=18,
                            alignment=TA_CENTER, spaceAfter=2, wordWrap="CJK")
UNIT_LINE = ParagraphStyle("unit_line", fontName=FONT, fontSize=9, leading=12, alignment=TA_RIGHT,
                           spaceAfter=2)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
HEAD_CELL = ParagraphStyle("head_cell", parent=CELL, alignment=TA_CENTER)


# ---------------------------------------------------------------------------------------------
# the sample's own prose

HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.])")
FORMS_START = re.compile(r"^(附件|附：)|表$")


def sample_prose(stem: str, title: str) -> list[str]:
    """The prose paragraphs of ``data/raw/{stem}.txt`` between its title (the gold title, spaces
    ignored) and its first attachment or table title, wrapped lines rejoined."""
    text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines()]  # form feeds (page breaks) split lines too
    lines = [ln for ln in lines if ln and not re.fullmatch(r"—\s*\d+\s*—", ln)]
    body = lines[_title_end(lines, title):]
    widest = max(len(ln) for ln in body)
    paragraphs: list[str] = []
    open_paragraph = False
    for line in body:
        if FORMS_START.search(line):
            break
        if not open_paragraph or HEADING.match(line):
            paragraphs.append(line)
        else:
            paragraphs[-1] += line
        # a short line that ends a sentence ends its paragraph (the others were wrapped)
        open_paragraph = not (line.endswith(("。", "：")) and len(line) < 0.9 * widest)
    return paragraphs


def _title_end(lines: list[str], title: str) -> int:
    """Index of the first line after the title lines (0 when the title is not found)."""
    want, seen = _squash(title), ""
    for index, line in enumerate(lines[:6]):
        seen += _squash(line)
        if seen.endswith(want):
            return index + 1
    return 0


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------------------------------------
# a goal table as a grid of cells


@dataclass
class Grid:
    """One goal-table form: cell texts by row, merged cells, and what each row is.

    ``kinds`` per row: ``field`` (label | value header rows), ``marker`` (长期/年度绩效目标表),
    ``head`` (column header) or ``body`` (an indicator). ``spans`` are reportlab SPAN rectangles
    (col0, row0, col1, row1), inclusive; covered cells hold "". ``heads`` maps every body row to
    the rows of its column header, which continuation pages repeat."""
    title: str
    ncols: int
    cells: list[list[str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    heads: dict[int, list[int]] = field(default_factory=dict)

    def add(self, cells: list[str], kind: str, span_from: int | None = None) -> int:
        """Append a row (padded to the grid's width); ``span_from`` merges its cells from that
        column to the last one. Returns the row's index."""
        row = len(self.cells)
        self.cells.append(cells + [""] * (self.ncols - len(cells)))
        self.kinds.append(kind)
        if span_from is not None and span_from < self.ncols - 1:
            self.spans.append((span_from, row, self.ncols - 1, row))
        return row


def form_grid(table: dict, target_year: int | None) -> Grid:
    """A gold goal table (``goal_tables[i]`` of a gold file) laid out as its printed form."""
    by_horizon = [(h, list(blocks)) for h, blocks in groupby(_blocks(table), key=lambda b: b[0])]
    history = {h: h == "annual" and any(ind.get("history") for _, _, rows in blocks for ind in rows)
               for h, blocks in by_horizon}
    form = _printed_form(table)
    ncols = 7 if any(history.values()) else 5  # 前年 | 上年 | 当年 columns, or one value column
    grid = Grid(title=_form_title(table, form, target_year), ncols=ncols)
    _add_fields(grid, _header_fields(table, form))
    has_goals = any(goal for _, blocks in by_horizon for _, goal, _ in blocks)
    for horizon, blocks in by_horizon:
        if form != "declaration":
            grid.add(["长期绩效目标表" if horizon == "long_term" else "年度绩效目标表"], "marker", 0)
        head = _add_column_header(grid, history[horizon], has_goals, form)
        for _, goal, rows in blocks:
            label = goal or ("长期绩效指标" if horizon == "long_term" else "年度绩效指标")
            _add_indicator_block(grid, label, rows, history[horizon], head)
    return grid


def _printed_form(table: dict) -> str:
    """Which real form the table is printed as: ``department`` (部门整体支出, 002),
    ``budget`` (budget-system project form with 项目编码 and goals, 002) or ``declaration``
    (项目绩效目标申报表, 000)."""
    if table["kind"] == "department":
        return "department"
    has_goals = any(ind.get("goal") for ind in table["indicators"])
    return "budget" if table.get("code") or has_goals else "declaration"


def _form_title(table: dict, form: str, target_year: int | None) -> str:
    year = f"{target_year}年" if target_year else ""
    if form == "department":
        return f"{year}{table['name']}整体支出绩效目标表"
    if form == "budget":
        return f"{year}{table['name']}项目绩效目标表"
    return f"{table['name']}绩效目标申报表"


def _header_fields(table: dict, form: str) -> list[tuple[str, str]]:
    """(label, value) pairs of the form's header block, as that form prints them."""
    if form == "department":
        return [("部门(单位)名称", table["name"]), ("年度绩效目标", table["goal_text"] or "")]
    if form == "budget":
        pairs = [("项目名称", table["name"]), ("项目编码", table.get("code") or ""),
                 ("项目主管部门", table["department"]), ("项目执行单位", table["unit"]),
                 ("项目总预算", _number(table["amount_wan"])),
                 ("项目当年预算", _number(table["annual_amount_wan"])),
                 ("年度绩效目标", table["goal_text"] or "")]
    else:
        pairs = [("项目名称", table["name"]), ("项目金额（万元）", _number(table["amount_wan"])),
                 ("项目主管部门", table["department"]), ("项目单位", table["unit"]),
                 ("项目年度绩效目标", table["goal_text"] or "")]
    return [(label, value or "") for label, value in pairs]


def _add_fields(grid: Grid, pairs: list[tuple[str, str]]) -> None:
    """Header rows label | value | label | value; the first pair of a department form and the
    goal text take a whole row."""
    wide = {"部门(单位)名称", "年度绩效目标", "项目年度绩效目标"}
    index = 0
    while index < len(pairs):
        label, value = pairs[index]
        if label in wide or index + 1 == len(pairs) or pairs[index + 1][0] in wide:
            grid.add([label, value], "field", 1)
            index += 1
            continue
        label2, value2 = pairs[index + 1]
        row = grid.add([label, value, "", label2, value2], "field", 4)
        grid.spans.append((1, row, 2, row))  # the first value covers columns 1-2
        index += 2


def _add_column_header(grid: Grid, history: bool, has_goals: bool, form: str) -> list[int]:
    """The column header rows of one horizon; returns their row indices."""
    first = "目标名称" if has_goals else "项目绩效指标"
    target = "预期当年实现值" if form == "declaration" else "指标值"
    top = grid.add([first, "一级指标", "二级指标", "三级指标", target], "head", 4)
    if not history:
        return [top]
    sub = grid.add(["", "", "", "", "前年", "上年", "预计当年实现"], "head")
    grid.spans.extend((col, top, col, sub) for col in range(4))
    return [top, sub]


def _add_indicator_block(grid: Grid, label: str, rows: list[dict], history: bool,
                         head: list[int]) -> None:
    """One goal's indicator rows: the goal label merged down the first column, merged 一级
    and 二级 cells, the target value (and 前年/上年) as printed."""
    first_row = len(grid.cells)
    for index, (ind, cells) in enumerate(zip(rows, _cells(rows, history))):
        level_cells, values = cells[:3], cells[3:]
        if history:
            values = _history_cells(ind, values)
        row = grid.add([label if index == 0 else "", *level_cells, *values], "body",
                       None if history else 4)
        grid.heads[row] = head
    last_row = len(grid.cells) - 1
    grid.spans.append((0, first_row, 0, last_row))
    for column, keys in ((1, _level1_keys(rows)), (2, _level2_keys(rows))):
        grid.spans.extend((column, first_row + a, column, first_row + b) for a, b in _runs(keys))


def _history_cells(ind: dict, values: list[str]) -> list[str]:
    """[前年, 上年, target]; a row whose gold history is empty prints what the source printed
    there: the target's operator and unit without the number ('= 万元'), or '#'."""
    hist = ind.get("history") or {}
    if any(hist.values()):
        return values
    placeholder = _history_placeholder(ind["raw_value"])
    return [placeholder, placeholder, values[-1]]


def _history_placeholder(raw_value: str) -> str:
    """'=334万元' → '= 万元', '≥6000起' → '≥ 起', '是#' → '#', '1次/天次/天' → '次/天';
    '' for values without a number."""
    if raw_value.endswith("#"):
        return "#"
    match = re.match(r"^([=＝≥≤><]?)\D*\d[\d.,]*(.*)$", raw_value)
    if not match:
        return ""
    return f"{match[1]} {_unit_field(match[2])}".strip()


def _unit_field(unit: str) -> str:
    """The form's unit field out of the text after a target's number. Some forms print the
    number's own unit and then the unit field ('1次/天次/天', '100%百分比'); the history cells
    carry the unit field alone ('次/天', '百分比')."""
    half = len(unit) // 2
    if len(unit) % 2 == 0 and unit[:half] == unit[half:]:
        return unit[:half]
    return unit[1:] if unit.startswith("%") and len(unit) > 1 else unit


def _printed_level1(ind: dict) -> str:
    return ind.get("printed_level1") or ind["level1"]


def _level1_keys(rows: list[dict]) -> list:
    """Per row, the key whose runs are the merged 一级 cells: the printed 一级 label."""
    return [_printed_level1(ind) for ind in rows]


def _level2_keys(rows: list[dict]) -> list:
    """Per row, the key whose runs are the merged 二级 cells. A 二级 label printed in the 一级
    column leaves its row's 二级 cell empty and unmerged, as in the source."""
    keys = []
    for index, ind in enumerate(rows):
        level1 = _printed_level1(ind)
        keys.append((level1, ind["level2"]) if ind["level2"] != level1 else ("own cell", index))
    return keys


def _runs(keys: list) -> list[tuple[int, int]]:
    """(first, last) index of every run of two or more equal consecutive keys."""
    runs, start = [], 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            if index - 1 > start:
                runs.append((start, index - 1))
            start = index
    return runs


def _number(value: float | int | None) -> str:
    """An amount as printed: 4670, 1311.13 (no exponent, no trailing zeros); '' for None."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# ---------------------------------------------------------------------------------------------
# cutting a grid into one table per page


@dataclass(frozen=True)
class Layout:
    """How a style lays forms out on pages."""
    page: str              # "portrait" or "landscape"
    ruled: bool            # vertical and horizontal rules, else horizontal rules only
    form_per_page: bool    # every form starts on a new page
    keep_whole: bool       # a form that fits on one page is moved, never split
    mid_span_breaks: bool  # pages break inside merged 一级 cells, else between 一级 groups
    repeat_head: bool      # continuation pages repeat the column header


LAYOUTS = {  # page, ruled, form_per_page, keep_whole, mid_span_breaks, repeat_head
    "ruled": Layout("portrait", True, True, True, False, True),
    "split": Layout("portrait", True, False, False, True, True),
    "nohead": Layout("portrait", True, False, False, True, False),
    "open": Layout("portrait", False, True, True, False, True),
    "landscape": Layout("landscape", True, True, True, False, True),
    "twoforms": Layout("portrait", True, False, True, False, True),
}


def _piece(grid: Grid, rows: list[int], width: float, ruled: bool) -> Table:
    """A Table of the grid rows ``rows`` (a repeated column header, then a run of rows).
    Merged cells are cut at the piece's edges; a cut cell continues empty, as real
    continuation pages print it."""
    position = {row: index for index, row in enumerate(rows)}
    data = [[_cell(grid.cells[row][col], grid.kinds[row], col) for col in range(grid.ncols)]
            for row in rows]
    # CJK wrapping hangs punctuation that may not start a line (、，。) past the line's width;
    # a right padding of one character keeps it inside its cell, as Word's layout would
    commands = _rules(ruled) + [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 3 + CELL.fontSize),
                                ("TOPPADDING", (0, 0), (-1, -1), 2),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for col0, row0, col1, row1 in grid.spans:
        inside = [position[row] for row in range(row0, row1 + 1) if row in position]
        if inside and (len(inside) > 1 or col1 > col0):
            commands.append(("SPAN", (col0, inside[0]), (col1, inside[-1])))
    scale = width / BASE_WIDTH
    return Table(data, colWidths=[w * scale for w in WIDTHS[grid.ncols]],
                 style=TableStyle(commands))


def _rules(ruled: bool) -> list[tuple]:
    if ruled:
        return [("GRID", (0, 0), (-1, -1), 0.5, black)]
    return [("LINEABOVE", (0, 0), (-1, 0), 1, black), ("LINEBELOW", (0, 0), (-1, -1), 0.5, black)]


def _cell(text: str, kind: str, col: int) -> Paragraph | str:
    if not text:
        return ""
    centred = kind in ("head", "marker") or (kind == "body" and col < 3)
    return Paragraph(escape(text), HEAD_CELL if centred else CELL)


def _height(flowable: Flowable, width: float) -> float:
    return flowable.wrap(width, 1e9)[1]


def _break_rule(grid: Grid, layout: Layout, fallback: bool = False):
    """Where a page may end, as a test on the index of the row that would start the next page:
    after an indicator row and before another (or a 长期/年度 marker); ``split`` styles only
    inside a merged 一级 cell, the others only between merged 一级/二级 cells."""
    def cuts(row: int, columns: tuple[int, ...]) -> bool:
        return any(c0 in columns and r0 < row <= r1 for c0, r0, _, r1 in grid.spans)

    def allowed(row: int) -> bool:
        if grid.kinds[row - 1] != "body" or grid.kinds[row] not in ("body", "marker"):
            return False
        if fallback:
            return True
        if layout.mid_span_breaks:
            return grid.kinds[row] == "body" and cuts(row, (1,))
        return not cuts(row, (1, 2))
    return allowed


class _Pages:
    """The story of a report laid out page by page, with the room left on the current page.

    Pages are counted from 0 (the opening page); ``template_of_page`` names each page's template."""

    def __init__(self, template_of_page):
        self.template_of_page = template_of_page
        self.story: list[Flowable] = []
        self.page = 0
        self.room = self.frame_height - 1  # a point of slack against rounding
        self.empty = True
        self.holds_form = False  # some piece of a form is on the current page

    @property
    def frame_height(self) -> float:
        return _frame_size(self.template_of_page(self.page))[1]

    def new_page(self) -> None:
        self.page += 1
        self.story += [NextPageTemplate(self.template_of_page(self.page)), PageBreak()]
        self.room = self.frame_height - 1
        self.empty = True
        self.holds_form = False

    def put(self, flowable: Flowable, width: float, height: float | None = None) -> None:
        """Append ``flowable``; ``height`` defaults to its wrapped height and space after."""
        if height is None:
            height = _height(flowable, width) + flowable.getSpaceAfter()
        if height > self.room:
            raise ValueError("flowable does not fit the rest of the page")
        self.story.append(flowable)
        self.room -= height
        self.empty = False


def _place_form(pages: _Pages, grid: Grid, layout: Layout, width: float) -> None:
    """Append ``grid`` to ``pages``, one table per page it touches, breaking as ``layout`` says."""
    title = [Paragraph(escape(grid.title), FORM_TITLE), Paragraph("单位：万元", UNIT_LINE)]
    title_height = sum(_height(p, width) + p.getSpaceAfter() for p in title)
    whole_table = _piece(grid, list(range(len(grid.cells))), width, layout.ruled)
    whole = title_height + _height(whole_table, width)
    row_heights = whole_table._rowHeights
    if layout.form_per_page and pages.holds_form:
        pages.new_page()
    elif layout.keep_whole and GAP + whole > pages.room and whole <= pages.frame_height - 1:
        pages.new_page()
    start, first = 0, True
    while start < len(grid.cells):
        head = grid.heads.get(start, []) if (not first and layout.repeat_head) else []
        gap = 0 if pages.empty else GAP
        room = pages.room - gap - (title_height if first else 0)
        fitted = _fit(grid, row_heights, head, start, room, width, _break_rule(grid, layout),
                      layout.ruled)
        if fitted is None and pages.empty:
            fitted = _fit(grid, row_heights, head, start, room, width,
                          _break_rule(grid, layout, fallback=True), layout.ruled)
            if fitted is None:
                raise ValueError(f"a row of {grid.title} is taller than a page")
        if fitted is None:
            pages.new_page()
            continue
        end, table, table_height = fitted
        if gap:
            pages.put(Spacer(1, gap), width, gap)
        if first:
            for paragraph in title:
                pages.put(paragraph, width)
        pages.put(table, width, table_height)
        pages.holds_form = True
        start, first = end, False
        if start < len(grid.cells):
            pages.new_page()


def _fit(grid: Grid, row_heights: list[float], head: list[int], start: int, room: float,
         width: float, allowed, ruled: bool) -> tuple[int, Table, float] | None:
    """The longest piece from row ``start`` that fits ``room`` and ends where ``allowed``:
    (end row, exclusive; its table; its height), or None."""
    ends = [row for row in range(start + 1, len(grid.cells)) if allowed(row)] + [len(grid.cells)]
    for end in reversed(ends):
        estimate = sum(row_heights[r] for r in head) + sum(row_heights[start:end])
        if estimate > room:
            continue
        table = _piece(grid, head + list(range(start, end)), width, ruled)
        height = _height(table, width)
        if height <= room:
            return end, table, height
    return None


# ---------------------------------------------------------------------------------------------
# documents: page templates, running header, page numbers

PAGE_SIZES = {"portrait": A4, "landscape": landscape(A4), "rotated": landscape(A4)}


def _frame_size(template: str) -> tuple[float, float]:
    width, height = PAGE_SIZES[template]
    return width - 2 * MARGIN_X, height - 2 * MARGIN_Y


def _page_templates(running_title: str) -> list[PageTemplate]:
    """Portrait, landscape, and a landscape page stored portrait with /Rotate 90: its content
    is drawn turned a quarter so that it reads upright once a viewer applies the rotation."""
    def furniture(canvas, doc):
        width, height = doc.pageTemplate.pagesize
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(width / 2, height - 36, running_title)
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(width / 2, 30, f"— {doc.page} —")

    def turn(canvas, doc):
        canvas.saveState()
        canvas.transform(0, 1, -1, 0, PAGE_SIZES["rotated"][1], 0)

    def furniture_then_unturn(canvas, doc):
        furniture(canvas, doc)
        canvas.restoreState()

    templates = []
    for name, size in PAGE_SIZES.items():
        frame = Frame(MARGIN_X, MARGIN_Y, *_frame_size(name), leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id=name)
        if name == "rotated":
            template = PageTemplate(name, [frame], onPage=turn, onPageEnd=furniture_then_unturn,
                                    pagesize=size)
            template.rotation = 90  # reportlab stores the page with a portrait MediaBox
        else:
            template = PageTemplate(name, [frame], onPageEnd=furniture, pagesize=size)
        templates.append(template)
    return templates


def _build(path: Path, running_title: str, story: list[Flowable]) -> None:
    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_Y, bottomMargin=MARGIN_Y)
    doc.addPageTemplates(_page_templates(running_title))
    doc.build(story)


def _opening(title: str, paragraphs: list[str]) -> list[Flowable]:
    """The report's title and prose paragraphs."""
    return [Paragraph(escape(title), TITLE)] + [Paragraph(escape(p), BODY) for p in paragraphs]


def render_forms_pdf(gold: dict, style: str, path: Path) -> Path:
    """Write one gold file's goal tables as a PDF report in form ``style`` (one of
    FORM_STYLES) to ``path``; returns ``path``.

    Page 1 holds the title and four paragraphs of the sample's prose; the forms follow on the
    same page, or from page 2 in the styles that give every form its own page."""
    layout = LAYOUTS[style]
    document = gold["document"]
    title = document["title"]

    def template_of_page(page: int) -> str:
        if page == 0:
            return "portrait"
        return "rotated" if style == "landscape" and page == 2 else layout.page

    pages = _Pages(template_of_page)
    for flowable in _opening(title, sample_prose(Path(gold["file"]).stem, title)[:4]):
        pages.put(flowable, _frame_size("portrait")[0])
    if layout.form_per_page:
        pages.new_page()
    width = _frame_size(layout.page)[0]
    pages.put(Paragraph("附件：部分项目绩效目标表", BODY), width)
    for table in gold["goal_tables"]:
        _place_form(pages, form_grid(table, document.get("target_year")), layout, width)
    _build(path, title, pages.story)
    return path


# ---------------------------------------------------------------------------------------------
# the 自评 score table (sample 003)

SCORE_COLUMNS = ["序号", "部门（单位）名称", "项目名称", "项目金额（万元）", "自评分数（分）", "等级", "备注"]


def render_scores_pdf(gold: dict, path: Path) -> Path:
    """Write a gold file's self-evaluation rows as a report whose 自评 table runs over two
    pages (header repeated, names wrapped, a 合计 row); returns ``path``."""
    document = gold["document"]
    stem = Path(gold["file"]).stem
    prose = sample_prose(stem, document["title"])
    table_title = f"{document['report_year']}年报市人代会审议绩效目标项目支出绩效自评情况表"
    story = _opening(document["title"], prose[:5]) + [
        Paragraph(escape(table_title), FORM_TITLE), _score_table(gold),
        Paragraph("注：项目金额为调整预算数。", BODY)]
    _build(path, document["title"], story)
    return path


def _score_table(gold: dict) -> Table:
    rows = [[Paragraph(escape(c), HEAD_CELL) for c in SCORE_COLUMNS]]
    for ev in gold["evaluations"]:
        rows.append([str(ev["seq"]), Paragraph(escape(ev["department"]), CELL),
                     Paragraph(escape(ev["project"]), CELL), _number(ev["amount_wan"]),
                     _number(ev["score"]), ev["grade"], ""])
    rows.append(["合计", "", "", _number(gold["evaluation_totals"]["amount_wan"]), "", "", ""])
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, black),
                        ("FONT", (0, 0), (-1, -1), FONT, 9),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("ALIGN", (0, 0), (0, -1), "CENTER"),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3 + CELL.fontSize),  # see _piece
                        ("SPAN", (0, len(rows) - 1), (2, len(rows) - 1))])  # 合计 over 序号..项目名称
    return Table(rows, colWidths=SCORE_WIDTHS, repeatRows=1, style=style)


# ---------------------------------------------------------------------------------------------
# public entry points


def load_gold(prefix: str) -> dict:
    """The gold file whose name starts with ``prefix`` ('000')."""
    (path,) = sorted(GOLD.glob(f"{prefix}*.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def write_pdf_renderings(out_dir: Path, styles=None) -> list[Path]:
    """Write the PDF renderings into ``out_dir``: samples 000 and 002 in every form style
    among ``styles``, and sample 003 when ``scores`` is among them (default: all STYLES).
    Files are named ``{sample_stem}-{style}.pdf``; returns their paths in that order."""
    styles = STYLES if styles is None else tuple(styles)
    unknown = set(styles) - set(STYLES)
    if unknown:
        raise ValueError(f"unknown styles: {sorted(unknown)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for prefix in FORM_SAMPLES:
        gold = load_gold(prefix)
        for style in (s for s in FORM_STYLES if s in styles):
            path = out_dir / f"{Path(gold['file']).stem}-{style}.pdf"
            paths.append(render_forms_pdf(gold, style, path))
    if "scores" in styles:
        gold = load_gold(SCORE_SAMPLE)
        paths.append(render_scores_pdf(gold, out_dir / f"{Path(gold['file']).stem}-scores.pdf"))
    return paths


def write_narrative_pdf(path: Path, pages: int) -> Path:
    """Write a prose-only report of exactly ``pages`` pages to ``path`` (for page-heavy
    benchmarks): the samples' own paragraphs over and over, a fixed share per page, with the
    running header and page numbers. Returns ``path``."""
    gold = load_gold("000")
    paragraphs = [p for prefix in ("000", "001", "002", "003", "004")
                  for p in _all_prose(prefix)]
    story: list[Flowable] = [Paragraph(escape(gold["document"]["title"]), TITLE)]
    budget, next_paragraph = 1100, 0  # characters per page: comfortably less than a page holds
    for page in range(pages):
        used = 0
        while used < budget - 200:
            text = paragraphs[next_paragraph % len(paragraphs)][: budget - used]
            story.append(Paragraph(escape(text), BODY))
            used += len(text)
            next_paragraph += 1
        if page + 1 < pages:
            story.append(PageBreak())
    _build(Path(path), gold["document"]["title"], story)
    return Path(path)


def _all_prose(prefix: str) -> list[str]:
    gold = load_gold(prefix)
    return sample_prose(Path(gold["file"]).stem, gold["document"]["title"] or "")
