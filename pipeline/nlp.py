"""The spaCy pipeline for prose: a blank Chinese pipeline segmented by jieba.

No trained Chinese model is available offline, so the pipeline is ``spacy.blank("zh")`` with
jieba segmentation: a private jieba.Tokenizer (its cache file in the project cache,
pipeline.jieba_setup.cache_dir) that knows every division name and the budget-performance
vocabulary below, so 事前绩效评估 or 预算单位 stay one token. It is the project's only jieba
dictionary (metadata segments with it too). Every word is added before the pipeline is
returned: a word added after patterns were built would change how texts split and silently
stop those patterns from matching.

- :func:`quantity_nlp` — for statistics in prose. Its tokenizer cuts every quantity into its
  parts (number | 多/余 | 万/亿 | 多/余 | unit: ``300多家`` → ``300 多 家``, ``13万条`` → ``13 万 条``,
  ``百分之九十`` → ``百分之 九十``; a range ``80-89分`` → ``80 - 89 分``; after a money word a bare
  万/亿 is the unit, ``资金3.5亿`` → ``3.5 亿``)
  and keeps administrative names that contain numerals whole (三台县, 五家渠市, 六安市), so they
  are never read as quantities; jieba segments the rest. An EntityRuler then labels QUANTITY
  (number, optional approximation and multiplier, unit), GPE (administrative names) and ORG
  (government bodies: 市财政局, 贵阳市发展和改革委员会, 第三方机构).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline.gazetteer import gazetteer
from pipeline.jieba_setup import add_place_names, cache_dir

# Words of the budget-performance domain that jieba's general dictionary splits apart.
DOMAIN_WORDS = (
    "预算绩效", "预算绩效管理", "绩效管理", "绩效目标", "绩效指标", "绩效评价", "绩效自评",
    "绩效监控", "事前绩效评估", "事前评估", "重点评价", "重点绩效评价", "财政重点评价",
    "部门整体支出", "项目支出", "预算单位", "预算部门", "第三方机构", "评价结果", "结果应用",
    "指标体系", "新增项目", "重点项目", "评价金额", "涉及金额", "涉及资金", "核减率",
    "运行监控", "专题培训", "业务培训", "部门整体", "项目资金", "自评得分", "评价得分",
    "财政部门", "主管部门", "第三方",
)
# jieba's frequency for domain words: high enough to win over the general dictionary's splits
DOMAIN_FREQ = 50_000

# ---------------------------------------------------------------------------------------------
# quantity vocabulary: units by what they measure (contract measures count/amount/ratio/score/quantity)

UNITS_BY_MEASURE: dict[str, tuple[str, ...]] = {
    "amount": ("亿元", "千万元", "万元", "千元", "元"),
    "ratio": ("%", "‰", "个百分点", "百分点", "成"),
    "score": ("分",),
    "quantity": (
        "平方公里", "平方千米", "平方米", "立方米", "立方", "公里", "千米", "米", "公顷", "亩",
        "吨", "公斤", "千克", "斤", "毫克", "微克", "千瓦时", "千瓦", "兆瓦", "头",
        "个工作日", "工作日", "小时", "分钟", "个月", "学时", "课时", "天", "周",
    ),
    "count": (
        "个科室", "人次", "户次", "批次", "场次", "个", "家", "项", "件", "份", "条", "人", "名", "位",
        "次", "场", "期", "批", "册", "本", "篇", "户", "所", "座", "处", "辆", "台", "套",
        "张", "间", "支", "组", "轮", "笔", "宗", "科", "室", "股",
    ),
}
# the second half of a rate (元/人, 次/年, 微克/立方米)
PER_UNITS = ("立方米", "平方米", "人次", "年", "月", "日", "天", "周", "季度", "人", "户", "次",
             "亩", "吨", "公里", "小时", "升")
UNITS = sorted({u for units in UNITS_BY_MEASURE.values() for u in units}, key=len, reverse=True)
APPROX_TAILS = ("多", "余")
MULTIPLIERS = ("万", "亿")
# words naming money right before a number: a bare 万/亿 after it means 万元/亿元 (涉及资金3.5亿)
MONEY_BEFORE = re.compile(r"(?:资金|金额|经费|预算|投资|资产|拨款|补助|补贴|支出|收入|规模|成本|总额|款)"
                          r"(?:约|近|超|达|为|共|合计|累计|总计|达到)?$")
# what joins the two ends of a range (80-89分, 3～5个工作日 in ASCII width, 200至300人次)
RANGE_SEPARATORS = ("-", "~", "—", "–", "至", "到")

# Words that begin with a unit's character but are not that unit (五家庭, 三个人, 三分之一,
# 两成本): a quantity never ends where one of these starts.
UNIT_CLASHES = (
    "家庭", "家长", "家属", "个人", "个体", "个性", "个别", "分之", "分配", "分类", "分析",
    "分别", "分解", "分管", "条件", "条例", "条款", "成本", "成果", "成效", "成为", "成立",
    "成员", "成绩", "成熟", "成功", "期间", "期限", "期末", "期初", "台账", "台阶", "处理",
    "处置", "位置", "组织", "组建", "组成", "支出", "支持", "支付", "本级", "本年", "本单位",
    "本部门", "次均", "次年", "次日", "人员", "人民", "人大", "项目标", "名称", "名单", "批复",
    "批准", "笔记", "件事", "座谈", "场所", "场地", "场景",
)

ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE_NUMBER = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*(?:点[零〇一二三四五六七八九]+)?"
# a number is not a quantity's when it is part of a code (DN100, PM2.5, G20)
# a round number named by its power alone, always approximate: 近千个, 上百家, 千余人次, 万余户
ROUND_NUMBER = r"(?:(?<=[近约超逾上])[百千万]|[百千万](?=[余多]))"
NUMBER = re.compile(rf"(?<![A-Za-z\d.])(?:{ARABIC_NUMBER}|{CHINESE_NUMBER}|{ROUND_NUMBER})")
NUMBER_TOKEN = rf"^(?:{ARABIC_NUMBER}|{CHINESE_NUMBER}|[百千万])$"
# a percentage in words: 百分之九十五, 百分之百
PERCENT_WORD = "百分之"
PERCENT_IN_WORDS = re.compile(rf"{PERCENT_WORD}(百|{CHINESE_NUMBER})")
NUMERAL_CHARS = re.compile(r"[零〇一二两三四五六七八九十百千万]")

# heads of government bodies' names (ORG): the last token of 市财政局, 区发展和改革委员会 …
ORG_HEADS = (
    "局", "厅", "委", "委员会", "办公室", "办", "中心", "政府", "财政局", "财政厅", "财政部",
    "财政部门", "主管部门", "人大", "市人大", "区人大", "县人大", "常委会", "政协", "党组",
    "第三方机构", "第三方", "事务所",
)
ADMIN_PREFIXES = ("省", "市", "区", "县", "州", "乡", "镇")
MAX_ORG_NAME_TOKENS = 4
# a short place name is kept whole only from this length on: 三台 (三台县) could be 3 machines
MIN_PROTECTED_SHORT_NAME = 3


@lru_cache(maxsize=1)
def domain_tokenizer() -> jieba.Tokenizer:
    """The project's one private jieba tokenizer (cached in the project, the global one is left
    alone): every division name and every domain word added, all before any pattern is built."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    add_place_names(tokenizer)
    for word in DOMAIN_WORDS:
        tokenizer.add_word(word, freq=DOMAIN_FREQ)
    return tokenizer


# ---------------------------------------------------------------------------------------------
# the quantity pipeline


@lru_cache(maxsize=1)
def full_place_names() -> tuple[str, ...]:
    """Full administrative names (贵阳市, 汉阳区, 三台县); short forms (贵阳, 新建) are left out
    because many are ordinary words."""
    places = gazetteer()
    return tuple(sorted(name for name in places.names() if places.is_full_name(name)))


@lru_cache(maxsize=1)
def numeral_place_names() -> tuple[str, ...]:
    """Administrative names that contain a numeral character (三台县, 五家渠, 十堰市), longest
    first: full names, and short forms of three characters or more."""
    places = gazetteer()
    names = {name for name in places.names() if NUMERAL_CHARS.search(name)
             and (places.is_full_name(name) or len(name) >= MIN_PROTECTED_SHORT_NAME)}
    return tuple(sorted(names, key=len, reverse=True))


def unit_at(text: str, pos: int) -> str | None:
    """The unit printed at ``text[pos:]`` (longest first), or None when there is none or the
    characters there start a word that only looks like a unit (家庭, 个人, 分之)."""
    rest = text[pos:pos + 8]
    if rest.startswith(UNIT_CLASHES):
        return None
    return next((unit for unit in UNITS if rest.startswith(unit)), None)


def quantity_parts(text: str, match: re.Match) -> list[str] | None:
    """The parts of the quantity whose number ``match`` found: [number, 多/余?, 万/亿?, 多/余?,
    unit, (/, per-unit)?], or None when no unit follows the number. A 万/亿 with no unit after
    a money word (涉及资金3.5亿) ends the parts: it is short for 万元/亿元."""
    parts, pos = [match.group()], match.end()
    for options in (APPROX_TAILS, MULTIPLIERS, APPROX_TAILS):
        if text.startswith(options, pos):
            parts.append(text[pos])
            pos += 1
    unit = unit_at(text, pos)
    if unit is None:
        is_money = any(p in MULTIPLIERS for p in parts) and MONEY_BEFORE.search(text, 0, match.start())
        return parts if is_money else None
    pos += len(unit)
    per = next((p for p in PER_UNITS if text.startswith("/" + p, pos)), None)
    return [*parts, unit, "/", per] if per else [*parts, unit]


def range_parts(text: str, match: re.Match) -> list[str] | None:
    """The parts of a range starting at ``match``: [low, separator, high's quantity parts] for
    80-89分 or 200至300人次, [low's parts, separator, high's parts] for 80%-90% (both ends in
    the same unit); None when no range starts there."""
    low = quantity_parts(text, match)
    low_end = match.end() + (sum(map(len, low[1:])) if low else 0)
    if not text.startswith(RANGE_SEPARATORS, low_end):
        return None
    high = NUMBER.match(text, low_end + 1)
    high_parts = quantity_parts(text, high) if high else None
    if high_parts is None or (low is not None and low[1:] != high_parts[1:]):
        return None
    return [*(low or [match.group()]), text[low_end], *high_parts]


class QuantityTokenizer:
    """Text → Doc: quantities cut into their parts, numeral place names kept whole, the rest
    segmented by :func:`domain_tokenizer`. Digits never belong to a word, so every Arabic number
    is its own token; a Chinese numeral is cut out only where a unit follows it (统一, 一体化
    and 进一步 stay words)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.places = re.compile("|".join(map(re.escape, numeral_place_names())))

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        money_multipliers: list[int] = []  # token indices of a 万/亿 standing for 万元/亿元
        done = 0
        for start, pieces in self.protected_and_quantities(text):
            words.extend(self.segment(text[done:start]))
            if len(pieces) > 1 and not any(p in UNITS for p in pieces):
                money_multipliers += [len(words) + k for k, p in enumerate(pieces) if p in MULTIPLIERS]
            words.extend(pieces)
            done = start + sum(map(len, pieces))
        words.extend(self.segment(text[done:]))
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        for i in money_multipliers:
            doc[i]._.money_multiplier = True
        return doc

    def protected_and_quantities(self, text: str) -> list[tuple[int, list[str]]]:
        """(start, tokens) of every numeral place name and every number (with its quantity
        parts when a unit follows), in text order and not overlapping."""
        found: list[tuple[int, list[str]]] = [(m.start(), [m.group()]) for m in self.places.finditer(text)]
        found += [(m.start(), [PERCENT_WORD, m.group(1)]) for m in PERCENT_IN_WORDS.finditer(text)]
        taken = [(start, start + sum(map(len, pieces))) for start, pieces in found]
        for match in NUMBER.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            parts = range_parts(text, match) or quantity_parts(text, match)
            if parts is None and not match.group()[0].isdigit():
                continue  # a Chinese numeral without a unit is part of a word (统一, 一是)
            found.append((match.start(), parts or [match.group()]))
            taken.append((match.start(), match.start() + sum(map(len, parts or [match.group()]))))
        return sorted(found)

    @staticmethod
    def segment(text: str) -> list[str]:
        return list(domain_tokenizer().cut(text, HMM=False)) if text else []


def quantity_patterns() -> list[dict]:
    """EntityRuler patterns: QUANTITY (number [多/余] [万/亿] [多/余] unit [/ per-unit], or
    百分之 number), GPE (full division names), ORG (a government body's name)."""
    approx = {"TEXT": {"IN": list(APPROX_TAILS)}, "OP": "?"}
    quantity = [{"TEXT": {"REGEX": NUMBER_TOKEN}}, approx,
                {"TEXT": {"IN": list(MULTIPLIERS)}, "OP": "?"}, approx, {"TEXT": {"IN": UNITS}}]
    rate = [*quantity, {"TEXT": "/"}, {"TEXT": {"IN": list(PER_UNITS)}}]
    money_shorthand = [quantity[0], approx, {"_": {"money_multiplier": True}}, approx]
    low_end = [*quantity[:-1], {"TEXT": {"IN": UNITS}, "OP": "?"}, {"TEXT": {"IN": list(RANGE_SEPARATORS)}}]
    percent = [{"TEXT": PERCENT_WORD}, {"TEXT": {"REGEX": rf"^(?:百|{CHINESE_NUMBER})$"}}]
    places = list(full_place_names())
    name_part = {"TEXT": {"REGEX": r"^[\u4e00-\u9fff]{1,6}$"}, "OP": f"{{0,{MAX_ORG_NAME_TOKENS}}}"}
    head = {"TEXT": {"IN": list(ORG_HEADS)}}
    return [
        {"label": "QUANTITY", "pattern": quantity},
        {"label": "QUANTITY", "pattern": rate},
        {"label": "QUANTITY", "pattern": money_shorthand},
        {"label": "QUANTITY", "pattern": [*low_end, *quantity]},
        {"label": "QUANTITY", "pattern": percent},
        {"label": "GPE", "pattern": [{"TEXT": {"IN": places}}]},
        {"label": "ORG", "pattern": [{"TEXT": {"IN": places}}, name_part, head]},
        {"label": "ORG", "pattern": [{"TEXT": {"IN": list(ADMIN_PREFIXES)}}, name_part, head]},
        {"label": "ORG", "pattern": [head]},
    ]


Token.set_extension("money_multiplier", default=False, force=True)


@lru_cache(maxsize=1)
def quantity_nlp() -> Language:
    """The blank Chinese pipeline with :class:`QuantityTokenizer` and an EntityRuler for
    QUANTITY, GPE and ORG; built once. Domain words are in the jieba tokenizer before the
    patterns are added."""
    domain_tokenizer()
    nlp = spacy.blank("zh")
    nlp.tokenizer = QuantityTokenizer(nlp.vocab)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(quantity_patterns())
    return nlp
