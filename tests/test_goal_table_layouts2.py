"""Goal-table layouts of the second red-team round: made-up forms in the style of PDF text dumps,
`pdftotext -layout` output and exported spreadsheets, each checking one rule of the recogniser."""
from __future__ import annotations

from parsers.layout import Layout, Line, Page
from pipeline.normalise import normalise_indicator
from recognisers.goal_tables import find_goal_tables


def read(text: str):
    """The goal tables of a made-up report given as text lines (tabs are cell boundaries)."""
    lines = [Line(t, 1, n) for n, t in enumerate(text.strip("\n").splitlines(), start=1)]
    return find_goal_tables(Layout("txt", [Page(1, lines)]))


def rows(table):
    """(level1, level2, level3, raw_value) per indicator, level rule applied."""
    return [(i.level1, i.level2, i.level3, i.raw_value) for i in map(normalise_indicator, table.indicators)]


def layout_line(*cells: str, starts=(2, 14, 26, 46)) -> str:
    """A line as ``pdftotext -layout`` prints a table row: each cell from its column's start."""
    line = ""
    for cell, start in zip(cells, starts):
        if cell:
            line += " " * max(start - len(line), 2) + cell
    return line


def test_reason_column_worded_as_unfinished_reasons_is_the_basis():
    [table] = read("""
项目支出绩效自评表
项目名称\t乡村道路养护
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t未完成原因和改进措施
产出指标\t质量指标\t优良路率\t≥80%\t76%\t20\t17\t部分路段汛期损毁，次年修复
""")
    [indicator] = table.indicators
    assert (indicator.actual_raw, indicator.score, indicator.basis) == ("76%", 17, "部分路段汛期损毁，次年修复")


def test_table_number_before_the_title_is_not_part_of_the_name():
    for title in ("表3 2025年街巷绿化养护项目绩效目标表", "附表4：2025年街巷绿化养护项目绩效目标表"):
        [table] = read(f"""
{title}
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t养护绿地面积\t≥85万平方米
""")
        assert table.name == "街巷绿化养护"


def test_serial_number_column_is_read_past():
    text = """
部门整体支出绩效目标表
部门（单位）名称\t某区档案馆
序号\t一级指标\t二级指标\t三级指标\t指标值
1\t产出指标\t数量指标\t档案数字化页数\t≥50万页
2\t\t质量指标\t数字化差错率\t≤1%
3\t满意度指标\t服务对象满意度指标\t查档群众满意度\t≥90%
"""
    for rendering in (text, text.replace("\t\t", "\t").replace("\t", " ")):
        [table] = read(rendering)
        assert rows(table) == [
            ("产出指标", "数量指标", "档案数字化页数", "≥50万页"),
            ("产出指标", "质量指标", "数字化差错率", "≤1%"),
            ("满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90%"),
        ]


def test_a_standard_to_reach_is_a_target_in_a_token_row():
    [table] = read("""
项目名称 乡镇卫生院能力提升
一级指标 二级指标 三级指标 指标值
产出指标 质量指标 设备配置 达到省定标准
效益指标 可持续影响指标 基层诊疗能力 不低于全省平均水平
""")
    assert [(i.level3, i.raw_value) for i in table.indicators] == [
        ("设备配置", "达到省定标准"),
        ("基层诊疗能力", "不低于全省平均水平"),
    ]


def test_title_in_the_one_cell_of_a_table_row_names_the_form():
    [table] = read("""
| 2024年度城区供暖补贴项目支出绩效自评表 | | | | | | |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 补贴供暖面积 | ≥600万平方米 | 615万平方米 | 25 | 25 |
""")
    assert (table.kind, table.name) == ("self_evaluation", "城区供暖补贴")


def test_layout_text_keeps_merged_cells_and_wrapped_cells_in_their_columns():
    text = "\n".join([
        "项目名称    村庄污水治理",
        layout_line("一级指标", "二级指标", "三级指标", "指标值"),
        layout_line("产出指标", "数量指标", "治理行政村数量", "≥20个"),
        layout_line("", "", "新建改建卫生户厕", "≥1500户"),
        layout_line("效益指标", "生态效益指标", "污水治理率较上年", "较上年提高"),
        layout_line("", "", "提升幅度"),
        layout_line("满意度指标", "服务对象满意度", "村民满意度", "不低于90%"),
        layout_line("", "指标"),
    ])
    [table] = read(text)
    assert rows(table) == [
        ("产出指标", "数量指标", "治理行政村数量", "≥20个"),
        ("产出指标", "数量指标", "新建改建卫生户厕", "≥1500户"),
        ("效益指标", "生态效益指标", "污水治理率较上年提升幅度", "较上年提高"),
        ("满意度指标", "服务对象满意度指标", "村民满意度", "不低于90%"),
    ]


def test_layout_text_continues_a_wrapped_value_and_reason_beside_a_merged_label():
    starts = (2, 14, 26, 42, 56, 70)
    text = "\n".join([
        "项目支出绩效自评表",
        "项目名称    雨污管网改造",
        layout_line("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析", starts=starts),
        layout_line("", "数量指标", "改造管网长度", "≥12公里", "11.5公里", "产权争议未实施，", starts=starts),
        layout_line("产出指标", "", "", "", "", "列入下年计划", starts=starts),
        layout_line("", "时效指标", "完工时间", "2024年11月", "2024年11月", starts=starts),
        layout_line("", "", "", "底前", "20日", starts=starts),
    ])
    [table] = read(text)
    got = [(i.level1, i.level3, i.raw_value, i.actual_raw, i.basis) for i in map(normalise_indicator, table.indicators)]
    assert got == [
        ("产出指标", "改造管网长度", "≥12公里", "11.5公里", "产权争议未实施，列入下年计划"),
        ("产出指标", "完工时间", "2024年11月底前", "2024年11月20日", None),
    ]


def test_column_header_with_wrapped_words_is_joined():
    tabbed = "一级\t二级\t三级\t指标值\n指标\t指标\t指标\n产出指标\t数量指标\t签约人数\t≥1.2万人"
    spaced = "\n".join([
        layout_line("一级", "二级", "三级", "指标值"),
        layout_line("指标", "指标", "指标"),
        layout_line("产出指标", "数量指标", "签约人数", "≥1.2万人"),
    ])
    for body in (tabbed, spaced):
        [table] = read("项目名称\t社区卫生服务\n" + body)
        assert [(i.level3, i.raw_value) for i in table.indicators] == [("签约人数", "≥1.2万人")]


def test_project_funds_label_with_a_half_width_unit_ends_the_value_before_it():
    [table] = read("""
项目名称          村庄污水治理
主管部门          某县农业农村局          实施单位        某县环境服务中心
项目资金(万元)    年度资金总额:     860.00
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t治理行政村数量\t≥20个
""")
    assert (table.unit, table.amount_wan) == ("某县环境服务中心", 860)


def test_spreadsheet_saved_as_csv_is_read_as_cells():
    [table] = read("""
2025年项目支出绩效目标表,,,,
项目名称,老年人助餐服务补贴,,,
项目金额（万元）,"1,200.00",当年预算（万元）,400.00,
一级指标,二级指标,三级指标,指标值,
产出指标,数量指标,助餐点数量,≥30个,
,,"服务老年人数量（人次，含送餐）",≥3.5万人次,
满意度指标,服务对象满意度指标,老年人满意度,95%以上,
,,,,
""")
    assert (table.name, table.amount_wan, table.annual_amount_wan) == ("老年人助餐服务补贴", 1200, 400)
    assert rows(table) == [
        ("产出指标", "数量指标", "助餐点数量", "≥30个"),
        ("产出指标", "数量指标", "服务老年人数量（人次，含送餐）", "≥3.5万人次"),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "95%以上"),
    ]


def test_layout_sub_header_splits_the_spanning_target_column():
    history = (2, 14, 26, 44, 52, 60)
    text = "\n".join([
        "项目名称    社区养老服务",
        layout_line("一级指标", "二级指标", "三级指标", "指标值", starts=(2, 14, 26, 50)),
        layout_line("", "", "", "前年", "上年", "预计当年实现", starts=history),
        layout_line("产出指标", "数量指标", "服务老人人次", "1.1万", "1.2万", "≥1.3万人次", starts=history),
    ])
    [table] = read(text)
    got = [(i.level3, i.hist_prev2, i.hist_prev1, i.raw_value) for i in table.indicators]
    assert got == [("服务老人人次", "1.1万", "1.2万", "≥1.3万人次")]


def test_targets_of_common_shapes_close_their_rows_in_token_rows():
    targets = ["2025年12月31日前完成", "6月30日前", "第四季度", "95%-100%", "100%覆盖", "零投诉",
               "无重大安全事故", "应保尽保", "A级", "优良", "控制在预算范围内", "按合同约定", "≥90%（含）",
               "1:1", "每季度至少1次"]
    body = "\n".join(f"产出指标 质量指标 指标{k} {target}" for k, target in enumerate(targets))
    [table] = read("项目名称 城乡低保\n一级指标 二级指标 三级指标 指标值\n" + body)
    assert [(i.level3, i.raw_value) for i in table.indicators] == [
        (f"指标{k}", target) for k, target in enumerate(targets)
    ]


def test_value_wrapped_over_two_lines_in_a_one_cell_per_line_dump():
    [table] = read("""
项目名称
老旧小区改造
一级指标
二级指标
三级指标
指标值
产出指标
时效指标
改造完成时间
2025年12月
底前
效益指标
社会效益指标
受益居民
≥3.5万
人次
""")
    assert [(i.level3, i.raw_value) for i in table.indicators] == [
        ("改造完成时间", "2025年12月底前"),
        ("受益居民", "≥3.5万人次"),
    ]


def test_layout_text_placed_by_page_position_with_wide_characters_two_columns_wide():
    """pdftotext -layout puts each word where it stands on the page: a CJK character is two
    columns wide there, header words are centred and cells start at their column's left edge."""
    starts = (1, 13, 33, 61)
    text = "\n".join([
        "项目名称    城市道路建设",
        layout_line("一级指标", "二级指标", "三级指标", "指标值", starts=(2, 18, 42, 65)),
        layout_line("产出指标", "数量指标", "新建改造城市道路里程", "≥5公里", starts=starts),
        layout_line("", "", "路灯", "≥300盏", starts=starts),
        layout_line("满意度指标", "服务对象满意度指标", "满意度", "≥90%", starts=starts),
    ])
    [table] = read(text)
    assert rows(table) == [
        ("产出指标", "数量指标", "新建改造城市道路里程", "≥5公里"),
        ("产出指标", "数量指标", "路灯", "≥300盏"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
    ]


def test_a_header_with_double_spaces_over_single_spaced_rows_is_read_as_tokens():
    [table] = read("""
项目名称 城市道路建设
一级指标  二级指标  三级指标  指标值
产出指标 数量指标 新建道路里程 ≥5公里
满意度指标 服务对象满意度指标 市民满意度 ≥90%
""")
    assert rows(table) == [
        ("产出指标", "数量指标", "新建道路里程", "≥5公里"),
        ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"),
    ]


def test_wrapped_cells_of_a_tab_dump_continue_the_cells_above_them():
    [table] = read("""
项目名称\t村庄污水治理
一级指标\t二级指标\t三级指标\t指标值
效益指标\t生态效益指标\t污水治理率较上年\t较上年提高
\t\t提升幅度\t
满意度指标\t服务对象\t村民满意度\t≥90%
\t满意度指标\t\t
""")
    assert rows(table) == [
        ("效益指标", "生态效益指标", "污水治理率较上年提升幅度", "较上年提高"),
        ("满意度指标", "服务对象满意度指标", "村民满意度", "≥90%"),
    ]


def test_labels_wrapped_before_their_last_word_in_a_one_cell_per_line_dump():
    [table] = read("""
项目名称
农村公路养护
一级指标
二级指标
三级指标
指标值
产出
指标
数量
指标
养护里程
≥800公里
满意度
指标
服务对象满意
度指标
沿线群众满意度
≥90%
""")
    assert rows(table) == [
        ("产出指标", "数量指标", "养护里程", "≥800公里"),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
    ]


def test_level3_name_that_reads_like_a_target_is_kept_in_cell_rows():
    [table] = read("""
项目名称\t安全生产监管
一级指标\t二级指标\t三级指标\t指标值
产出指标\t质量指标\t无重大安全事故\t是
效益指标\t社会效益指标\t零投诉\t是
""")
    assert [(i.level3, i.raw_value) for i in table.indicators] == [("无重大安全事故", "是"), ("零投诉", "是")]


def test_level3_name_that_reads_like_a_target_is_kept_one_cell_per_line():
    [table] = read("""
项目名称
安全生产监管
一级指标
二级指标
三级指标
指标值
产出指标
质量指标
无重大安全事故
是
效益指标
社会效益指标
群众投诉办结率
100%
""")
    assert [(i.level3, i.raw_value) for i in table.indicators] == [("无重大安全事故", "是"), ("群众投诉办结率", "100%")]


def test_layout_row_of_a_short_name_and_bare_figures_is_a_row_of_its_own():
    starts = (2, 14, 26, 40, 50)
    text = "\n".join([
        "项目名称    职业技能培训",
        layout_line("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", starts=starts),
        layout_line("产出指标", "数量指标", "培训人数", "100", "100", starts=starts),
        layout_line("", "", "培训场次", "12", "12", starts=starts),
    ])
    [table] = read(text)
    assert [(i.level3, i.raw_value, i.actual_raw) for i in table.indicators] == [
        ("培训人数", "100", "100"),
        ("培训场次", "12", "12"),
    ]


def test_a_response_time_target_closes_its_row_in_a_token_row():
    """A compound response-time target (its parts joined by a comma) ends in its time limit and
    the act due within it, which no indicator's name does."""
    [table] = read("""
某项目绩效目标表
一级指标 二级指标 三级指标 指标值
产出指标 时效指标 问题整改响应时间 保洁、安全类问题及时响应,其他问题5个工作日内响应
投诉处理响应时间 24小时内响应
""")
    assert [(i.level3, i.raw_value) for i in table.indicators] == [
        ("问题整改响应时间", "保洁、安全类问题及时响应,其他问题5个工作日内响应"), ("投诉处理响应时间", "24小时内响应")]
