"""The national project goal form (项目支出绩效目标表 of the Ministry of Finance's 2020 rules:
主管部门及代码, 项目资金 with 年度资金总额, 年度总体目标, 绩效指标 | 一级 | 二级 | 三级 | 指标值)
as other provinces publish it, flattened with tabs, spaces and one cell per line. Made up, not
taken from the samples."""
from __future__ import annotations

import pytest

from parsers.layout import Layout, Line, Page
from pipeline.normalise import normalise_indicator
from recognisers.goal_tables import find_goal_tables

HEADER = [
    ["2024年度项目支出绩效目标表"],
    ["项目名称", "城乡居民基本医疗保险补助资金"],
    ["主管部门及代码", "广州市医疗保障局 801", "实施单位", "广州市医疗保障事务中心"],
    ["项目资金（万元）", "年度资金总额", "12,500.00"],
    ["", "其中：财政拨款", "12,500.00"],
    ["", "其他资金", "0"],
    ["年度总体目标", "保障城乡居民基本医疗需求，参保率稳定在95%以上。"],
]
COLUMNS = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]
ROWS = [
    ["", "产出指标", "数量指标", "参保人数", "≥300万人"],
    ["", "", "", "财政补助标准", "＝640元/人·年"],
    ["", "", "质量指标", "参保率", "≥95％"],
    ["", "", "时效指标", "补助资金拨付及时率", "100%"],
    ["", "效益指标", "社会效益指标", "群众看病就医负担", "有所减轻"],
    ["", "", "可持续影响指标", "医保基金运行", "平稳可持续"],
    ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
]
EXPECTED = [
    ("产出指标", "数量指标", "参保人数", ">=", 300, "万人", None),
    ("产出指标", "数量指标", "财政补助标准", "=", 640, "元/人·年", None),
    ("产出指标", "质量指标", "参保率", ">=", 95, "%", None),
    ("产出指标", "时效指标", "补助资金拨付及时率", None, 100, "%", None),
    ("效益指标", "社会效益指标", "群众看病就医负担", None, None, None, "有所减轻"),
    ("效益指标", "可持续影响指标", "医保基金运行", None, None, None, "平稳可持续"),
    ("满意度指标", "服务对象满意度指标", "参保群众满意度", ">=", 90, "%", None),
]


def flatten(style: str) -> list[str]:
    rows = HEADER + [COLUMNS] + ROWS
    if style == "tabs":
        return ["\t".join(r) for r in rows]
    if style == "spaces":
        return [" ".join(c for c in r if c) for r in rows]
    return [c for r in rows for c in r if c]  # one cell per line, the column header too


@pytest.mark.parametrize("style", ["tabs", "spaces", "lines"])
def test_national_form_reads_the_same_in_every_flattening(style):
    lines = [Line(text, 1, n) for n, text in enumerate(flatten(style), start=1)]
    [table] = find_goal_tables(Layout("txt", [Page(1, lines)]))
    assert (table.name, table.department, table.unit) == (
        "城乡居民基本医疗保险补助资金", "广州市医疗保障局", "广州市医疗保障事务中心")
    assert (table.amount_wan, table.annual_amount_wan) == (12500, 12500)
    assert table.goal_text == "保障城乡居民基本医疗需求，参保率稳定在95%以上。"
    got = [normalise_indicator(i) for i in table.indicators]
    assert [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.value_text) for i in got] == EXPECTED


SELF_EVALUATION = [
    ["2024年度项目支出绩效自评表"],
    ["项目名称", "城乡环境综合整治专项资金"],
    ["主管部门", "某区住房和城乡建设局", "实施单位", "某区环境卫生管理所"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "道路清扫面积", "≥120万平方米", "125万平方米", "20", "20", ""],
    ["", "", "质量指标", "道路保洁达标率", "≥95%", "93%", "10", "8", "部分路段保洁不及时"],
    ["", "", "时效指标", "垃圾日产日清率", "100%", "100%", "10", "10", ""],
    ["", "效益指标", "社会效益指标", "市容环境改善", "明显改善", "明显改善", "20", "18", ""],
    ["总分", "100", "95.8"],
]


@pytest.mark.parametrize("style", ["tabs", "spaces", "lines"])
def test_national_self_evaluation_form(style):
    rows = SELF_EVALUATION
    if style == "tabs":
        texts = ["\t".join(r) for r in rows]
    elif style == "spaces":
        texts = [" ".join(c for c in r if c) for r in rows]
    else:
        texts = [c for r in rows for c in r if c]
    lines = [Line(text, 1, n) for n, text in enumerate(texts, start=1)]
    [table] = find_goal_tables(Layout("txt", [Page(1, lines)]))
    assert table.kind == "self_evaluation"
    got = [normalise_indicator(i) for i in table.indicators]
    assert [(i.level3, i.raw_value, i.actual_value, i.weight, i.score, i.basis) for i in got] == [
        ("道路清扫面积", "≥120万平方米", 125, 20, 20, None),
        ("道路保洁达标率", "≥95%", 93, 10, 8, "部分路段保洁不及时"),
        ("垃圾日产日清率", "100%", 100, 10, 10, None),
        ("市容环境改善", "明显改善", None, 20, 18, None),
    ]


def test_department_wide_form_name_stops_at_its_task_list():
    texts = ["2024年度部门整体支出绩效目标表", "部门（单位）名称 某市交通运输局",
             "年度主要任务 任务名称 主要内容 预算金额（万元）", "农村公路养护 完成农村公路日常养护 3200",
             "年度总体目标 完成全市农村公路养护任务，保障道路安全畅通。",
             "绩效指标 一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 农村公路养护里程 ≥1500公里",
             "效益指标 社会效益指标 道路通行条件 持续改善"]
    [table] = find_goal_tables(Layout("txt", [Page(1, [Line(t, 1, n) for n, t in enumerate(texts, 1)])]))
    assert (table.kind, table.name) == ("department", "某市交通运输局")
    assert table.goal_text == "完成全市农村公路养护任务，保障道路安全畅通。"
    assert [(i.level3, i.raw_value) for i in table.indicators] == [("农村公路养护里程", "≥1500公里"), ("道路通行条件", "持续改善")]


SPLIT_TARGET = [
    ["2024年项目支出绩效目标表"], ["项目名称", "农村道路养护"], ["主管部门", "某县交通运输局"],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
    ["产出指标", "数量指标", "养护里程", "≥", "120", "公里"],
    ["", "质量指标", "优良路率", "≥", "80", "%"],
    ["效益指标", "社会效益指标", "通行条件", "定性", "明显改善", ""],
]


@pytest.mark.parametrize("style", ["tabs", "pipes", "spaces"])
def test_target_split_over_operator_value_and_unit_columns(style):
    """Budget-system exports print 指标性质 | 指标值 | 度量单位 as three columns."""
    if style == "tabs":
        texts = ["\t".join(r) for r in SPLIT_TARGET]
    elif style == "pipes":
        texts = ["| " + " | ".join(r) + " |" if len(r) > 1 else r[0] for r in SPLIT_TARGET]
    else:
        texts = [" ".join(c for c in r if c) for r in SPLIT_TARGET]
    lines = [Line(text, 1, n) for n, text in enumerate(texts, start=1)]
    [table] = find_goal_tables(Layout("txt", [Page(1, lines)]))
    got = [normalise_indicator(i) for i in table.indicators]
    assert [(i.level3, i.raw_value, i.operator, i.value, i.unit, i.value_text) for i in got] == [
        ("养护里程", "≥120公里", ">=", 120, "公里", None),
        ("优良路率", "≥80%", ">=", 80, "%", None),
        ("通行条件", "明显改善", None, None, None, "明显改善"),
    ]
