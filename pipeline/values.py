"""Target-value cells of goal tables (指标值): operator, number, unit, qualitative text.

A cell is read in three steps:

1. ``raw``: the cell as printed with all whitespace removed. Parsing works on a copy where
   full-width ASCII (``０-９``, ``＝``, ``％``, ``，`` …) is mapped to ASCII one character for one
   character, so positions in the copy are positions in ``raw`` and qualitative text can be
   sliced out of ``raw`` exactly as printed.
2. Placeholders (``#``, ``/``, ``无``, a bare unit such as ``元`` or ``= 万元``) carry no value:
   every parsed field is None.
3. A cell with exactly one number, an optional short text prefix (``每月``, ``保洁``) and a
   short unit is quantitative; anything else (``规范``, ``是#``, ``完成日``, compound sentences
   that merely contain a number) is qualitative and goes to ``value_text``.

Normalised values (``value_norm``/``unit_norm``) follow CONTRACT.md: money in 万元, ratios in
%, other units with a leading 万/亿 multiplied out. Choice for the bare multipliers: a unit
that is exactly ``万`` or ``亿`` (``3157.97万``) is read as 万元/亿元, because in these reports a
bare 万 after an amount is the usual shorthand for 万元 (the tables' headers say 单位：万元);
``万`` followed by a period (``6.7万一年``) is 万元 per that period (``万元/年``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Comparison words and symbols that may precede the number (or the qualitative text),
# matched longest first so that 不高于 wins over 高于 and >= over =.
OPERATOR_PREFIXES: list[tuple[str, str]] = sorted(
    [
        (">=", ">="), ("=>", ">="), ("≥", ">="), ("≧", ">="), ("⩾", ">="),
        ("<=", "<="), ("=<", "<="), ("≤", "<="), ("≦", "<="), ("⩽", "<="),
        ("=", "="), (">", ">"), ("<", "<"),
        ("至少", ">="), ("不低于", ">="), ("不少于", ">="), ("不小于", ">="),
        ("高于或等于", ">="), ("大于或等于", ">="), ("高于等于", ">="), ("大于等于", ">="),
        ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("不多于", "<="),
        ("低于或等于", "<="), ("小于或等于", "<="), ("低于等于", "<="), ("小于等于", "<="),
        ("高于", ">"), ("大于", ">"), ("超过", ">"),
        ("低于", "<"), ("小于", "<"),
    ],
    key=lambda pair: -len(pair[0]),
)

# Words that may follow the unit: 95%以上, 5个工作日以内, 24小时内; '(含)' (inclusive) leaves
# the operator as printed before the number.
OPERATOR_SUFFIXES: list[tuple[str, str | None]] = sorted(
    [
        ("(含)", None), ("以上", ">="), ("及以上", ">="),
        ("以下", "<="), ("及以下", "<="), ("以内", "<="), ("之内", "<="), ("内", "<="),
    ],
    key=lambda pair: -len(pair[0]),
)

# Words of state that may follow the unit (100%完成, 100%覆盖): not part of the unit.
STATE_SUFFIXES = ("完成", "覆盖", "达标", "到位", "落实", "合格")
# What follows the number of a date, not a unit (12月底前, 11月末, 6月前): the cell is a deadline,
# qualitative like 2025年12月底前.
DATE_REST = re.compile(r"^月(?:底|末|初|上旬|中旬|下旬)?(?:前|之前|以前)$|^月(?:底|末|初|上旬|中旬|下旬)$")

# Cells that stand for "nothing here".
PLACEHOLDER_MARKS = {"#", "*", "/", "-", "--", "—", "——", "–", "无"}

# Units a cell may print with nothing else (then it is a placeholder), and that may be split
# off the end of a qualitative value (完成日 → 完成 + 日). Compound units are X/Y of these.
KNOWN_UNITS = {
    "%", "‰", "元", "千元", "万元", "亿元", "万", "亿",
    "次", "人次", "起", "台", "分", "日", "天", "月", "个月", "年", "周", "小时", "分钟",
    "个", "个工作日", "工作日", "家", "人", "户", "份", "册", "场", "期", "篇", "盏", "基",
    "吨", "公斤", "千克", "平方米", "万平方米", "米", "公里", "千米", "亩", "项", "件", "辆",
    "套", "座", "处", "条", "所", "名", "张", "间", "本", "部", "批", "株", "棵", "只", "头",
    "百分点",
}

# Qualitative values that may have a unit printed after them (完成日, ≤预算数元, 高于或等于上年分).
QUALITATIVE_WORDS = {
    "是", "否", "完成", "预算数", "上年", "上年度", "去年", "往年", "合格", "达标", "规范",
    "有效", "优", "良", "优秀", "良好", "及时", "按时", "正常",
}

# Money units → factor to 万元. A bare 万/亿 is the 万元/亿元 shorthand (see module docstring).
MONEY_TO_WAN: dict[str, Decimal] = {
    "元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "千万元": Decimal(1000),
    "亿元": Decimal(10000), "万": Decimal(1), "亿": Decimal(10000),
}
# Leading multipliers of non-money units (271万平方米 → 2710000 平方米).
MULTIPLIERS: dict[str, Decimal] = {"万": Decimal(10000), "亿": Decimal(100000000)}

# Full-width ASCII → ASCII, one character for one character.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WS = re.compile(r"\s+")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Exactly one number in the cell: text before it, the number, text after it.
_ONE_NUMBER = re.compile(rf"^(?P<pre>\D*?)(?P<num>{_NUMBER})(?P<rest>\D*)$")
_HAS_DIGIT = re.compile(r"\d")
# Text allowed around a number: no punctuation that would start a second clause.
_CLAUSE_BREAK = re.compile(r"[,、;:。!?()\[\]【】\"“”]")
MAX_PREFIX_CHARS = 8
MAX_UNIT_CHARS = 8
# Money per period: 6.7万一年 → 万元/年, 元/人 → 万元/人.
_MONEY_RATE = re.compile(r"^(?P<money>千元|万元|亿元|元|万|亿)(?:/|每|一)(?P<per>[^/]+)$")


@dataclass(frozen=True)
class ParsedValue:
    """One target-value cell, parsed. ``raw`` is the cell with whitespace removed (None if blank)."""

    raw: str | None
    operator: str | None = None
    value: float | None = None
    unit: str | None = None
    value_text: str | None = None
    value_norm: float | None = None
    unit_norm: str | None = None


def squash(text: str | None) -> str | None:
    """The text with all whitespace (spaces, line breaks, U+3000) removed; None if nothing is left."""
    if text is None:
        return None
    return _WS.sub("", text) or None


def to_ascii_width(text: str) -> str:
    """Full-width ASCII characters (０-９, ＝, ％, ，…) mapped to ASCII; length is preserved."""
    return text.translate(_WIDTH)


def normalise_unit(unit: str | None) -> str | None:
    """A printed unit made canonical: ％/百分比 → %, a unit printed twice (次/天次/天) once."""
    if not unit:
        return None
    unit = to_ascii_width(unit).replace("百分比", "%")
    for size in range(1, len(unit) // 2 + 1):
        if len(unit) % size == 0 and unit[:size] * (len(unit) // size) == unit:
            return unit[:size]
    return unit


def is_known_unit(text: str | None) -> bool:
    """True for a bare unit (元, %, 百分比, 次/天, 次/天次/天 …), compounds X/Y included."""
    unit = normalise_unit(text)
    if unit is None:
        return False
    return all(part in KNOWN_UNITS for part in unit.split("/"))


def _split_operator_prefix(text: str) -> tuple[str | None, str]:
    """(operator, rest) when ``text`` starts with a comparison word or symbol, else (None, text)."""
    for token, op in OPERATOR_PREFIXES:
        if text.startswith(token):
            return op, text[len(token):]
    return None, text


def _strip_placeholder_mark(text: str) -> str:
    """``text`` without the trailing '#' that some tables print where no unit applies."""
    return text.rstrip("#")


def is_placeholder(raw: str | None) -> bool:
    """True when a cell holds no value: blank, a mark (# * / - — 无), or an operator and/or
    unit with no number or words (元, 百分比, 次/天, '= 万元', '≥ 起', '= %')."""
    text = squash(raw)
    if text is None or text in PLACEHOLDER_MARKS:
        return True
    _, rest = _split_operator_prefix(to_ascii_width(text))
    rest = _strip_placeholder_mark(rest)
    return rest == "" or rest in PLACEHOLDER_MARKS or is_known_unit(rest)


def normalised_quantity(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """(value_norm, unit_norm) for a value and its canonical unit, per CONTRACT.md:
    money → 万元 (元 ÷ 10000, 亿元 × 10000, bare 万/亿 read as 万元/亿元, money per period →
    万元/period), % stays %, a leading 万/亿 of another unit is multiplied out, other units as is."""
    if unit is None:
        return value, None
    factor, unit_norm = Decimal(1), unit
    rate = _MONEY_RATE.match(unit)
    if unit in MONEY_TO_WAN:
        factor, unit_norm = MONEY_TO_WAN[unit], "万元"
    elif rate:
        factor, unit_norm = MONEY_TO_WAN[rate["money"]], "万元/" + rate["per"]
    elif unit[0] in MULTIPLIERS and len(unit) > 1:
        factor, unit_norm = MULTIPLIERS[unit[0]], unit[1:]
    if value is None:
        return None, unit_norm
    return float(Decimal(repr(value)) * factor), unit_norm


def _parse_quantity(text: str) -> tuple[str | None, float, str | None] | None:
    """(operator, value, unit) when ``text`` (width-normalised, '#' stripped) is one quantity:
    [prefix][operator]NUMBER[unit][以上/以下/以内]. None when it is not."""
    match = _ONE_NUMBER.match(text)
    if not match:
        return None
    pre, number, rest = match["pre"], match["num"], match["rest"]
    sign = -1 if pre.endswith("-") else 1
    pre = pre.removesuffix("-")
    operator = None
    for token, op in OPERATOR_PREFIXES:
        if pre.endswith(token):
            operator, pre = op, pre[: -len(token)]
            break
    if DATE_REST.match(rest):
        return None
    rest = next((rest.removesuffix(w) for w in STATE_SUFFIXES if rest.endswith(w) and rest != w), rest)
    for token, op in OPERATOR_SUFFIXES:
        if rest.endswith(token):
            operator, rest = operator or op, rest[: -len(token)]
            break
    if len(pre) > MAX_PREFIX_CHARS or len(rest) > MAX_UNIT_CHARS:
        return None
    if _CLAUSE_BREAK.search(pre) or _CLAUSE_BREAK.search(rest):
        return None
    return operator, sign * float(number.replace(",", "")), normalise_unit(rest)


def _parse_qualitative(raw: str, text: str) -> tuple[str | None, str | None, str]:
    """(operator, unit, value_text) for a cell without a single quantity. ``text`` is ``raw``
    width-normalised; value_text is sliced from ``raw`` so it stays as printed."""
    operator, rest = _split_operator_prefix(text)
    start = len(text) - len(rest)
    rest = _strip_placeholder_mark(rest)
    end = start + len(rest)
    unit = None
    for cut in range(1, len(rest)):
        word, tail = rest[:cut], rest[cut:]
        percent_after_words = normalise_unit(tail) == "%" and not _HAS_DIGIT.search(word)
        if is_known_unit(tail) and (word in QUALITATIVE_WORDS or percent_after_words):
            unit, end = normalise_unit(tail), start + cut
            break
    return operator, unit, raw[start:end]


def parse_value(raw: str | None) -> ParsedValue:
    """Parse one target-value cell (指标值) as printed.

    Quantitative (one number): '≥200家' → ('>=', 200, '家'); '每月至少3次' → ('>=', 3, '次');
    '保洁100%百分比' → (None, 100, '%'); '1次/天次/天' → (None, 1, '次/天'); '1,311.13' → 1311.13.
    Qualitative: '规范' → value_text '规范'; '是#' → '是'; '≤预算数元' → ('<=', unit '元',
    value_text '预算数'); '完成百分比' → unit '%', value_text '完成'; compound sentences that
    contain numbers → value_text = the whole cell. Placeholders → all fields None but ``raw``.
    """
    text = squash(raw)
    if text is None or is_placeholder(text):
        return ParsedValue(raw=text)
    ascii_text = to_ascii_width(text)
    quantity = _parse_quantity(_strip_placeholder_mark(ascii_text))
    if quantity is not None:
        operator, value, unit = quantity
        value_norm, unit_norm = normalised_quantity(value, unit)
        return ParsedValue(text, operator, value, unit, None, value_norm, unit_norm)
    operator, unit, value_text = _parse_qualitative(text, ascii_text)
    _, unit_norm = normalised_quantity(None, unit)
    return ParsedValue(text, operator, None, unit, value_text or None, None, unit_norm)
