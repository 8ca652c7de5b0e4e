"""Sectioniser: a layout's prose as sentences, each with its heading path and page.

Steps:

1. Lines that are not prose are set aside: blank lines, printed page numbers, page furniture
   (a header or footer line repeated on most pages, and a running header at the top of a page —
   after a form feed or a printed page number — that is a letterhead (…文件) or a line printed
   again at another page's top, first in the document or in its signature), goal-table forms
   (recognisers.goal_tables finds them; their header fields are kept whole, their indicator
   part ends at the first prose line) and other tables: tab-separated rows, and space-separated
   tables that open at a column header (序号 | 部门 | 项目名称 | 金额 …, its words possibly
   letter-spaced: 序  号) and run while lines look like rows. Those tables are
   returned as :class:`TextTable` blocks for the evaluation recogniser.
2. The remaining lines are glued into paragraphs. A line ends its paragraph when it ends with
   closing punctuation (。！？：；), when it is clearly shorter than the document's full line
   width (PDF text wraps at a fixed width, so a short line is a paragraph's last), or when a
   table or form follows. Line breaks and all whitespace inside a paragraph are removed.
3. A paragraph that starts with a heading counter (一、 （一） 1、 1. （1） 第一部分, 附件) opens a
   heading. Levels follow the counters: a counter style already open closes everything below
   it; a counter that continues the numbering of an open heading (（二） then （3）) is its
   sibling even when printed in another style; any other style opens a level below.
4. Paragraphs are cut into sentences after 。！？. A run-in heading (一、扎实开展事前绩效评估。
   按照…) is its own first sentence; the heading's title is that first sentence or clause.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from parsers.layout import Layout, Line
from pipeline.nlp import domain_tokenizer
from recognisers.goal_tables import is_prose, split_form, split_forms

WS = re.compile(r"\s+")
ASCII_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_NUMBER = "[一二三四五六七八九十]{1,3}"

# heading counters at the start of a paragraph: (style, pattern with the number in group 1)
HEADING_MARKERS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(rf"^第({CN_NUMBER})(?:部分|章|节)")),
    ("cn", re.compile(rf"^({CN_NUMBER})[、.．]")),
    ("paren_cn", re.compile(rf"^[（(]({CN_NUMBER})[）)]")),
    ("arabic", re.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))")),
    ("paren_arabic", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("circled", re.compile(r"^([①-⑳])")),
]
# any heading or list counter, with the spaces after it (stripped from titles and findings)
HEADING_COUNTER = re.compile("(?:" + "|".join(pattern.pattern for _, pattern in HEADING_MARKERS) + r")\s*")
# styles whose numbering may continue one another: （二） … （3） … （七）
STYLE_FAMILY = {"paren_cn": "paren", "paren_arabic": "paren", "cn": "plain", "arabic": "plain"}
ANNEX = re.compile(r"^附(?:件|表)?\s*\d*\s*[:：]|^附(?:件|表)\s*\d*\s*$|^附件\s*\d+")

# characters that close a paragraph when a line ends with them; a colon or semicolon at the end
# of a line (如：) closes it only when a heading follows
PARAGRAPH_END = "。！？!?"
LIST_END = "：:；;"
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
TITLE_END = re.compile(r"[。：:；;]")
MAX_TITLE_CHARS = 40
OPEN_BRACKETS, CLOSE_BRACKETS = "（(", "）)"
# a line narrower than this share of the full line width ends its paragraph
SHORT_LINE_SHARE = 0.8
# characters either side of a line break looked at when deciding whether a word runs on
RUN_ON_WINDOW = 6

# column-header cells of a text table (序号 | 部门（单位）名称 | 项目名称 | 项目金额（万元） | …)
HEADER_CELL = re.compile(
    r"^(序号|编号|.{0,8}名称|.{0,6}(金额|资金|预算).{0,6}|.{0,4}(分数|得分|评分|分值).{0,4}|等级|等次|"
    r"评价(结果|等级)|备注|.{0,4}部门|.{0,4}单位)$"
)
MIN_HEADER_CELLS = 3
# a word set letter-spaced across its cell (序  号, 项 目 名 称): single characters one or two
# spaces apart, as justified table headers come out of pdftotext -layout
LETTER_SPACED = re.compile(r"(?<!\S)[\u4e00-\u9fff](?: {1,2}[\u4e00-\u9fff])+(?!\S)")
# a table's sum row, and the note printed under a table (注：项目金额为调整预算数。)
TOTAL_ROW = re.compile(r"^(合计|小计|总计|共计|总合计)")
TABLE_NOTE = re.compile(r"^(注|备注|说明|数据来源|资料来源)\s*\d*\s*[:：]")
ROW_SEQ = re.compile(r"^\d{1,3}(\s|$)")
ROW_TAIL = re.compile(r"(\s[\d.,]+)+(\s\S{1,3})?$")
SENTENCE_PUNCT = re.compile(r"[。，,；;！？]")
MAX_FRAGMENT_CHARS = 25

# page furniture: a line printed at the top or bottom of at least this share of pages
FURNITURE_SHARE = 0.5
MIN_FURNITURE_PAGES = 3
# a running header at the top of a page: a letterhead (博罗县财政局文件), or a short line naming
# the issuer that is printed again at another page's top, first in the document or in its
# signature (its last lines)
LETTERHEAD = re.compile(r"文件$")
SIGNATURE_LINES = 3
MIN_RUNNING_HEADER_CHARS = 4
MAX_RUNNING_HEADER_CHARS = 30


@dataclass(frozen=True)
class Heading:
    """A heading as printed (counter included), its counter style and number, and depth (1 = top)."""

    title: str
    style: str
    number: int | None
    level: int
    page: int
    lineno: int


@dataclass
class Sentence:
    """One sentence, whitespace removed, with the headings above it (outermost first).

    A heading's own sentence has the heading last in its path and ``is_heading`` set."""

    text: str
    path: tuple[Heading, ...]
    page: int
    lineno: int
    paragraph: int
    is_heading: bool = False
    lines: tuple[Line, ...] = ()  # the printed lines the sentence runs over

    @property
    def section(self) -> str:
        """The heading path as one string: '一、… / （二）…'."""
        return " / ".join(h.title for h in self.path)


@dataclass
class TextTable:
    """A table printed as text lines (tab cells or space-separated), with the title line above it."""

    title: Line | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Sectioned:
    """A document cut into prose sentences and text tables, with the printed lines (see
    :func:`printed_lines`) they were cut from."""

    sentences: list[Sentence]
    tables: list[TextTable]
    printed: list[Line] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# small helpers


def squash(text: str) -> str:
    """The text with all whitespace removed."""
    return WS.sub("", text)


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (numbers up to 99); digits as digits."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def display_width(text: str) -> int:
    """Printed width: two for a CJK or full-width character, one for ASCII."""
    return sum(1 if ord(c) < 0x2E80 else 2 for c in text)


def heading_marker(text: str) -> tuple[str, int | None] | None:
    """(style, number) when ``text`` starts with a heading counter, ('annex', None) for 附件."""
    if ANNEX.match(text):
        return "annex", None
    for style, pattern in HEADING_MARKERS:
        match = pattern.match(text)
        if match:
            token = match.group(1)
            number = ord(token) - ord("①") + 1 if style == "circled" else chinese_number(token)
            return style, number
    return None


# ---------------------------------------------------------------------------------------------
# step 1: what is not prose


def page_furniture(layout: Layout) -> set[str]:
    """Squashed texts printed first or last on most pages (running headers and footers)."""
    pages = [p for p in layout.pages if any(not ln.is_blank for ln in p.lines)]
    if len(pages) < MIN_FURNITURE_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page.lines if not ln.is_blank]
        counts.update({squash(lines[0].text), squash(lines[-1].text)})
    return {text for text, n in counts.items() if n >= max(MIN_FURNITURE_PAGES, FURNITURE_SHARE * len(pages))}


def page_tops(lines: list[Line]) -> list[Line]:
    """The first line of every printed page but the first: the first line of a page (form
    feed), or the line after a printed page number (— 5 —) when the text has no form feeds."""
    tops: list[Line] = []
    for previous, line in zip(lines, lines[1:]):
        if line.is_page_number or line.is_blank:
            continue
        if line.page != previous.page or previous.is_page_number:
            tops.append(line)
    return tops


def running_header_lines(lines: list[Line]) -> set[int]:
    """Line numbers of running headers printed at the top of a page (after the first): a
    letterhead ending in 文件, or a short line without sentence punctuation, counter or column
    words whose text is printed again at another page's top, as the document's first line or
    in its signature. A repeat is needed because a table's cell can open a page too."""
    printed = [ln for ln in lines if not ln.is_blank and not ln.is_page_number]
    if not printed:
        return set()
    tops = page_tops([ln for ln in lines if not ln.is_blank])
    elsewhere = Counter(squash(ln.text) for ln in [printed[0], *tops, *printed[-SIGNATURE_LINES:]])
    out: set[int] = set()
    for line in tops:
        text = squash(line.text)
        if ("\t" in line.text or SENTENCE_PUNCT.search(text) or heading_marker(text)
                or HEADER_CELL.match(text) or not MIN_RUNNING_HEADER_CHARS <= len(text) <= MAX_RUNNING_HEADER_CHARS):
            continue
        if LETTERHEAD.search(text) or elsewhere[text] > 1:
            out.add(line.lineno)
    return out


def printed_lines(layout: Layout) -> list[Line]:
    """The layout's lines that carry the report's content: blank lines, printed page numbers,
    page furniture and running headers left out."""
    lines = layout.lines()
    furniture = page_furniture(layout)
    headers = running_header_lines(lines)
    return [ln for ln in lines if not ln.is_blank and not ln.is_page_number
            and squash(ln.text) not in furniture and ln.lineno not in headers]


def goal_form_lines(lines: list[Line]) -> set[int]:
    """Line numbers inside goal-table forms: header fields whole, indicators until prose."""
    inside: set[int] = set()
    for form in split_forms(lines):
        header, body = split_form(form)
        kept = header + _until_prose(body) if body else [form[0], *_until_prose(form[1:])]
        inside.update(ln.lineno for ln in kept)
    return inside


def _until_prose(lines: list[Line]) -> list[Line]:
    """The lines before the first prose line (a section heading or a long sentence)."""
    for i, line in enumerate(lines):
        if is_prose(line):
            return lines[:i]
    return lines


def cells_of(line: Line) -> list[str]:
    """A table line's cells: tab-separated cells, else whitespace-separated tokens."""
    if "\t" in line.text:
        return [c for c in line.cells if c]
    return line.text.split()


def join_spaced_letters(text: str) -> str:
    """``text`` with letter-spaced words closed up (序  号 → 序号), padded to keep the printed
    width, so the columns after them stay where they were."""
    return LETTER_SPACED.sub(lambda m: squash(m.group()).ljust(len(m.group())), text)


def header_cells(line: Line) -> list[str]:
    """A header line's cells: as :func:`cells_of`, with letter-spaced words closed up."""
    return cells_of(line) if "\t" in line.text else join_spaced_letters(line.text).split()


def is_table_header(line: Line) -> bool:
    """A column-header line: at least three cells are column names (序号, …名称, 金额, 等级 …)."""
    cells = header_cells(line)
    hits = sum(bool(HEADER_CELL.match(c)) for c in cells)
    return hits >= MIN_HEADER_CELLS and hits * 2 >= len(cells)


def is_row_like(line: Line) -> bool:
    """A line that can belong to a space-separated table: a repeated header, a numbered row,
    a row ending in figures, a total row, or a short cell fragment without sentence punctuation."""
    text = line.text.strip()
    if "\t" in text or is_table_header(line) or TOTAL_ROW.match(text):
        return True
    if heading_marker(text) and not ROW_SEQ.match(text):
        return False
    if SENTENCE_PUNCT.search(text):
        return False
    return bool(ROW_SEQ.match(text) or ROW_TAIL.search(text)) or len(squash(text)) <= MAX_FRAGMENT_CHARS


def text_tables(lines: list[Line], skip: set[int]) -> list[TextTable]:
    """Tables printed as text: runs of tab rows, and space-separated tables from a column header
    while lines look like rows (a 注： line closes the table and belongs to it)."""
    tables: list[TextTable] = []
    current: TextTable | None = None
    previous: Line | None = None
    for line in lines:
        if line.lineno in skip:
            current, previous = None, line
            continue
        if current is None and ("\t" in line.text or is_table_header(line)):
            current = TextTable(previous if _is_table_title(previous, skip) else None)
            tables.append(current)
        if current is not None:
            opened_by_header = is_table_header(current.lines[0]) if current.lines else True
            if "\t" in line.text or (opened_by_header and is_row_like(line)):
                current.lines.append(line)
            elif opened_by_header and TABLE_NOTE.match(line.text.strip()):
                current.lines.append(line)
                current = None
            else:
                current = None
        previous = line
    return tables


def _is_table_title(line: Line | None, skip: set[int]) -> bool:
    """True for a line just above a table that can be its title (no sentence punctuation)."""
    return (line is not None and line.lineno not in skip and "\t" not in line.text
            and not SENTENCE_PUNCT.search(line.text) and not heading_marker(squash(line.text)))


# ---------------------------------------------------------------------------------------------
# steps 2-4: paragraphs, headings, sentences


def full_line_width(lines: list[Line]) -> float:
    """The width prose wraps at: the 90th percentile of printed line widths."""
    widths = sorted(display_width(ln.text.strip()) for ln in lines)
    if not widths:
        return 0.0
    return widths[int(0.9 * (len(widths) - 1))] if len(widths) > 1 else float(widths[0])


def paragraphs(lines: list[Line], breaks: set[int]) -> list[list[Line]]:
    """Prose lines grouped into paragraphs. ``breaks`` holds line numbers after which a table or
    form came (they end a paragraph)."""
    width = full_line_width(lines)
    out: list[list[Line]] = []
    current: list[Line] = []
    for i, line in enumerate(lines):
        current.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else None
        if _ends_paragraph(current, following, width, breaks):
            out.append(current)
            current = []
    return out


def _ends_paragraph(paragraph: list[Line], following: Line | None, width: float, breaks: set[int]) -> bool:
    """True when ``following`` does not continue the paragraph: the last line closes with
    punctuation, is short, or is a heading's title line whose last word does not run on."""
    line = paragraph[-1]
    text = squash(line.text)
    if following is None or line.lineno in breaks or text.endswith(tuple(PARAGRAPH_END)):
        return True
    next_text = squash(following.text)
    if text.endswith(tuple(LIST_END)) and heading_marker(next_text):
        return True
    if display_width(line.text.strip()) < SHORT_LINE_SHARE * width:
        return True
    title_line = len(paragraph) == 1 and heading_marker(text) and not TITLE_END.search(text)
    return bool(title_line) and not word_runs_on(text, next_text)


def word_runs_on(text: str, following: str) -> bool:
    """True when jieba segments a word across the end of ``text`` into ``following``
    (年项|目绩效 → 项目): the line broke inside a word."""
    tail, head = text[-RUN_ON_WINDOW:], following[:RUN_ON_WINDOW]
    end = 0
    for word in domain_tokenizer().cut(tail + head, HMM=False):
        end += len(word)
        if end >= len(tail):
            return end > len(tail)
    return False


class HeadingStack:
    """The open headings, outermost first; :meth:`open` places a new heading among them."""

    def __init__(self) -> None:
        self.open_headings: list[Heading] = []

    def open(self, title: str, style: str, number: int | None, line: Line) -> Heading:
        """Close what the new heading closes and return it, placed at its level."""
        if style == "annex":
            depth = 0
        else:
            depth = len(self.open_headings)
            for i in range(len(self.open_headings) - 1, -1, -1):
                if self._is_sibling(self.open_headings[i], style, number):
                    depth = i
                    break
        heading = Heading(title, style, number, depth + 1, line.page, line.lineno)
        self.open_headings[depth:] = [heading]
        return heading

    @staticmethod
    def _is_sibling(open_heading: Heading, style: str, number: int | None) -> bool:
        if open_heading.style == style:
            return True
        family = STYLE_FAMILY.get(style)
        return (family is not None and family == STYLE_FAMILY.get(open_heading.style)
                and number is not None and open_heading.number is not None
                and number == open_heading.number + 1)

    @property
    def path(self) -> tuple[Heading, ...]:
        return tuple(self.open_headings)


def heading_title(text: str, style: str) -> str:
    """A heading paragraph's title: its text up to the first 。：； (or first clause if long);
    an annex heading (附件：…) keeps its text after the colon."""
    title = SENTENCE_END.split(text, maxsplit=1)[0] if style == "annex" else text[:title_end(text)]
    if len(title) > MAX_TITLE_CHARS:
        title = re.split(r"[，,]", title, maxsplit=1)[0]
    return title


def title_end(text: str, stops: re.Pattern = TITLE_END) -> int:
    """Where a heading's title ends: at the first of ``stops`` (by default 。：；) outside
    brackets (a remark such as （主管部门：市教育局） belongs to the title), else at the end."""
    depth = 0
    for i, char in enumerate(text):
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif depth == 0 and stops.match(char):
            return i
    return len(text)


def squash_prose(text: str) -> str:
    """A line of prose without whitespace, except one space where it parts two digits or Latin
    letters: it separates words there, or numbers in cells (优 198 42,615.3) that would
    otherwise run together into one."""
    text = text.strip()

    def space(m: re.Match) -> str:
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        return " " if ASCII_WORD_CHAR.match(before) and ASCII_WORD_CHAR.match(after) else ""
    return WS.sub(space, text)


def split_sentences(paragraph: list[Line]) -> list[tuple[str, tuple[Line, ...]]]:
    """A paragraph's sentences (whitespace removed as :func:`squash_prose` does), each with the
    lines it runs over."""
    starts: list[tuple[int, Line]] = []
    text = ""
    for line in paragraph:
        starts.append((len(text), line))
        text += squash_prose(line.text)
    out: list[tuple[str, tuple[Line, ...]]] = []
    offset = 0
    for piece in SENTENCE_END.split(text):
        if piece:
            end = offset + len(piece)
            lines = tuple(ln for i, (start, ln) in enumerate(starts)
                          if start < end and (i + 1 == len(starts) or starts[i + 1][0] > offset))
            out.append((piece, lines))
        offset += len(piece)
    return out


def sectionise(layout: Layout) -> Sectioned:
    """The layout's prose sentences with their heading paths, and its text tables."""
    printed = printed_lines(layout)
    forms = goal_form_lines(printed)
    tables = text_tables(printed, forms)
    not_prose = forms | {ln.lineno for t in tables for ln in [*t.lines, t.title] if ln is not None}
    prose: list[Line] = []
    breaks: set[int] = set()
    for line in printed:
        if line.lineno in not_prose:
            if prose:
                breaks.add(prose[-1].lineno)
        else:
            prose.append(line)
    stack = HeadingStack()
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(paragraphs(prose, breaks)):
        pieces = split_sentences(paragraph)
        marker = heading_marker(pieces[0][0])
        if marker:
            stack.open(heading_title(pieces[0][0], marker[0]), *marker, paragraph[0])
        for n, (text, lines) in enumerate(pieces):
            sentences.append(Sentence(text, stack.path, lines[0].page, lines[0].lineno, index,
                                      is_heading=bool(marker) and n == 0, lines=lines))
    return Sectioned(sentences, tables, printed)
