"""Goal-table recogniser (绩效目标表): layout lines → GoalTable records with raw indicator rows.

Works on the lines of the layout model, whatever reader made them. A form is read in stages:

    split_forms        lines → one list of lines per printed form (title to title)
    split_form         form → header lines (项目名称 …) and indicator lines (from the 一级指标 header)
    read_header_fields header lines → 项目名称, 项目编码, 主管部门, 项目单位, amounts, 年度目标
    lines_to_rows      indicator lines → rows of cells (tab / pipe cells keep their columns;
                       space-separated lines are token rows), continuation rows merged
    read_indicator_rows rows → Indicator records (labels carried down like merged cells)

Before that, three printings are brought to cells or joined: a CSV export's comma rows (when
its column header is comma-separated), a column header whose words wrapped (一级 / 指标), and,
under a header whose words stand apart by runs of spaces (``pdftotext -layout``), each line cut
into the header's columns by position, so that wrapped text continues the cell above it.

Two printed shapes are understood. Cell rows (tabs, pipes) keep column positions, so empty
cells are merged cells and history columns (前年/上年) can be told apart. Token rows (a PDF text
dump: one cell per line, names wrapped over lines, merged labels printed once) carry no positions:
name fragments pile up until a value closes the indicator. Columns are recognised by their header
words (指标值 / 前年 / 上年 / 指标值确定依据 …), labels by the national framework's vocabulary, and
values by their shape, never by position alone.

Values stay raw here; pipeline.normalise turns them into operator/number/unit.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal

from parsers.layout import Line, Layout, span_of
from pipeline.levels import is_level1_label, is_level2_label
from pipeline.values import MONEY_TO_WAN, STATE_SUFFIXES
from schemas.records import GoalTable, Indicator

# ---------------------------------------------------------------------------------------------
# vocabulary

WS = re.compile(r"\s+")

FORM_TITLE = re.compile(r"(绩效目标(申报|设置)?表|绩效自评表|绩效目标表[（(].*[)）])$")
SUB_TABLE_TITLE = re.compile(r"^(长期|年度|中期)绩效(目标|指标)表?$")
HORIZON_MARKER = re.compile(r"^(长期|中期|年度)(绩效)?(目标|指标)(表)?$")
GOAL_LABEL = re.compile(r"^((长期|中期|年度)?(绩效)?目标\s*\d+)\s*[:：]?$")
# the row label of a form's indicator block (绩效指标 | 一级指标 | …), printed on a line of its
# own above the column header by one-cell-per-line extractions
BLOCK_LABELS = {"绩效指标", "项目绩效指标", "绩效指标体系"}
# a department's code printed after or before its name (广州市医疗保障局 801, [126]广州市…局)
DEPARTMENT_CODE = re.compile(r"^[\[【（(]?\d{3,}[\]】）)]?\s*|\s*[\[【（(]?\d{3,}[\]】）)]?$")
# a header field printed as 'label：value' (主管部门：某局), several to a line
COLON_PAIR = re.compile(r"^(?P<label>[^:：]{2,16})[:：](?P<value>.*)$")
# a cell this long beside a label is a header field's text, not part of a marker row
MIN_PROSE_CHARS = 15
# a table's number printed before its title (表3, 附表2：, 表九、)
TABLE_NUMBER = r"附?表[一二三四五六七八九十\d]+"
TITLE_NUMBER_PREFIX = re.compile(rf"^\s*{TABLE_NUMBER}[：:、.．\s]*")
# the title of another table printed after a goal table: numbered (表九：…) or a budget table's name
OTHER_TABLE_TITLE = re.compile(rf"^{TABLE_NUMBER}[：:、.\s]|(预算|明细|汇总|来源情况|总)表$")
# column words of budget, funding and procurement tables, never of a goal table
OTHER_TABLE_COLUMNS = {
    "序号", "资金来源", "金额", "占比", "采购项目", "采购项目名称", "采购品目", "采购方式", "采购预算",
    "功能分类科目", "经济分类科目", "测算依据", "预算金额", "本年预算", "上年预算", "增减率",
}
# a cell of a line printed with runs of spaces between cells (pdftotext -layout), and its span
# (start, end) in printed columns
LAYOUT_CHUNK = re.compile(r"\S+(?:\s\S+)*")
Span = tuple[int, int]
# what a level label ends in (数量指标), printed on a line of its own when a narrow cell wraps
LABEL_TAIL = "指标"
# the longest wrapped end of a cell that is taken as such without more evidence (提升幅度)
MAX_WRAPPED_STUB = 4
# a cell ending in these goes on in the cell below it
CLAUSE_ENDS = ("，", "、", "；", ",", ";")
# cell separators of tables drawn with box characters (│ 产出指标 │ 数量指标 │)
BOX_BARS = str.maketrans("│┃║｜", "||||")
TOTAL_ROW = re.compile(r"^(总分|总计|合计|小计|得分合计|分值合计)[:：]?$")
SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[章节部分])")

# header-field labels (whitespace removed) → GoalTable attribute; longest first when matching
HEADER_FIELDS: dict[str, str | None] = {
    "项目名称": "name",
    "部门（单位）名称": "name",
    "部门(单位)名称": "name",
    "单位名称": "name",
    "部门名称": "name",
    "项目编码": "code",
    "项目代码": "code",
    "项目主管部门": "department",
    "主管部门及代码": "department",
    "主管部门及编码": "department",
    "主管部门": "department",
    "归口管理部门": "department",
    "项目单位": "unit",
    "项目执行单位": "unit",
    "项目实施单位": "unit",
    "执行单位": "unit",
    "实施单位": "unit",
    "项目金额（万元）": "amount",
    "项目金额(万元)": "amount",
    "项目金额": "amount",
    "项目总预算": "amount",
    "项目总金额": "amount",
    "预算金额": "amount",
    "资金总额": "amount",
    "中期资金总额": "amount",
    "实施期资金总额": "amount",
    "项目资金": "amount",
    "项目当年预算": "annual_amount",
    "年度资金总额": "annual_amount",
    "当年预算": "annual_amount",
    "本年度预算": "annual_amount",
    "年度预算数": "annual_amount",
    "年度预算": "annual_amount",
    "本年预算": "annual_amount",
    "项目年度绩效目标": "goal_text",
    "年度绩效目标": "goal_text",
    "年度总体目标": "goal_text",
    "年度目标值": None,
    "年度目标1": "goal_text",
    "年度目标": "goal_text",
    # labels whose values we do not keep: they end the value before them
    "其中：财政拨款": None,
    "其中:财政拨款": None,
    "财政拨款": None,
    "其他资金": None,
    "上年结转": None,
    "项目绩效指标": None,
    "项目负责人": None,
    "联系电话": None,
    "单位地址": None,
    "邮政编码": None,
    "项目属性": None,
    "支出项目类别": None,
    "起始年度": None,
    "终止年度": None,
    "项目立项依据": None,
    "项目实施方案": None,
    "项目前两年预算及当年预算变动情况": None,
    "项目资金来源": None,
    "项目支出明细测算": None,
    "项目采购": None,
    "项目绩效总目标": None,
    "长期目标1": None,
    "名称": None,
    "目标说明": None,
    "填报人": None,
    "部门总体资金情况": None,
    "部门职能概述": None,
    "年度工作任务": None,
    "年度主要任务": None,
    "任务名称": None,
    "主要内容": None,
    "项目支出情况": None,
    "整体绩效总目标": None,
    "单位：万元": None,
    "单位:万元": None,
}
# a first column numbering the indicator rows (序号 | 一级指标 | …): its 1, 2, 3 are no values
SERIAL_COLUMN = re.compile(r"^(序号|编号)$")
SERIAL_NUMBER = re.compile(r"^\d{1,3}[.、]?$")
# a column sub-header in a form's header block (预期目标, 中期目标（2025年-2027年）) is short
MAX_SUBHEADER_CHARS = 20
AMOUNT_FIELDS = ("amount", "annual_amount")
# a label may print the amounts' unit after it: 项目总金额（万元）, 年度预算数(万元)
HEADER_LABEL_RE = re.compile(
    "(?P<label>" + "|".join(re.escape(k) for k in sorted(HEADER_FIELDS, key=len, reverse=True)) + ")"
    + r"(?:[（(]万元[)）])?"
)

LEVEL_COLUMNS = ("一级指标", "二级指标", "三级指标")
# column header words → column role
COLUMN_ROLES = [
    (re.compile(r"^一级指标$"), "level1"),
    (re.compile(r"^二级指标$"), "level2"),
    (re.compile(r"^三级指标$"), "level3"),
    (re.compile(r"^(前年|前两年)"), "prev2"),
    (re.compile(r"^上年"), "prev1"),
    (re.compile(r"^(实际完成值|实际完成|完成值|全年实际值)"), "actual"),
    # self-evaluation forms word the reason column several ways (偏差原因分析及改进措施,
    # 未完成原因和改进措施, 差异原因分析)
    (re.compile(r"^(指标值确定依据|(偏差|未完成|差异)原因)"), "basis"),
    # columns some provinces add around the target, read past and not kept
    (re.compile(r"^(指标解释|指标说明|指标值说明|指标内涵|指标定义)$"), "explanation"),
    (re.compile(r"^(评.{0,3}分(标准|规则|办法|方法)|(扣分|计分)(标准|规则|办法|方法))$"), "scoring"),
    (re.compile(r"^备注$"), "remark"),
    (re.compile(r"^分值$"), "weight"),
    (re.compile(r"^得分$"), "score"),
    # forms exported from the budget system split the target over three columns:
    # 指标性质 (≥, ≤, =, 定性) | 指标值 (95) | 度量单位 (%)
    (re.compile(r"^(指标性质|指标方向性?|运算符号?)$"), "operator"),
    (re.compile(r"^(度量单位|计量单位)$"), "unit"),
    # a 申报表 printing the target of the whole period beside this year's (中期指标值 | 年度指标值)
    (re.compile(r"^(中期|长期|实施期)(绩效)?(指标值|目标值)"), "long_term"),
    (re.compile(r"(指标值|预期当年实现值|预计当年实现|当年实现|年度指标值|目标值|预期目标)"), "target"),
]

VALUE_ROLES = (
    "prev2", "prev1", "long_term", "operator", "target", "unit", "actual", "weight", "score",
    "explanation", "scoring", "remark",
)
# value columns whose cells are not kept; a word in one of them is no indicator name either
IGNORED_ROLES = ("explanation", "scoring", "remark")
# columns of words between the name and the target: the name is left of them, in the 三级 column
WORDED_ROLES = ("explanation", "operator")
# the 指标性质 of a qualitative target: says no operator
QUALITATIVE_MARK = re.compile(r"^(定性|定量)$")

# what a value cell looks like
_UNITS = sorted(
    """% ‰ ℃ ㎡ 个 家 次 人 人次 户 台 套 件 项 场 期 册 份 篇 本 条 所 座 处 栋 间 辆 艘 架 基 盏 株 棵 亩 公顷
    平方米 平方公里 立方米 米 公里 千米 千克 公斤 克 吨 元 天 日 小时 分钟 工作日 个工作日 年 月 周 季度 分 百分比
    倍 百分点 个百分点 批 批次 起 单 课时 学时 床 张 块 根 只 头 部 门 种 类 个月 周年 宗 笔 元/人 人/年 万 亿 千 百 户次 小时/天 名 页 卷 段
    kg km m t MW kW kWh GB M""".split(),
    key=len, reverse=True,
)
_UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"
_UNIT_GROUP = rf"(?:(?:万|亿|千)?{_UNIT}(?:/(?:万|亿)?{_UNIT}(?:[·•]{_UNIT})?)?(?:一年|每年|每人)?)"
_OPERATOR = r"(?:>=|<=|≥|≤|≧|≦|=|>|<|≈)"
_WORD_OP = r"(?:至少|不低于|不少于|不超过|不高于|不大于|不小于|高于或等于|低于或等于|大于等于|小于等于|大于|小于|高于|低于|达到|超过|约|控制在)"
# what a 指标性质 / 指标方向 cell must read as to be put before the target (not 正向, 反向)
OPERATOR_CELL = re.compile(rf"^(?:{_OPERATOR}|{_WORD_OP})$")
_PERIOD = r"(?:每(?:季度|半年|[年月周日天季])|全年|年均|日均|月均)"
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
QUANTITY = re.compile(
    rf"^{_PERIOD}?{_WORD_OP}?{_OPERATOR}?{_WORD_OP}?{_NUMBER}{_UNIT_GROUP}{{0,2}}(?:以上|以下|以内|之内|内|左右)?(?:\(含\))?#?$"
)
# a date a 时效 target is due by (2025年11月30日前, 2027年12月底前, 2025年底)
DEADLINE = re.compile(
    r"^(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|(?:\d{4}年)?第?[一二三四1-4]季度)"
    r"(?:底|末|上旬|中旬|下旬)?(?:前|之前|以前|内)?(?:完成|完工|到位)?$"
)
# a ratio (1:1, 1∶1)
RATIO = re.compile(rf"^{_NUMBER}[:∶]{_NUMBER}$")
# a range of figures (95%-100%, 3～5个)
RANGE = re.compile(rf"^{_NUMBER}{_UNIT_GROUP}?[-~～—至]{_NUMBER}{_UNIT_GROUP}?$")
# a figure with its state after it (100%覆盖, 100%达标)
QUANTITY_STATE = re.compile(rf"^{_NUMBER}{_UNIT_GROUP}(?:{'|'.join(STATE_SUFFIXES)})$")
# none of a harm (零投诉, 无重大安全事故): 零/无 first, the harm last (not 无障碍设施数量)
NO_HARM = re.compile(r"^(?:零|无)[\u4e00-\u9fff]{0,8}?(?:事故|投诉|差错|违规|违纪|案件|伤亡|问题|发生)$")
# all who are entitled get it (应保尽保, 应发尽发)
ALL_ENTITLED = re.compile(r"^应(.)尽\1$")
# a grade (A级, AAA级, 三星级, 二级以上)
# (a bare 一级 / 二级 is left out: it is also the wrapped start of a column header word)
GRADE = re.compile(r"^(?:[A-E]{1,4}级|[一二三四五]星级|[一二三四五]级(?:以上|及以上))$")
# a target stated as a standard or level to reach (达到省定标准, 符合国家规范要求, 高于全省平均水平):
# a verb of reaching first, a word of norm last; an indicator's name does not start that way
STANDARD_TARGET = re.compile(
    rf"^(?:达到|符合|满足|按照?|{_OPERATOR}|{_WORD_OP})[\u4e00-\u9fff]{{0,10}}"
    r"(?:标准|要求|规定|规范|水平|约定|范围内|以内)$"
)
# a short text prefix before the number (保洁100%) only when a unit follows
PREFIXED_QUANTITY = re.compile(rf"^[\u4e00-\u9fff]{{1,3}}{_OPERATOR}?{_NUMBER}{_UNIT_GROUP}{{1,2}}$")
QUALITATIVE_WORDS = (
    "规范 是 否 达标 合格 有效 完成 良好 优秀 优 良 及时 准确 提高 提升 改善 明显 显著 稳定 安全 正常 无 "
    "已完成 按时完成 按期完成 全覆盖 逐步提升 持续提升 有所提升 不断提升 明显提升 明显改善 达到预期 符合要求 "
    "预算数 保证正常运转合格 较好 好 高 满意 基本满意 100%完成 健全 完善 逐步完善 不断完善 建立 建成 落实 实现 "
    "有所改善 持续改善 逐步改善 降低 减少 下降 增加 增长 稳步提升 长期 持续 中 差 上年 上年度 去年 同期 上年同期 "
    "优良 按时 按期 零"
).split()
QUALITATIVE = re.compile(
    rf"^(?:{_OPERATOR}|{_WORD_OP})?(?:{'|'.join(map(re.escape, sorted(QUALITATIVE_WORDS, key=len, reverse=True)))})(?:{_UNIT_GROUP})?#?$"
)
# a short phrase ending in a word of direction or state (有所减轻, 平稳可持续, 进一步提高): the
# qualitative targets forms print beyond any fixed list; longer text is a name
QUALITATIVE_HEAD = (
    "提高 提升 改善 减轻 降低 减少 增加 增强 增长 下降 缩短 稳定 平稳 可持续 持续 显著 明显 有效 达标 合格 良好 "
    "完成 实现 到位 规范 及时 准确 满意 健全 完善 落实 保障 正常 扩大 加强 巩固 优化 改观 好转 可控 安全"
).split()
QUALITATIVE_PHRASE = re.compile(
    rf"^[\u4e00-\u9fff]{{0,3}}(?:{'|'.join(sorted(QUALITATIVE_HEAD, key=len, reverse=True))})$"
)
MAX_QUALITATIVE_PHRASE = 6
# a bare operator and/or unit: an empty history cell in a cell row (≥ 起, = %, 元, #)
PLACEHOLDER = re.compile(rf"^(?:[#*/—\-－]|定性|定量|{_OPERATOR}?{_UNIT_GROUP}?#?)$")


# a response-time target, often compound (保洁、安全类问题及时响应,其他问题5个工作日内响应): it
# ends in a time limit and the act due within it; an indicator's name ends in 时间, 率 or 数
RESPONSE_TARGET = re.compile(
    r"^.{0,40}?(?:及时|立即|当日|当天|\d+(?:个)?(?:工作日|小时|日|天|分钟)(?:之?内)?)"
    r"(?:响应|处理|办结|处置|回复|到达|到场|解决)$"
)
VALUE_SHAPES = (
    QUANTITY, QUALITATIVE, PREFIXED_QUANTITY, DEADLINE, STANDARD_TARGET, RANGE, RATIO, QUANTITY_STATE,
    NO_HARM, ALL_ENTITLED, GRADE, RESPONSE_TARGET,
)


def squash(text: str) -> str:
    """Text with all whitespace removed and full-width forms folded (NFKC) for matching."""
    return WS.sub("", unicodedata.normalize("NFKC", text or ""))


def is_value(cell: str, in_cell_row: bool = False, phrases: bool = True) -> bool:
    """True when a cell reads as a target value (≥95%, 12次, 规范, 是#, and with ``phrases`` a
    short qualitative phrase: 有所减轻); in cell rows a bare operator/unit placeholder (= %,
    元, #) counts too, since there it fills a value column."""
    s = squash(cell)
    if not s:
        return False
    if any(p.match(s) for p in VALUE_SHAPES):
        return True
    if phrases and len(s) <= MAX_QUALITATIVE_PHRASE and QUALITATIVE_PHRASE.match(s) and not is_label(s):
        return True
    return in_cell_row and bool(PLACEHOLDER.match(s))


def is_label(cell: str) -> bool:
    """True when a cell is a 一级 or 二级 label of the national framework (产出指标, 数量指标)."""
    s = squash(cell)
    return bool(s) and (is_level1_label(s) or is_level2_label(s))


def level1_word(label: str | None) -> str | None:
    """The label, squashed, when it is a 一级 word (成本指标, 满意度), else None."""
    return squash(label) if label and is_level1_label(label) else None


def is_table_title(line: Line) -> bool:
    """A printed form title: '…绩效目标表', '…绩效目标申报表', '…绩效自评表' (not a sub-table)."""
    return form_title(line) is not None


def form_title(line: Line) -> str | None:
    """The form title a line prints, as printed, or None. A title may be the one cell of a
    table row (| 2024年度项目支出绩效自评表 | | |), as copied tables keep it in a merged cell."""
    row = line_to_row(line)
    cells = [c for c in row.cells if c] if row.in_cells else [line.text.strip()]
    if len(cells) != 1:
        return None
    s = squash(cells[0])
    is_title = len(s) <= 80 and not s.endswith("。") and FORM_TITLE.search(s) and not SUB_TABLE_TITLE.match(s)
    return cells[0] if is_title else None


def is_column_header(cells: list[str]) -> bool:
    """True when a row's cells are an indicator block's column header (一级指标 | 二级指标 | …)."""
    words = {squash(c) for c in cells}
    flat = "".join(words)
    # two of the three level columns; some forms print no 一级 column (二级指标 | 三级指标 | 指标值)
    return sum(word in flat for word in LEVEL_COLUMNS) >= 2


def is_prose(line: Line) -> bool:
    """A narrative line that ends a form: a section heading or a long sentence."""
    s = line.text.strip()
    if "\t" in s or "|" in s:
        return False
    return bool(SECTION_HEADING.match(s)) or (len(s) > 50 and "。" in s)


# ---------------------------------------------------------------------------------------------
# stage 1: forms

def split_forms(lines: list[Line]) -> list[list[Line]]:
    """Cut the document's non-blank lines into forms. A form runs from its title to the next
    form; an untitled form starts at its 项目名称 row (or, with no header at all, at its column
    header) when no form is open or the open one already had its indicators."""
    forms: list[list[Line]] = []
    current: list[Line] | None = None
    seen_indicators = False
    for line in lines:
        is_header = is_column_header(line.cells)
        first_word = squash(re.split(r"[\t |:：]+", line.text.strip(" |"))[0])
        opens_untitled = (current is None or seen_indicators) and (
            HEADER_FIELDS.get(first_word) == "name" or (current is None and is_header)
        )
        if is_table_title(line) or opens_untitled:
            current = [line]
            forms.append(current)
            seen_indicators = is_header
        elif current is not None:
            current.append(line)
            seen_indicators = seen_indicators or is_header
    return forms


def split_form(form: list[Line]) -> tuple[list[Line], list[Line]]:
    """Header lines (fields above the indicators) and indicator lines (from the first column
    header, stepping back over goal/horizon markers printed just above it)."""
    start = next((i for i, ln in enumerate(form) if is_column_header(ln.cells)), None)
    if start is None:
        return form, []
    while start > 0 and _marker_cell(form[start - 1].cells) and not _has_prose_cell(form[start - 1].cells):
        start -= 1
    return form[:start], form[start:]


def _has_prose_cell(cells: list[str]) -> bool:
    """True when a row holds a sentence: its marker-like first cell (年度目标, 年度绩效目标) is
    then a header field's label with its text, not a marker over the indicators."""
    return any(len(squash(c)) >= MIN_PROSE_CHARS or re.search(r"[，。；]", c) for c in cells[1:])


def _marker_cell(cells: list[str]) -> str | None:
    """The goal / horizon marker a row starts with (长期目标1, 年度绩效指标 …), if any."""
    first = squash(next((c for c in cells if c), ""))
    if GOAL_LABEL.match(first) or HORIZON_MARKER.match(first) or SUB_TABLE_TITLE.match(first):
        return first
    return None


# ---------------------------------------------------------------------------------------------
# stage 2: header fields

def read_header_fields(header: list[Line]) -> dict[str, str]:
    """Field label → value text from a form's header block. Cells end values in cell rows;
    in token rows a value runs on (over wrapped lines) until the next known label."""
    lines = header[1:] if header and is_table_title(header[0]) else header
    # the indicator block's row label printed on its own line is no field
    rows = pair_label_rows([header_row(ln) for ln in lines if squash(ln.text) not in BLOCK_LABELS])
    pieces = []
    for row in rows:
        if row.in_cells:
            pieces.append("\t" + "\t".join(_header_cell(c) for c in row.cells if c) + "\t")
        else:
            pieces.append(row.lines[0].text.strip())
    text = "".join(pieces)
    fields: dict[str, str] = {}
    matches = list(HEADER_LABEL_RE.finditer(text))
    for m, nxt in zip(matches, matches[1:] + [None]):
        value = text[m.end(): nxt.start() if nxt else len(text)]
        value = value.strip("\t :：").split("\t")[0].strip()
        key = HEADER_FIELDS[m["label"]]
        if key in AMOUNT_FIELDS and not re.search(r"\d", value):
            continue  # a label over a column of amounts (项目资金（万元） | 年初预算数 …): no amount yet
        if key and value and key not in fields:
            fields[key] = value
    return fields


def header_row(line: Line) -> Row:
    """A header line as a row; a line of ``label：value`` pairs (主管部门：某局    项目单位：某院)
    or one known ``label：value`` is a row of cells, so that a label unknown here (项目类型：)
    still ends the value before it."""
    parts = line.text.split()
    pairs = [COLON_PAIR.match(p) for p in parts]
    if "\t" in line.text or not parts or not all(pairs):
        return line_to_row(line)
    if len(pairs) == 1 and not HEADER_LABEL_RE.fullmatch(squash(pairs[0]["label"])):
        return line_to_row(line)  # 目标2：… wrapped from the line above is no field of its own
    return Row([cell for m in pairs for cell in (m["label"], m["value"])], True, [line])


def pair_label_rows(rows: list[Row]) -> list[Row]:
    """A row of labels over a row of their values (年度总体目标 | 预期目标 | 实际完成情况 above
    blank | 完成12个… | 完成…) becomes one row of label, value pairs, column by column. The first
    label spans the sub-columns, so it takes the first value: the planned one, not the actual."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        labels, values = rows[i], rows[i + 1] if i + 1 < len(rows) else None
        if values is not None and labels.cells and values.cells and values.cells[0] == labels.cells[0]:
            # the first label's merged cell filled down (as the PDF reader does) stands for a blank
            values = Row(["", *values.cells[1:]], values.in_cells, values.lines)
        if values is None or not _labels_over_values(labels, values):
            out.append(labels)
            i += 1
            continue
        first_value = next(c for c in values.cells if c)
        cells = [labels.cells[0], first_value]
        for k in range(1, max(len(labels.cells), len(values.cells))):
            cells += [_cell_at(labels.cells, k), _cell_at(values.cells, k)]
        out.append(Row(cells, True, labels.lines + values.lines))
        i += 2
    return out


def _cell_at(cells: list[str], k: int) -> str:
    """The k-th cell of a row, blank past its end."""
    return cells[k] if k < len(cells) else ""


def _labels_over_values(labels: Row, values: Row) -> bool:
    """True for a label row (short words, no values) led by a field's label (年度总体目标) over a
    value row whose first cell is blank under that label's merged cell and which holds no label.
    A row led by a block label that names no field (项目支出情况 | 项目名称 | 项目总预算 …) heads
    a list of other things, whose figures are not the form's."""
    if not (labels.in_cells and values.in_cells) or not labels.cells or not values.cells:
        return False
    words = [c for c in labels.cells if c]
    leading = HEADER_LABEL_RE.fullmatch(_header_cell(labels.cells[0]))
    return (
        leading is not None and HEADER_FIELDS[leading["label"]] is not None
        and len(words) >= 2
        and all(len(squash(w)) <= MAX_SUBHEADER_CHARS and not is_value(w, True) for w in words)
        and not values.cells[0]
        and any(values.cells)
        and not any(HEADER_LABEL_RE.fullmatch(_header_cell(c)) for c in values.cells if c)
    )


def _header_cell(cell: str) -> str:
    """A header cell as printed, or squashed when it is a field label (项目金额（万 元）)."""
    squashed = WS.sub("", cell)
    return squashed if HEADER_LABEL_RE.fullmatch(squashed) else cell


def parse_amount_wan(text: str | None, label_unit: str = "万元") -> float | None:
    """An amount cell in 万元 (4670, 1,311.13, 334万元, 3.2亿元); None if it holds no number."""
    if not text:
        return None
    # the first number as printed: a row of amounts (1,580.00 1,580.00 1,496.30) is not squashed
    # into one, but a unit may stand apart from its number (3.2 亿元)
    m = re.search(rf"({_NUMBER})\s*(亿元|亿|万元|万|元)?", unicodedata.normalize("NFKC", text))
    if not m:
        return None
    factor = MONEY_TO_WAN.get(m.group(2) or label_unit, Decimal(1))
    return float(Decimal(m.group(1).replace(",", "")) * factor)  # decimal: 9.87亿元 is 98700, not 98699.99999999999


# ---------------------------------------------------------------------------------------------
# stage 3: rows

@dataclass
class Row:
    cells: list[str]
    in_cells: bool  # True: tab/pipe cells with positions; False: whitespace tokens
    lines: list[Line] = field(default_factory=list)
    # cut into the header's columns by character position (pdftotext -layout): every column is
    # there, blank or not, so a cell's text below continues the cell above it
    positioned: bool = False


def line_to_row(line: Line) -> Row:
    """Tabs and pipes give cell rows; anything else is split into tokens on whitespace, with an
    operator or number split from its unit put back together (≥ 200 家 → ≥200家)."""
    if "\t" in line.text:
        return Row(line.cells, True, [line])
    text = line.text.translate(BOX_BARS)
    if text.count("|") >= 2:
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        return Row(cells, True, [line])
    tokens = line.text.split()
    # a 指标性质 column's 定性/定量 before the value carries nothing a token row can place
    tokens = [t for k, t in enumerate(tokens) if not (QUALITATIVE_MARK.match(t) and k + 1 < len(tokens))]
    return Row(join_value_tokens(join_goal_tokens(tokens)), False, [line])


def body_rows(lines: list[Line]) -> list[Row]:
    """The rows of a form's indicator lines. Under a column header whose words stand apart by
    runs of spaces (as ``pdftotext -layout`` prints a table), a line without tabs is cut into
    the header's columns by position: blank cells stay merged cells and a wrapped cell's text
    stays in its column."""
    rows: list[Row] = []
    grid: LayoutGrid | None = None
    for k, line in enumerate(lines):
        row = line_to_row(line)
        if not row.in_cells:
            if is_column_header(row.cells):
                grid = layout_grid(lines[k:])
            if grid is not None:
                row = Row(grid.cells(line.text), True, [line], positioned=True)
        rows.append(row)
    return rows


@dataclass
class LayoutGrid:
    """The columns of a table printed with runs of spaces: where each column after the first
    begins, in printed columns, and how many columns a wide (CJK) character takes there."""
    bounds: list[float]
    wide: int

    def pieces(self, text: str) -> list[tuple[Span, str]]:
        return spaced_pieces(text, self.wide)

    def cells(self, text: str) -> list[str]:
        """A line's space-separated pieces put in the columns they start in."""
        cells = [""] * (len(self.bounds) + 1)
        for (start, _), piece in self.pieces(text):
            index = sum(b <= start for b in self.bounds)
            cells[index] = f"{cells[index]} {piece}".strip()
        return cells

    def collisions(self, lines: list[Line]) -> int:
        """How many pieces of the lines fall into a column another piece of its line took."""
        return sum(len(self.pieces(ln.text)) - sum(bool(c) for c in self.cells(ln.text)) for ln in lines)


def spaced_pieces(text: str, wide: int) -> list[tuple[Span, str]]:
    """The pieces of a line set apart by two or more spaces (one space stays inside a cell), each
    with its span (start, end) in printed columns, a wide character ``wide`` columns wide."""
    return [((m.start(), m.start() + display_width(m.group(), wide)), m.group()) for m in LAYOUT_CHUNK.finditer(text)]


def display_width(text: str, wide: int) -> int:
    """Printed columns of ``text`` when a wide (CJK) character takes ``wide`` of them."""
    return sum(wide if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def layout_grid(lines: list[Line]) -> LayoutGrid | None:
    """The grid of the lines under a column header printed with runs of spaces between its
    words (``lines[0]``); None when it is not printed that way. Extractors place words by their
    position on the page, which makes a CJK character two columns wide, or by characters, one
    column: the measure under which fewer of the rows' cells collide is taken. Rows mostly of
    one piece (one cell per line, or single spaces) are no such table, whatever the header."""
    body = []
    for line in lines[1:]:
        if is_column_header(line.cells) or "\t" in line.text:
            break
        body.append(line)
    if sum(len(spaced_pieces(ln.text, 1)) >= 2 for ln in body) * 2 < len(body):
        return None
    grids = [grid for wide in (2, 1) if (grid := _grid_for(lines[0], body, wide)) is not None]
    return min(grids, key=lambda g: g.collisions(body)) if grids else None


def _grid_for(header_line: Line, body: list[Line], wide: int) -> LayoutGrid | None:
    """The grid when wide characters are ``wide`` columns wide. A header word may be centred
    over its column while the cells under it start at its left edge, so a column begins halfway
    between header words, or further left where a cell standing under this header word alone
    starts, but never inside the word before."""
    header = spaced_pieces(header_line.text, wide)
    if len(header) < 3 or not is_column_header([w for _, w in header]):
        return None
    spans = [span for span, _ in header]
    if body:
        spans = split_spanning_columns(spans, spaced_pieces(body[0].text, wide))
    left_edges: dict[int, int] = {}
    for line in body:
        for (start, end), _ in spaced_pieces(line.text, wide):
            under = [k for k, (h_start, h_end) in enumerate(spans) if start < h_end and h_start < end]
            if len(under) == 1:
                left_edges[under[0]] = min(left_edges.get(under[0], start), start)
    bounds = []
    for k in range(1, len(spans)):
        halfway = (spans[k - 1][1] + spans[k][0]) / 2
        bounds.append(max(spans[k - 1][1], min(halfway, left_edges.get(k, halfway))))
    return LayoutGrid(bounds, wide)


def split_spanning_columns(spans: list[Span], subheader: list[tuple[Span, str]]) -> list[Span]:
    """The header's column spans once a sub-header line under it (前年  上年  预计当年实现
    under a spanning 指标值) is read: the header words it stands under give way to its words.
    A line of other words leaves the spans as they are."""
    if not subheader or not all(is_column_word(w) for _, w in subheader):
        return spans
    halfway = [(end + nxt_start) / 2 for (_, end), (nxt_start, _) in zip(spans, spans[1:])]
    spanned = {sum(b < (start + end) / 2 for b in halfway) for (start, end), _ in subheader}
    kept = [span for k, span in enumerate(spans) if k not in spanned]
    return sorted(kept + [span for span, _ in subheader])


def join_goal_tokens(tokens: list[str]) -> list[str]:
    """Keep a goal label and its number together (长期目标 1: → one token)."""
    out: list[str] = []
    for tok in tokens:
        if out and re.fullmatch(r"\d+[:：]?", tok) and re.search(r"目标$", out[-1]):
            out[-1] += " " + tok
        else:
            out.append(tok)
    return out


def join_value_tokens(tokens: list[str]) -> list[str]:
    """Glue runs of tokens that together read as one value (≥ 200 家 → ≥200家, = 万元 → =万元)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for k in range(min(5, len(tokens) - i), 1, -1):
            run = "".join(tokens[i:i + k])
            numbers = sum(bool(re.search(r"\d", t)) for t in tokens[i:i + k])
            if numbers <= 1 and not _is_word(tokens[i]) and is_value(run, in_cell_row=True, phrases=False):
                out.append(run)
                i += k
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _is_word(token: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]{2,}", token)) and not is_value(token)


def merge_continuation_rows(rows: list[Row]) -> list[Row]:
    """A cell row without values whose cells finish the previous row's cells (效益 / 指标,
    提升市民休闲 / 环境) is glued onto it, cell by cell in order; a row cut by position is glued
    column by column when its texts continue the cells above them."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and prev.positioned and row.positioned:
            if _continues_in_columns(prev, row):
                out[-1] = Row([c + s for c, s in zip(prev.cells, row.cells)], True, prev.lines + row.lines, True)
            else:
                out.append(row)
        elif prev is not None and row.in_cells and prev.in_cells and _is_continuation(prev, row):
            out[-1] = _glue(prev, row)
        else:
            out.append(row)
    return out


def _is_continuation(prev: Row, row: Row) -> bool:
    texts = [c for c in row.cells if c]
    # a wrapped label's end may read as a label itself (服务对象 / 满意度指标) when it stands under
    # the label's start
    ends = _label_ends(prev, row) if _is_aligned(prev, row) else set()
    if not texts or any(is_value(c, True) or _marker_cell([c]) or is_label(c) and c not in ends for c in texts):
        return False
    if is_column_header(row.cells) or not any(is_value(c, True) for c in prev.cells):
        return False
    targets = [c for c in prev.cells if c and not is_value(c, True)]
    if len(texts) > len(targets):
        return False
    # it must complete something: a label fragment (效益 + 指标) or all cells are short stubs
    completes_label = bool(ends) or any(not is_label(t) and is_label(t + s) for t, s in zip(targets, texts))
    return completes_label or all(len(squash(s)) <= MAX_WRAPPED_STUB for s in texts)


def _continues_in_columns(prev: Row, row: Row) -> bool:
    """True when a positioned row is the wrapped second line of the row above: every text in it
    continues the cell above it or is a merged label printed in a blank cell, and one at least
    continues."""
    if is_column_header(row.cells) or not any(is_value(c, True) for c in prev.cells):
        return False
    kinds = [_continuation_kind(above, text) for above, text in zip(prev.cells, row.cells) if text]
    return "continues" in kinds and None not in kinds


def _continuation_kind(above: str, text: str) -> str | None:
    """How a positioned cell's text relates to the cell above it: 'continues' it (a label's or
    name's short wrapped end, the rest of a value or of a clause), is a 'label' printed in a
    blank cell (a merged cell's label, centred in its rows), or None: a cell of a row of its own."""
    if _marker_cell([text]):
        return None
    if not above:
        return "label" if is_label(text) else None
    if is_value(above, True):
        # the rest of a value (2025年12月 / 底前); two figures side by side are two cells
        digits_meet = above[-1].isdigit() and text[0].isdigit()
        return "continues" if is_value(above + text) and not digits_meet else None
    if is_value(text, True):
        return None
    if is_label(text):
        return "continues" if not is_label(above) and is_label(above + text) else None
    if above.endswith(CLAUSE_ENDS) or len(squash(text)) <= MAX_WRAPPED_STUB:
        return "continues"
    return None


def _label_ends(prev: Row, row: Row) -> set[str]:
    """Texts of ``row`` that finish the text above them into a label (服务对象 + 满意度指标)."""
    return {s for c, s in zip(prev.cells, row.cells) if s and c and not is_label(c) and is_label(c + s)}


def _glue(prev: Row, row: Row) -> Row:
    """The continuation row's texts appended to the previous row's text cells: column by column
    when each stands under such a cell, else in order (a dump that drops blank cells)."""
    if _is_aligned(prev, row):
        cells = [c + s for c, s in zip(prev.cells, row.cells)]
        return Row(cells, True, prev.lines + row.lines)
    texts = iter(c for c in row.cells if c)
    cells = []
    for c in prev.cells:
        if c and not is_value(c, True):
            nxt = next(texts, "")
            c = c + nxt
        cells.append(c)
    return Row(cells, True, prev.lines + row.lines)


def _is_aligned(prev: Row, row: Row) -> bool:
    """True when the rows have the same columns and every text of ``row`` stands under a text
    cell of ``prev``."""
    return len(prev.cells) == len(row.cells) and all(
        not s or (c and not is_value(c, True)) for c, s in zip(prev.cells, row.cells)
    )


# ---------------------------------------------------------------------------------------------
# stage 4: indicators

@dataclass
class Columns:
    """What the last column header said: where each column sits (cell rows only), which value
    columns follow the name (in order) and whether a basis / reason column ends the row."""
    column_of: dict[str, int] = field(default_factory=dict)  # cell rows: role → column index
    value_roles: tuple[str, ...] = ("target",)
    has_basis: bool = False
    has_serial: bool = False  # a 序号 column before the labels

    @property
    def has_history(self) -> bool:
        return "prev1" in self.value_roles or "prev2" in self.value_roles

    @property
    def level1_index(self) -> int | None:
        return self.column_of.get("level1")

    @property
    def level3_index(self) -> int | None:
        return self.column_of.get("level3")

    @property
    def positions(self) -> dict[int, str]:
        """Column index → role, in cell rows."""
        return {i: role for role, i in self.column_of.items()}

    @property
    def level2_only(self) -> bool:
        """True under a header of cell rows with a 二级 but no 一级 column."""
        return "level2" in self.column_of and "level1" not in self.column_of

    @classmethod
    def from_rows(cls, rows: list[Row]) -> Columns:
        """The columns a column header (one row, or several when its words wrap) announces."""
        roles: dict[str, int] = {}
        for row in rows:
            for i, c in enumerate(row.cells):
                for pattern, role in COLUMN_ROLES:
                    if pattern.search(squash(c)):
                        roles.setdefault(role, i)
                        break
        if rows and not rows[0].in_cells:
            # a token row glues 指标性质, 指标值 and 度量单位 into one value token (≥95%)
            roles.pop("operator", None)
            roles.pop("unit", None)
            for role in IGNORED_ROLES:  # their words would read as the name's
                roles.pop(role, None)
        if "prev1" in roles or "prev2" in roles:
            # 前年/上年 sit under a spanning 指标值 header whose sub-columns rarely line up in
            # a text dump, so their order is the form's: 前年, 上年, then this year's target
            value_roles = ("prev2", "prev1", "target")
        else:
            value_roles = tuple(sorted((r for r in VALUE_ROLES if r in roles), key=roles.get)) or ("target",)
        return cls(
            column_of=roles if rows and rows[0].in_cells else {},
            value_roles=value_roles,
            has_basis="basis" in roles,
            has_serial=any(SERIAL_COLUMN.match(squash(c)) for c in rows[0].cells[:1]) if rows else False,
        )

    def assign(self, values: list[str | None]) -> dict[str, str | None]:
        """Cells right of the name → {role: cell} plus 'basis'. History forms fill from the
        right (an empty 前年 is often simply missing); a single target takes the first filled
        cell, since a shifted row may leave a blank before it."""
        values = list(values)
        while values and not values[-1]:
            values.pop()
        n = len(self.value_roles)
        if n == 1:
            filled = [c for c in values if c]
            slots, rest = filled[:1], filled[1:]
        else:
            slots, rest = values[:n], values[n:]
            pad = [None] * (n - len(slots))
            slots = pad + slots if self.has_history else slots + pad
        out = {role: (cell or None) for role, cell in zip(self.value_roles, slots) if role not in IGNORED_ROLES}
        out["basis"] = " ".join(c for c in rest if c) or None if self.has_basis else None
        return out


@dataclass
class LabelState:
    """Labels carried down the rows, as a merged cell covers the rows below it."""
    level1: str | None = None
    level2: str | None = None
    pending_level2: str | None = None  # a 二级 label printed one row early


@dataclass
class IndicatorReader:
    horizon: str = "annual"
    goal: str | None = None
    columns: Columns = field(default_factory=Columns)
    labels: LabelState = field(default_factory=LabelState)
    fragments: list[tuple[str, Line]] = field(default_factory=list)  # token rows: pending name
    pending_values: list[str] = field(default_factory=list)  # token rows: values awaiting the rest
    pending_lines: list[Line] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    block_start: int = 0  # index of the first indicator since the labels were last reset
    after_values: bool = False  # token rows: the row before ended in values
    label_line_before: str | None = None  # token rows: the last label of a label line just read

    def read(self, rows: list[Row]) -> list[Indicator]:
        """The indicators of an indicator block's rows, labels carried down from row to row."""
        i = 0
        while i < len(rows):
            row = rows[i]
            if is_column_header(row.cells):
                header = [row]
                while i + 1 < len(rows) and _is_subheader(rows[i + 1]):
                    i += 1
                    header.append(rows[i])
                self.close_token_indicator()
                self.columns = Columns.from_rows(header)
                self.reset_labels()
                self.fragments = []
            else:
                nxt = rows[i + 1] if i + 1 < len(rows) else None
                self.read_row(row, nxt)
            i += 1
        self.close_token_indicator()
        return self.indicators

    def read_markers(self, row: Row) -> list[int]:
        """Apply goal / horizon markers in the row; return the indexes of the cells they used."""
        used = []
        for idx, cell in enumerate(row.cells):
            s = squash(cell).rstrip(":：")
            if not s:
                continue
            m = GOAL_LABEL.match(s)
            if m or HORIZON_MARKER.match(s) or SUB_TABLE_TITLE.match(s):
                used.append(idx)
                horizon = "long_term" if s.startswith(("长期", "中期")) else "annual" if s.startswith("年度") else None
                if horizon and horizon != self.horizon:
                    self.horizon, self.goal = horizon, None
                if m:
                    self.set_goal(cell.strip().rstrip(":：").strip())
                if len([c for c in row.cells if c]) == 1:  # a marker line of its own
                    self.close_token_indicator()
                    self.reset_labels()
                    self.fragments = []
        return used

    def set_goal(self, goal: str) -> None:
        """Start a goal block; rows just above it without a goal are under the same merged goal
        cell (its label is printed mid-cell), so they take it too."""
        for ind in reversed(self.indicators):
            if ind.goal is not None or ind.horizon != self.horizon:
                break
            ind.goal = goal
        self.goal = goal

    def read_row(self, row: Row, nxt: Row | None) -> None:
        """Read one row (``nxt`` is the row below, for labels printed between rows)."""
        used = self.read_markers(row)
        cells = [(i, c) for i, c in enumerate(row.cells) if c and i not in used]
        if self.columns.has_serial and cells and cells[0][0] == 0 and SERIAL_NUMBER.match(squash(cells[0][1])):
            cells = cells[1:]  # the row's number in the 序号 column
        if row.in_cells:
            self.read_cell_row(row, cells, nxt)
        else:
            self.read_token_row(row, [c for _, c in cells])

    # -- cell rows ------------------------------------------------------------------------------

    def read_cell_row(self, row: Row, cells: list[tuple[int, str]], nxt: Row | None) -> None:
        """A row with cell positions (tabs, pipes): labels, the name, then the value columns."""
        name_index = self.odd_named_indicator(cells)
        labels = [(i, c) for i, c in cells if is_label(c) and i != name_index]
        rest = [(i, c) for i, c in cells if not is_label(c) or i == name_index]
        if not rest:
            if labels:
                self.apply_labels(labels, nxt)
            return
        first_value = next((k for k, (i, c) in enumerate(rest) if is_value(c, True) and i != name_index), None)
        if first_value is None:
            name_at = 0  # no cell reads as a value: the first text is the name, the next its value
        elif first_value == 0:
            return  # values with no name: a stray or sub-header row
        else:
            name_at = first_value - 1
        name_index, name = self.name_in_level3_column(row, rest[name_at])
        values = [c for c in row.cells[name_index + 1:]]
        if not any(values):
            return
        cells_by_role = self.columns.assign(values)
        if not cells_by_role.get("target"):
            return
        # the name anchors the row: a row printed one cell off the header shifts its labels too
        shift = name_index - self.columns.level3_index if self.columns.level3_index is not None else 0
        printed_level1 = self.apply_labels([(max(i - shift, 0), c) for i, c in labels], nxt)
        self.emit(name, cells_by_role, row.lines, printed_level1)

    def name_in_level3_column(self, row: Row, candidate: tuple[int, str]) -> tuple[int, str]:
        """The name cell: the candidate (the text before the first value), unless it stands in a
        column of words printed between name and target (指标解释, 指标方向: 正向); then it is
        the 三级 cell. (Not for other columns: rows printed one cell right of their header are
        common, and there the text before the value is the name.)"""
        index, _ = candidate
        at = self.columns.level3_index
        if self.columns.positions.get(index) in WORDED_ROLES and at is not None and at < index < len(row.cells):
            cell = row.cells[at]
            if cell and not is_value(cell, True) and not is_label(cell):
                return at, cell
        return candidate

    def odd_named_indicator(self, cells: list[tuple[int, str]]) -> int | None:
        """The index of a 三级 cell that reads like a label (服务对象满意度, 数量指标) or, with no
        other text before it, like a value (零投诉, 无重大安全事故) but names an indicator: it
        stands in the 三级指标 column and a value follows it."""
        at = self.columns.level3_index
        following = [c for i, c in cells if at is not None and i > at]
        if not following or not is_value(following[0], True):
            return None
        text_before = any(i < at and not is_label(c) for i, c in cells)
        named = any(i == at and (is_label(c) or is_value(c, True) and not text_before) for i, c in cells)
        return at if named else None

    def apply_labels(self, labels: list[tuple[int, str]], nxt: Row | None) -> str | None:
        """Update the carried labels from the label cells of a row; return the 一级 label that
        stands for this row (printed on it or carried from above)."""
        printed_here: str | None = None
        level2s: list[str] = []
        for k, (idx, cell) in enumerate(labels):
            s = squash(cell)
            level1_at = self.columns.level1_index
            positioned = idx >= 0 and (level1_at is not None or self.columns.level2_only)
            if positioned:
                in_level1_slot = level1_at is not None and idx <= level1_at
            else:  # token rows carry no positions: a first label followed by another is the 一级
                in_level1_slot = len(labels) > 1
            if k == 0 and is_level1_label(s) and (in_level1_slot or not positioned):
                # a 一级 word right of the 一级 column is a 二级 there (成本指标 under 产出指标)
                printed_here = s
            elif k == 0 and in_level1_slot:
                printed_here = s  # a 二级 label printed in the 一级 position
                if len(labels) == 1:
                    level2s.append(s)
            else:
                level2s.append(s)
        if printed_here and is_level1_label(printed_here):
            self.labels.level1 = printed_here
        if len(level2s) >= 2:
            # one label belongs here, the other was displaced from a neighbouring row
            if nxt is not None and not any(is_label(c) for c in nxt.cells if c):
                self.labels.level2, self.labels.pending_level2 = level2s[0], level2s[-1]
            else:
                self.labels.level2, self.labels.pending_level2 = level2s[-1], None
        elif level2s:
            self.labels.level2, self.labels.pending_level2 = level2s[0], None
        elif self.labels.pending_level2:
            self.labels.level2, self.labels.pending_level2 = self.labels.pending_level2, None
        if self.columns.level2_only:
            # no 一级 column: a 二级 that is a 一级 word (成本指标, 满意度指标) stands for it;
            # any other 二级 decides the 一级 by the level rule
            return level1_word(self.labels.level2)
        return printed_here or self.labels.level1

    # -- token rows -----------------------------------------------------------------------------

    def read_token_row(self, row: Row, tokens: list[str]) -> None:
        """A row of whitespace tokens (no positions): labels first, then name words up to the
        first value, the values after it."""
        line = row.lines[0]
        if not tokens:
            return
        after_values, self.after_values = self.after_values, False
        label_before, self.label_line_before = self.label_line_before, None
        if len(tokens) == 1 and after_values and self.continue_last_value(tokens[0]):
            self.after_values = True
            return
        if all(squash(t) == LABEL_TAIL for t in tokens):
            # the wrapped end of the label line before (产出 / 指标, 数量 / 指标), never a name
            if label_before and self.labels.level2 == label_before and not label_before.endswith(LABEL_TAIL):
                self.labels.level2 = label_before + LABEL_TAIL
            return
        values, basis = self.trailing_values(tokens)
        self.after_values = bool(values)
        head = tokens[:len(tokens) - len(values) - bool(basis)]
        if head:
            self.close_token_indicator()  # text after values: that indicator is complete
        if not values and all(is_label(t) and not squash(t).endswith("指") for t in tokens):
            # a whole label line (not '社会效益指', whose 标 wrapped onto the next line). A name
            # begun on the one line just before it stays pending: labels centred in a tall row
            # are printed between the wrapped lines of its name. Older fragments never got a value.
            if self.columns.has_basis and self.fragments and self.indicators and self.indicators[-1].basis is None:
                # in a form with a 偏差原因 / 依据 column, text between a finished row and the
                # next row's labels is that row's reason (printed one cell per line)
                self.indicators[-1].basis = _join_fragments(self.fragments)
                self.fragments = []
            if len({ln.lineno for _, ln in self.fragments}) > 1:
                self.fragments = []
            self.apply_labels([(-1, t) for t in tokens], None)
            self.label_line_before = squash(tokens[-1])
            return
        if is_label(tokens[0]):
            self.fragments = []  # a row starting with a label: what is pending never got a value
        self.fragments.extend((tok, line) for tok in head)
        if values:
            # with history columns the values may come one per line: wait for all of them
            self.pending_values += values
            self.pending_lines.append(line)
            if basis or len(self.pending_values) >= len(self.columns.value_roles):
                self.close_token_indicator(basis)

    def continue_last_value(self, token: str) -> bool:
        """Finish the value the row before ended in with a one-token line (2025年12月 / 底前,
        ≥3.5万 / 人次): a text dump wraps a narrow value cell like any other. True if it did."""
        if is_value(token) or is_label(token):
            return False
        if self.pending_values:
            glued = self.pending_values[-1] + token
            if is_value(glued):
                self.pending_values[-1] = glued
            return is_value(glued)
        last = self.indicators[-1] if self.indicators else None
        if last is None or self.columns.value_roles != ("target",) or not is_value(f"{last.raw_value}{token}"):
            return False
        last.raw_value = f"{last.raw_value}{token}"
        return True

    def trailing_values(self, tokens: list[str]) -> tuple[list[str], str | None]:
        """The value tokens ending a token row (up to 前年/上年/当年 when the header has history)
        and a trailing basis token; none unless the last value reads as a real target."""
        end, basis = len(tokens), None
        if self.columns.has_basis and end >= 2 and not is_value(tokens[-1], True) and is_value(tokens[-2]):
            end, basis = end - 1, tokens[-1]
        only_values = all(is_value(t, True) for t in tokens[:end])
        if end == 0 or not (is_value(tokens[end - 1]) or self.columns.has_history and only_values):
            return [], None
        wanted = len(self.columns.value_roles)
        start = end - 1
        while start > 0 and end - start < wanted and is_value(tokens[start - 1], True):
            start -= 1
        return tokens[start:end], basis

    def close_token_indicator(self, basis: str | None = None) -> None:
        """Pending values close the pending fragments: leading label fragments (joined over
        wrapped lines: 服务对象满意 + 度) become labels, the rest is the name."""
        if not self.pending_values:
            return
        values, value_lines = self.pending_values + ([basis] if basis else []), self.pending_lines
        frags = self.fragments
        self.fragments, self.pending_values, self.pending_lines = [], [], []
        labels: list[str] = []
        starts: list[int] = []
        start = 0
        while start < len(frags):
            for end in range(len(frags), start, -1):
                joined = "".join(squash(t) for t, _ in frags[start:end])
                if is_label(joined):
                    labels.append(joined)
                    starts.append(start)
                    start = end
                    break
            else:
                break
        if start == len(frags) and len(labels) >= 2 and not is_level1_label(labels[-1]):
            # all label-like: the last one, after the 一级/二级 labels, is the 三级 name
            # (服务对象满意度指标 服务对象满意度 ≥90%): a value always has a name
            labels.pop()
            start = starts.pop()
        name_frags = frags[start:]
        if not name_frags:
            if len(values) == 1 and not re.search(r"\d", values[0]):
                # a name that reads like a worded target (零投诉, 无重大安全事故): a value always
                # has a name, so it is one, and the next value is its target
                self.fragments = frags + [(values[0], value_lines[-1])]
            return
        printed_level1 = self.apply_labels([(-1, lab) for lab in labels], None)
        lines = list(dict.fromkeys([ln for _, ln in name_frags] + value_lines))
        self.emit(_join_fragments(name_frags), self.columns.assign(values), lines, printed_level1)

    # -----------------------------------------------------------------------------------------

    def reset_labels(self) -> None:
        """A new block (column header, goal or horizon marker): no label carries over."""
        self.labels = LabelState()
        self.block_start = len(self.indicators)

    def backfill_labels(self, level1: str | None, level2: str | None) -> None:
        """Rows at the top of a block that had no label yet take the first labels printed
        below them: a form whose merged label is printed mid-group, not in its first row."""
        for ind in self.indicators[self.block_start:]:
            if ind.level1 is None and ind.level2 is None:
                ind.level1, ind.level2 = level1, level2

    def emit(self, name: str, cells: dict[str, str | None], lines: list[Line], printed_level1: str | None) -> None:
        """Add one indicator (or, with a long-term column, a long-term and an annual one)."""
        if TOTAL_ROW.match(squash(name)):
            return  # 总分 / 合计: the form's sum, not an indicator
        if printed_level1 or self.labels.level2:
            self.backfill_labels(printed_level1, self.labels.level2)
        indicator = Indicator(
            horizon=self.horizon, goal=self.goal,
            level1=printed_level1, level2=self.labels.level2, level3=name.strip(),
            raw_value=target_as_printed(cells), hist_prev2=cells.get("prev2"), hist_prev1=cells.get("prev1"),
            actual_raw=cells.get("actual"), weight=_number(cells.get("weight")),
            score=_number(cells.get("score")), basis=cells.get("basis"),
            page=lines[0].page, source_span=span_of(lines),
        )
        if cells.get("long_term"):
            # one printed row, two horizons: the period's target is the row's long-term indicator
            self.indicators.append(replace(
                indicator, horizon="long_term", raw_value=cells["long_term"],
                hist_prev2=None, hist_prev1=None, actual_raw=None, weight=None, score=None,
            ))
        self.indicators.append(indicator)


def target_as_printed(cells: dict[str, str | None]) -> str | None:
    """The target value: its cell, with the operator and unit of a form that prints them in
    columns of their own put back around it (≥ | 120 | 公里 → ≥120公里; 定性 says no operator)."""
    target = cells.get("target")
    if not target:
        return target
    operator = cells.get("operator") or ""
    unit = cells.get("unit") or ""
    if not OPERATOR_CELL.match(squash(operator)):
        operator = ""  # 定性 says no operator; a direction (正向, 反向) is none either
    if unit and squash(target).endswith(squash(unit)):
        unit = ""
    return f"{operator}{target}{unit}"


def _number(cell: str | None) -> float | None:
    """The number in a 分值 / 得分 cell (10, 9.5分), None when it holds none."""
    m = re.search(r"\d+(?:\.\d+)?", squash(cell or ""))
    return float(m.group()) if m else None


def _is_subheader(row: Row) -> bool:
    """A second header row under the column header (前年 / 上年 / 预计当年实现 / 近两年指标值)."""
    words = [squash(c) for c in row.cells if c]
    return bool(words) and all(
        any(p.search(w) for p, _ in COLUMN_ROLES) or w in ("近两年指标值",) for w in words
    )


def _join_fragments(frags: list[tuple[str, Line]]) -> str:
    """Name fragments → one name: tokens of one line keep a space, wrapped lines join directly."""
    parts: list[str] = []
    last_line = None
    for tok, line in frags:
        if parts and line is last_line:
            parts.append(" ")
        parts.append(tok)
        last_line = line
    return "".join(parts)


# ---------------------------------------------------------------------------------------------

def form_kind(title: str) -> str:
    """goal_tables.kind from a form's title: self_evaluation, department or project."""
    if "自评" in title:
        return "self_evaluation"
    if "整体" in title or "部门（单位）名称" in title:
        return "department"
    return "project"


def title_name(title: str) -> str:
    """The project name from a form title: 2026年应急排渍抢修项目绩效目标表 → 应急排渍抢修."""
    s = squash(TITLE_NUMBER_PREFIX.sub("", title))  # before squashing: 表3 2025年 is not 表32025年
    s = re.sub(r"^\d{4}年(度)?", "", s)
    s = re.sub(r"(项目)?(支出)?绩效(目标|自评)(申报)?表$", "", s)
    return s


def read_form(form: list[Line]) -> GoalTable | None:
    """One form's lines → a GoalTable with its indicators (None when it holds no indicators)."""
    header, body = split_form(form)
    if not body:
        return None
    body = _cut_at_form_end(body)
    rows = merge_continuation_rows(body_rows(body))
    reader = IndicatorReader()
    # a marker line in the header (长期绩效目标表) sets the horizon of the first block
    for ln in header:
        if SUB_TABLE_TITLE.match(squash(ln.text)):
            reader.read_markers(line_to_row(ln))
    indicators = reader.read(rows)
    if not indicators:
        return None
    fields = read_header_fields(header)
    printed_title = (form_title(header[0]) if header else None) or ""
    title = squash(printed_title)
    kind = form_kind(title + "".join(squash(ln.text) for ln in header[:3]))
    name = fields.get("name") or title_name(printed_title) or None
    return GoalTable(
        kind=kind, name=_clean(name),
        code=_clean(fields.get("code")),
        department=_clean(DEPARTMENT_CODE.sub("", fields.get("department") or "")) if kind != "department" else None,
        unit=_clean(fields.get("unit")) if kind != "department" else None,
        # a form printing only this year's funds (年度资金总额) is about that amount
        amount_wan=parse_amount_wan(fields.get("amount") or fields.get("annual_amount")),
        annual_amount_wan=parse_amount_wan(fields.get("annual_amount")),
        goal_text=(fields.get("goal_text") or "").strip() or None,
        page_start=form[0].page, page_end=form[-1].page,
        indicators=indicators,
    )


def _clean(text: str | None) -> str | None:
    return squash(text) or None if text else None


def _cut_at_form_end(lines: list[Line]) -> list[Line]:
    """The indicator lines up to where the form ends: prose, or another table's title or
    column header (a budget or procurement table printed right after the goal table)."""
    for i, ln in enumerate(lines):
        if is_prose(ln) or is_other_table_title(ln) or is_other_table_header(line_to_row(ln)):
            return lines[:i]
    return lines


def is_other_table_title(line: Line) -> bool:
    """The title of a table that is no goal table (表九：政府采购预算表, 项目资金来源情况表)."""
    cells = [c for c in line.cells if c]
    if len(cells) != 1 or is_table_title(line) or SUB_TABLE_TITLE.match(squash(cells[0])):
        return False
    return bool(OTHER_TABLE_TITLE.search(squash(cells[0])))


def is_other_table_header(row: Row) -> bool:
    """A column header of another kind of table (资金来源 | 金额 | 占比; 序号 | 采购项目 …):
    short words only, no value or level label, one of them a column of budget tables."""
    words = [squash(c) for c in row.cells if c]
    return (
        row.in_cells and len(words) >= 2
        and any(w in OTHER_TABLE_COLUMNS for w in words)
        and not any(is_value(w, True) or is_label(w) or is_column_word(w) for w in words)
    )


def is_column_word(text: str) -> bool:
    """A column header's word alone (一级指标, 三级指标, 指标值, 前年, 得分, 目标名称 …)."""
    s = squash(text)
    return bool(s) and (s in ("目标名称", "近两年指标值") or any(p.search(s) for p, _ in COLUMN_ROLES))


def _is_column_word_line(line: Line) -> bool:
    """A line holding column words as one cell: not tab cells, nor pieces set apart by runs of
    spaces (a header printed by ``pdftotext -layout`` is complete on its line)."""
    return "\t" not in line.text and len(spaced_pieces(line.text, 1)) == 1 and is_column_word(line.text)


def join_split_column_headers(lines: list[Line]) -> list[Line]:
    """A column header printed one word per line (一级指标 / 二级指标 / 三级指标 / 指标值, as a
    one-cell-per-line extraction gives it) joined back into one space-separated header line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and _is_column_word_line(lines[end]):
            end += 1
        run = lines[i:end]
        if len(run) >= 2 and is_column_header([ln.text for ln in run]):
            out.append(replace(run[0], text=" ".join(ln.text.strip() for ln in run)))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def comma_rows_as_cells(lines: list[Line]) -> list[Line]:
    """A spreadsheet saved as CSV (一级指标,二级指标,三级指标,指标值 with quoted cells holding
    commas: "1,200.00"): when a column header is printed that way, every line with commas is
    read as comma-separated cells and given tab cells. Other documents are left alone, since a
    comma also groups the digits of an amount."""
    if not any(_is_comma_header(ln) for ln in lines):
        return lines
    return [
        replace(ln, text="\t".join(_comma_cells(ln.text))) if "," in ln.text and "\t" not in ln.text else ln
        for ln in lines
    ]


def _comma_cells(text: str) -> list[str]:
    """The cells of one CSV line (quotes removed)."""
    return next(csv.reader([text.strip()]))


def _is_comma_header(line: Line) -> bool:
    """A column header whose words are comma-separated cells (一级指标,二级指标,…,)."""
    if "\t" in line.text or line.text.count(",") < 2:
        return False
    cells = _comma_cells(line.text)
    return is_column_header(cells) and all(not c or is_column_word(c) for c in cells)


def join_wrapped_column_headers(lines: list[Line]) -> list[Line]:
    """A column header whose narrow cells wrapped (一级 / 指标, 二级 / 指标 …, over two lines)
    joined back into one header line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        joined = _join_header_pair(lines[i], lines[i + 1]) if i + 1 < len(lines) else None
        out.append(joined or lines[i])
        i += 2 if joined else 1
    return out


def _join_header_pair(top: Line, bottom: Line) -> Line | None:
    """The header line that ``top`` and the wrapped ends of its words in ``bottom`` make, or
    None. Each word of ``top`` that is no column word yet (一级) takes the next piece of
    ``bottom`` (指标); the counts must match and every word made must be a column word."""
    if is_column_header(top.cells) or is_column_header(bottom.cells) or "|" in top.text:
        return None
    tabbed = "\t" in top.text
    pieces = [(start, w) for (start, _), w in spaced_pieces(top.text, 1)] if not tabbed else None
    words = [c for c in top.cells if c] if tabbed else [w for _, w in pieces]
    tails = [c for c in bottom.cells if c] if tabbed else [w for _, w in spaced_pieces(bottom.text, 1)]
    stubs = [k for k, w in enumerate(words) if not is_column_word(w)]
    if len(words) < 3 or not stubs or len(tails) != len(stubs) or any(len(squash(t)) > MAX_WRAPPED_STUB for t in tails):
        return None
    for k, tail in zip(stubs, tails):
        words[k] += tail
    if not is_column_header(words) or not all(is_column_word(words[k]) for k in stubs):
        return None
    if tabbed:
        return replace(top, text="\t".join(words))
    text = ""
    for (start, _), word in zip(pieces, words):
        # each word where its column starts, two spaces at least after the one before
        text = text + " " * max(start - len(text), 2 if text else start) + word
    return replace(top, text=text)


def find_goal_tables(layout: Layout) -> list[GoalTable]:
    """Every goal table in the layout, with raw indicator rows (values not yet normalised)."""
    lines = [ln for ln in layout.lines() if not (ln.is_blank or ln.is_page_number or ln.is_rule)]
    lines = join_wrapped_column_headers(join_split_column_headers(comma_rows_as_cells(lines)))
    tables = []
    for form in split_forms(lines):
        table = read_form(form)
        if table is not None:
            tables.append(table)
    return tables
