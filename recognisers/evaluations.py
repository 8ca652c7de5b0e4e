"""Evaluation recogniser: evaluation results printed in a report → Evaluation records.

Two printed shapes are understood.

1. **Result tables** (序号 | 部门（单位）名称 | 项目名称 | 项目金额（万元） | 自评分数 | 等级 | 备注).
   Columns are recognised by their header words, in any order and with extra columns
   (主管部门, 评价得分, 评价等级/等次, 预算执行率 …). The rows may be printed as tab cells (column
   positions kept, so an empty cell is a merged cell carried down), as space-separated tokens, or
   one cell per line; in the last two a name wrapped over lines is glued back by the column's
   printed width (in a pdftotext -layout table whose cells are centred vertically, by the
   column it is printed under). A header repeated after a page break is skipped, 合计/小计 rows
   are not projects, and a 注： note closes the table.
2. **Evaluated projects in prose**: one heading per project (（一）“…”项目绩效执行结果, 2.…资金重点
   绩效评价, 1.区教育局“X”项目，评价得分…), with its grade (评价等级为“良”) and score (综合评分
   85.5分) if given (in the text or in the heading's （得分88.5分，等级“良”）), its 项目业主 /
   主管部门 (in the text, before the quoted name or in the heading's （主管部门：…）), and the
   problems listed after 存在 … 等问题 (or after an intro such as 存在的问题：, 评价发现：,
   扣分原因：), one finding per item, up to the suggestions (整改建议：). A sentence may also list
   several projects, one clause each with its result (其中，“X”评价得分92分，评价等级为“优”；“Y”…).

Stages:

    header_at           a line (possibly wrapped onto the next: 评价金额 / （万元）, 评价 / 得分;
                        letter-spaced: 序  号) or a run of one-cell lines → the table's columns,
                        by header words
    table_body          the lines after it → row lines, until a note, a caption (表2 …), prose
                        (a sentence, or a clause on a line not ending in figures) or another table
    token_rows          space-separated / one-cell-per-line rows → cells per column (pieces
                        grouped by 序号, text and value runs aligned with the columns, wrapped
                        names split by the columns' printed widths)
    cell_rows           tab rows → cells per column (continuation rows glued)
    table_evaluations   rows → Evaluations (merged department cells carried down)
    project_sections    sentences from recognisers.sections → project headings and their text
    prose_evaluation    a project section → an Evaluation (grade, score, department, findings)
    listed_evaluations  a sentence listing projects with their results → an Evaluation per clause
    merge_prose         a prose section about a table's project completes that row

Tables are found here rather than taken from recognisers.sections' text tables because a
header printed one cell per line is a table the sectioniser does not set aside.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import combinations

from parsers.layout import Layout, Line, span_of
from recognisers.goal_tables import parse_amount_wan
from recognisers.sections import (
    HEADING_COUNTER, LETTER_SPACED, TABLE_NOTE, TOTAL_ROW, Heading, Sectioned, Sentence, cells_of,
    heading_marker, join_spaced_letters, sectionise, squash, title_end,
)
from schemas.records import Evaluation

# ---------------------------------------------------------------------------------------------
# vocabulary

SEQ, DEPARTMENT, PROJECT, AMOUNT, SCORE, GRADE, FINDINGS, EVAL_TYPE, TEXT, NUMBER = (
    "seq", "department", "project", "amount", "score", "grade", "findings", "eval_type", "text", "number")
# columns whose cells are numbers or grades; the others hold text
VALUE_KINDS = {AMOUNT, SCORE, GRADE, NUMBER}

# header words → column kind, tried in this order (a header cell is matched whitespace-free)
COLUMN_WORDS: list[tuple[str, re.Pattern]] = [
    (SEQ, re.compile(r"^(序号|编号|序次|序)$")),
    (FINDINGS, re.compile(r"问题|不足|扣分原因|扣分情况")),
    (GRADE, re.compile(r"^(?!.*分)(?:.*(?:等级|等次|评级|级别|评价结果|评价结论)|(?:自评|考核|复核)?结果$)")),
    (NUMBER, re.compile(r"分值|权重|满分|率|比例|占比|执行数|支出数|实际|结余|到位")),
    (SCORE, re.compile(r"得分|分数|评分|打分|总分|[（(]分[)）]|^(?:自评|复核|考核|评审|审核|终评|初评)分$")),
    # 评价类型 (部门自评 / 财政重点评价) sets each row's evaluation type
    (EVAL_TYPE, re.compile(r"评价(?:类型|方式|类别|形式|主体)")),
    (TEXT, re.compile(r"类型|类别|性质|领域|编码|代码|备注|说明|方式|机构|来源|级次")),
    # 预算单位, 资金使用单位 name a unit, not a sum
    (DEPARTMENT, re.compile(r"(?:单位|部门)(?:名称)?$")),
    (AMOUNT, re.compile(r"金额|资金|预算|投资|规模|万元|亿元|[（(]元[)）]")),
    (DEPARTMENT, re.compile(r"部门|单位|主管|主体")),
    (PROJECT, re.compile(r"项目|名称|政策|对象|专项")),
]
MIN_HEADER_COLUMNS = 3
# a column word is short (部门（单位）名称, 项目金额（万元）); a longer cell is data or a title
MAX_COLUMN_WORD = 12
# a header cell wrapped onto the next line: its unit (（万元） （分）)
UNIT_FRAGMENT = re.compile(r"^[（(][^）)]{1,6}[)）]$")

SENTENCE_STOP = re.compile(r"[。！？]")
# a table's numbered caption: 表2 …, 附表1 …, 附表
TABLE_CAPTION = re.compile(r"^附?表\d+|^附表")
# a break between clauses of a sentence: ，；, or a comma that is no thousands separator (3,560.00)
CLAUSE_BREAK = re.compile(r"[，；;]|,(?!\d{3})")
# a group label inside a table (一、市直部门, （二）区县) is at most this long
MAX_GROUP_LABEL = 20
CLAUSE_COMMA = re.compile(r"[，,]")

NUMBER_TOKEN = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?(?:%|％|万元|亿元|元|分)?$")
PLACEHOLDER_TOKEN = re.compile(r"^(?:[-—–－/／\\×]+|无|空)$")
# a 序号 cell: 12, 12., 12、
SEQ_NUMBER = re.compile(r"^(\d{1,4})[.、．]?$")
# a year split from its 年 by a space in PDF text ("2023 年度建设专项经费")
YEAR_TOKEN = re.compile(r"^(19|20)\d\d$")
QUOTES = "“”\"'「」『』‘’"
# figures typed in full-width characters (８７．５分, １，２００万元) → ASCII, to read them
FULL_WIDTH_FIGURES = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# a full-width comma between digits that groups thousands (1，200)
FULL_WIDTH_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")

# printed grades → 优 / 良 / 中 / 差. Reports using 优秀/良好/合格/不合格 put 合格 where the
# national four-band scale (财预〔2020〕10号: ≥90 优, 80–90 良, 60–80 中, <60 差) has 中.
# Letter grades (A–D) follow the same four bands, in that order.
GRADES = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中",
          "合格": "中", "一般": "中", "较差": "差", "差": "差", "不合格": "差",
          "A": "优", "B": "良", "C": "中", "D": "差"}
# a grade cell: 优, “良”, 良好等级, 良（85.5分）
GRADE_TOKEN = re.compile(
    r"^[“\"「『]?(" + "|".join(sorted(GRADES, key=len, reverse=True)) + r")[”\"」』]?(?:等级|级)?(?:[（(][^（()）]*[)）])?$")

# the end of a department's name (局, 委员会, 中心 …): used to tell a wrapped department from
# the project name that follows it
ORG_END = re.compile(
    r"(局|委|委员会|中心|办公室|办|院|所|站|部|会|公司|政府|街道|镇|乡|队|馆|校|学校|医院|处|厅|社|署|团|"
    r"管委会|集团|室|台|园|场|库|组|联|协)$")
# a remark in brackets after a unit's name (…局（本级）)
TRAILING_REMARK = re.compile(r"[（(][^（()）]*[)）]$")

# eval_type words: 自评 → self; 财政重点评价, 重点项目绩效评价, 第三方 → key
SELF_WORDS = re.compile(r"自评")
KEY_WORDS = re.compile(r"重点(?:项目)?(?:支出)?(?:绩效)?评价|第三方|财政(?:重点)?(?:绩效)?评价|外部评价|再评价")

# ---- prose

QUOTED_NAME = re.compile(r"^[“\"「『](.+?)[”\"」』]")
# a quoted name after its unit's name: 区教育局“学前教育补助”项目
OWNER_BEFORE_QUOTE = re.compile(r"^([^“”\"「」『』]{2,30}?)([“\"「『].+)$")
# what follows a project's name in its heading: (项目)绩效执行结果, 重点绩效评价, 评价情况 …
EVAL_SUFFIX = re.compile(
    r"(?:的)?(?:财政)?(?:重点)?(?:绩效(?:执行|评价|自评)|评价|自评)(?:结果|情况|报告|结论)?$")
# a name that names a project: ends with a word for a project, fund or policy
PROJECT_NOUN = re.compile(r"(项目|资金|经费|专项|补助|补贴|奖补|奖励|工程|政策|基金|专款|债券)$")
# 项目 after a fund's name is a classifier, not part of it: 科技经费项目 → 科技经费 (a subsidy
# keeps it: 农机购置补贴项目 is how such projects are named)
FUND_WORD = ("资金", "经费", "专项", "基金", "专款")
# headings that name a kind of spending or of evaluation, not one project (重点项目支出, 部门整体
# 支出, 事前, 第三方)
GENERIC_NAME = re.compile(
    r"^(?:\d{4}年度?)?(?:本级|市级|区级|县级|省级|全市|全区|全县|各|部分|其他|重点|整体|财政|部门|单位|"
    r"第三方|事前|事中|事后|年度|中期|全过程|综合|绩效|预算)*(?:项目|部门|单位|政策|资金|专项|支出|整体)*$")
# a heading that counts projects (35个重点项目) covers many of them, it names none
COUNTED_PROJECTS = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)个")
# an unquoted name before 绩效评价 that does not end like a project (X计划绩效评价) is a
# project's name only from this length on: 做实绩效评价 is a work item
MIN_UNMARKED_NAME = 4
# headings that open with an action are work items (推进绩效评价), not project names
ACTION_START = re.compile(
    r"^(开展|推进|加强|强化|深化|健全|完善|全面|扎实|稳步|持续|积极|做好|抓好|组织|探索|建立|规范|提升|"
    r"提高|加大|严格|落实|突出|聚焦|拓展|创新|推动|注重|狠抓|夯实|构建|优化|做实|做细|做优|用好|抓实|压实)")

# 综合评分85.5分, 评价得分为82分, 评价结果为优秀（92分）
PROSE_SCORE = re.compile(
    r"(?<!平均)(?:(?:得分|评分|分数|总分)(?:为|是|：|:)?|[“\"]?(?:优秀|良好|优|良|中等|中|合格|差)[”\"]?[（(])\s*"
    r"(\d{1,3}(?:\.\d+)?)\s*分")
PROSE_GRADE = re.compile(
    r"(?:等级|等次|评级|评价结果|评定结果|绩效结果|评价结论|定级|评为|评定为|评价为)"
    r"(?:为|是|：|:|评定为|确定为)?\s*[“\"「『]?(" + "|".join(sorted(GRADES, key=len, reverse=True)) + r")"
    r"(?=[”\"」』，,。；;、（()）\s]|等级|等次|级|$)")
PROSE_AMOUNT = re.compile(
    r"(?:预算|总投资|投资总额|资金总额|评价金额|项目金额|项目资金|涉及资金|资金规模|安排资金|下达资金|批复资金)"
    r"(?:金额|资金|数)?(?:为|共计|合计|总计|共|达|是|：|:)?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
DEPARTMENT_ROLE = r"(?:项目)?(?:业主单位|业主|主管部门|主管单位|实施单位|建设单位|责任单位|项目单位|实施主体)"
# a department-wide evaluation names its unit: 市教育局部门整体支出
WHOLE_SPENDING = re.compile(r"^(.+?)(?:部门|单位)?整体支出$")
# a heading's closing remark naming the project's unit: X项目（主管部门：市教育局）
DEPARTMENT_REMARK = re.compile(rf"[（(]{DEPARTMENT_ROLE}(?:为|：|:)\s*([^（()）]{{2,30}})[)）]$")
# a heading's closing remark stating the result: X项目（得分88.5分，等级“良”）
RESULT_REMARK = re.compile(r"[（(]([^（()）]*(?:得分|评分|分数|等级|等次|\d分)[^（()）]*)[)）]$")
DEPARTMENT_AS_ROLE = re.compile(rf"(?:^|[，,。；;：:])([^，,。；;：:]{{2,30}}?)作为(?:该)?{DEPARTMENT_ROLE}")
ROLE_IS_DEPARTMENT = re.compile(rf"{DEPARTMENT_ROLE}(?:为|是|：|:)([^，,。；;：:、（(]{{2,30}})")
# 管理 ends the unit's name only after 负责: 由区城市管理局负责实施 names 区城市管理局
DEPARTMENT_CARRIES_OUT = re.compile(
    r"(?:项目|资金)?由([^，,。；;：:、]{2,30}?)(?:(?:负责|牵头|组织)+(?:实施|管理|承担)?|实施|承担)")

# the problems list: 存在 A；B；C等问题 (the list ends at the first 等问题 / 等不足)
FINDINGS_LIST = re.compile(r"(?<!不)存在(?!的)(.+?)等(?:方面的?)?(?:问题|不足)")
# an intro after which the rest of the paragraph lists the problems: 存在的主要问题：, 发现以下
#问题：, 存在以下几个方面的问题：, 主要存在三个方面问题：, 存在问题及原因：, 主要问题：, 问题主要
# 表现在：, 评价发现：, 扣分原因：
FINDINGS_INTRO = re.compile(
    r"(?:(?:主要)?(?:存在|发现)的?(?:主要|以下|如下|一些)?(?:[一二三四五六七八九十几两\d]+个)?(?:方面的?)?"
    r"(?:问题|不足)(?:及(?:其)?原因)?(?:主要)?(?:有|是|为|表现为|表现在|包括|如下)?"
    r"|主要(?:问题|不足)(?:有|是|为|表现为|表现在|包括|如下)?"
    r"|(?:问题|不足)主要(?:有|是|表现为|表现在|集中在|体现在)"
    r"|(?:评价|复核|检查|抽查)发现"
    r"|扣分(?:原因|情况|事项))[:：]")
PROBLEM_HEADING = re.compile(r"问题|不足")
# a sentence listing evaluated projects, one clause each: 其中，“X项目”评价得分92分，…；“Y”…
LISTED_CLAUSE_END = re.compile(r"[；;。]")
LISTED_PROJECT = re.compile(r"^(?:其中)?[，,：:]?[“\"「『]([^“”\"「」『』]{2,40})[”\"」』]")
# 1） with only a closing bracket is how Word numbers a list's items
ITEM_COUNTER = re.compile(
    r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]是?|[（(]\d{1,2}[）)]|\d{1,2}(?:[、．）)]|\.(?!\d))|[①-⑳])")
# a comma before 二是 / （2） ends an item as a semicolon would
COMMA_BEFORE_COUNTER = re.compile(r"[，,](?=[二三四五六七八九十]是|其[二三四五六七八九十]|[（(]\d{1,2}[）)]|[②-⑳])")
ITEM_SEPARATOR = re.compile(r"([；;。：:])")
# what the report suggests after listing the problems (整改建议：, 下一步，, 针对上述问题，) ends
# the list: suggestions are not findings
SUGGESTIONS = re.compile(
    r"(?:^|(?<=[。；;]))(?:(?:整改|改进|完善|优化|工作|意见|对策|相关|评价)?建议(?:如下)?[:：]"
    r"|下一步(?:工作)?(?:打算|安排|计划|措施)?[，,:：]|整改(?:措施|要求|意见)[:：]|针对(?:上述|以上|存在的?)问题[，,])")
# a category label (…方面：) groups items; it is not a problem itself
AREA_LABEL = re.compile(r"方面(?:存在|的问题|问题)?$")
# a list split on 、 only when every part is a phrase of at least this many characters
MIN_ENUM_PART = 2
# a wrapped piece may be this much wider than the widest unwrapped cell seen in its column
WIDTH_SLACK = 2
# names at least this similar are the same project (a table row and its prose section)
SAME_NAME_RATIO = 0.85
# a name inside another is the same project only when it is not a short common word
MIN_CONTAINED_NAME = 6


# ---------------------------------------------------------------------------------------------
# small helpers


def seq_number(token: str) -> int | None:
    """The number a 序号 cell prints (12, 12., 12、), None for anything else."""
    match = SEQ_NUMBER.match(token)
    return int(match.group(1)) if match else None


def is_number(token: str) -> bool:
    """A figure as a table cell prints it: 1179.59, 1,311.13, 96, 95%, 300万元."""
    return bool(NUMBER_TOKEN.match(token))


def grade_of(text: str | None) -> str | None:
    """优 / 良 / 中 / 差 for a printed grade (优秀, “良”, 良好, 合格 …), else None."""
    match = GRADE_TOKEN.match(squash(text or ""))
    return GRADES[match.group(1)] if match else None


def is_value_token(token: str) -> bool:
    """A token that fills a value column: a number, a grade, or a placeholder (—, /)."""
    return is_number(token) or grade_of(token) is not None or bool(PLACEHOLDER_TOKEN.match(token))


def number_of(text: str | None) -> float | None:
    """The number in a score cell (93.78, 95分), None when there is none."""
    match = re.search(r"\d+(?:\.\d+)?", (text or "").replace(",", ""))
    return float(match.group()) if match else None


def ascii_figures(text: str) -> str:
    """``text`` with figures typed in full-width characters written in ASCII (８７．５ → 87.5,
    １，２００ → 1,200); the rest unchanged."""
    return FULL_WIDTH_THOUSANDS.sub(",", text.translate(FULL_WIDTH_FIGURES))


def clean_name(text: str) -> str:
    """A project or department name: whitespace removed, surrounding quotes taken off
    (only when one pair wraps the whole name: “政务服务”改革经费 keeps its quotes)."""
    name = squash(text)
    if len(name) > 2 and name[0] in QUOTES and name[-1] in QUOTES and not any(q in name[1:-1] for q in QUOTES):
        name = name[1:-1]
    return name


def is_org_name(text: str) -> bool:
    """True when a name ends as a unit's name does (…局, …委员会, …中心, …局（本级）)."""
    return bool(ORG_END.search(TRAILING_REMARK.sub("", text)))


def eval_type_of(contexts: list[str]) -> str | None:
    """'self' or 'key' from the nearest context that says (innermost first): 重点评价, 第三方,
    财政评价 → key (also beside 自评: 在自评基础上开展重点评价 reports the key evaluation);
    自评 alone → self; None when none says."""
    for text in contexts:
        if KEY_WORDS.search(text):
            return "key"
        if SELF_WORDS.search(text):
            return "self"
    return None


# ---------------------------------------------------------------------------------------------
# result tables: header


@dataclass(frozen=True)
class Column:
    """One column of a result table: its kind (seq, project, score …) and header as printed."""

    kind: str
    header: str


@dataclass
class Header:
    """A result table's columns in printed order, whether its body keeps cell positions (tab
    cells) and, for a header printed on one line between spaces, the centre of each column word
    in printed columns."""

    columns: list[Column]
    in_cells: bool
    centres: list[float] | None = None

    @property
    def key(self) -> str:
        """The header's text without whitespace, to spot it repeated after a page break."""
        return "".join(squash(c.header) for c in self.columns)

    def index(self, kind: str) -> int | None:
        """The position of the column of ``kind``, None when the table has none."""
        return next((i for i, c in enumerate(self.columns) if c.kind == kind), None)


def column_kind(header: str) -> str | None:
    """The kind of column a header cell names (序号 → seq, 项目金额（万元） → amount …), None when
    it is no column word."""
    text = squash(header)
    if not text or len(text) > MAX_COLUMN_WORD or text.endswith("表"):  # a table's title, not a column
        return None
    for kind, pattern in COLUMN_WORDS:
        if pattern.search(text):
            return kind
    return None


def columns_of(cells: list[str]) -> list[Column]:
    """Header cells → columns. A kind printed twice keeps its first column (a second amount or
    score is another figure, a second name column extra text); among department columns the
    主管部门 wins, and among score columns one naming the finance bureau's evaluation (财政评价
    得分 beside 部门自评得分): the table reports that evaluation, the self-score is what it checked."""
    columns = [Column(column_kind(c) or TEXT, squash(c)) for c in cells]
    seen: set[str] = set()
    out: list[Column] = []
    for col in columns:
        if col.kind in seen and col.kind != TEXT:
            out.append(Column(NUMBER if col.kind in VALUE_KINDS else TEXT, col.header))
        else:
            out.append(col)
            seen.add(col.kind)
    out = _lead_column(out, DEPARTMENT, lambda header: "主管" in header, TEXT)
    return _lead_column(out, SCORE, lambda header: bool(KEY_WORDS.search(header)), NUMBER)


def _lead_column(columns: list[Column], kind: str, wins, demoted: str) -> list[Column]:
    """``columns`` with the first column whose header names ``kind`` and ``wins`` as the column
    of that kind, the other columns naming it as ``demoted``; unchanged when none wins."""
    named = [i for i, c in enumerate(columns) if column_kind(c.header) == kind]
    lead = next((i for i in named if wins(columns[i].header)), None)
    if lead is None:
        return columns
    return [Column(kind if i == lead else (demoted if i in named else c.kind), c.header)
            for i, c in enumerate(columns)]


def is_result_header(cells: list[str]) -> bool:
    """True for the column header of an evaluation-result table: at least three column words,
    most cells column words, a project (or, for department-wide evaluations, a department)
    column and a score or grade column."""
    kinds = [column_kind(c) for c in cells if c]
    known = [k for k in kinds if k]
    return (len(known) >= MIN_HEADER_COLUMNS and 2 * len(known) >= len(kinds)
            and (PROJECT in known or DEPARTMENT in known) and (SCORE in known or GRADE in known))


def header_at(lines: list[Line], i: int) -> tuple[Header, int] | None:
    """The result-table header starting at ``lines[i]`` and the index after it, or None; a
    header whose words are letter-spaced (序  号  项 目 名 称) is read with them closed up."""
    found = printed_header_at(lines, i)
    if found is None and "\t" not in lines[i].text and LETTER_SPACED.search(lines[i].text):
        # only a header's line is closed up: in a row two one-character cells (良 良) are apart
        window = [replace(line, text=join_spaced_letters(line.text)) for line in lines[i:i + 2]]
        closed = printed_header_at(window, 0)
        return (closed[0], i + closed[1]) if closed else None
    return found


def printed_header_at(lines: list[Line], i: int) -> tuple[Header, int] | None:
    """The result-table header starting at ``lines[i]`` as printed, and the index after it, or
    None. A header is one line of cells (tabs or spaces), possibly wrapped onto a second line
    (see :func:`line_header`), or one cell per line; a unit printed on the line below its column
    word (项目金额 / （万元）) is glued back."""
    if len(cells_of(lines[i])) >= MIN_HEADER_COLUMNS:
        return line_header(lines, i)
    stacked: list[str] = []
    j = i
    while j < len(lines) and len(cells_of(lines[j])) == 1:
        cell = squash(lines[j].text)
        if stacked and UNIT_FRAGMENT.match(cell):
            stacked[-1] += cell
        elif column_kind(cell):
            stacked.append(cell)
        else:
            break
        j += 1
    # 序号 is a table's first column: a column word above it is a caption (部分项目自评复核结果)
    opens_at_seq = all(column_kind(c) != SEQ for c in stacked[1:])
    if len(stacked) >= MIN_HEADER_COLUMNS and opens_at_seq and is_result_header(stacked):
        return Header(columns_of(stacked), False), j
    return None


def line_header(lines: list[Line], i: int) -> tuple[Header, int] | None:
    """A header printed on the line ``lines[i]`` and the index after it, or None. The line
    below continues it when it holds only units and the rest of wrapped column words (评价金额
    / （万元）, 评价 / 得分): tab cells are glued by position, space-separated ones by
    :func:`glue_spaced_header`."""
    top = lines[i]
    in_cells = "\t" in top.text
    below = lines[i + 1] if i + 1 < len(lines) else None
    if below is not None and is_header_continuation(top, below):
        if in_cells:
            fragments = below.cells + [""] * (len(top.cells) - len(below.cells))
            cells = [a + b for a, b in zip(top.cells, fragments)]
        else:
            cells = glue_spaced_header(top, below)
        if is_result_header(cells):
            return Header(columns_of(cells), in_cells, None if in_cells else line_centres(top)), i + 2
    if is_result_header(cells_of(top)):
        if in_cells:
            return Header(columns_of(top.cells), True), i + 1
        return Header(columns_of(cells_of(top)), False, line_centres(top)), i + 1
    return None


def is_header_continuation(top: Line, line: Line) -> bool:
    """True when ``line`` holds only the rest of the header ``top``: units (（万元） （分）) and
    column words, no figure, no counter (一、市直部门 opens a group of rows). In tab cells the
    words fill the cells below their column; between spaces, where a line of names could read
    as column words (…资金), words count only under header cells that are no column words by
    themselves (评价 / 得分)."""
    in_cells = "\t" in top.text
    if in_cells != ("\t" in line.text) or heading_marker(squash(line.text)):
        return False
    top_cells, cells = cells_of(top), cells_of(line)
    units = [c for c in cells if UNIT_FRAGMENT.match(squash(c))]
    words = [c for c in cells if c not in units]
    if (not cells or len(cells) > len(top_cells) or any(is_value_token(squash(c)) for c in cells)
            or not all(column_kind(w) for w in words)):
        return False
    return in_cells or len(words) <= sum(column_kind(c) is None for c in top_cells)


def glue_spaced_header(top: Line, below: Line) -> list[str]:
    """The cells of a space-separated header wrapped onto ``below``: each fragment joins the
    header cell nearest above it among those it can finish — a money unit a money column, （分）
    a score column, a word a cell that is no column word by itself."""
    cells = [[text, centre] for text, centre in token_centres(top.text)]
    for text, centre in token_centres(below.text):
        targets = [k for k, (cell, _) in enumerate(cells) if _can_finish(cell, text)] or range(len(cells))
        nearest = min(targets, key=lambda k: abs(cells[k][1] - centre))
        cells[nearest][0] += text
    return [text for text, _ in cells]


def _can_finish(cell: str, fragment: str) -> bool:
    """True when a wrapped header ``fragment`` can be the end of header ``cell``."""
    if UNIT_FRAGMENT.match(fragment):
        if "元" in fragment:
            return column_kind(cell) == AMOUNT
        return "分" not in fragment or column_kind(cell) == SCORE
    return column_kind(cell) is None


def line_centres(line: Line) -> list[float]:
    """The centre of each space-separated token of ``line``, in printed columns."""
    return [centre for _, centre in token_centres(line.text)]


def token_centres(text: str) -> list[tuple[str, float]]:
    """The space-separated tokens of a printed line, each with its centre in printed columns."""
    return [(m.group(), print_width(text[:m.start()]) + print_width(m.group()) / 2)
            for m in re.finditer(r"\S+", text)]


# ---------------------------------------------------------------------------------------------
# result tables: body lines


TOTAL = "total"  # marks a 合计/小计 row in a table body


def is_prose_line(line: Line, header: Header) -> bool:
    """A narrative line that ends a space-separated table: a section heading, a sentence, or a
    clause of one (，；) on a line that does not end in a row's figures or grade. Line length
    tells nothing: PDF text wraps prose at any width, and a row with long names is long. In a
    table with a findings column a clause is a wrapped finding, so there only 。 ends the table."""
    if "\t" in line.text:
        return False
    text = squash(line.text)
    tokens = line.text.split()
    if heading_marker(text) and seq_number(tokens[0] if tokens else "") is None:
        return True
    if SENTENCE_STOP.search(text):
        return True
    ends_in_cells = len(tokens) > 1 and is_value_token(tokens[-1])
    return (header.index(FINDINGS) is None and not ends_in_cells
            and CLAUSE_BREAK.search(text) is not None)


def table_body(lines: list[Line], start: int, header: Header) -> tuple[list[Line | str], int]:
    """The body of the table whose header ends before ``lines[start]``: its row lines, with
    ``TOTAL`` where a 合计/小计 row was, and the index where the table ends. Repeated headers are
    skipped; a note (注：), a prose line or another table's header ends the body."""
    body: list[Line | str] = []
    key = header.key
    i = start
    while i < len(lines):
        line = lines[i]
        text = squash(line.text)
        repeated = _repeated_header_end(lines, i, key)
        if repeated:
            i = repeated
            continue
        if TABLE_NOTE.match(text):
            return body, i + 1
        if is_table_caption(line):
            return body, i
        if is_group_label(lines, i, header):
            i += 1
            continue
        another = header_at(lines, i)
        if another and another[0].key == key:  # repeated after a page break, wrapped differently
            i = another[1]
            continue
        if another or (not header.in_cells and is_prose_line(line, header)):
            return body, i
        if header.in_cells and "\t" not in line.text:
            return body, i
        first_cells = [c for c in cells_of(line) if c]
        if any(TOTAL_ROW.match(squash(c)) for c in first_cells[:2]):
            body.append(TOTAL)
        else:
            body.append(line)
        i += 1
    return body, i


def is_table_caption(line: Line) -> bool:
    """A table's caption between two tables: 表2 2023年度财政重点评价结果, 附表, or a text-only
    line ending in 表 (…评价结果汇总表)."""
    text = squash(line.text)
    return bool(TABLE_CAPTION.match(text)) or (text.endswith("表") and not any(
        is_value_token(t) for t in line.text.split()))


def is_group_label(lines: list[Line], i: int, header: Header) -> bool:
    """A short counted line inside a table naming the group of rows below it (一、市直部门,
    （二）区县), recognised by the row that follows it: one starting with its 序号 (and, in a
    tab table, as many cells as the header) — a section heading followed by another table is not."""
    line, following = lines[i], lines[i + 1] if i + 1 < len(lines) else None
    text = squash(line.text)
    if (following is None or "\t" in line.text or len(text) > MAX_GROUP_LABEL or SENTENCE_STOP.search(text)
            or not heading_marker(text) or seq_number(line.text.split()[0]) is not None
            or header.columns[0].kind != SEQ):
        return False
    tokens = line_tokens(following)
    if header.in_cells and len(following.cells) < len(header.columns) - 1:
        return False
    return bool(tokens) and seq_number(tokens[0]) is not None


def _repeated_header_end(lines: list[Line], i: int, key: str) -> int | None:
    """When the header is printed again from ``lines[i]`` (after a page break, on one line or one
    cell per line), the index after it; else None."""
    text = ""
    for j in range(i, len(lines)):
        text += squash(lines[j].text)
        if text == key:
            return j + 1
        if not key.startswith(text):
            return None
    return None


# ---------------------------------------------------------------------------------------------
# result tables: rows


@dataclass
class Piece:
    """One token of a space-separated or one-cell-per-line row, and whether a line break (not a
    space) comes before it."""

    text: str
    line: Line
    after_break: bool
    centre: float | None = None  # in printed columns, when the line's tokens are its words

    @property
    def is_value(self) -> bool:
        """True when the piece fills a value column (a number, a grade, a placeholder)."""
        return is_value_token(self.text)


@dataclass
class Row:
    """One table row: the text of each column (by column index) and the lines it came from."""

    cells: dict[int, str]
    lines: list[Line] = field(default_factory=list)


def line_tokens(line: Line) -> list[str]:
    """A body line's tokens: tab cells, else whitespace-separated tokens, with a year put back
    together with the 年 split from it (2023 年度… → 2023年度…)."""
    tokens = [c for c in line.cells if c] if "\t" in line.text else line.text.split()
    out: list[str] = []
    for token in tokens:
        if out and YEAR_TOKEN.match(out[-1]) and token.startswith("年"):
            out[-1] += token
        else:
            out.append(token)
    return out


@dataclass
class PieceRow:
    """The pieces of one space-separated row, its 序号 apart."""

    seq: str | None
    pieces: list[Piece] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    centred: bool = False  # opened on a line above its 序号 line (cells centred vertically)


def group_pieces(header: Header, body: list[Line | str]) -> list[PieceRow]:
    """Body lines → the pieces of each row. With a 序号 column a row starts at the next number
    (or 1 again) once the row before has values, and only there; without one, at a line
    starting with text once a line of the row before ended with values — and, when that row
    printed text and values on one line (a PDF's visual row), only at a line carrying values
    too: a text-only line below a visual row is its wrapped cell (公共文化场馆免费开放补 / 助).
    A 合计/小计 row ends the row before it and is left out. In a table with vertically centred
    cells a row opens at its first line above the 序号 (see :func:`centred_row_tops`)."""
    seq_first = header.columns[0].kind == SEQ
    tops = centred_row_tops(header, body)
    rows: list[PieceRow] = []
    current: PieceRow | None = None
    last_seq = 0
    closed = visual = False  # a line of the current row ended with values / held text and values
    awaiting_seq = False  # the current row opened above its 序号 line
    for item in body:
        if item == TOTAL:
            current, closed, visual = None, False, False
            continue
        tokens = line_tokens(item)
        if not tokens:
            continue
        centres = line_centres(item)
        if len(centres) != len(tokens):  # tab cells, or a year glued back to its 年
            centres = [None] * len(tokens)
        has_values = current is not None and any(p.is_value for p in current.pieces)
        seq: str | None = None
        number = seq_number(tokens[0]) if seq_first else None
        if number is not None and (current is None or awaiting_seq
                                   or (has_values and number in (last_seq + 1, 1))):
            seq, tokens, centres = tokens[0], tokens[1:], centres[1:]
            last_seq = number
        carries_values = any(is_value_token(t) for t in tokens)
        if awaiting_seq and seq is not None:
            current.seq, awaiting_seq = seq, False
        elif id(item) in tops or seq is not None or current is None or (
                not seq_first and has_values and closed and not is_value_token(tokens[0])
                and (carries_values or not visual)):
            awaiting_seq = id(item) in tops
            current = PieceRow(seq, centred=awaiting_seq)
            rows.append(current)
            closed = visual = False
        current.pieces.extend(Piece(t, item, n == 0, c) for n, (t, c) in enumerate(zip(tokens, centres)))
        current.lines.append(item)
        closed = closed or (bool(tokens) and is_value_token(tokens[-1]))
        visual = visual or (carries_values and not all(is_value_token(t) for t in tokens))
    return rows


def centred_row_tops(header: Header, body: list[Line | str]) -> set[int]:
    """The lines (by id) that open a row above its 序号 line. pdftotext -layout prints a table
    whose cells are centred vertically with each row's 序号 and figures on its middle line and
    the wrapped cells' lines split evenly above and below it. A space-separated table is taken
    as printed so when text lines come between its header and its first 序号 line, or a 序号
    line holds figures and no text (its text is above and below it: printed top-aligned, a row
    starts with its name). The text lines between two 序号 lines then go below the first as
    many as it had above, and the rest open the second. Any other shape (a 序号 line without
    figures, figures without a 序号) is not this layout: no line opens early."""
    if header.in_cells or header.columns[0].kind != SEQ:
        return set()
    kinds = [_centred_line_kind(item) for item in body]
    if None in kinds or not any(k in ("bare", "row") for k in kinds):
        return set()
    first_row = next(k for k, kind in enumerate(kinds) if kind in ("bare", "row"))
    if "text" not in kinds[:first_row] and "bare" not in kinds:
        return set()
    tops: set[int] = set()
    run: list[Line] = []  # text-only lines since the last 序号 line
    above = 0  # lines the last row printed above its 序号 line
    for item, kind in zip(body, kinds):
        if kind == "text":
            run.append(item)
        elif kind == TOTAL:
            run, above = [], 0  # lines before a 合计 row belong to the row above it
        else:
            opening = run[min(above, len(run)):]
            tops.update(id(line) for line in opening[:1])
            run, above = [], len(opening)
    return tops


def _centred_line_kind(item: Line | str) -> str | None:
    """A body line's part in a table of centred cells: TOTAL, 'text' (no figures), 'row' (a 序号
    with figures and text), 'bare' (a 序号 with figures only), None for any other line."""
    if item == TOTAL:
        return TOTAL
    tokens = line_tokens(item)
    numbered = bool(tokens) and seq_number(tokens[0]) is not None
    cells = tokens[1:] if numbered else tokens
    values = [t for t in cells if is_value_token(t)]
    if not values:
        return None if numbered else "text"
    if not numbered:
        return None
    return "bare" if len(values) == len(cells) else "row"


def _runs(items: list, is_value) -> list[tuple[bool, list]]:
    """Consecutive items of the same class (value or text) as (is_value, items) runs."""
    out: list[tuple[bool, list]] = []
    for item in items:
        flag = is_value(item)
        if out and out[-1][0] == flag:
            out[-1][1].append(item)
        else:
            out.append((flag, [item]))
    return out


def align_runs(header: Header, pieces: list[Piece]) -> list[tuple[list[int], list[Piece]]]:
    """Pair the row's runs of text and value pieces with the header's runs of text and value
    columns, in order; a column run with no pieces of its kind left is empty."""
    columns = [i for i, c in enumerate(header.columns) if c.kind != SEQ]
    column_runs = _runs(columns, lambda i: header.columns[i].kind in VALUE_KINDS)
    piece_runs = _runs(pieces, lambda p: p.is_value)
    out: list[tuple[list[int], list[Piece]]] = []
    k = 0
    for is_value, run_columns in column_runs:
        if k < len(piece_runs) and piece_runs[k][0] == is_value:
            out.append((run_columns, piece_runs[k][1]))
            k += 1
    return out


def assign_values(header: Header, columns: list[int], pieces: list[Piece]) -> dict[int, str]:
    """Value pieces → value columns: one each in order when the counts agree; else grades go to
    the grade column and numbers to the last number columns (the score is the figure always
    printed)."""
    if len(pieces) == len(columns):
        return {c: p.text for c, p in zip(columns, pieces)}
    out: dict[int, str] = {}
    grades = [p for p in pieces if grade_of(p.text)]
    numbers = [p for p in pieces if not grade_of(p.text)]
    grade_columns = [c for c in columns if header.columns[c].kind == GRADE]
    number_columns = [c for c in columns if header.columns[c].kind != GRADE]
    out.update({c: p.text for c, p in zip(grade_columns, grades)})
    if numbers:
        out.update({c: p.text for c, p in zip(number_columns[-len(numbers):], numbers)})
    return out


def split_text_run(header: Header, columns: list[int], pieces: list[Piece],
                   widths: dict[int, int]) -> dict[int, str]:
    """Text pieces → text columns. More pieces than columns: names wrapped over lines, glued
    back by the cheapest split (see :func:`_split_cost`). Fewer: the department is a merged cell
    (carried down later), then trailing columns are empty."""
    if len(pieces) <= len(columns):
        spare = len(columns) - len(pieces)
        droppable = [c for c in columns if header.columns[c].kind == DEPARTMENT] + columns[::-1]
        dropped: list[int] = []
        for c in droppable:
            if len(dropped) < spare and c not in dropped:
                dropped.append(c)
        kept = [c for c in columns if c not in dropped]
        return {c: p.text for c, p in zip(kept, pieces)}
    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in combinations(range(1, len(pieces)), len(columns) - 1):
        cost = _split_cost(header, columns, pieces, cuts, widths)
        if best is None or cost < best[0]:
            best = (cost, cuts)
    bounds = [0, *best[1], len(pieces)]
    return {c: "".join(p.text for p in pieces[a:b]) for c, a, b in zip(columns, bounds, bounds[1:])}


def _split_cost(header: Header, columns: list[int], pieces: list[Piece], cuts: tuple[int, ...],
                widths: dict[int, int]) -> float:
    """How unlikely a split of wrapped text pieces into columns is. A cell wraps only when its
    line is full, so gluing a piece narrower than its column to the next line costs, and so does
    ending a cell on a full line or a piece wider than the column; gluing across a space on one
    line costs most. A department that does not end like one (…局, …委员会, …中心) or a project
    that does not end like one (…项目, …资金, …经费) costs a little, which settles ties."""
    cost = 0.0
    bounds = [0, *cuts, len(pieces)]
    for column, a, b in zip(columns, bounds, bounds[1:]):
        width = widths.get(column)
        for k in range(a, b):
            printed = print_width(pieces[k].text)
            full = width is not None and printed >= width - 1
            if width is not None and printed > width + WIDTH_SLACK:
                cost += 1.0
            if k + 1 < b:  # glued to the next piece
                cost += 2.0 if not pieces[k + 1].after_break else (0.0 if full else 1.0)
            elif k + 1 < len(pieces) and pieces[k + 1].after_break and full:
                cost += 0.25
        if not reads_complete(header.columns[column].kind, "".join(p.text for p in pieces[a:b])):
            cost += 0.5
    return cost


def reads_complete(kind: str, text: str) -> bool:
    """False for a department that does not end like a unit's name (…局, …中心) and a project
    that does not end like a project (…项目, …资金, …经费); True otherwise."""
    if kind == DEPARTMENT:
        return is_org_name(text)
    if kind == PROJECT:
        return bool(PROJECT_NOUN.search(text))
    return True


def print_width(text: str) -> int:
    """Printed width in half-width units: two for a wide or full-width character and for the
    punctuation Chinese type sets full-width (“ ” ·), one for the rest."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def column_widths(header: Header, rows: list[list[Piece]]) -> dict[int, int]:
    """The printed width of each text column: the widest cell in rows whose text runs hold one
    piece per column (so nothing was wrapped or merged there)."""
    widths: dict[int, int] = {}
    for pieces in rows:
        for columns, run in align_runs(header, pieces):
            if len(run) == len(columns) and not run[0].is_value:
                for c, p in zip(columns, run):
                    widths[c] = max(widths.get(c, 0), print_width(p.text))
    return widths


def split_visual_tail(row: PieceRow) -> tuple[list[Piece], list[list[Piece]]]:
    """A row printed in visual lines (a PDF dump: the first line of every cell beside the
    values, the wrapped rest of the cells on the lines below) → the pieces up to the line with
    the values, and the text-only lines below it. Other rows → all pieces, no tail."""
    value_lines = {id(p.line) for p in row.pieces if p.is_value}
    last = max((k for k, line in enumerate(row.lines) if id(line) in value_lines), default=None)
    if len(value_lines) != 1 or last is None or last == len(row.lines) - 1:
        return row.pieces, []
    head_lines = {id(line) for line in row.lines[:last + 1]}
    tails = [[p for p in row.pieces if p.line is line] for line in row.lines[last + 1:]]
    return [p for p in row.pieces if id(p.line) in head_lines], [t for t in tails if t]


def continue_cells(header: Header, cells: dict[int, str], tails: list[list[Piece]],
                   widths: dict[int, int]) -> None:
    """Append a visual row's wrapped lines to its text cells: each line's pieces continue, in
    order, the text columns whose last printed line was full (the ones that wrapped), those
    whose text does not yet read as complete (a department without its 局, a project without
    its 资金) first; when more pieces than such columns, the text columns, again the incomplete
    ones first (widths measured on other rows may not show a wrap: 县人力资源和社会保 / 障局)."""
    text_columns = [i for i, c in enumerate(header.columns) if c.kind not in VALUE_KINDS and c.kind != SEQ]
    last_line = {c: cells[c] for c in text_columns if c in cells}
    for pieces in tails:
        wrapped = [c for c in text_columns if c in last_line
                   and print_width(last_line[c]) >= widths.get(c, print_width(last_line[c])) - 1]
        candidates = wrapped if len(pieces) <= len(wrapped) else text_columns
        ranked = sorted(candidates, key=lambda c: reads_complete(header.columns[c].kind, cells.get(c, "")))
        targets = [c for c in candidates if c in ranked[:len(pieces)]]
        for c, piece in zip(targets, pieces):
            cells[c] = cells.get(c, "") + piece.text
            last_line[c] = piece.text


def token_rows(header: Header, body: list[Line | str]) -> list[Row]:
    """Rows of a space-separated or one-cell-per-line table: pieces grouped into rows, then
    aligned with the columns by kind (text or value), wrapped names glued back."""
    grouped = [row for row in group_pieces(header, body) if row.pieces]
    split = [split_visual_tail(row) for row in grouped]
    widths = column_widths(header, [pieces for pieces, _ in split])
    seq = header.index(SEQ)
    rows: list[Row] = []
    for row, (pieces, tails) in zip(grouped, split):
        cells: dict[int, str] = {seq: row.seq} if seq is not None and row.seq else {}
        if row.centred and header.centres and all(p.centre is not None for p in row.pieces):
            # its lines interleave the cells' lines: each word goes to the column it is under
            texts = [p for p in row.pieces if not p.is_value]
            pieces, tails = [p for p in row.pieces if p.is_value], []
            cells.update(cells_by_position(header, texts))
        for columns, run in align_runs(header, pieces):
            if run[0].is_value:
                cells.update(assign_values(header, columns, run))
            else:
                cells.update(split_text_run(header, columns, run, widths))
        continue_cells(header, cells, tails, widths)
        rows.append(Row(cells, row.lines))
    return rows


def cells_by_position(header: Header, pieces: list[Piece]) -> dict[int, str]:
    """Text pieces → text columns by where they are printed: each joins the text column whose
    header word is centred nearest to it, in the order printed."""
    text_columns = [i for i, c in enumerate(header.columns) if c.kind not in VALUE_KINDS and c.kind != SEQ]
    cells: dict[int, str] = {}
    for piece in pieces:
        column = min(text_columns, key=lambda i: abs(header.centres[i] - piece.centre))
        cells[column] = cells.get(column, "") + piece.text
    return cells


def cell_rows(header: Header, body: list[Line | str]) -> list[Row]:
    """Rows of a tab-cell table: cells by position. A line with no 序号 and no values only
    continues the row above (a cell wrapped onto a second printed row)."""
    width = len(header.columns)
    seq = header.index(SEQ)
    values = [i for i, c in enumerate(header.columns) if c.kind in VALUE_KINDS]
    rows: list[Row] = []
    previous_total = False
    for item in body:
        if item == TOTAL:
            previous_total = True
            continue
        cells = item.cells
        while len(cells) > width and not cells[-1]:
            cells = cells[:-1]
        cells = (cells + [""] * width)[:width]
        by_column = {i: c for i, c in enumerate(cells) if c}
        continues = (rows and not previous_total and (seq is None or not cells[seq])
                     and not any(cells[i] for i in values))
        if continues:
            last = rows[-1]
            for i, text in by_column.items():
                last.cells[i] = last.cells.get(i, "") + text
            last.lines.append(item)
        else:
            rows.append(Row(by_column, [item]))
        previous_total = False
    return rows


# ---------------------------------------------------------------------------------------------
# result tables: rows → evaluations


@dataclass
class ResultTable:
    """A result table found in the layout: its header, its rows and its evaluation type."""

    header: Header
    rows: list[Row]
    eval_type: str


def result_tables(lines: list[Line], sentences: list[Sentence]) -> list[ResultTable]:
    """Every evaluation-result table printed in a document's lines (as sections.printed_lines
    gives them), with its rows and the evaluation type its header, title, the sentence before it
    or its headings say (自评 → self, 重点评价/第三方 → key; a result table that nowhere says 自评
    is the finance bureau's own evaluation, key)."""
    tables: list[ResultTable] = []
    i = 0
    while i < len(lines):
        found = header_at(lines, i)
        if not found:
            i += 1
            continue
        header, start = found
        body, end = table_body(lines, start, header)
        rows = cell_rows(header, body) if header.in_cells else token_rows(header, body)
        contexts = [squash(c.header) for c in header.columns if c.kind == SCORE]
        contexts += [squash(lines[i - 1].text)] if i > 0 else []
        contexts += _context_above(sentences, lines[i])
        tables.append(ResultTable(header, rows, eval_type_of(contexts) or "key"))
        i = max(end, i + 1)
    return tables


def _context_above(sentences: list[Sentence], line: Line) -> list[str]:
    """The sentence printed before ``line`` and the titles of the headings open there,
    innermost first."""
    before = [s for s in sentences if s.lineno < line.lineno]
    return [before[-1].text, *(h.title for h in reversed(before[-1].path))] if before else []


def row_evaluation(table: ResultTable, row: Row, department: str | None) -> Evaluation | None:
    """One table row → an Evaluation, or None for a row that is no project (合计, 小计, empty).
    ``department`` is the row above's, used when this row's department cell is merged."""
    header = table.header

    def cell(kind: str) -> str | None:
        index = header.index(kind)
        return row.cells.get(index) if index is not None else None

    # a department-wide evaluation (部门整体支出) names the department as what was evaluated
    project = clean_name((cell(PROJECT) if header.index(PROJECT) is not None else cell(DEPARTMENT)) or "")
    firsts = [squash(row.cells.get(i, "")) for i in range(min(3, len(header.columns)))]
    if not project or any(TOTAL_ROW.match(t) for t in [project, *firsts]):
        return None
    amount_column = header.index(AMOUNT)
    unit = _money_unit(header.columns[amount_column].header) if amount_column is not None else "万元"
    findings = split_findings(squash(cell(FINDINGS) or "")) if cell(FINDINGS) else None
    score, grade = score_and_grade(cell(SCORE), cell(GRADE))
    return Evaluation(
        project=project,
        seq=seq_number(squash(cell(SEQ) or "")),
        department=clean_name(cell(DEPARTMENT) or "") or department,
        amount_wan=parse_amount_wan(cell(AMOUNT), unit) if cell(AMOUNT) else None,
        score=score,
        grade=grade,
        eval_type=eval_type_of([cell(EVAL_TYPE) or ""]) or table.eval_type,
        findings=findings or None,
        page=row.lines[0].page if row.lines else None,
        source_span=span_of(row.lines),
    )


def score_and_grade(score_cell: str | None, grade_cell: str | None) -> tuple[float | None, str | None]:
    """A row's score and grade, read from its score and grade cells by their shape: a 评价结果
    column may hold the score (86.5), one cell may hold both (良（85.5分）)."""
    cells = [squash(c) for c in (score_cell, grade_cell) if c]
    grade = next((grade_of(c) for c in cells if grade_of(c)), None)
    score = next((number_of(c) for c in cells if is_number(c)), None)
    if score is None:
        score = next((number_of(c) for c in cells if grade_of(c) and number_of(c) is not None), None)
    return score, grade


def _money_unit(header: str) -> str:
    """The money unit a header names: 亿元, 元 or (by default) 万元."""
    for unit in ("亿元", "万元"):
        if unit in header:
            return unit
    return "元" if re.search(r"[（(]元[)）]", header) else "万元"


def table_evaluations(table: ResultTable) -> list[Evaluation]:
    """A result table's project rows as Evaluations; a merged department cell is carried down,
    and in a table without 序号 a row's seq is its place in the table."""
    out: list[Evaluation] = []
    department: str | None = None
    for row in table.rows:
        evaluation = row_evaluation(table, row, department)
        if evaluation is None:
            continue
        if table.header.index(SEQ) is None:
            evaluation.seq = len(out) + 1
        out.append(evaluation)
        department = evaluation.department
    return out


# ---------------------------------------------------------------------------------------------
# prose: findings


def split_findings(text: str) -> list[str]:
    """A list of problems → one finding per item, as printed. Items are separated by ；。 and by
    the colon after a category (财务管理不规范：一是…；二是…); counters (一是, （1）, 1、) are
    dropped; a category that only names an area (…方面：) is left out; once items are counted,
    a sentence after an item's 。 that starts no new item explains it and is left out. A list
    with no ；。： separators is split on 、. The list ends where suggestions start (整改建议：)."""
    text = squash(text)
    suggestions = SUGGESTIONS.search(text)
    text = COMMA_BEFORE_COUNTER.sub("；", text[:suggestions.start()] if suggestions else text)
    parts = ITEM_SEPARATOR.split(text)
    items: list[str] = []
    in_counted_item = False  # the last item kept started with a counter and ended with 。
    for piece, separator in zip(parts[0::2], [*parts[1::2], ""]):
        counter = ITEM_COUNTER.match(piece)
        item = piece[counter.end():] if counter else piece
        item = re.sub(r"等$", "", item.strip("，,、 "))
        is_label = separator in "：:" and separator != ""
        if not item or (is_label and AREA_LABEL.search(item)):
            in_counted_item = False
            continue
        if in_counted_item and not counter and not is_label:
            continue
        items.append(item)
        in_counted_item = bool(counter) and separator == "。"
    if len(items) == 1 and not ITEM_SEPARATOR.search(text.rstrip("。；;")):
        parts = [p for p in items[0].split("、") if p]
        if len(parts) > 1 and all(len(p) >= MIN_ENUM_PART for p in parts):
            return parts
    return items


def findings_in(paragraphs: list[str]) -> list[str]:
    """The problems a project section lists: the items of 存在 … 等问题 (after 发现 when the
    text says so), else the rest of the paragraph after 存在的问题：/ 主要问题：, or the
    counted paragraphs that follow it."""
    for paragraph in paragraphs:
        matches = list(FINDINGS_LIST.finditer(paragraph))
        if matches:
            found = next((m for m in matches if "发现" in paragraph[max(0, m.start() - 12):m.start()]), matches[0])
            return split_findings(found.group(1))
    for k, paragraph in enumerate(paragraphs):
        intro = FINDINGS_INTRO.search(paragraph)
        if intro:
            rest = paragraph[intro.end():]
            # items printed one per paragraph (①… / ②…) continue the list the intro opened
            style = counter_style(rest)
            if not rest or style:
                rest += "".join(_counted_run(paragraphs[k + 1:], style))
            return split_findings(rest)
    return []


def counter_style(text: str) -> str | None:
    """The style of the item counter ``text`` opens with (paren_arabic for （1）, circled for ①,
    ordinal for 一是 …), None when it opens with none."""
    if not ITEM_COUNTER.match(text):
        return None
    marker = heading_marker(text)
    return marker[0] if marker else "ordinal"


def _counted_run(paragraphs: list[str], style: str | None = None) -> list[str]:
    """The paragraphs at the start of ``paragraphs`` that open with an item counter (一是, （1）)
    of ``style`` (of any style when None)."""
    run: list[str] = []
    for paragraph in paragraphs:
        if counter_style(paragraph) is None or style not in (None, counter_style(paragraph)):
            break
        run.append(paragraph if paragraph.endswith(("。", "；", ";")) else paragraph + "；")
    return run


# ---------------------------------------------------------------------------------------------
# prose: project sections


@dataclass(frozen=True)
class ProjectHeading:
    """What a project heading says: the project's name, and whether the heading itself says an
    evaluation is reported (…绩效评价, …绩效执行结果) or quotes the name (“…”)."""

    name: str
    says_evaluated: bool
    department: str | None = None
    result: str = ""  # the result the heading states in brackets (得分88.5分，等级“良”)


def project_heading(title: str) -> ProjectHeading | None:
    """The project a heading names, or None when it names none: （一）“X”项目绩效执行结果 → X;
    （4）X资金项目绩效执行结果 → X资金; 2.X计划绩效评价 → X计划; a bare name ending in
    项目/资金/经费 … is itself the name. Work items (推进…), generic kinds of spending or of
    evaluation (重点项目支出, 事前), counted projects (35个重点项目) and titles with sentence
    punctuation name no project."""
    text = HEADING_COUNTER.sub("", squash(title)).strip("。：:；;，,")
    text = re.sub(r"^(?:关于|对)", "", text)
    result = RESULT_REMARK.search(text)
    text = text[:result.start()] if result else text
    remark = DEPARTMENT_REMARK.search(text)
    department = clean_name(remark.group(1)) if remark else None
    text = text[:remark.start()] if remark else text
    suffix = EVAL_SUFFIX.search(text)
    name = re.sub(r"的$", "", text[:suffix.start()] if suffix else text)
    owner = OWNER_BEFORE_QUOTE.match(name)
    if owner and is_org_name(owner.group(1)):
        department, name = department or owner.group(1), owner.group(2)
    quoted = QUOTED_NAME.match(name)
    if quoted and name[quoted.end():] in ("", "项目"):
        name = quoted.group(1)
    elif name.endswith("项目") and name[:-2].endswith(FUND_WORD):
        name = name[:-2]
    if (not name or re.search(r"[，,。；;：:]", name) or GENERIC_NAME.match(name) or ACTION_START.match(name)
            or COUNTED_PROJECTS.search(name)
            or not (quoted or PROJECT_NOUN.search(name) or suffix and len(name) >= MIN_UNMARKED_NAME)):
        return None
    whole = WHOLE_SPENDING.match(name)
    if department is None and whole and is_org_name(whole.group(1)):
        department = whole.group(1)
    return ProjectHeading(clean_name(name), bool(suffix or quoted), department, result.group(1) if result else "")


@dataclass
class ProjectSection:
    """A heading that names a project, the clause of its sentence that names it, the headings
    above it (outermost first), every sentence under it (its own heading sentence included) and
    the sentence leading into it under the heading above (…开展了绩效自评，结果如下：)."""

    heading: Heading
    clause: str
    named: ProjectHeading
    above: tuple[Heading, ...]
    sentences: list[Sentence]
    lead: str = ""

    @property
    def paragraphs(self) -> list[str]:
        """The section's paragraphs below its heading (sub-headings included), the rest of the
        heading's own sentence first."""
        return paragraphs_under(self.sentences, self.heading, self.clause)


def paragraphs_under(sentences: list[Sentence], heading: Heading, clause: str | None = None) -> list[str]:
    """The paragraphs of ``sentences``, whitespace-free; of ``heading``'s own sentence only what
    follows its ``clause`` (by default its title): a run-in heading goes on with the text."""
    out: dict[int, str] = {}
    for s in sentences:
        text = s.text
        if s.is_heading and s.path[-1] == heading:
            head = clause or heading.title
            text = text[len(head):].lstrip("，,：:。；;") if text.startswith(head) else ""
        if text:
            out[s.paragraph] = out.get(s.paragraph, "") + text
    return list(out.values())


def heading_clause(sentence: Sentence) -> str:
    """The part of a heading's sentence that names what it is about: its title, or — when the
    title runs on into a project's result (1.区教育局“X”项目，评价得分91.5分…) — the title up
    to its first comma outside brackets."""
    title = sentence.path[-1].title
    head = title[:title_end(title, CLAUSE_COMMA)]
    rest = sentence.text[len(head):]
    return head if head != title and (PROSE_SCORE.search(rest) or PROSE_GRADE.search(rest)) else title


def lead_sentence(sentences: list[Sentence], heading: Heading, above: tuple[Heading, ...]) -> str:
    """The last sentence directly under the heading above ``heading`` printed before it (the
    lead-in to a list of projects), "" at the top level or when there is none."""
    if not above:
        return ""
    return next((s.text for s in reversed(sentences) if s.lineno < heading.lineno and s.path == above), "")


def project_sections(sentences: list[Sentence]) -> list[ProjectSection]:
    """Headings that name a project, each with the sentences under it, in document order; a
    heading inside another project's section is part of that section."""
    under: dict[Heading, list[Sentence]] = {}
    for s in sentences:
        for h in s.path:
            under.setdefault(h, []).append(s)
    sections: list[ProjectSection] = []
    for heading, body in under.items():
        above = body[0].path[:body[0].path.index(heading)]
        if sections and sections[-1].heading in above:
            continue
        clause = heading_clause(body[0])
        named = project_heading(clause)
        if named:
            sections.append(ProjectSection(heading, clause, named, above, body, lead_sentence(sentences, heading, above)))
    return sections


def problem_subsection_findings(section: ProjectSection) -> list[str]:
    """Findings printed under a sub-heading of the section (存在的问题, 主要问题): one per numbered
    item heading below it (its title), else its paragraphs split into items."""
    depth = len(section.above) + 1
    for s in section.sentences:
        if s.is_heading and len(s.path) == depth + 1 and PROBLEM_HEADING.search(s.path[-1].title):
            sub = s.path[-1]
            inside = [t for t in section.sentences if sub in t.path and t.path[-1] != sub]
            items = list(dict.fromkeys(t.path[depth + 1] for t in inside))
            if items:
                return [f for h in items for f in split_findings(HEADING_COUNTER.sub("", h.title))[:1]]
            return [f for p in paragraphs_under([t for t in section.sentences if t.path[-1] == sub], sub)
                    for f in split_findings(p)]
    return []


def department_in(paragraphs: list[str]) -> str | None:
    """The unit a project section names as its owner: X作为项目业主, 主管部门为X, 由X负责实施."""
    for paragraph in paragraphs:
        for pattern in (DEPARTMENT_AS_ROLE, ROLE_IS_DEPARTMENT, DEPARTMENT_CARRIES_OUT):
            for match in pattern.finditer(paragraph):
                name = clean_name(match.group(1))
                if is_org_name(name):
                    return name
    return None


def prose_evaluation(section: ProjectSection, lines: dict[int, Line]) -> Evaluation | None:
    """A project section → an Evaluation, or None when it states no result: a grade, a score
    or, under a heading that says it reports an evaluation, the problems found. ``lines`` maps
    line numbers to the layout's lines, for the source span."""
    paragraphs = section.paragraphs
    body = ascii_figures(section.named.result + "。" + "".join(paragraphs))
    findings = findings_in(paragraphs) or problem_subsection_findings(section)
    grade = PROSE_GRADE.search(body)
    score = PROSE_SCORE.search(body)
    if not (grade or score or (findings and section.named.says_evaluated)):
        return None
    amount = PROSE_AMOUNT.search(body)
    contexts = [section.heading.title, *(h.title for h in reversed(section.above)), body, section.lead]
    source = sorted({s.lineno for s in section.sentences} & lines.keys())
    return Evaluation(
        project=section.named.name,
        department=section.named.department or department_in(paragraphs),
        amount_wan=parse_amount_wan(amount.group(1), amount.group(2)) if amount else None,
        score=float(score.group(1)) if score else None,
        grade=GRADES[grade.group(1)] if grade else None,
        # a project evaluated in the finance bureau's own report is a 财政 evaluation unless it says 自评
        eval_type=eval_type_of(contexts) or "key",
        findings=findings or None,
        page=section.heading.page,
        source_span=span_of([lines[n] for n in source]),
    )


def listed_evaluations(sentences: list[Sentence]) -> list[tuple[int, Evaluation]]:
    """Evaluated projects listed in a sentence, one clause each, with the sentence's line number:
    其中，“X项目”评价得分92分，评价等级为“优”；“Y工程”评价得分85.6分… A clause counts when it
    opens with a quoted name and states a score or grade; the evaluation type comes from the
    clause, its paragraph and its headings (重点评价 → key)."""
    paragraphs: dict[int, str] = {}
    for s in sentences:
        paragraphs[s.paragraph] = paragraphs.get(s.paragraph, "") + s.text
    out: list[tuple[int, Evaluation]] = []
    for s in sentences:
        for clause in LISTED_CLAUSE_END.split(s.text):
            quoted = LISTED_PROJECT.match(clause)
            if not quoted or GENERIC_NAME.match(quoted.group(1)):
                continue
            rest = ascii_figures(clause[quoted.end():])
            grade, score = PROSE_GRADE.search(rest), PROSE_SCORE.search(rest)
            if not (grade or score):
                continue
            amount = PROSE_AMOUNT.search(rest)
            contexts = [clause, paragraphs[s.paragraph], *(h.title for h in reversed(s.path))]
            out.append((s.lineno, Evaluation(
                project=clean_name(quoted.group(1)),
                amount_wan=parse_amount_wan(amount.group(1), amount.group(2)) if amount else None,
                score=float(score.group(1)) if score else None,
                grade=GRADES[grade.group(1)] if grade else None,
                eval_type=eval_type_of(contexts) or "key",
                page=s.page,
                source_span=span_of(list(s.lines)),
            )))
    return out


def prose_evaluations(sentences: list[Sentence], layout: Layout) -> list[Evaluation]:
    """Every project section that states a result and every project listed with its result in
    a sentence outside those sections, numbered in text order."""
    lines = {ln.lineno: ln for ln in layout.lines()}
    sections = project_sections(sentences)
    found = [(section.heading.lineno, prose_evaluation(section, lines)) for section in sections]
    inside = {id(s) for section in sections for s in section.sentences}
    found += listed_evaluations([s for s in sentences if id(s) not in inside])
    out = [e for _, e in sorted(found, key=lambda pair: pair[0]) if e is not None]
    for seq, evaluation in enumerate(out, start=1):
        evaluation.seq = seq
    return out


# ---------------------------------------------------------------------------------------------
# the document


def same_project(a: str, b: str) -> bool:
    """True when two printed names are the same project (one inside the other, or nearly equal)."""
    shorter, longer = sorted((a, b), key=len)
    return ((len(shorter) >= MIN_CONTAINED_NAME and shorter in longer)
            or SequenceMatcher(None, a, b).ratio() >= SAME_NAME_RATIO)


def merge_prose(table_rows: list[Evaluation], prose: list[Evaluation]) -> list[Evaluation]:
    """Table rows plus prose evaluations; a prose evaluation of a project already in a table
    fills that row's empty fields (findings, grade …) instead of adding a second row."""
    out = list(table_rows)
    for evaluation in prose:
        row = next((r for r in table_rows if same_project(r.project, evaluation.project)), None)
        if row is None:
            out.append(evaluation)
            continue
        for name in ("department", "amount_wan", "score", "grade", "eval_type", "findings"):
            if getattr(row, name) is None:
                setattr(row, name, getattr(evaluation, name))
    return out


def find_evaluations(layout: Layout, sectioned: Sectioned | None = None) -> list[Evaluation]:
    """All evaluation results of a document: the rows of its result tables (in order) and its
    evaluated projects in prose, as Evaluation records with page and source span filled in
    (doc_id and eval_id are left to the caller). ``sectioned`` is ``sectionise(layout)`` when
    the caller already has it."""
    sectioned = sectioned or sectionise(layout)
    rows = [e for table in result_tables(sectioned.printed, sectioned.sentences) for e in table_evaluations(table)]
    return merge_prose(rows, prose_evaluations(sectioned.sentences, layout))
