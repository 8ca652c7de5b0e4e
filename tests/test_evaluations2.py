"""The evaluation recogniser on round-2 red-team layouts (made-up text): suggestions after the
problems, Word's 1） counters, run-in numbered projects, letter grades, full-width figures and
letter-spaced table headers."""
from __future__ import annotations

from parsers.text import text_layout
from recognisers.evaluations import find_evaluations


def evaluations_of(text: str):
    return find_evaluations(text_layout(text))


def test_suggestions_after_the_problems_are_not_findings():
    text = """二、重点评价结果
（一）“乡村道路亮化专项资金”绩效评价
该项目评价得分84分，评价等级为“良”。主要问题：一是路灯维护不及时；二是资金拨付滞后。整改建议：一是建立维护台账；二是加快拨付。
（二）“社区养老服务补贴”绩效评价
该项目评价得分80分。存在问题：补贴对象核查不严；档案不完整。下一步，建议加强审核。
"""
    assert [e.findings for e in evaluations_of(text)] == [
        ["路灯维护不及时", "资金拨付滞后"], ["补贴对象核查不严", "档案不完整"]]


def test_items_counted_with_a_closing_bracket_only():
    text = """三、重点评价项目情况
（一）城区公厕运维经费
1.评价结论
该项目综合得分72分，评价等级为“中”。
2.存在问题
1）保洁考核不到位；
2）设施维修不及时。
"""
    [evaluation] = evaluations_of(text)
    assert evaluation.findings == ["保洁考核不到位", "设施维修不及时"]


def test_numbered_items_each_naming_a_unit_its_project_and_result():
    text = """二、部门评价结果
各部门对3个项目开展了绩效自评，结果如下：
1.区司法局“人民调解员补贴”项目，评价得分90.5分，评价等级为“优”。
2.区应急管理局“森林防火物资储备经费”项目，评价得分75分，评价等级为“中”，存在物资台账不全、轮换不及时等问题。
三、下一步工作
"""
    assert [(e.department, e.project, e.score, e.grade, e.eval_type, e.findings) for e in evaluations_of(text)] == [
        ("区司法局", "人民调解员补贴", 90.5, "优", "self", None),
        ("区应急管理局", "森林防火物资储备经费", 75.0, "中", "self", ["物资台账不全", "轮换不及时"])]


def test_letter_grades_and_scores_printed_with_their_unit():
    text = """序号 项目名称 主管部门 评价得分 评价等级
1 河道保洁经费 区水务局 91.25分 “A”
2 校车运营补贴 区教育局 66分 C
（一）“城市书房运营经费”绩效评价
该项目评价得分85分，评价等级为B级。
"""
    assert [(e.project, e.score, e.grade) for e in evaluations_of(text)] == [
        ("河道保洁经费", 91.25, "优"), ("校车运营补贴", 66.0, "中"), ("城市书房运营经费", 85.0, "良")]


def test_figures_typed_in_full_width_characters():
    text = """二、财政重点评价情况
（一）“城市应急广播建设资金”绩效评价结果
该项目评价得分８８．５分，评价等级为“良”，项目资金２，４００万元。
"""
    [evaluation] = evaluations_of(text)
    assert (evaluation.score, evaluation.amount_wan) == (88.5, 2400.0)


def test_letter_spaced_header_words():
    # pdftotext -layout prints a justified header cell's characters apart; a row's one-character
    # cells (良 良) stay apart
    text = """  序  号     项  目  名  称       主 管 部 门     评价金额（万元）   自评等级  复核等级
   1      城区路灯维护经费       区城市管理局        1,250.00         良 良
"""
    assert [(e.seq, e.project, e.department, e.amount_wan, e.grade) for e in evaluations_of(text)] == [
        (1, "城区路灯维护经费", "区城市管理局", 1250.0, "良")]


def test_layout_rows_whose_cells_are_centred_vertically():
    # pdftotext -layout prints a row's 序号 and figures on the middle line of its wrapped cells
    text = """  序号    主管部门          项目名称                 评价金额（万元）   得分    等级
          区城市管理局      城区道路照明设施改造
   1                                                     1,250.00       90.5     优
                            经费
   2      区水务局          河道保洁经费                   860.00       84.0     良
          区人力资源和      就业见习补贴及职业技能
   3      社会保障局        培训补助资金                   640.00       78.0     中
                            项目
"""
    assert [(e.seq, e.department, e.project, e.amount_wan) for e in evaluations_of(text)] == [
        (1, "区城市管理局", "城区道路照明设施改造经费", 1250.0), (2, "区水务局", "河道保洁经费", 860.0),
        (3, "区人力资源和社会保障局", "就业见习补贴及职业技能培训补助资金项目", 640.0)]


def test_the_finance_bureaus_score_outranks_the_self_score():
    text = """序号 项目名称 主管部门 预算金额（万元） 部门自评得分 财政评价得分 评价等级
1 城区绿道维护经费 区园林局 560.00 96 84.5 良
"""
    [evaluation] = evaluations_of(text)
    assert (evaluation.department, evaluation.score, evaluation.eval_type) == ("区园林局", 84.5, "key")


def test_heading_stating_the_result_in_brackets():
    text = """三、重点绩效评价结果
（一）城区公共自行车运营项目（得分88.5分，等级“良”）
项目由区城市管理局负责实施。存在问题：车辆调度不合理；站点维护不及时。
"""
    assert [(e.project, e.department, e.score, e.grade, e.findings) for e in evaluations_of(text)] == [
        ("城区公共自行车运营项目", "区城市管理局", 88.5, "良", ["车辆调度不合理", "站点维护不及时"])]
