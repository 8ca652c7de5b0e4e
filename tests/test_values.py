"""Target-value parsing (pipeline.values) and indicator normalisation (pipeline.normalise).

Besides the hand-written cases, every indicator of tests/gold/*.json is checked the way
../shared/score.py compares them: strings whitespace-squashed, numbers within 1e-6.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.normalise import normalise_history, normalise_indicator
from pipeline.values import is_placeholder, parse_value
from schemas.records import Indicator

GOLD_DIR = Path(__file__).parent / "gold"


def squash(value):
    """As score.py: whitespace removed, empty → None."""
    return None if value is None else (re.sub(r"\s+", "", str(value)) or None)


def num_eq(a, b):
    """As score.py: both None, or equal within 1e-6 relative."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def gold_tables():
    """(file stem, table) for every goal table of the gold files."""
    return [
        (path.stem, table)
        for path in sorted(GOLD_DIR.glob("*.json"))
        for table in json.loads(path.read_text(encoding="utf-8"))["goal_tables"]
    ]


def gold_indicators():
    """pytest params: (table name, gold indicator) for every gold indicator row."""
    return [
        pytest.param(table["name"], ind, id=f"{stem}-{table['name']}-{ind['horizon']}-{n}-{ind['raw_value']}")
        for stem, table in gold_tables()
        for n, ind in enumerate(table["indicators"])
    ]


def test_gold_files_present():
    assert gold_tables(), f"no gold goal tables under {GOLD_DIR}"


# --- hand-written cases ---------------------------------------------------------------------

# raw → (operator, value, unit, value_text)
CASES = [
    ("≥200家", ">=", 200, "家", None),
    ("≧ 5 家", ">=", 5, "家", None),
    (">=90%", ">=", 90, "%", None),
    ("≤30日", "<=", 30, "日", None),
    ("≦2个工作日", "<=", 2, "个工作日", None),
    ("<=10日", "<=", 10, "日", None),
    ("＝100%", "=", 100, "%", None),
    ("= 334万元", "=", 334, "万元", None),
    ("> 6000起", ">", 6000, "起", None),
    ("<5%", "<", 5, "%", None),
    ("不低于95%", ">=", 95, "%", None),
    ("不少于10场", ">=", 10, "场", None),
    ("大于等于3次", ">=", 3, "次", None),
    ("95%以上", ">=", 95, "%", None),
    ("不超过1650万元", "<=", 1650, "万元", None),
    ("不高于15%", "<=", 15, "%", None),
    ("低于或等于5%", "<=", 5, "%", None),
    ("5个工作日以内", "<=", 5, "个工作日", None),
    ("24小时内", "<=", 24, "小时", None),
    ("高于90分", ">", 90, "分", None),
    ("超过100人", ">", 100, "人", None),
    ("低于1%", "<", 1, "%", None),
    ("每月至少3次", ">=", 3, "次", None),
    ("每周2次", None, 2, "次", None),
    ("保洁100百分比", None, 100, "%", None),
    ("保洁100%百分比", None, 100, "%", None),
    ("≥95%百分比", ">=", 95, "%", None),
    ("1次/天次/天", None, 1, "次/天", None),
    ("6.7万一年", None, 6.7, "万一年", None),
    ("3157.97万", None, 3157.97, "万", None),
    ("3157.97 万", None, 3157.97, "万", None),
    ("1,311.13", None, 1311.13, None, None),
    ("１２次", None, 12, "次", None),
    ("９５％", None, 95, "%", None),
    ("≥-5%", ">=", -5, "%", None),
    ("30", None, 30, None, None),
    ("5#", None, 5, None, None),
    ("规范", None, None, None, "规范"),
    ("是#", None, None, None, "是"),
    ("达标", None, None, None, "达标"),
    ("保证正常运转合格", None, None, None, "保证正常运转合格"),
    ("≤预算数元", "<=", None, "元", "预算数"),
    ("高于或等于上年分", ">=", None, "分", "上年"),
    ("完成日", None, None, "日", "完成"),
    ("完成百分比", None, None, "%", "完成"),
    ("每年12月31日前", None, None, None, "每年12月31日前"),
    ("3-5次", None, None, None, "3-5次"),
    ("90%-95%", None, None, None, "90%-95%"),
    ("≥95%（含）", ">=", 95, "%", None),
    ("=>5", ">=", 5, None, None),
    ("总体满意度≥90%", ">=", 90, "%", None),
    ("保洁、安全类问题及时响应, 其他问题 5 个工作日内响应", None, None, None,
     "保洁、安全类问题及时响应,其他问题5个工作日内响应"),
    ("及时\n响应", None, None, None, "及时响应"),
]


@pytest.mark.parametrize("raw, operator, value, unit, value_text", CASES)
def test_parse_value(raw, operator, value, unit, value_text):
    parsed = parse_value(raw)
    assert (parsed.operator, parsed.unit, parsed.value_text) == (operator, unit, value_text)
    assert num_eq(parsed.value, value)


def test_raw_is_cell_without_whitespace():
    assert parse_value(" ≥ 95\n%").raw == "≥95%"
    assert parse_value("＝100%").raw == "＝100%"
    assert parse_value(None).raw is None
    assert parse_value(" \n").raw is None


PLACEHOLDERS = ["#", "*", "/", "-", "—", "无", "", "  ", None, "≥ 起", "= %", "= 万元", "≥ %", "元", "次",
                "百分比", "次/天", "分", "日", "％", "≥"]


@pytest.mark.parametrize("raw", PLACEHOLDERS)
def test_placeholders_are_empty(raw):
    assert is_placeholder(raw)
    parsed = parse_value(raw)
    assert parsed.raw == (None if raw is None else (re.sub(r"\s+", "", raw) or None))
    assert (parsed.operator, parsed.value, parsed.unit, parsed.value_text, parsed.value_norm,
            parsed.unit_norm) == (None,) * 6


@pytest.mark.parametrize("raw", ["0", "是", "合格", "≥95%", "完成日", "12次", "保证正常运转合格"])
def test_values_are_not_placeholders(raw):
    assert not is_placeholder(raw)


# raw → (value_norm, unit_norm)
NORM_CASES = [
    ("3014989.88平方米", 3014989.88, "平方米"),
    ("271万平方米", 2710000, "平方米"),
    ("≥2亿元", 20000, "万元"),
    ("≥350亿元", 3500000, "万元"),
    ("≤1650万元", 1650, "万元"),
    ("5000元", 0.5, "万元"),
    ("3157.97万", 3157.97, "万元"),
    ("≥1.5千万元", 1500, "万元"),
    ("6.7万一年", 6.7, "万元/年"),
    ("100%", 100, "%"),
    ("≥95%百分比", 95, "%"),
    ("＝10000册", 10000, "册"),
    ("2万人次", 20000, "人次"),
    ("1次/天次/天", 1, "次/天"),
    ("30", 30, None),
    ("≤预算数元", None, "万元"),
    ("规范", None, None),
]


@pytest.mark.parametrize("raw, value_norm, unit_norm", NORM_CASES)
def test_normalised_value(raw, value_norm, unit_norm):
    parsed = parse_value(raw)
    assert parsed.unit_norm == unit_norm
    assert num_eq(parsed.value_norm, value_norm)


# --- gold ------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_name, gold", gold_indicators())
def test_gold_value(table_name, gold):
    parsed = parse_value(gold["raw_value"])
    assert squash(parsed.raw) == squash(gold["raw_value"])
    for name in ("operator", "unit", "value_text"):
        assert squash(getattr(parsed, name)) == squash(gold[name]), name
    assert num_eq(parsed.value, gold["value"])


# History cells whose gold value is None, as printed in the seed reports (the 前年 and 上年
# cells print the same placeholder); a None gold cell not listed here was printed empty.
PRINTED_HISTORY_PLACEHOLDERS = {
    ("应急排渍抢修", "项目预算金额"): "= 万元",
    ("应急排渍抢修", "110接警数量"): "≥ 起",
    ("应急排渍抢修", "维护应急车辆"): "≥ 台",
    ("应急排渍抢修", "110应急业务处理合格率"): "= %",
    ("应急排渍抢修", "项目是否在规定的时间内完成并及时处理110事件"): "#",
    ("应急排渍抢修", "防洪排涝，保障了辖区内企业正常运转"): "#",
    ("应急排渍抢修", "保障了雨季居民的正常出行"): "#",
    ("应急排渍抢修", "防洪排涝，有利于环境保护"): "#",
    ("应急排渍抢修", "广大群众满意率"): "≥ %",
    ("清扫及城管工作经费", "道路清扫保洁费用"): "元",
    ("清扫及城管工作经费", "完成国家卫生城市复审及文明城市迎检工"): "次",
    ("清扫及城管工作经费", "清除生活垃圾、建筑垃圾等"): "百分比",
    ("清扫及城管工作经费", "道路清扫次数"): "次/天",
    ("清扫及城管工作经费", "垃圾清运次数"): "次/天",
    ("清扫及城管工作经费", "门前三包评分"): "分",
    ("清扫及城管工作经费", "每年12月31日前"): "日",
    ("清扫及城管工作经费", "为江堤街发展提供良好环境"): "百分比",
    ("清扫及城管工作经费", "城市综合管理评分"): "分",
    ("清扫及城管工作经费", "居民满意度"): "百分比",
}


@pytest.mark.parametrize("table_name, gold", [p for p in gold_indicators() if p.values[1]["history"]])
def test_gold_history(table_name, gold):
    for key in ("前年", "上年"):
        want = gold["history"][key]
        placeholder = PRINTED_HISTORY_PLACEHOLDERS.get((table_name, gold["level3"]), "")
        printed = want if want is not None else placeholder
        assert squash(normalise_history(printed)) == squash(want), key


@pytest.mark.parametrize("table_name, gold", gold_indicators())
def test_gold_normalise_indicator(table_name, gold):
    """The recogniser's view of a gold row (printed 一级 label in level1) normalises to the gold row."""
    ind = Indicator(
        horizon=gold["horizon"], level1=gold.get("printed_level1") or gold["level1"], level2=gold["level2"],
        level3=gold["level3"], raw_value=gold["raw_value"],
    )
    normalise_indicator(ind)
    assert (ind.level1, ind.printed_level1) == (gold["level1"], gold.get("printed_level1"))
    assert (ind.level2, ind.level3) == (gold["level2"], gold["level3"])
    for name in ("raw_value", "operator", "unit", "value_text"):
        assert squash(getattr(ind, name)) == squash(gold[name]), name
    assert num_eq(ind.value, gold["value"])


# --- normalise_indicator ------------------------------------------------------------------------

def make_indicator(**fields):
    base = dict(horizon="annual", level1="产出指标", level2="数量指标", level3="x", raw_value="≥5家")
    return Indicator(**{**base, **fields})


def test_normalise_indicator_fills_value_fields():
    ind = normalise_indicator(make_indicator(raw_value=" ≥ 2\n亿元", hist_prev2="= 万元", hist_prev1=" 1.5 亿元"))
    assert (ind.raw_value, ind.operator, ind.value, ind.unit) == ("≥2亿元", ">=", 2, "亿元")
    assert (ind.value_norm, ind.unit_norm, ind.value_text) == (20000, "万元", None)
    assert (ind.hist_prev2, ind.hist_prev1) == (None, "1.5亿元")


def test_normalise_indicator_text_fields():
    ind = normalise_indicator(make_indicator(level2="社会效益\n指标", level3=" 110 案件及市长热线\n投诉类响应时间 ",
                                             level1="效益\n指标"))
    assert ind.level3 == "110 案件及市长热线投诉类响应时间"
    assert (ind.level1, ind.level2, ind.printed_level1) == ("效益指标", "社会效益指标", None)


def test_normalise_indicator_keeps_displaced_label():
    ind = normalise_indicator(make_indicator(level1="满意度指标", level2="生态效益指标", raw_value="是#"))
    assert (ind.level1, ind.printed_level1, ind.value_text) == ("效益指标", "满意度指标", "是")


def test_normalise_indicator_actual_value():
    ind = normalise_indicator(make_indicator(actual_raw=" 98 %"))
    assert (ind.actual_raw, ind.actual_value) == ("98%", 98)
    assert normalise_indicator(make_indicator(actual_raw="达标")).actual_value is None


def test_normalise_indicator_is_idempotent():
    once = normalise_indicator(make_indicator(level1="产出指标", level2="经济成本指标", raw_value="437.31万元",
                                              hist_prev1="488.68万元"))
    twice = normalise_indicator(Indicator(**vars(once)))
    assert vars(once) == vars(twice)
    assert (once.level1, once.printed_level1) == ("成本指标", "产出指标")


@pytest.mark.parametrize("raw", ["12月底前", "11月底", "6月前"])
def test_a_date_without_its_year_is_a_deadline_not_months(raw):
    parsed = parse_value(raw)
    assert (parsed.value, parsed.unit, parsed.value_text) == (None, None, raw)


@pytest.mark.parametrize("raw", ["100%完成", "100%覆盖"])
def test_a_state_word_after_the_unit_is_not_part_of_the_unit(raw):
    parsed = parse_value(raw)
    assert (parsed.value, parsed.unit, parsed.unit_norm) == (100, "%", "%")
