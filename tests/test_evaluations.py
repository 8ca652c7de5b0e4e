"""The evaluation recogniser on made-up reports in other provinces' styles (score tables in tabs,
spaces and one cell per line, prose evaluations); the samples are graded in test_sample_scores."""
from __future__ import annotations

import pytest

from parsers.text import text_layout
from recognisers.evaluations import find_evaluations, split_findings


def evaluations_of(text: str):
    return find_evaluations(text_layout(text))


def by_project(evaluations) -> dict:
    return {e.project: e for e in evaluations}


# ---------------------------------------------------------------------------------------------
# result tables

TAB_TABLE = """附件1
2023年度区级财政重点绩效评价结果表
序号\t项目名称\t评价得分\t评价等级\t主管部门\t评价金额（元）\t备注
1\t老旧小区改造补助资金\t87.5\t良\t区住房和城乡建设局\t3,560,000\t
2\t中小学校舍维修经费\t92\t优秀\t区教育局\t1200000\t第三方评价
小计\t\t\t\t\t4760000\t
3\t农村饮水安全巩固提升工程\t68\t中\t区水利局\t850000\t
合计\t\t\t\t\t5610000\t
"""


def test_tab_table_with_columns_in_another_order():
    evaluations = evaluations_of(TAB_TABLE)
    assert [e.project for e in evaluations] == ["老旧小区改造补助资金", "中小学校舍维修经费", "农村饮水安全巩固提升工程"]
    first, second, third = evaluations
    assert (first.seq, first.score, first.grade, first.department) == (1, 87.5, "良", "区住房和城乡建设局")
    assert first.amount_wan == pytest.approx(356.0)  # the header says 元
    assert second.grade == "优"  # 优秀 as printed, 优 in the table
    assert third.seq == 3 and third.amount_wan == pytest.approx(85.0)
    assert {e.eval_type for e in evaluations} == {"key"}
    assert first.source_span == "p1:l4"


TAB_WRAPPED = """表2 2023年度项目支出绩效自评结果
序号\t主管部门\t项目名称\t自评得分\t等次
1\t市城市管理局\t城区道路照明设施\t90.5\t优
\t\t改造经费\t\t
2\t\t环卫作业市场化服务资金\t84\t良
\f序号\t主管部门\t项目名称\t自评得分\t等次
3\t\t城市绿化养护经费\t88\t良
"""


def test_tab_rows_continued_on_a_second_row_and_merged_department():
    evaluations = evaluations_of(TAB_WRAPPED)
    assert [e.project for e in evaluations] == ["城区道路照明设施改造经费", "环卫作业市场化服务资金", "城市绿化养护经费"]
    # the merged 主管部门 cell runs down the table, across the page break and its repeated header
    assert [e.department for e in evaluations] == ["市城市管理局"] * 3
    assert evaluations[0].source_span == "p1:l3-4"
    assert evaluations[2].page == 2
    assert {e.eval_type for e in evaluations} == {"self"}


SPACED_PAGES = """表1 2023年度省直部门项目支出绩效自评结果
序号 主管部门 项目名称 预算金额（万元） 自评得分 自评等级
一、省直部门
1 省农业农村厅 高标准农田建设补助资金 52000 95.2 优
2
省人力资源和社会保
障厅
职业技能提升行动专项资金 18300.5 88 良
\f序号 主管部门 项目名称 预算金额（万元） 自评得分 自评等级
3 省卫生健康委员会
基层医疗卫生机构能力提
升补助经费
7600 79.5 中
合计 77900.5
注：预算金额为年初预算数。
（二）存在的主要问题
"""


def test_space_table_split_over_pages_with_wrapped_names():
    evaluations = evaluations_of(SPACED_PAGES)
    found = by_project(evaluations)
    assert list(found) == ["高标准农田建设补助资金", "职业技能提升行动专项资金", "基层医疗卫生机构能力提升补助经费"]
    assert found["职业技能提升行动专项资金"].department == "省人力资源和社会保障厅"
    third = found["基层医疗卫生机构能力提升补助经费"]
    assert (third.seq, third.department, third.amount_wan, third.score, third.grade, third.page) == (
        3, "省卫生健康委员会", 7600.0, 79.5, "中", 2)
    assert {e.eval_type for e in evaluations} == {"self"}


ONE_CELL_PER_LINE = """2023年度市级财政重点评价结果
序号
项目名称
实施单位
评价得分
评价等次
1
市公共文化服务体系
建设经费
市文化广电旅游局
82
良好
- 5 -
序号
项目名称
实施单位
评价得分
评价等次
2
创业担保贷款贴息资金
市人力资源和社会保障局
58.5
差
三、下一步工作
"""


def test_one_cell_per_line_with_repeated_header():
    evaluations = evaluations_of(ONE_CELL_PER_LINE)
    assert [(e.seq, e.project, e.department, e.score, e.grade) for e in evaluations] == [
        (1, "市公共文化服务体系建设经费", "市文化广电旅游局", 82.0, "良"),
        (2, "创业担保贷款贴息资金", "市人力资源和社会保障局", 58.5, "差"),
    ]


VISUAL_ROWS = """序号 部门 项目名称 金额（万元） 得分 等级
1 区交通运输 农村公路安全生 560 91 优
局 命防护工程
2 区民政局 养老服务补贴 320 86 良
"""


def test_space_rows_whose_wrapped_cells_follow_the_values():
    evaluations = evaluations_of(VISUAL_ROWS)
    assert [(e.department, e.project) for e in evaluations] == [
        ("区交通运输局", "农村公路安全生命防护工程"), ("区民政局", "养老服务补贴")]


def test_seq_numbers_printed_with_a_point():
    text = """序号 项目名称 得分 等级
1. 农村公路养护资金 88 良
2. 社区养老服务补助 91 优
三、下一步工作
"""
    assert [(e.seq, e.project, e.grade) for e in evaluations_of(text)] == [
        (1, "农村公路养护资金", "良"), (2, "社区养老服务补助", "优")]


def test_tables_that_are_not_evaluation_results_are_left_alone():
    text = """部门预算支出表
序号\t项目名称\t预算数（万元）\t执行数（万元）
1\t办公设备购置\t12\t11.5
"""
    assert evaluations_of(text) == []


# ---------------------------------------------------------------------------------------------
# prose

PROSE = """四、重点绩效评价情况
今年委托第三方机构对2个项目开展重点绩效评价。
（一）城乡居民基本医疗保险财政补助资金绩效评价
该项目由市医疗保障局负责实施，评价金额2,860万元。经评价，综合评分85.5分，评价等级为“良”。评价发现的主要问题：一是部分参保人员信息更新不及时；二是基金支出进度偏慢，结余偏多；三是绩效目标设置不够细化。
（二）“智慧停车”项目绩效评价
项目主管部门为市城市管理局。评价结果为优秀（91分）。但仍存在建设进度滞后、运维制度不健全等问题。
五、下一步工作
（一）强化结果应用
对存在资金拨付慢、管理不规范等问题的项目，督促限期整改。
"""


def test_prose_evaluations_with_grade_score_and_findings():
    evaluations = evaluations_of(PROSE)
    assert [e.project for e in evaluations] == ["城乡居民基本医疗保险财政补助资金", "智慧停车"]
    first, second = evaluations
    assert (first.seq, first.department, first.amount_wan, first.score, first.grade, first.eval_type) == (
        1, "市医疗保障局", 2860.0, 85.5, "良", "key")
    assert first.findings == ["部分参保人员信息更新不及时", "基金支出进度偏慢，结余偏多", "绩效目标设置不够细化"]
    assert (second.seq, second.department, second.score, second.grade) == (2, "市城市管理局", 91.0, "优")
    assert second.findings == ["建设进度滞后", "运维制度不健全"]
    assert first.source_span == "p1:l3-4"


PROSE_SUBSECTIONS = """二、部门绩效自评情况
（一）高标准农田建设项目
1.项目概况。项目总投资3,500万元，实施单位为县农业农村局。
2.自评结论。综合得分78分，评价等级为中。
3.存在问题。（1）项目前期论证不充分。（2）部分设施管护责任未落实。
（二）加强自评结果运用
对自评发现的问题，督促整改。
"""


def test_prose_evaluation_with_problems_under_a_sub_heading():
    evaluations = evaluations_of(PROSE_SUBSECTIONS)
    assert len(evaluations) == 1
    evaluation = evaluations[0]
    assert (evaluation.project, evaluation.department, evaluation.amount_wan, evaluation.score,
            evaluation.grade, evaluation.eval_type) == ("高标准农田建设项目", "县农业农村局", 3500.0, 78.0, "中", "self")
    assert evaluation.findings == ["项目前期论证不充分", "部分设施管护责任未落实"]


def test_work_sections_that_mention_problems_are_not_evaluations():
    text = """二、全面推进绩效评价
（一）加强重点项目评价
对存在资金拨付慢、管理不规范等问题的项目，督促整改。
（二）部门整体支出绩效评价
评价发现部分部门存在预算编制不精准等问题。
三、市人大审议的20个重点项目支出绩效评价情况
各部门自评工作质量有所提高，但仍存在一些问题：一是指标设置简单；二是自评材料报送不及时。
"""
    assert evaluations_of(text) == []


def test_a_table_row_and_its_prose_section_are_one_evaluation():
    text = TAB_TABLE + """二、评价发现的问题
（一）老旧小区改造补助资金绩效评价结果
评价发现项目存在部分小区改造内容与居民需求不符；竣工验收不及时等问题。
"""
    evaluations = evaluations_of(text)
    assert len(evaluations) == 3
    assert evaluations[0].findings == ["部分小区改造内容与居民需求不符", "竣工验收不及时"]


# ---------------------------------------------------------------------------------------------
# findings


def test_findings_drop_counters_and_area_labels_and_keep_categories():
    text = "资金管理方面：一是支出审批不严格；二是台账不完整；项目管理不规范：一是未按期验收"
    assert split_findings(text) == ["支出审批不严格", "台账不完整", "项目管理不规范", "未按期验收"]


def test_findings_leave_out_an_items_explanation():
    text = "一是绩效目标不够明确。部分指标无法量化，难以考核。二是资金拨付滞后，影响进度"
    assert split_findings(text) == ["绩效目标不够明确", "资金拨付滞后，影响进度"]


def test_findings_without_semicolons_are_split_on_enumeration_commas():
    assert split_findings("资金使用不规范、档案管理缺失") == ["资金使用不规范", "档案管理缺失"]
    assert split_findings("一是前期论证不足，二是验收程序缺失") == ["前期论证不足", "验收程序缺失"]


def test_work_item_heading_before_evaluation_words_is_not_a_project():
    text = """一、主要工作开展情况
（四）做实绩效评价。委托第三方机构对12个重点项目开展重点评价，涉及资金9.87亿元，评价结果为“优”的5个。
（五）“老旧小区改造补助资金”绩效评价结果
该项目评价等级为“良”，项目总投资9.87亿元。"""
    [evaluation] = evaluations_of(text)
    assert (evaluation.project, evaluation.grade, evaluation.amount_wan) == ("老旧小区改造补助资金", "良", 98700.0)
