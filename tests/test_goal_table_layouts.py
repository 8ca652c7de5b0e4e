"""Goal-table layouts seen in other provinces' reports: made-up forms in their style, each
checking one rule of the recogniser (labels by position, header fields, column roles, form ends)."""
from __future__ import annotations

import pytest

from parsers.layout import Layout, Line, Page
from pipeline.normalise import normalise_indicator
from recognisers.goal_tables import find_goal_tables


def read(text: str):
    """The goal tables of a made-up report given as text lines (tabs are cell boundaries)."""
    lines = [Line(t, 1, n) for n, t in enumerate(text.strip("\n").splitlines(), start=1)]
    return find_goal_tables(Layout("txt", [Page(1, lines)]))


def levels(table):
    """(level1, level2, level3, raw_value, printed_level1) per indicator, level rule applied."""
    rows = [normalise_indicator(i) for i in table.indicators]
    return [(i.level1, i.level2, i.level3, i.raw_value, i.printed_level1) for i in rows]


def test_level3_name_that_reads_like_a_label_is_kept():
    text = """
项目名称\t社区健康讲座
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t数量指标\t≥300人次
效益指标\t社会效益指标\t社会效益\t显著
满意度指标\t服务对象满意度指标\t服务对象满意度\t≥95%
"""
    for rendering in (text, text.replace("\t", " ")):
        [table] = read(rendering)
        assert levels(table) == [
            ("产出指标", "数量指标", "数量指标", "≥300人次", None),
            ("效益指标", "社会效益指标", "社会效益", "显著", None),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", None),
        ]


def test_cost_label_in_the_level2_column_is_a_level2_under_output():
    [table] = read("""
项目支出绩效自评表
项目名称\t老旧小区加装电梯补助
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t加装电梯数量\t≥40部\t42部\t20\t20
\t\t成本指标\t单部电梯补助标准\t≤20万元/部\t20万元/部\t10\t10
\t满意度指标\t服务对象满意度指标\t住户满意度\t≥90%\t94%\t10\t10
""")
    assert levels(table)[1] == ("产出指标", "成本指标", "单部电梯补助标准", "≤20万元/部", None)


@pytest.mark.parametrize("merged_label", ["", "年度总体目标"])
def test_self_evaluation_goal_text_is_the_planned_text_under_its_sub_header(merged_label):
    """The 年度总体目标 cell spans both rows: a text dump leaves it blank on the second, the PDF
    reader fills it down."""
    [table] = read(f"""
项目支出绩效自评表
项目名称\t背街小巷环境提升
年度总体目标\t预期目标\t实际完成情况
{merged_label}\t完成背街小巷整治30条，路面破损修复率100%。\t完成背街小巷整治31条，路面破损修复率100%。
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t整治背街小巷数量\t≥30条\t31条\t20\t20
""")
    assert table.goal_text == "完成背街小巷整治30条，路面破损修复率100%。"


def test_declaration_form_with_mid_term_and_annual_value_columns():
    [table] = read("""
项目支出绩效目标申报表
项目名称\t智慧社区建设
主管部门及代码\t[215]某区政务服务数据管理局\t实施单位\t某区大数据中心
项目资金（万元）\t中期资金总额：\t900\t年度资金总额：\t300
绩效指标\t一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值
\t产出指标\t数量指标\t建成智慧社区数量\t30个\t10个
\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t≥85%
""")
    assert table.department == "某区政务服务数据管理局"
    assert (table.amount_wan, table.annual_amount_wan) == (900, 300)
    got = [(i.horizon, i.level3, i.raw_value) for i in table.indicators]
    assert got == [
        ("long_term", "建成智慧社区数量", "30个"),
        ("annual", "建成智慧社区数量", "10个"),
        ("long_term", "居民满意度", "≥90%"),
        ("annual", "居民满意度", "≥85%"),
    ]


def test_annual_goal_label_with_its_text_is_a_header_field():
    for label in ("年度绩效目标", "年度目标"):
        [table] = read(f"""
项目名称\t农村饮水安全巩固提升
{label}\t新建集中供水工程8处，农村自来水普及率达到92%。
年度绩效指标
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t新建集中供水工程\t8处
""")
        assert table.goal_text == "新建集中供水工程8处，农村自来水普及率达到92%。"
        assert [(i.horizon, i.level3) for i in table.indicators] == [("annual", "新建集中供水工程")]


def test_untitled_form_with_colon_labels_keeps_its_header():
    [table] = read("""
某区2025年部门预算项目绩效目标公开
项目名称：城市公园绿化养护
主管部门：某区园林绿化局        项目单位：某区公园管理中心
项目类型：经常性项目        项目年度：2025
项目金额：520万元
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t养护绿地面积\t≥85万平方米
""")
    assert (table.name, table.department, table.unit, table.amount_wan) == (
        "城市公园绿化养护", "某区园林绿化局", "某区公园管理中心", 520)


def test_amount_labels_with_a_unit_suffix_and_other_wordings():
    [table] = read("""
某省2025年省级重点项目绩效目标
项目名称\t农机购置与应用补贴
归口管理部门\t某省农业农村厅
实施期资金总额（万元）\t45000\t年度预算数（万元）\t15000
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t补贴机具数量\t≥2万台
""")
    assert (table.department, table.amount_wan, table.annual_amount_wan) == ("某省农业农村厅", 45000, 15000)
    [markdown] = read("""
| 项目名称 | 城乡公交运营补贴 | 项目编码 | 370100250000000001 |
| 项目总金额（万元） | 1,200.00 | 本年度预算（万元） | 400.00 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 运营线路 | 20条 |
""")
    assert (markdown.amount_wan, markdown.annual_amount_wan) == (1200, 400)


def test_a_budget_table_after_the_goal_table_is_not_read_as_indicators():
    goal_table = """
项目名称\t社区图书室运行
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t新增图书册数\t≥5000册
满意度指标\t服务对象满意度指标\t读者满意度\t≥90%
"""
    for after in ("资金来源\t金额\t占比\n一般公共预算拨款\t40.00\t80%\n单位自有资金\t10.00\t20%",
                  "表六：政府采购预算表\n单位：万元\n序号\t采购项目\t数量\t采购预算\n1\t图书\t5000\t25.00"):
        [table] = read(goal_table + after)
        assert [i.level3 for i in table.indicators] == ["新增图书册数", "读者满意度"]


def test_explanation_direction_and_scoring_columns_are_read_past():
    [table] = read("""
项目名称\t社区矫正帮扶
一级指标\t二级指标\t三级指标\t指标解释\t指标方向\t指标值\t评（扣）分标准\t备注
产出指标\t数量指标\t帮扶对象人数\t年内纳入帮扶的人数\t正向\t≥300人\t每少10人扣1分\t
产出指标\t时效指标\t帮扶方案制定时限\t接收后制定方案的天数\t反向\t≤5天\t超时不得分\t按月统计
满意度指标\t服务对象满意度指标\t帮扶对象满意度\t\t正向\t≥90%\t每低1个百分点扣1分\t
""")
    got = [(i.level3, i.raw_value, i.basis) for i in table.indicators]
    assert got == [
        ("帮扶对象人数", "≥300人", None),
        ("帮扶方案制定时限", "≤5天", None),
        ("帮扶对象满意度", "≥90%", None),
    ]


def test_form_without_a_level1_column_takes_level1_from_level2():
    [table] = read("""
项目名称\t农村公厕管护
二级指标\t三级指标\t指标值\t指标解释
数量指标\t管护公厕数量\t≥120座\t年内纳入管护的公厕
时效指标\t问题整改时限\t2025年6月30日前\t按期完成
成本指标\t单座管护补助\t≤0.5万元/座\t按实结算
满意度指标\t村民满意度\t≥90%\t问卷调查
""")
    assert levels(table) == [
        ("产出指标", "数量指标", "管护公厕数量", "≥120座", None),
        ("产出指标", "时效指标", "问题整改时限", "2025年6月30日前", None),
        ("成本指标", "成本指标", "单座管护补助", "≤0.5万元/座", None),
        ("满意度指标", "满意度指标", "村民满意度", "≥90%", None),
    ]


def test_amount_row_of_several_figures_reads_its_first_figure():
    [table] = read("""
项目支出绩效自评表
项目名称 街道路灯维护经费
年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 1,250.00 1,250.00 1,180.60 10 94.45% 9.45
其中：当年财政拨款 1,250.00 1,250.00 1,180.60 — — —
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 维护路灯数量 ≥3000盏 3120盏 20 20
""")
    assert table.annual_amount_wan == 1250
