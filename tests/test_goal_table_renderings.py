"""One goal table, flattened the ways text extractors flatten it, must read back the same.

The table is made up (not one of the samples): a project form with merged 一级/二级 cells, a long
name, qualitative and quantitative targets. Each renderer prints it as a different tool would.
"""
from __future__ import annotations

import pytest
import zhconv

from parsers.layout import Layout, Line, Page
from parsers.script import to_simplified
from recognisers.goal_tables import find_goal_tables, squash

ROWS = [
    ("产出指标", "数量指标", "新建农村公路里程", "≥120公里"),
    ("产出指标", "数量指标", "改造危桥数量", "≥8座"),
    ("产出指标", "质量指标", "工程验收合格率", "=100%"),
    ("产出指标", "时效指标", "项目完工及时率", "≥95%"),
    ("成本指标", "经济成本指标", "每公里建设成本", "≤85万元"),
    ("效益指标", "社会效益指标", "行政村通双车道公路比例提高", "≥3个百分点"),
    ("效益指标", "可持续影响指标", "养护管理机制健全", "健全"),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
]
HEADER = [
    "2025年农村公路提档升级项目绩效目标表",
    "项目名称\t农村公路提档升级\t主管部门\t某县交通运输局",
    "项目单位\t某县公路事业发展中心\t项目金额（万元）\t6800",
]
COLUMNS = ["一级指标", "二级指标", "三级指标", "指标值"]


def merged(rows):
    """Blank a 一级/二级 cell that repeats the row above, as a merged cell prints."""
    out, prev = [], (None, None)
    for l1, l2, name, value in rows:
        out.append(("" if l1 == prev[0] else l1, "" if (l1, l2) == prev else l2, name, value))
        prev = (l1, l2)
    return out


def render_tabs():
    return HEADER + ["\t".join(COLUMNS)] + ["\t".join(r) for r in merged(ROWS)]


def render_pipes():
    head = [h.replace("\t", " | ") for h in HEADER]
    return head + ["| " + " | ".join(COLUMNS) + " |"] + ["| " + " | ".join(r) + " |" for r in merged(ROWS)]


def render_spaces():
    """Cells on one line separated by spaces; merged cells simply missing; value split from its unit."""
    lines = [h.replace("\t", " ") for h in HEADER] + [" ".join(COLUMNS)]
    for l1, l2, name, value in merged(ROWS):
        value = value.replace("≥", "≥ ").replace("≤", "≤ ")
        lines.append(" ".join(c for c in (l1, l2, name, value) if c))
    return lines


def render_cell_per_line():
    """One cell per line with blank lines between, long names wrapped, labels printed once."""
    lines = [h.replace("\t", "\n") for h in HEADER] + [" ".join(COLUMNS)]
    for l1, l2, name, value in merged(ROWS):
        for label in (l1, l2):
            if label:
                lines += [label, ""]
        wrapped = [name[i:i + 7] for i in range(0, len(name), 7)]
        lines += wrapped + [value, ""]
    return "\n".join(lines).split("\n")


def render_traditional():
    """A converted mirror: the tab rendering in traditional characters."""
    return [zhconv.convert(line, "zh-hant") for line in render_tabs()]


def render_noisy():
    """OCR-like damage: full-width digits and signs, stray spaces inside cells."""
    table = str.maketrans("0123456789%=", "０１２３４５６７８９％＝")
    return [line.translate(table).replace("万元", "万 元") for line in render_tabs()]


def layout_of(lines):
    return to_simplified(Layout("txt", [Page(1, [Line(t, 1, n) for n, t in enumerate(lines, 1)])]))


RENDERERS = [render_tabs, render_pipes, render_spaces, render_cell_per_line, render_traditional, render_noisy]


@pytest.mark.parametrize("render", RENDERERS)
def test_every_rendering_reads_back_the_same_rows(render):
    tables = find_goal_tables(layout_of(render()))
    assert len(tables) == 1
    table = tables[0]
    assert table.name == "农村公路提档升级"
    assert table.department == "某县交通运输局"
    assert table.unit == "某县公路事业发展中心"
    assert table.amount_wan == 6800
    got = [(i.level1, i.level2, i.level3.replace(" ", ""), squash(i.raw_value)) for i in table.indicators]
    # the recogniser keeps the 一级 label in force for the row; labels are carried down
    assert got == ROWS


def test_text_after_the_last_form_is_not_read_as_indicators():
    lines = render_tabs() + ["三、下一步工作打算", "2026年将新增评价项目 20个，覆盖资金 3.5亿元。"]
    (table,) = find_goal_tables(layout_of(lines))
    assert len(table.indicators) == len(ROWS)


def test_sub_table_titles_do_not_start_new_forms():
    lines = HEADER + ["年度绩效目标表"] + render_tabs()[len(HEADER):]
    (table,) = find_goal_tables(layout_of(lines))
    assert {i.horizon for i in table.indicators} == {"annual"}
    assert len(table.indicators) == len(ROWS)


def test_self_evaluation_form_reads_actual_weight_and_score():
    lines = [
        "2024年度项目支出绩效自评表",
        "项目名称\t乡村道路养护\t主管部门\t某县交通运输局",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t养护里程\t≥300公里\t312公里\t20\t20\t",
        "\t质量指标\t路况优良率\t≥85%\t82%\t20\t17\t雨季水毁较多，已加强巡查",
        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t10\t10\t",
    ]
    (table,) = find_goal_tables(layout_of(lines))
    assert table.kind == "self_evaluation"
    got = [(i.level3, i.raw_value, i.actual_raw, i.weight, i.score, i.basis) for i in table.indicators]
    assert got == [
        ("养护里程", "≥300公里", "312公里", 20.0, 20.0, None),
        ("路况优良率", "≥85%", "82%", 20.0, 17.0, "雨季水毁较多，已加强巡查"),
        ("群众满意度", "≥90%", "93%", 10.0, 10.0, None),
    ]


def test_history_columns_on_space_separated_rows():
    lines = [
        "2026年河道保洁项目绩效目标表",
        "项目名称 河道保洁 项目主管部门 某区水务局",
        "目标名称 一级指标 二级指标 三级指标 指标值 指标值确定依据",
        "前年 上年 预计当年实现",
        "年度目标1 产出指标 数量指标 保洁河道长度 ≥ 公里 ≥ 40公里 ≥ 45公里 计划标准",
        "质量指标 水面漂浮物清理率 = % = 100% = 100%",
    ]
    (table,) = find_goal_tables(layout_of(lines))
    got = [(i.goal, i.level2, i.level3, squash(i.raw_value), i.hist_prev2, i.hist_prev1, i.basis)
           for i in table.indicators]
    assert got == [
        ("年度目标1", "数量指标", "保洁河道长度", "≥45公里", "≥公里", "≥40公里", "计划标准"),
        ("年度目标1", "质量指标", "水面漂浮物清理率", "=100%", "=%", "=100%", None),
    ]


def test_history_columns_one_cell_per_line():
    cells = [
        "2026年河道保洁项目绩效目标表", "项目名称", "河道保洁",
        "目标名称 一级指标 二级指标 三级指标 指标值", "前年 上年 预计当年实现",
        "年度目标1", "产出指标", "数量指标", "保洁河道长度", "≥ 公里", "≥ 40公里", "≥ 45公里",
        "养护公司数量", "9 家", "10 家", "8 家",
        "质量指标", "水面漂浮物清理", "率", "#", "#", "达标#",
    ]
    (table,) = find_goal_tables(layout_of(cells))
    got = [(i.level2, i.level3, squash(i.raw_value), squash(i.hist_prev2), squash(i.hist_prev1))
           for i in table.indicators]
    assert got == [
        ("数量指标", "保洁河道长度", "≥45公里", "≥公里", "≥40公里"),
        ("数量指标", "养护公司数量", "8家", "9家", "10家"),
        ("质量指标", "水面漂浮物清理率", "达标#", "#", "#"),
    ]


def test_untitled_forms_start_at_their_name_or_column_header():
    body = render_tabs()[len(HEADER):]
    lines = ["一、项目绩效目标"] + HEADER[1:] + body + HEADER[1:] + body
    tables = find_goal_tables(layout_of(lines))
    assert [(t.name, len(t.indicators)) for t in tables] == [("农村公路提档升级", len(ROWS))] * 2
    (bare,) = find_goal_tables(layout_of(["附表"] + body))
    assert len(bare.indicators) == len(ROWS)


SELF_EVALUATION_WITH_TOTAL = """2024年度项目支出绩效自评表
项目名称\t城乡环境综合整治专项资金
主管部门\t某区住房和城乡建设局\t实施单位\t某区环境卫生管理所
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标\t数量指标\t道路清扫面积\t≥120万平方米\t125万平方米\t20\t20
\t\t质量指标\t道路保洁达标率\t≥95%\t93%\t10\t8\t部分路段保洁不及时
\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t92%\t10\t10
总分\t100\t95.8
"""


def test_self_evaluation_total_row_is_not_an_indicator():
    [table] = find_goal_tables(layout_of(SELF_EVALUATION_WITH_TOTAL.splitlines()))
    assert table.kind == "self_evaluation"
    assert [i.level3 for i in table.indicators] == ["道路清扫面积", "道路保洁达标率", "群众满意度"]
    assert [(i.weight, i.score) for i in table.indicators] == [(20, 20), (10, 8), (10, 10)]
    assert table.indicators[1].basis == "部分路段保洁不及时"


def test_markdown_and_box_drawn_tables():
    lines = ["某项目绩效目标表", "| 项目名称 | 某项目 | 主管部门 | 某局 |", "|---|---|---|---|",
             "| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| --- | :---: | --- | ---: |",
             "| 产出指标 | 数量指标 | 灯杆数 | ≥12700基 |", "+-----+-----+-----+-----+",
             "│ 满意度指标 │ 服务对象满意度 │ 群众满意度 │ ≥98% │"]
    [table] = find_goal_tables(layout_of(lines))
    assert [(i.level3, i.raw_value) for i in table.indicators] == [("灯杆数", "≥12700基"), ("群众满意度", "≥98%")]
