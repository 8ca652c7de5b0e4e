"""The narrative-facts recogniser (recognisers.facts) on made-up sentences in the style of other
provinces' reports (none copied from the samples); the samples are graded in test_sample_scores."""
from __future__ import annotations

import pytest

from parsers.layout import Layout, Line, Page
from recognisers.facts import find_facts


def layout_of(text: str) -> Layout:
    """A one-page layout whose lines are the text's lines (numbered from 1)."""
    lines = [Line(t, 1, n) for n, t in enumerate(text.strip().splitlines(), start=1)]
    return Layout("txt", [Page(1, lines)])


def facts_of(text: str):
    return find_facts(layout_of(text))


def only(facts, value):
    """The one fact whose value is ``value``."""
    found = [f for f in facts if f.value == value]
    assert len(found) == 1, [(f.value, f.unit) for f in facts]
    return found[0]


# ---------------------------------------------------------------------------------------------
# numbers, units, normalisation


def test_chinese_numerals_are_read():
    facts = facts_of("二、绩效自评\n共收到各单位报送的自评材料两千多份，另有两个部门补报。")
    materials = only(facts, 2000)
    assert (materials.unit_norm, materials.value_norm, materials.approx) == ("份", 2000, True)
    assert only(facts, 2).unit_norm == "个"


def test_organisational_units_count_only_where_they_are_set_up():
    fact = only(facts_of("局机关内设三科，配备专职人员5名。"), 3)
    assert (fact.unit_norm, fact.measure) == ("科", "count")


def test_money_is_normalised_to_wan_yuan():
    facts = facts_of("评价资金合计12.34亿元，节约财政资金560万元，发放补助85000元，资金规模达1.5万亿元。")
    assert [(f.value, f.unit, f.value_norm, f.unit_norm) for f in facts] == [
        (12.34, "亿元", 123400, "万元"),
        (560, "万元", 560, "万元"),
        (85000, "元", 8.5, "万元"),
        (1.5, "万亿元", 150000000, "万元"),
    ]
    assert {f.measure for f in facts} == {"amount"}


def test_wan_multiplier_of_a_count_is_multiplied_out():
    fact = only(facts_of("全年审核绩效指标2.6万余条。"), 2.6)
    assert (fact.unit, fact.value_norm, fact.unit_norm, fact.approx) == ("万余条", 26000, "条", True)


def test_percent_in_figures_and_in_words():
    facts = facts_of("部门整体支出自评覆盖率达到百分之百，项目自评覆盖率98.5％，约三成单位需整改。")
    assert [(f.value_norm, f.unit_norm, f.measure) for f in facts] == [
        (100, "%", "ratio"), (98.5, "%", "ratio"), (30, "%", "ratio")]
    assert facts[2].approx


@pytest.mark.parametrize("text, value, approx", [
    ("本年度涉及资金约3.5亿元。", 3.5, True),
    ("审核项目超200个。", 200, True),
    ("培训财务人员400余人次。", 400, True),
    ("近60家单位参加了培训。", 60, True),
    ("自评得分均在90分以上。", 90, True),
    ("共评价项目56个。", 56, False),
])
def test_approximations(text, value, approx):
    assert only(facts_of(text), value).approx is approx


def test_a_score_in_chinese_numerals_and_the_adverb_shifen():
    facts = facts_of("该项目评价得分九十分，工作十分扎实。")
    assert [(f.value, f.unit, f.measure) for f in facts] == [(90, "分", "score")]


def test_chinese_decimals_are_read():
    fact = only(facts_of("共评价项目二十五个，涉及资金三点五亿元。"), 3.5)
    assert (fact.unit, fact.value_norm, fact.subject) == ("亿元", 35000, "涉及资金")


@pytest.mark.parametrize("sentence, low, unit", [
    ("培训人员200至300人次。", 200, "人次"),
    ("每个项目现场核查时间为3～5个工作日。", 3, "个工作日"),
    ("单个项目评价经费一般为5万-8万元。", 5, "万元"),
])
def test_a_range_is_one_fact_at_its_low_end(sentence, low, unit):
    facts = facts_of(sentence)
    assert [(f.value, f.unit) for f in facts] == [(low, unit)]
    assert facts[0].subject and not any(c in facts[0].subject for c in "-~～至")


def test_round_numbers_named_by_their_power_are_approximate_counts():
    facts = facts_of("对全区近千个项目开展绩效监控，审核百余个新增项目，培训财务人员千余人次。")
    assert [(f.value, f.unit, f.approx) for f in facts] == [
        (1000, "个", True), (100, "余个", True), (1000, "余人次", True)]
    assert not facts_of("千家万户受益，开展百日攻坚。")


def test_numbers_in_cells_of_an_unruled_table_do_not_run_together():
    facts = facts_of("各等级分布如下：优 198 42,615.3 63.5%，良 80 12,000 25.6%。")
    assert [(f.value, f.unit, f.subject) for f in facts] == [(63.5, "%", "优"), (25.6, "%", "良")]


def test_money_written_without_yuan_after_a_money_word():
    facts = facts_of("涉及资金3.5亿，核减资金1200万，投资规模达3亿多，惠及人口12万。")
    assert [(f.value, f.unit, f.value_norm, f.unit_norm, f.approx) for f in facts] == [
        (3.5, "亿", 35000, "万元", False), (1200, "万", 1200, "万元", False), (3, "亿多", 30000, "万元", True)]


# ---------------------------------------------------------------------------------------------
# not facts


@pytest.mark.parametrize("text", [
    "各单位须于2023年6月30日前报送自评报告。",
    "根据《关于全面实施预算绩效管理的实施意见》（湘财绩〔2023〕12号）要求开展工作。",
    "主要做法：一是健全制度；二是强化审核；三是抓好公开。",
    "1、健全制度体系。2、强化结果应用。",
    "从立项必要性、投入经济性等五个方面开展事前评估，把好四个环节。",
    "统筹四本预算，坚持三农优先，落实三位一体监督机制。",
    "实现“两个全覆盖”，抓好三个“关键”环节。",
    "第三方机构参与评价，第一批试点单位名单已公布。",
    "五家渠市、三台县财政局派员参加，预算三科负责审核。",
    "污水处理厂二期工程和三期工程进展顺利。",
    "按照“一个部门一套指标体系”的思路推进。",
])
def test_not_facts(text):
    assert facts_of(text) == []


# ---------------------------------------------------------------------------------------------
# grade summaries, thresholds, subjects


def test_grade_summary_after_the_count():
    facts = facts_of("四、绩效评价\n其中，1个优、4个良、3个中。")
    assert [(f.value, f.subject) for f in facts] == [
        (1, "评价为“优”的项目"), (4, "评价为“良”的项目"), (3, "评价为“中”的项目")]


def test_grade_summary_before_the_count():
    facts = facts_of("评价结果为优秀的5个、良好的7个、合格的2个。")
    assert [(f.value, f.subject) for f in facts] == [
        (5, "评价为“优秀”的项目"), (7, "评价为“良好”的项目"), (2, "评价为“合格”的项目")]
    assert {f.measure for f in facts} == {"count"}


def test_thresholds_in_rules():
    facts = facts_of("新增项目资金在500万元以上的，原则上须开展事前绩效评估；每个部门公开不少于3个项目的绩效目标。")
    assert [(f.value, f.measure) for f in facts] == [(500, "threshold"), (3, "threshold")]


def test_an_open_bound_in_a_report_of_results_is_no_threshold():
    fact = only(facts_of("全年审核项目资金超过800个，涉及金额约6亿元。"), 800)
    assert fact.measure == "count"


@pytest.mark.parametrize("text, value, subject", [
    ("截至年底，共对42个新增项目开展事前绩效评估。", 42, "新增项目事前绩效评估"),
    ("评价涉及资金8.7亿元。", 8.7, "评价涉及资金"),
    ("培训后工作群人数已达315人。", 315, "培训后工作群人数"),
    ("次均门诊费用较2022年下降4.5%。", 4.5, "次均门诊费用下降幅度"),
])
def test_subjects(text, value, subject):
    assert only(facts_of(text), value).subject == subject


def test_a_band_defining_a_class_is_a_threshold_and_names_the_count_after_it():
    facts = facts_of("重点评价项目中，得分在80-89分之间的项目有8个，完成率在80%-90%的项目12个。")
    assert [(f.value, f.measure, f.subject) for f in facts] == [
        (80, "threshold", "重点评价得分"),
        (8, "count", "得分在80-89分之间的项目"),
        (80, "threshold", "完成率"),
        (12, "count", "完成率在80%-90%的项目"),
    ]


def test_an_open_bound_names_the_count_after_it():
    facts = facts_of("评价得分在90分以上的项目有5个。")
    assert only(facts, 5).subject == "评价得分在90分以上的项目"


@pytest.mark.parametrize("sentence", [
    "项目资金执行率由上年的85%提高到92.3%。",
    "项目资金执行率从2022年的85%上升至2023年的92.3%。",
])
def test_both_ends_of_a_change_measure_what_is_named_before_it(sentence):
    facts = facts_of(sentence)
    assert [(f.value, f.subject) for f in facts] == [(85, "项目资金执行率"), (92.3, "项目资金执行率")]


def test_a_change_named_by_its_verb_alone_takes_the_subject_before_it():
    facts = facts_of("纳入绩效监控的资金达1256.78亿元，同比增长12.5%。")
    assert only(facts, 12.5).subject == "纳入绩效监控的资金同比增长幅度"


# ---------------------------------------------------------------------------------------------
# topics and years


def test_topic_from_the_heading_when_the_sentence_names_none():
    facts = facts_of("（二）事前绩效评估\n共审核项目42个，审减资金1.6亿元。")
    assert {f.topic for f in facts} == {"prior_assessment"}


def test_topic_from_the_sentence_under_a_generic_heading():
    facts = facts_of("六、其他工作\n举办业务培训班3期，参训人员260人次。\n对58个项目开展绩效运行监控。")
    assert [f.topic for f in facts] == ["capacity", "capacity", "monitoring"]


def test_the_clause_outweighs_the_heading():
    text = "五、强化评价结果应用\n对12个项目开展财政重点评价，根据评价结果调减预算资金1200万元。"
    topics = {f.value: f.topic for f in facts_of(text)}
    assert topics == {12: "key_evaluation", 1200: "result_application"}


def test_nothing_to_go_by_is_other():
    assert only(facts_of("全市一般公共预算支出235.6亿元。"), 235.6).topic == "other"


def test_each_phrase_of_a_clause_takes_its_own_topic():
    facts = facts_of("四、评价情况\n全年共评价项目15个，其中部门自评10个、财政重点评价5个。")
    assert only(facts, 10).topic == "self_evaluation"
    assert only(facts, 5).topic == "key_evaluation"


def test_an_amount_takes_the_topic_of_the_activity_in_the_clause_before_it():
    facts = facts_of("四、评价情况\n全面开展绩效自评复核，对6个重点项目开展财政重点评价，评价资金合计3.47亿元。")
    assert only(facts, 3.47).topic == "key_evaluation"


def test_a_project_heading_gives_project_outcomes_not_the_topics_its_name_suggests():
    text = """三、重点绩效评价情况
（一）基层医疗卫生机构能力提升项目
该项目评价得分82分，评价等级为“良”。项目完成危桥改造18座，惠及学生4.6万人。
"""
    facts = facts_of(text)
    assert only(facts, 82).topic == "key_evaluation"
    assert {only(facts, 18).topic, only(facts, 4.6).topic} == {"project_outcome"}


def test_last_years_value_in_a_change_is_dated_a_year_earlier():
    text = "关于2023年度预算绩效管理工作的报告\n一、事前绩效评估\n评估覆盖面由上年的72%提高到100%。"
    assert [(f.value, f.year) for f in facts_of(text)] == [(72, 2022), (100, 2023)]


def test_a_list_counter_and_a_limiting_adverb_are_not_part_of_the_subject():
    assert only(facts_of("三是资金使用进度仅为38%。"), 38).subject == "资金使用进度"


def test_a_score_in_brackets_is_named_after_the_evaluation():
    assert only(facts_of("一、重点评价\n该项目评价结果为优秀（93分）。"), 93).subject == "重点评价得分"


def test_a_share_after_a_count_is_the_share_of_what_was_counted():
    facts = facts_of("评价结果显示，优秀等次项目3个，占20%；良好等次8个，占53.3%。")
    assert [(f.value, f.subject) for f in facts] == [
        (3, "评价为“优秀”的项目"), (20, "评价为“优秀”的项目占比"),
        (8, "评价为“良好”的项目"), (53.3, "评价为“良好”的项目占比")]


def test_an_average_is_not_part_of_the_counted_noun():
    facts = facts_of("5个项目平均得分84.3分。")
    assert [(f.value, f.subject) for f in facts] == [(5, "项目"), (84.3, "项目平均得分")]


def test_durations_in_days_and_class_hours():
    facts = facts_of("举办培训班2期，每期3天，培训时长累计48学时，第5天结业。")
    assert [(f.value, f.unit, f.measure) for f in facts] == [
        (2, "期", "count"), (3, "天", "quantity"), (48, "学时", "quantity")]


def test_the_second_of_a_pair_shares_the_first_ones_subject():
    facts = facts_of("自评项目和资金的覆盖率分别为85%和92%。")
    assert [(f.value, f.subject) for f in facts] == [(85, "自评项目和资金的覆盖率"), (92, "自评项目和资金的覆盖率")]


def test_a_grade_with_a_bound_names_the_projects_counted():
    fact = only(facts_of("对评价结果为“中”及以下的4个项目压减预算。"), 4)
    assert fact.subject == "评价为“中”及以下的项目"


def test_outcome_verbs_do_not_take_a_stages_results_away_from_it():
    facts = facts_of("一、事前评估\n全年评估项目42个，其中建议不予支持项目6个，核减资金1.3亿元。监控发现并督促整改问题76个。")
    assert {f.value: f.topic for f in facts} == {
        42: "prior_assessment", 6: "prior_assessment", 1.3: "prior_assessment", 76: "monitoring"}


def test_a_heading_without_cues_takes_its_topic_from_the_headings_under_it():
    text = """三、纳入人大审查的20个民生项目情况
（一）绩效自评开展情况
各单位均按时报送了自评报告。
（二）自评结果
自评结果均为优。
"""
    assert only(facts_of(text), 20).topic == "self_evaluation"


def test_years_from_sentence_heading_and_report():
    text = """关于2023年度预算绩效管理工作的报告
一、2023年工作开展情况
对2022年度8个项目开展重点评价，次均费用较2021年下降3%，调减资金300万元。
二、下一步工作安排
重点评价项目不少于10个。
"""
    years = {f.value: f.year for f in facts_of(text)}
    assert years == {8: 2022, 3: 2022, 300: 2022, 10: None}


def test_report_year_when_no_heading_names_one():
    text = "某县2024年预算绩效管理工作情况\n一、绩效自评\n完成部门整体支出绩效自评86家。"
    assert only(facts_of(text), 86).year == 2024


def test_source_span_covers_the_sentence_lines():
    text = "一、绩效评价\n共完成项目支出绩效自评\n1863个，涉及资金48.3亿元。"
    facts = facts_of(text)
    assert [f.source_span for f in facts] == ["p1:l2-3", "p1:l2-3"]
    assert facts[0].section == "一、绩效评价"


def test_a_sentence_without_cues_takes_its_topic_from_the_sentence_before_it():
    facts = facts_of("一、总体情况\n市财政局委托第三方机构对6个项目开展重点绩效评价。评价结果为优的2个，良的3个，中的1个。")
    assert {f.topic for f in facts} == {"key_evaluation"}
    assert sorted(f.value for f in facts) == [1, 2, 3, 6]
