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


# ---------------------------------------------------------------------------------------------
# red-team reports from other provinces


def test_table_end_told_by_cells_and_clauses_not_line_length():
    # a PDF dump: a row longer than prose lines (with a thousands separator), then prose wrapped
    # at about 30 characters whose first line has a clause but no sentence end
    text = """县财政局开展了重点评价。
序号 项目名称 主管部门 评价金额（万元） 评价得分 评价等级
1 县农村生活污水处理设施运维经费项目 县住房和城乡建设局 3,560.00 91.5 优秀
2 农村公路养护资金 县交通运输局 1,876 84 良好
从评价结果看，2个项目均达到良好等级，预算执行率均超过
95%，但仍有部分绩效指标未完成。
"""
    assert [(e.project, e.department, e.amount_wan, e.grade) for e in evaluations_of(text)] == [
        ("县农村生活污水处理设施运维经费项目", "县住房和城乡建设局", 3560.0, "优"),
        ("农村公路养护资金", "县交通运输局", 1876.0, "良")]


def test_header_wrapped_onto_a_second_line():
    # the unit under its column word (blank line between, as PDF text gives it), and
    # pdftotext -layout headers stacked over two lines (评价 / 得分), kept apart by position
    wrapped_unit = """序号 项目名称 主管部门 评价金额 评价得分 评价等级

（万元） （分）

1 高标准农田建设项目 县农业农村局 8,756.32 86.4 良好
"""
    stacked = """  序号        项目名称               主管部门          评价金额      评价     评价
                                                       （万元）      得分     等级
   1    社区居家养老服务补贴    区民政局             2,236.80      90.0      优
"""
    assert [(e.project, e.department, e.amount_wan, e.score, e.grade) for e in evaluations_of(wrapped_unit)] == [
        ("高标准农田建设项目", "县农业农村局", 8756.32, 86.4, "良")]
    assert [(e.project, e.department, e.amount_wan, e.score, e.grade) for e in evaluations_of(stacked)] == [
        ("社区居家养老服务补贴", "区民政局", 2236.8, 90.0, "优")]


def test_running_headers_at_page_tops_stay_out_of_rows_and_findings():
    # a letterhead after a printed page number cuts a table; the issuer's name, printed again
    # in the signature, cuts a findings list
    text = """序号 项目名称 主管部门 评价金额（万元） 评价得分 评价等级
1 中小河流治理工程 县水利局 5,320.6 87.5 良好
2 农村公路养护资金 县交通运输局 1,876 84 良好
— 4 —
某县财政局文件
3 森林防火专项经费 县林业局 589 94 优秀
二、重点评价项目情况
1.城区集中供热补贴资金绩效评价
该项目评价得分78分，评价等级为“中”。主要问题：一是预算编制不完整，部
— 5 —
某县财政局
分非税收入未纳入预算；二是政府采购执行不规范。
某县财政局
2024年1月10日
"""
    evaluations = evaluations_of(text)
    assert [e.project for e in evaluations] == ["中小河流治理工程", "农村公路养护资金", "森林防火专项经费", "城区集中供热补贴资金"]
    assert evaluations[3].findings == ["预算编制不完整，部分非税收入未纳入预算", "政府采购执行不规范"]


def test_projects_listed_with_their_results_in_one_sentence():
    text = """一、重点评价开展情况
2023年，区财政局对3个重点项目开展财政重点绩效评价。其中，“城区
集中供热补贴项目”评价得分92分，评价等级为“优”；“农村饮水安全
巩固提升工程”评价得分85.6分，评价等级为“良”；“老年人助餐服务
补贴”评价得分78分，等级为“中”。
二、下一步工作
对评价结果为“中”的项目压减预算。
"""
    assert [(e.seq, e.project, e.score, e.grade, e.eval_type) for e in evaluations_of(text)] == [
        (1, "城区集中供热补贴项目", 92.0, "优", "key"),
        (2, "农村饮水安全巩固提升工程", 85.6, "良", "key"),
        (3, "老年人助餐服务补贴", 78.0, "中", "key")]


@pytest.mark.parametrize("problems", [
    "存在以下几个方面的问题：一是考核机制不完善；二是台账不规范。",
    "主要存在三个方面问题：一是考核机制不完善；二是台账不规范。",
    "评价发现：一是考核机制不完善；二是台账不规范。",
    "问题主要表现在：一是考核机制不完善；二是台账不规范。",
    "存在问题及原因：一是考核机制不完善；二是台账不规范。",
    "扣分原因：一是考核机制不完善；二是台账不规范。",
    "发现以下问题：考核机制不完善、台账不规范。",
    "评价发现：①考核机制不完善；\n②台账不规范。",  # a circled counter after a line break opens a paragraph
])
def test_findings_after_other_provinces_intros(problems):
    text = f"""二、项目评价情况
（一）“市区污水处理费补贴项目”
该项目评价得分85.5分，评价等级为良。{problems}
三、下一步工作
"""
    [evaluation] = evaluations_of(text)
    assert evaluation.findings == ["考核机制不完善", "台账不规范"]


def test_heading_naming_the_department_in_brackets():
    text = """二、项目评价情况
（一）市区污水处理费补贴项目（主管部门：市住房和城乡建设局）。
评价结果为良好（85.5分）。存在问题：（1）运营单位考核机制不完善；（2）污泥处置台账不规范。
（二）市中小学教师培训经费（主管部门：市教育局）。评价结果为优秀（93分）。
"""
    assert [(e.project, e.department, e.grade, e.score, e.findings) for e in evaluations_of(text)] == [
        ("市区污水处理费补贴项目", "市住房和城乡建设局", "良", 85.5, ["运营单位考核机制不完善", "污泥处置台账不规范"]),
        ("市中小学教师培训经费", "市教育局", "优", 93.0, None)]


def test_header_words_of_other_provinces():
    # 预算单位 is a unit, 自评结果 a grade, a second score column (复核分) is another figure, and
    # a 评价类型 column sets each row's evaluation type
    text = """序号 预算单位 项目名称 预算金额（万元） 自评分 复核分 自评结果 评价类型
1 县农业农村局 高标准农田建设项目 8756.32 95 86.4 良 部门自评
2 县交通运输局 农村公路养护资金 1876 90 84 良 财政重点评价
"""
    assert [(e.department, e.project, e.amount_wan, e.score, e.grade, e.eval_type) for e in evaluations_of(text)] == [
        ("县农业农村局", "高标准农田建设项目", 8756.32, 95.0, "良", "self"),
        ("县交通运输局", "农村公路养护资金", 1876.0, 90.0, "良", "key")]


def test_caption_above_a_one_cell_per_line_header():
    text = """附表
部分项目自评复核结果
序号
预算单位
项目名称
预算金额
（万元）
自评分数
自评结果
1
市教育局
市属高校生均拨款
12,360.00
93.5
优
"""
    assert [(e.seq, e.department, e.project, e.amount_wan, e.score, e.grade) for e in evaluations_of(text)] == [
        (1, "市教育局", "市属高校生均拨款", 12360.0, 93.5, "优")]


def test_wrapped_department_goes_back_to_the_department():
    text = """序号 项目名称 主管部门 评价金额（万元） 评价得分 评价等级
1 罗浮山文化旅游产业发展专项资金 县文化广电旅游体育局 2,000 92.5 优秀
2 就业创业补贴资金 县人力资源和社会保 736.5 91 优秀
障局
3 农村生活污水处理设施运维 县住房和城乡建设局 3,560.00 91.5 优秀
经费
"""
    assert [(e.project, e.department) for e in evaluations_of(text)] == [
        ("罗浮山文化旅游产业发展专项资金", "县文化广电旅游体育局"),
        ("就业创业补贴资金", "县人力资源和社会保障局"),
        ("农村生活污水处理设施运维经费", "县住房和城乡建设局")]


def test_wrapped_cell_in_a_table_without_seq_stays_with_its_row():
    text = """单位名称 项目 预算数（元） 自评得分 等次
区文化和广电旅游体育局 公共文化场馆免费开放补 1850000 96 优
助
区市场监督管理局 食品安全抽检经费 980000 58 差
"""
    assert [(e.seq, e.department, e.project) for e in evaluations_of(text)] == [
        (1, "区文化和广电旅游体育局", "公共文化场馆免费开放补助"), (2, "区市场监督管理局", "食品安全抽检经费")]


def test_caption_between_two_tables_is_no_part_of_a_row():
    text = """表1 部分项目部门自评结果
序号 主管部门 项目名称 项目金额（万元） 自评得分 自评等级
1 县卫生健康局 家庭医生签约服务经费 468.9 89.5 良
表2 2023年度财政重点评价结果
序号 项目名称 主管部门 评价金额（万元） 评价得分 评价等级
1 美丽乡村长效管护经费 县农业农村局 3,200.00 91.2 优
"""
    assert [(e.department, e.project, e.eval_type) for e in evaluations_of(text)] == [
        ("县卫生健康局", "家庭医生签约服务经费", "self"), ("县农业农村局", "美丽乡村长效管护经费", "key")]


def test_amount_as_project_funds_and_the_unit_of_a_department_wide_evaluation():
    text = """二、重点评价项目情况
（一）“农村义务教育学生营养改善计划”
该项目主管部门为县教育局，项目资金3120.5万元。该项目综合得分91.2分，绩效等级为优。
（二）县卫生健康局部门整体支出绩效评价
评价得分78分，评价等级为“中”。
"""
    assert [(e.project, e.department, e.amount_wan, e.grade) for e in evaluations_of(text)] == [
        ("农村义务教育学生营养改善计划", "县教育局", 3120.5, "优"),
        ("县卫生健康局部门整体支出", "县卫生健康局", None, "中")]
