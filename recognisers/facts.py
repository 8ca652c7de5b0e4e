"""Narrative facts: every statistic the report's prose states → :class:`schemas.records.Fact`.

A fact is a number with its unit that quantifies something (30个新增项目, 涉及金额2.76亿元,
核减率44.63%, 一千多份, 不少于两个, 1个项目评价为“优”). The stages, each a small function:

    sectionise            layout → prose sentences with heading paths (recognisers.sections);
                          goal tables and text tables are not prose
    may_hold_quantity     a cheap character test: most sentences hold no number with a unit and
                          never reach spaCy
    quantity_nlp          sentence → Doc with QUANTITY, ORG and GPE entities (pipeline.nlp)
    read_quantity         QUANTITY entity → number, unit, normalised value, approximation
    is_not_a_fact         ordinals, quoted slogans and titles, document numbers, articles (一个),
                          enumerations of aspects (五个方面), set phrases (四本预算)
    measure_of            unit and rule words → count / amount / ratio / score / quantity / threshold
    subject_of            the tokens around the quantity → the phrase naming what is counted
    topic_of              cue words of the clause, the sentence, its lead sentence (一是…) and its
                          headings → one of the contract's topics
    year_of               a year stated before the quantity, else the heading's, else the report's
                          (none under a forward-looking heading such as 下一步工作安排)

Dates and document numbers never become facts because 年/月/日/号 are not units.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from parsers.layout import Layout, span_of
from pipeline.nlp import (APPROX_TAILS, MULTIPLIERS, PERCENT_WORD, RANGE_SEPARATORS, UNITS, UNITS_BY_MEASURE,
                          quantity_nlp)
from pipeline.values import MONEY_TO_WAN, MULTIPLIERS as VALUE_MULTIPLIERS, to_ascii_width
from recognisers.metadata import (CHINESE_DIGITS as CHINESE_DIGITS_TABLE, CHINESE_YEAR, FULL_WIDTH_DIGITS,
                                  find_title, report_year, squash, title_line_indices)
from recognisers.evaluations import EVAL_SUFFIX, PROJECT_NOUN
from recognisers.sections import HEADING_COUNTER, Heading, Sectioned, Sentence, sectionise, squash
from schemas.records import Fact

# ---------------------------------------------------------------------------------------------
# vocabulary

UNIT_MEASURE = {unit: measure for measure, units in UNITS_BY_MEASURE.items() for unit in units}
UNIT_MEASURE[PERCENT_WORD] = "ratio"
UNIT_MEASURE.update({multiplier: "amount" for multiplier in MULTIPLIERS})  # 涉及资金3.5亿: 亿 for 亿元
# ratio units → (factor to percent, normalised unit)
RATIO_IN_PERCENT = {"%": (Decimal(1), "%"), "‰": (Decimal("0.1"), "%"), "成": (Decimal(10), "%"),
                    "个百分点": (Decimal(1), "百分点"), "百分点": (Decimal(1), "百分点")}
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
ROUND_NUMERALS = {"百", "千", "万"}  # a power alone (近千个, 千余人次) is a round, approximate number

# a sentence may hold a quantity: a digit or a Chinese numeral, an optional 多/余/万/亿, a unit;
# a digit before 万/亿 (money written without 元); or a percentage in words
QUANTITY_HINT = re.compile(
    "[0-9０-９零〇一二两三四五六七八九十百千万][多余万亿]{0,3}(?:"
    + "|".join(re.escape(u) for u in UNITS) + f")|[0-9０-９][万亿]|{PERCENT_WORD}"
)

# --- not facts
OPENERS, CLOSERS = "《〔【[“‘「", "》〕】]”’」"
OPENING_QUOTES = {"“", "‘", "「", '"'}
# what a counted "aspect" is called: 从五个方面, 四个环节, 三个层面 are enumerations, not statistics
ENUMERATED_NOUNS = (
    "方面", "环节", "层面", "维度", "步骤", "阶段", "原则", "方向", "领域", "举措", "措施", "路径",
    "要素", "结合", "转变", "统一", "到位", "优先", "坚持", "关口", "全覆盖",
)
# political and budgeting set phrases whose numeral counts nothing
SET_PHRASES = re.compile(
    r"^(?:[一二两三四五六七八九十]本(?:预算|账)|[一二两三四五六七八九十]位一体|两个(?:确立|维护|务必|毫不动摇)|"
    r"四个(?:意识|自信|全面)|三个代表|三重一大|三保|六稳|六保|十分|万分)"
)
# one (一) with a classifier is an article (一个部门, 一批项目); 二 before a classifier is an
# ordinal prefix (二次分配, 二级单位): two of something is written 两
ARTICLE_NUMERALS = {"一", "二"}
# 期 before a work names its phase (二期工程, 3期项目), not a count of sessions (培训班3期)
PHASED_WORKS = ("工程", "项目", "建设", "改造", "扩建")
# organisational units (内设四科) count only after a verb that sets them up; elsewhere 预算一科 is a name
ORG_UNITS = {"科", "室", "股"}
SETUP_VERB = re.compile(r"(?:设|设有|内设|下设|共有|有|成立|组建)$")
LIST_COUNTER = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[，、是]|"
                          r"(?:其)?[一二三四五六七八九十]是)")

# --- approximation and thresholds
APPROX_BEFORE = re.compile(r"(?:约|大约|近|将近|接近|超|超过|逾|多达)$")
APPROX_AFTER = re.compile(r"^(?:（含）|\(含\))?(?:以上|左右|上下|多|余)")
# a strict bound may stand before the verb: 至少开展1次
STRICT_BOUND = re.compile(r"(?:不少于|不低于|不超过|不高于|不多于|不大于|不小于|至少|最多|最少|"
                          r"不得(?:低于|少于|超过|高于))[\u4e00-\u9fff]{0,4}$")
# a time limit is a rule: 在20个工作日内反馈
DEADLINE_AFTER = re.compile(r"^(?:内|以内|之内)")
TIME_UNITS = {"个工作日", "工作日", "小时", "分钟", "个月", "天", "周", "学时", "课时"}
OPEN_BOUND_BEFORE = re.compile(r"(?:超过|高于|低于|大于|小于)$")
OPEN_BOUND_AFTER = re.compile(r"^(?:（含）|\(含\))?(?:及)?(?:以上|以下|以内|之内|之间)")
# words that make a sentence a rule rather than a report of what happened
NORMATIVE = re.compile(r"规定|原则上|方可|必须|须|应当|不得|门槛|起点")
# a bounded quantity that defines a class: 超过200万元（含）以上的项目
DEFINES_CLASS = re.compile(r"^(?:（含）|\(含\))?(?:及)?(?:以上|以下|以内|之间)?(?:[（(][^）)]*[）)])?的")
# a quantity in brackets right after a threshold is an alternative threshold: 200万元以上（信息化100万元）
ALTERNATIVE = re.compile(r"^(?:（含）|\(含\))?(?:以上|以下|以内)?[（(][^（）()]{0,12}$")

# --- grades of evaluation results (1个优、4个良; 1个项目评价为“优”; 优秀等次3个)
GRADE = r"优秀|良好|优|良|中等|中|较差|差|合格|不合格"
# a score band of a grading rule: 90分（含）以上为优, 80-89分为良
GRADE_BAND = re.compile(rf"^(?:（含）|\(含\))?(?:及)?(?:以上|以下)?的?(?:为|评为|定为)[“\"]?(?P<grade>{GRADE})")
GRADE_AFTER = re.compile(
    rf"^(?P<noun>[\u4e00-\u9fff]{{0,6}}?)(?:评价|评定|评级|结果|等级|等次)?(?:为|评为|被评为|定为)?"
    rf"[“\"]?(?P<grade>{GRADE})[”\"]?(?:等次|等级|级)?(?=[，,、；;。）)]|$)"
)
GRADE_BEFORE = re.compile(
    rf"(?:(?:^|[为、，,：:；;])[“\"]?(?P<grade>{GRADE})[”\"]?(?:等次|等级)?|[“\"]?(?P<ranked>{GRADE})[”\"]?(?:等次|等级))"
    rf"(?P<bound>及以下|及以上|以下|以上)?(?:的)?(?P<noun>项目|单位|部门)?$"
)

# --- subjects
CLAUSE_END = set("，,；;：:。！？!?")
LIST_BREAKS = {"、", "等"}
CONJUNCTIONS = {"和", "及", "以及", "与", "或"}
PREPOSITIONS = {"对", "向", "为", "将", "把", "从", "按照", "通过", "经", "由", "给"}
# words at the start of a subject that name when, where or who, not what is counted
LEADING_NOISE = {
    "年", "年度", "截至", "截止", "目前", "现", "今年", "全年", "当年", "同时", "其中", "共",
    "共计", "共有", "累计", "合计", "已", "已经", "先后", "均", "分别", "全市", "全区", "全县", "全省",
    "全州", "市直", "区直", "县直", "各", "所有", "我市", "我区", "我县", "完成", "实现", "实施",
    "实施了", "组织", "开展", "印发", "收到", "主要", "并", "了", "后", "有", "月", "底",
    "原则上", "力争", "确保", "争取", "预计", "每年", "每月", "每季度", "至少", "不少于", "不低于",
}
# words between a subject and its number: 人数已达270人, 得分均在80分以上, 超过1000个
LINKING_NOISE = {
    "达", "达到", "已达", "为", "是", "约", "大约", "超", "超过", "近", "将近", "接近", "逾",
    "共", "共计", "累计", "合计", "均", "均在", "在", "已", "已经", "不少", "于", "不低于",
    "不少于", "不超过", "不高于", "至少", "高于", "低于", "多达", "到", "至", "下降到", "降至",
    "提高到", "增长到", "增至", "上升到", "原则上", "分别", "总", "的", "不", "有", "共有", "上", "占",
    "仅", "仅为", "仅有", "只有", "只",
}
# a linking word jieba glued to the subject's last word (占比达 → 比达)
TRAILING_LINK = re.compile(r"(?:已达|达到|达|为)$")
CHANGE_VERBS = {"下降", "降低", "减少", "增长", "增加", "提高", "提升", "上升", "减少了", "增长了"}
COMPARISON = {"较", "比", "同比", "环比", "比上年", "较上年"}
# a change named by its verb alone (同比增长幅度): it is the change of the previous fact's subject
BARE_CHANGE = re.compile(rf"^(?:{'|'.join(sorted(COMPARISON, key=len, reverse=True))})?"
                         rf"(?:{'|'.join(sorted(CHANGE_VERBS, key=len, reverse=True))})幅度$")
# what parts two quantities of one list (35%和42%, 3个、5个)
PAIRED = re.compile(r"[和及与、]|以及")
# a share stated right after a count (…3个，占20%)
SHARE_BEFORE = re.compile(r"占(?:比)?(?:为|达)?$")
# 由/从 … 到/至: a change from one value to another (由上年的85%提高到92.3%)
CHANGE_SOURCE = {"由", "从"}
CHANGE_TO = {"到", "至", "下降到", "降至", "提高到", "增长到", "增至", "上升到", "上升至", "提高至", "下降至",
             "增加到", "减少到", "减少至", "增加至"}
CHANGE_FILLER = {"的", "年", "年度", "为", *CHANGE_TO}
# words after a quantity that make it the bound of a class (90分以上的项目)
CLASS_BOUNDS = {"以上", "以下", "以内", "之间", "及以上", "及以下"}
# what a comparison is made with, within BASELINE_TOKENS tokens after 较/比 (a year counts too)
BASELINES = {"上年", "去年", "上年度", "同期", "年初", "上年同期"}
BASELINE_TOKENS = 3
# subjects too bare to say what they measure: named after the topic's activity (事前绩效评估得分)
GENERIC_SUBJECTS = {"得分", "分数", "评分", "金额", "资金", "比例", "比率", "数量", "人数", "总额"}
# verbs after the counted noun that name what was done to it: 对31个重大项目开展重点评价
ACTIVITY_VERBS = {"开展", "进行", "实施", "参加", "参与", "接受", "纳入"}
# where a counted noun ends: bounds, adverbs and verbs that start the predicate (两个部门|联合检查)
NOUN_STOPS = {"以上", "以下", "左右", "以内", "之内", "之间", "内", "上下", "等", "评价", "被", "了", "平均",
              "全部", "均", "都", "已", "已经", "全面", "分别", "共", "累计", "同步", "联合", "共同",
              "完成", "实现", "达到", "获得", "通过", "报送", "编报", "提交", "落实", "建立",
              "出台", "印发", "签订", "发放", "下达", "拨付", "覆盖", "涉及", "得到", "受益",
              "未", "没有", "不", "尚未"}
MAX_SUBJECT_CHARS = 18

# --- topics: cue words per topic, read in the clause, the sentence, the lead sentence, headings
TOPIC_CUES = {
    "prior_assessment": re.compile(r"事前绩效评估|事前评估|事前绩效|绩效评估|入库评审"),
    "goal_management": re.compile(r"绩效目标|目标编审|目标管理|指标体系|绩效指标|指标库|目标申报|目标审核"),
    "monitoring": re.compile(r"绩效监控|运行监控|监控|跟踪问效"),
    "self_evaluation": re.compile(r"自评|自我评价"),
    "key_evaluation": re.compile(r"重点评价|重点绩效评价|重点项目评价|财政评价|财政重点|外部评价|再评价|评级"),
    "result_application": re.compile(r"结果(?:进行|加以)?(?:应用|运用)|挂钩|问责|视察|通报|信息公开"),
    "capacity": re.compile(r"培训|队伍|人员|人才|专家|内设|机构设置|机构改革|整合机构|组建|机构库|科室|"
                           r"工作群|宣传|信息化|制度|考核|流程|能力|汇编"),
    "project_outcome": re.compile(r"执行结果|实施效果|实施成效|项目成效|取得成效|效益情况|方面[：:]|方面$"),
}
# what a topic is usually called, for naming a bare 得分 or 金额 when the sentence names no cue
TOPIC_WORDS = {"prior_assessment": "事前绩效评估", "goal_management": "绩效目标", "monitoring": "绩效监控",
               "self_evaluation": "绩效自评", "key_evaluation": "重点评价", "result_application": "结果应用"}
# outcome verbs any stage reports (事前评估…核减, 监控…整改): cues of result_application at half weight
WEAK_TOPIC_CUES = {"result_application": re.compile(r"整改|调减|压减|收回")}
WEAK_CUE_SHARE = 0.5
# a sentence giving an example project's results: 如：贵阳市…项目，完成…
EXAMPLE_PROJECT = re.compile(r"^(?:如|例如|又如|比如|其中)[:：]?.{0,60}?项目")
# the order ties are broken in: the more specific stage first
TOPIC_ORDER = ("prior_assessment", "self_evaluation", "key_evaluation", "monitoring", "goal_management",
               "result_application", "project_outcome", "capacity")
CLAUSE_WEIGHT, SENTENCE_WEIGHT, LEAD_WEIGHT, HEADING_WEIGHT, OUTER_HEADING_WEIGHT = 5, 2, 2, 2, 1
PHRASE_WEIGHT, PREVIOUS_CLAUSE_WEIGHT, PROJECT_SECTION_WEIGHT = 3, 3, 2
EXAMPLE_WEIGHT, PHYSICAL_WEIGHT = 4, 1
MAX_CUE_HITS = 2
LEAD_SENTENCE = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后)")
PARENTHESES = re.compile(r"[（(][^（）()]*[）)]")
CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？!?]")

# --- years
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-—–~至到]+\s*((?:19|20)\d{2}))?\s*年")
NOT_THE_FACTS_YEAR = re.compile(r"(?:较|比|同比|与|相比|自|从)$")
# a value stated as last year's, right before the number: 由上年的72%
LAST_YEARS_VALUE = re.compile(r"(?:上年|去年|上年度|上一年)(?:同期)?的?$")
FORWARD_HEADING = re.compile(r"下一步|工作思路|工作计划|工作打算|工作安排|工作重点|重点工作|展望|今后|努力方向")


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, as printed and normalised. ``start``/``end`` are character
    offsets in the sentence; ``first``/``last`` token indices in its Doc (end exclusive)."""

    value: float
    unit: str
    core_unit: str
    value_norm: float
    unit_norm: str
    tail_approx: bool
    is_range: bool
    numeral: str
    start: int
    end: int
    first: int
    last: int


# ---------------------------------------------------------------------------------------------
# numbers and units


def chinese_to_number(text: str) -> int:
    """一千 → 1000, 三十五 → 35, 两百 → 200, 十 → 10, 一〇五 → 105."""
    if not any(c in CHINESE_POWERS for c in text):
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    total = current = 0
    for char in text:
        if char in CHINESE_DIGITS:
            current = CHINESE_DIGITS[char]
        else:
            total += (current or 1) * CHINESE_POWERS[char]
            current = 0
    return total + current


def number_value(text: str) -> Decimal:
    """An Arabic (1,234.5) or Chinese (一千, 三点五) number as a Decimal."""
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    whole, _, fraction = text.partition("点")
    digits = "".join(str(CHINESE_DIGITS[c]) for c in fraction)
    return Decimal(f"{chinese_to_number(whole)}.{digits}" if digits else chinese_to_number(whole))


def normalised(value: Decimal, multiplier: str | None, core_unit: str) -> tuple[float, str]:
    """(value_norm, unit_norm) per the contract: money in 万元, ratios in percent, a 万/亿
    multiplier of any other unit multiplied out."""
    factor = VALUE_MULTIPLIERS[multiplier] if multiplier else Decimal(1)
    if core_unit in MONEY_TO_WAN:
        return float(value * factor * MONEY_TO_WAN[core_unit]), "万元"
    if core_unit in RATIO_IN_PERCENT:
        percent, unit_norm = RATIO_IN_PERCENT[core_unit]
        return float(value * percent), unit_norm
    return float(value * factor), core_unit


def read_quantity(ent: Span) -> Quantity:
    """A QUANTITY entity (number [多/余] [万/亿] [多/余] unit [/ per-unit]) → :class:`Quantity`.
    A range (80-89分, 200至300人次) is read as its low end in the high end's unit."""
    tokens = [t.text for t in ent]
    separator = next((i for i, t in enumerate(tokens) if i and t in RANGE_SEPARATORS), None)
    low = tokens[0] if separator else None
    if separator:
        tokens = tokens[separator + 1:]
    if tokens[0] == PERCENT_WORD:
        value = Decimal(100) if tokens[1] == "百" else number_value(tokens[1])
        return Quantity(value=float(value), unit=PERCENT_WORD, core_unit=PERCENT_WORD,
                        value_norm=float(value), unit_norm="%", tail_approx=False, is_range=low is not None,
                        numeral=tokens[1],
                        start=ent.start_char, end=ent.end_char, first=ent.start, last=ent.end)
    per = tokens[-1] if len(tokens) > 2 and tokens[-2] == "/" else None
    unit_index = len(tokens) - 3 if per else len(tokens) - 1
    if tokens[unit_index] in APPROX_TAILS:  # 3亿多: money written without 元, its 亿 is the unit
        unit_index -= 1
    numeral, core_unit, middle = low or tokens[0], tokens[unit_index], tokens[1:unit_index]
    multiplier = next((t for t in middle if t in MULTIPLIERS), None)
    value = number_value(numeral)
    value_norm, unit_norm = normalised(value, multiplier, core_unit)
    return Quantity(
        value=float(value), unit="".join(tokens[1:]), core_unit=core_unit, value_norm=value_norm,
        unit_norm=f"{unit_norm}/{per}" if per else unit_norm,
        tail_approx=any(t in APPROX_TAILS for t in tokens[1:unit_index + 2]), is_range=low is not None,
        numeral=numeral,
        start=ent.start_char, end=ent.end_char, first=ent.start, last=ent.end,
    )


# ---------------------------------------------------------------------------------------------
# what is not a fact


def is_enclosed(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside 《》, 〔〕, 【】, [] or quotation marks: titles, document
    numbers and quoted slogans (“一个部门一套指标体系”) hold no statistics."""
    depth = 0
    for char in text[:pos]:
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
    return depth > 0


def is_not_a_fact(doc: Doc, q: Quantity) -> bool:
    """True for numbers that quantify nothing: ordinals (第三, 三期工程), numbers in titles,
    quotes and document numbers, articles (一个), enumerations of aspects (五个方面), set phrases
    (四本预算), organisational units not being counted (预算一科)."""
    text = doc.text
    before = text[:q.start]
    if before.endswith("第") or is_enclosed(text, q.start):
        return True
    chinese = not q.numeral[0].isdigit() and q.core_unit != PERCENT_WORD
    if chinese and (q.numeral in ARTICLE_NUMERALS or SET_PHRASES.match(text[q.start:])):
        return True
    following = doc[q.last].text if q.last < len(doc) else ""
    if following in ENUMERATED_NOUNS or (chinese and following in OPENING_QUOTES):
        return True  # 五个方面; 三个“关键” counts slogans
    if q.core_unit == "期" and following.startswith(PHASED_WORKS):
        return True  # 三期工程 is the third phase
    return q.core_unit in ORG_UNITS and not SETUP_VERB.search(before)


# ---------------------------------------------------------------------------------------------
# measure and approximation


def is_approximate(text: str, q: Quantity) -> bool:
    """约/近/超/逾 before the number, 多/余 after it, 以上/左右 after the unit; a round number
    named by its power alone (上千个)."""
    return (q.tail_approx or q.numeral in ROUND_NUMERALS
            or bool(APPROX_BEFORE.search(text[:q.start]) or APPROX_AFTER.match(text[q.end:])))


def is_threshold(text: str, q: Quantity, previous: tuple[Quantity, bool] | None) -> bool:
    """True for a number that states a rule: a strict bound (不少于两个, 不低于90%, 至少开展1次);
    a time limit (20个工作日内); a grade band (90分以上为优); an open bound (超过, 以上) in a
    rule sentence or defining a class (200万元以上的项目), or a range defining one (得分在80-89分
    之间的项目); an alternative printed in brackets
    right after a threshold (200万元以上（信息化建设100万元）). ``previous`` is the sentence's
    previous fact and whether it was a threshold."""
    before, after = text[:q.start], text[q.end:]
    if STRICT_BOUND.search(before) or (q.core_unit in TIME_UNITS and DEADLINE_AFTER.match(after)):
        return True
    if UNIT_MEASURE[q.core_unit] == "score" and GRADE_BAND.match(after):
        return True
    if OPEN_BOUND_BEFORE.search(before) or OPEN_BOUND_AFTER.match(after):
        return bool(NORMATIVE.search(text) or DEFINES_CLASS.match(after))
    if q.is_range and DEFINES_CLASS.match(after):
        return True  # 完成率在80%-90%的项目
    if previous is not None and previous[1]:
        return bool(ALTERNATIVE.match(text[previous[0].end:q.start]))
    return False


def measure_of(q: Quantity, threshold: bool) -> str:
    """count / amount / ratio / score / quantity by unit; threshold for a rule's number."""
    return "threshold" if threshold else UNIT_MEASURE[q.core_unit]


# ---------------------------------------------------------------------------------------------
# subject


def clause_bounds(doc: Doc, q: Quantity) -> tuple[int, int]:
    """Token indices of the clause holding the quantity (between ，；：。); inside brackets
    (信息化建设100万元) the bracket is the clause."""
    start = q.first
    depth = 0
    while start > 0 and doc[start - 1].text not in CLAUSE_END:
        text = doc[start - 1].text
        depth += (text in ")）") - (text in "(（")
        if depth < 0:
            break
        start -= 1
    end, depth = q.last, 0
    while end < len(doc) and doc[end].text not in CLAUSE_END:
        text = doc[end].text
        depth += (text in "(（") - (text in ")）")
        if depth < 0:
            break
        end += 1
    return start, end


def without_brackets(tokens: list[Token]) -> list[Token]:
    """The tokens outside round brackets: （资金）, （单位）, （含） are asides."""
    out, depth = [], 0
    for token in tokens:
        if token.text in "（(":
            depth += 1
        elif token.text in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(token)
    return out


def words_before(doc: Doc, start: int, q: Quantity) -> list[Token]:
    """The words of the clause before the quantity that can name what it counts.

    Linking words next to the number go (已达, 均在, 超过, 不少于), and so does a change verb
    that gives a level (下降到21.71%: the share, not the fall). A conjunction next to the number
    makes the quantity a later item of a list (A及不少于两个B): nothing before it is its own.
    Otherwise the words start after an earlier quantity, an example list (…等), a preposition
    (对, 向) or a comparison's baseline (较2022年), without leading time, scope and actor words."""
    tokens = without_brackets(list(doc[start:q.first]))
    linking = []
    while tokens and (tokens[-1].text in LINKING_NOISE or tokens[-1].text in CONJUNCTIONS):
        linking.append(tokens.pop().text)
    if any(word in CONJUNCTIONS for word in linking):
        return []
    if tokens and tokens[-1].text in CHANGE_VERBS and any(word in ("到", "至") for word in linking):
        tokens.pop()
    source = change_source(tokens)
    if source is not None:
        tokens = tokens[:source]
    cut, in_class = 0, False
    for i, token in enumerate(tokens):
        if token.ent_iob_ == "B":
            in_class = token.ent_type_ == "QUANTITY" and names_a_class(tokens, i)
        if token.ent_type_ == "QUANTITY" and not in_class:
            cut = i + 1
        elif token.text in LIST_BREAKS or token.text in PREPOSITIONS:
            cut = i + 1
        elif token.text in CONJUNCTIONS and any(t.ent_type_ == "QUANTITY" for t in tokens[:i]):
            cut = i + 1
    tokens = drop_comparison(tokens[cut:])
    while tokens and (tokens[0].text in LEADING_NOISE or tokens[0].ent_type_ in ("ORG", "GPE")
                      or (tokens[0].like_num and tokens[0].ent_type_ != "QUANTITY") or tokens[0].is_punct):
        tokens = tokens[1:]
    return tokens


def names_a_class(tokens: list[Token], i: int) -> bool:
    """True when the quantity starting at ``tokens[i]`` bounds a class named after it (90分以上的
    项目, 80-89分之间的项目): the bound belongs to the subject of the count that follows."""
    rest = tokens[i:]
    end = next((k for k, t in enumerate(rest) if t.ent_type_ != "QUANTITY"), len(rest))
    after = rest[end].text if end < len(rest) else ""
    is_range = any(t.text in RANGE_SEPARATORS for t in rest[1:end])
    return after in CLASS_BOUNDS or (is_range and after == "的")


def change_source(tokens: list[Token]) -> int | None:
    """The index of 由/从 when the words after it are only the start of a change (由上年的85%提高到
    → the quantity after it, or the one after the change verb): both ends of 由…到… measure what
    is named before 由/从. None otherwise."""
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text in CHANGE_SOURCE:
            rest = tokens[i + 1:]
            if all(t.ent_type_ == "QUANTITY" or t.like_num or t.text in CHANGE_FILLER or t.text in BASELINES
                   or t.text in CHANGE_VERBS for t in rest):
                return i
            return None
    return None


def drop_comparison(tokens: list[Token]) -> list[Token]:
    """较2022年下降 → 下降: a comparison's baseline (a year, 上年, 去年, 同期) is not part of
    the subject."""
    for i, token in enumerate(tokens):
        if token.text in COMPARISON:
            rest = tokens[i + 1:]
            if not any(t.like_num or t.text in BASELINES for t in rest[:BASELINE_TOKENS]):
                continue
            change = next((j for j, t in enumerate(rest) if t.text in CHANGE_VERBS), len(rest))
            return tokens[:i] + rest[change:]
    return tokens


def noun_after(doc: Doc, q: Quantity, end: int) -> tuple[list[Token], int]:
    """The counted noun printed after the quantity (30个|新增项目, 18个|单位及项目) and the
    index where it stops; a conjunction followed by another quantity ends it."""
    i, noun, depth = q.last, [], 0
    while i < end:
        token = doc[i]
        if token.text in "（(":
            depth += 1
        elif token.text in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            if (token.text in NOUN_STOPS or token.text in ACTIVITY_VERBS or token.text in LIST_BREAKS
                    or token.text in CHANGE_VERBS or token.text in CHANGE_TO
                    or token.ent_type_ == "QUANTITY" or token.is_punct):
                break
            noun.append(token)
        i += 1
    while noun and noun[-1].text in CONJUNCTIONS:
        noun.pop()
    if noun and noun[0].text == "的":
        noun = noun[1:]
    return noun, i


def activity_after(doc: Doc, from_index: int, end: int) -> list[Token]:
    """The head word of what was done to the counted items: 开展重点评价 → 重点评价,
    开展预算绩效管理业务培训 → 培训 (empty when no activity verb follows in the clause)."""
    for i in range(from_index, end):
        if doc[i].text in ACTIVITY_VERBS:
            obj = [t for t in without_brackets(list(doc[i + 1:end])) if not t.is_punct]
            obj = obj[:next((k for k, t in enumerate(obj) if t.text in LIST_BREAKS), len(obj))]
            return obj[-1:] if obj else []
    return []


def grade_subject(text: str, q: Quantity, measure: str) -> str | None:
    """评价为“优”的项目 for a grade count (1个项目评价为“优”, 1个优, 优秀等次3个), 评价为“优”的得分
    for a grade band (90分以上为优), else None."""
    if measure == "threshold" and UNIT_MEASURE[q.core_unit] == "score":
        band = GRADE_BAND.match(text[q.end:])
        return f"评价为“{band['grade']}”的得分" if band else None
    if measure != "count":
        return None
    after = GRADE_AFTER.match(text[q.end:])
    if after:
        return f"评价为“{after['grade']}”的{after['noun'] or '项目'}"
    before = GRADE_BEFORE.search(text[:q.start])
    if before:
        grade = before['grade'] or before['ranked']
        return f"评价为“{grade}”{before['bound'] or ''}的{before['noun'] or '项目'}"
    return None


def subject_of(doc: Doc, q: Quantity, measure: str, topic: str) -> str | None:
    """The short phrase naming what the quantity counts, from the words around it:
    涉及金额2.76亿元 → 涉及金额; 纳入预算安排23个项目 → 纳入预算安排项目;
    对31个重大项目开展重点评价 → 重大项目重点评价; 较2022年下降9.83% → 下降幅度;
    a bare 得分 is named after what was scored (事前绩效评估得分)."""
    grade = grade_subject(doc.text, q, measure)
    if grade:
        return grade
    start, end = clause_bounds(doc, q)
    before = words_before(doc, start, q)
    noun, stop = noun_after(doc, q, end)
    if measure == "threshold" and DEFINES_CLASS.match(doc.text[q.end:]):
        noun = []  # 200万元以上的项目: the bound is on what precedes it, the projects are the class
    activity = activity_after(doc, stop, end) if noun else []
    words = noun + activity if noun and activity else before + noun
    words = [t for t in words if t.text not in CLAUSE_END and t.text not in LIST_BREAKS]
    if any(t.is_space for t in words):  # numbers in cells (优 198 42,615.3 63.5%) name nothing
        words = [t for t in words if not t.is_space and not (t.like_num and t.ent_type_ != "QUANTITY")]
    words = words[-tokens_within(words, MAX_SUBJECT_CHARS):] if words else []
    text = "".join(t.text for t in words)
    if measure == "ratio" and words and words[-1].text in CHANGE_VERBS:
        text += "幅度"
    text = TRAILING_LINK.sub("", text)
    if not text and measure == "score":
        text = "得分"  # 评价结果为优秀（93分）: a score named by nothing is the evaluation's score
    if text in GENERIC_SUBJECTS:
        text = topic_cue(doc.text, topic) + text
    return text or None


def tokens_within(words: list[Token], limit: int) -> int:
    """How many trailing tokens fit in ``limit`` characters (at least one): Chinese noun
    phrases end in their head, so a long subject keeps its end."""
    count, chars = 0, 0
    for token in reversed(words):
        chars += len(token.text)
        if chars > limit and count:
            break
        count += 1
    return count


def topic_cue(text: str, topic: str) -> str:
    """The first cue word of ``topic`` printed in ``text`` (事前绩效评估), else the topic's
    usual name (重点评价; '' for other)."""
    cue = TOPIC_CUES.get(topic)
    found = cue.search(text) if cue else None
    return found.group() if found else TOPIC_WORDS.get(topic, "")


# ---------------------------------------------------------------------------------------------
# topic


def cue_scores(text: str, weight: int) -> dict[str, float]:
    """weight × (hits of each topic's cues in ``text``, at most MAX_CUE_HITS; a weak cue's hit
    counts WEAK_CUE_SHARE)."""
    text = PARENTHESES.sub("", text)
    scores = {}
    for cues, share in ((TOPIC_CUES, 1), (WEAK_TOPIC_CUES, WEAK_CUE_SHARE)):
        for topic, cue in cues.items():
            hits = len(cue.findall(text))
            if hits:
                scores[topic] = scores.get(topic, 0) + weight * share * min(hits, MAX_CUE_HITS)
    return scores


def clause_span(text: str, q: Quantity) -> tuple[int, int]:
    """(start, end) of the clause (between ，；：。) holding the quantity."""
    starts = [m.end() for m in CLAUSE_SPLIT.finditer(text, 0, q.start)]
    end = CLAUSE_SPLIT.search(text, q.end)
    return starts[-1] if starts else 0, end.start() if end else len(text)


def phrase_around(text: str, clause_start: int, q: Quantity) -> str:
    """The part of the quantity's clause that leads up to it, from the last 、 before it
    (部门自评10个、|财政重点评价5个)."""
    return text[max(text.rfind("、", clause_start, q.start) + 1, clause_start):q.end]


def previous_clause_span(text: str, clause_start: int) -> tuple[int, int]:
    """(start, end) of the clause printed just before the one starting at ``clause_start``
    (empty at the sentence's start): the activity is often named there and the amount after it
    (对6个项目开展重点评价，|评价资金合计3.47亿元)."""
    end = len(text[:clause_start].rstrip("，,；;：:"))
    starts = [m.end() for m in CLAUSE_SPLIT.finditer(text, 0, end)]
    return starts[-1] if starts else 0, end


def project_heading_suffix(title: str) -> str | None:
    """For a heading naming one project (（一）基层医疗卫生机构能力提升项目, “XX”专项资金绩效
    执行结果), what follows the name ('' or 绩效执行结果); None for other headings. Words of a
    project's name (能力, 信息化, 培训) say nothing of the report's topic."""
    title = squash(HEADING_COUNTER.sub("", title)).rstrip("。：:")
    suffix = EVAL_SUFFIX.search(title)
    name = title[:suffix.start()] if suffix else title
    if not PROJECT_NOUN.search(name.strip("“”\"「」")):
        return None
    return suffix.group() if suffix else ""


def topic_of(sentence: Sentence, lead: str | None, before: str | None, q: Quantity, measure: str) -> str:
    """The topic from cue words: the clause around the number weighs most, then the sentence,
    the lead sentence it follows (一是…), the innermost heading and the outer headings. An
    example project's results (如：…项目，完成…) and physical quantities lean to project_outcome.
    With no cue in any of those, the sentence before it in its paragraph (``before``; for a
    heading, the headings under it) speaks for it (…开展重点绩效评价。评价结果为优的2个…).
    Nothing found → other."""
    total: dict[str, float] = {}

    def add(scores: dict[str, float]) -> None:
        for topic, score in scores.items():
            total[topic] = total.get(topic, 0) + score

    text = sentence.text
    start, end = clause_span(text, q)
    previous_start, previous_end = previous_clause_span(text, start)
    add(cue_scores(phrase_around(text, start, q), PHRASE_WEIGHT))
    add(cue_scores(text[start:end], CLAUSE_WEIGHT))
    add(cue_scores(text[previous_start:previous_end], PREVIOUS_CLAUSE_WEIGHT))
    add(cue_scores(text[:previous_start] + text[end:], SENTENCE_WEIGHT))
    if lead:
        add(cue_scores(lead, LEAD_WEIGHT))
    titles = [h.title for h in sentence.path if h.style != "annex"]
    for depth, title in enumerate(reversed(titles)):
        suffix = project_heading_suffix(title)
        if suffix is not None and depth == 0 and measure != "score":  # a score is the evaluation's
            add({"project_outcome": PROJECT_SECTION_WEIGHT})
        add(cue_scores(title if suffix is None else suffix, HEADING_WEIGHT if depth == 0 else OUTER_HEADING_WEIGHT))
    if EXAMPLE_PROJECT.match(sentence.text):
        add({"project_outcome": EXAMPLE_WEIGHT})
    if measure == "quantity" and q.core_unit not in TIME_UNITS:
        add({"project_outcome": PHYSICAL_WEIGHT})
    if not total and before:
        add(cue_scores(before, LEAD_WEIGHT))
    if not total:
        return "other"
    return max(TOPIC_ORDER, key=lambda topic: (total.get(topic, 0), -TOPIC_ORDER.index(topic)))


def lead_sentences(sentences: list[Sentence]) -> list[str | None]:
    """For each sentence, the lead sentence (一是…, 二是…) it follows under the same heading,
    or None: a lead names the theme of the sentences after it until the next lead or heading."""
    leads: list[str | None] = []
    current, path = None, None
    for sentence in sentences:
        if sentence.path != path or sentence.is_heading:
            current, path = None, sentence.path
        if LEAD_SENTENCE.match(sentence.text):
            current = sentence.text
        leads.append(current)
    return leads


# ---------------------------------------------------------------------------------------------
# year


def years_before(text: str, pos: int) -> list[int]:
    """Years written before ``pos`` that can date a fact (not in titles or document numbers,
    not the baseline of a comparison: 较2022年); a range gives its last year."""
    years = []
    for m in YEAR.finditer(text, 0, pos):
        if is_enclosed(text, m.start()) or NOT_THE_FACTS_YEAR.search(text[:m.start()]):
            continue
        years.append(int(m.group(2) or m.group(1)))
    return years


def heading_year(path: tuple[Heading, ...]) -> int | None:
    """The year of the innermost heading that names one (一、2025年开展情况)."""
    for heading in reversed(path):
        found = years_before(heading.title, len(heading.title))
        if found:
            return found[0]
    return None


def year_of(sentence: Sentence, q: Quantity, report: int | None) -> int | None:
    """The year the fact refers to: the last year stated before it in the sentence, else the
    heading's, else None under a forward-looking heading (下一步工作安排), else the report's;
    a year earlier for a value given as last year's (由上年的72%提高到100%)."""
    stated = years_before(sentence.text, q.start)
    if stated:
        return stated[-1]
    year = heading_year(sentence.path)
    if year is None and any(FORWARD_HEADING.search(h.title) for h in sentence.path):
        return None
    year = report if year is None else year
    if year is not None and LAST_YEARS_VALUE.search(sentence.text[:q.start]):
        return year - 1
    return year


def report_year_of(layout: Layout) -> int | None:
    """The year the report looks back on, by recognisers.metadata's rule (title, then headings,
    then the year the prose names most). The layout is simplified already (parsers.script), so
    only digits are normalised here (２０２３, 二〇二三年)."""
    raw = [line.text for line in layout.lines()]
    norm = [CHINESE_YEAR.sub(lambda m: m.group().translate(CHINESE_DIGITS_TABLE), text.translate(FULL_WIDTH_DIGITS))
            for text in raw]
    title = find_title(raw, title_line_indices(norm))
    return report_year(squash(title.translate(FULL_WIDTH_DIGITS)) if title else "", norm)


# ---------------------------------------------------------------------------------------------
# the recogniser


def may_hold_quantity(text: str) -> bool:
    """True when a number followed by a unit occurs (cheap test before spaCy runs)."""
    return bool(QUANTITY_HINT.search(text))


def masked_counter(sentence: Sentence) -> str:
    """The sentence in ASCII width for quantity search (same length, so offsets still match),
    a heading or list counter at its start (1、 （3） 第一，) blanked out with spaces."""
    text = to_ascii_width(sentence.text)
    marker = LIST_COUNTER.match(text)
    return " " * marker.end() + text[marker.end():] if marker else text


def sentence_span(sentence: Sentence) -> str:
    """Where the sentence is printed: ``p1:l16-24`` (its lines), ``p1:l16`` when only its first
    line is known."""
    return span_of(list(sentence.lines)) if sentence.lines else f"p{sentence.page}:l{sentence.lineno}"


def facts_in_sentence(sentence: Sentence, doc: Doc, lead: str | None, before: str | None,
                      report: int | None) -> list[Fact]:
    """Every fact of one sentence whose Doc has QUANTITY entities."""
    text = doc.text
    facts: list[Fact] = []
    previous: tuple[Quantity, bool] | None = None
    for ent in doc.ents:
        if ent.label_ != "QUANTITY":
            continue
        q = read_quantity(ent)
        if is_not_a_fact(doc, q):
            continue
        threshold = is_threshold(text, q, previous)
        previous_end = previous[0].end if previous else None
        previous = (q, threshold)
        measure = measure_of(q, threshold)
        topic = topic_of(sentence, lead, before, q, measure)
        subject = subject_of(doc, q, measure, topic)
        if subject and BARE_CHANGE.match(subject) and facts and facts[-1].subject:
            subject = facts[-1].subject + subject  # 占比35.6%，较上年提高3个百分点: the share's rise
        elif subject is None and SHARE_BEFORE.search(text[:q.start]) and facts and facts[-1].subject:
            subject = facts[-1].subject + "占比"  # 优秀等次项目3个，占20%: the share of those projects
        elif subject is None and previous_end is not None and PAIRED.fullmatch(text[previous_end:q.start]):
            subject = facts[-1].subject  # 分别为35%和42%: the second of a pair shares the first's subject
        facts.append(Fact(
            topic=topic, subject=subject,
            measure=measure, value=q.value, unit=q.unit, value_norm=q.value_norm,
            unit_norm=q.unit_norm, approx=is_approximate(text, q),
            year=year_of(sentence, q, report), section=sentence.section or None,
            sentence=sentence.text, page=sentence.page, source_span=sentence_span(sentence),
        ))
    return facts


def sub_headings(sentences: list[Sentence]) -> dict[Heading, list[str]]:
    """Each heading's direct sub-headings' titles, in order."""
    under: dict[Heading, list[str]] = {}
    for sentence in sentences:
        if sentence.is_heading and len(sentence.path) > 1:
            under.setdefault(sentence.path[-2], []).append(sentence.path[-1].title)
    return under


def find_facts(layout: Layout, sectioned: Sectioned | None = None) -> list[Fact]:
    """Every statistic stated in the prose of a layout (in simplified characters, as
    parsers.script.to_simplified leaves it), as Fact records in reading order; fact_id and
    doc_id are left for the caller. Goal tables and other tables are not read. ``sectioned``
    is ``sectionise(layout)`` when the caller already has it."""
    sentences = (sectioned or sectionise(layout)).sentences
    leads = lead_sentences(sentences)
    befores = [prev.text if prev is not None and prev.paragraph == s.paragraph else None
               for prev, s in zip([None, *sentences], sentences)]
    # a heading is spoken for by the headings under it (二、…35个重点项目…情况 over （一）自评工作…)
    under = sub_headings(sentences)
    befores = [" ".join(under.get(s.path[-1], [])) or None if s.is_heading else before
               for s, before in zip(sentences, befores)]
    chosen = [(s, lead, before) for s, lead, before in zip(sentences, leads, befores)
              if may_hold_quantity(s.text)]
    if not chosen:
        return []
    report = report_year_of(layout)
    nlp = quantity_nlp()
    facts: list[Fact] = []
    docs = nlp.pipe(masked_counter(s) for s, _, _ in chosen)
    for (sentence, lead, before), doc in zip(chosen, docs):
        facts.extend(facts_in_sentence(sentence, doc, lead, before, report))
    return facts
