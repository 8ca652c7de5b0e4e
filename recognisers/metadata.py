"""Document metadata: title, issuer, the reporting region and the years a report is about.

Region: the text is segmented with a jieba tokenizer that knows every division name
(pipeline.jieba_setup); each division named gets a score from where it is named (title, issuer,
a city-and-district pair in the title), how often, and whether its level agrees with how the
report speaks of itself (我市 / 全区 / 县直 / 区财政局 …: a report that says 全区 and 区财政局 is
a district's, so the 区 it names wins over the city it also names). Ambiguous names (城关区 …)
go to the division whose city or province the text also names.

Years: report_year is the first year of the title's review clause, else of the first
retrospective section heading, else the year the prose mentions most; target_year is the year
of the goal tables (绩效目标表 / 绩效目标申报表 headings, else the title's 绩效目标 clause),
None when the report prints no goal table.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import zhconv

from parsers.layout import PAGE_NUMBER, Layout
from pipeline.gazetteer import Place, context_fit, gazetteer, resolve_among
from pipeline.jieba_setup import place_tokenizer
from recognisers.sections import HEADING_COUNTER

# ---------------------------------------------------------------------------------------------
# text normalisation

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[\-—–~至到]((?:19|20)\d{2}))?年")  # matched on squashed text


def normalise(text: str) -> str:
    """Simplified characters and ASCII digits, also in years written 二〇二三年."""
    text = zhconv.convert(text, "zh-hans").translate(FULL_WIDTH_DIGITS)
    return CHINESE_YEAR.sub(lambda m: m.group(0).translate(CHINESE_DIGITS), text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def years_in(text: str) -> list[tuple[int, int | None]]:
    """Every year written in ``text`` ('2023 年', '2025-2026年'): (first, last of a range or None)."""
    return [(int(m.group(1)), int(m.group(2)) if m.group(2) else None) for m in YEAR.finditer(squash(text))]


# ---------------------------------------------------------------------------------------------
# title and issuer

HEAD_LINES = 8  # the title is among the first non-blank lines
TITLE_MAX = 45  # characters in one title line
MAX_TITLE_LINES = 3
ATTACHMENT = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*")
TITLE_END = re.compile(r"(报告|情况|总结|结果|说明|汇报|通报|材料|要点|计划|方案)$")
SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？]")
DATE = re.compile(r"^\d{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
DOC_NUMBER = re.compile(r"[〔\[【(（]\d{4}[〕\]】)）]\d+号$")
ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff·（）()]{4,40}$")
ORGAN_END = re.compile(r"(局|厅|委员会|委|政府|办公室|科|处|股|中心)$")
TITLE_ISSUER = re.compile(r"^(.{2,30}?(?:财政局|财政厅|财政委员会|财政处))(?=关于|\d{4}年|[（(])")


def is_title_like(text: str) -> bool:
    """A short line of words without sentence punctuation that is not a section heading."""
    s = squash(text)
    return (0 < len(s) <= TITLE_MAX and "\t" not in text and not SENTENCE_PUNCT.search(s)
            and not HEADING_COUNTER.match(s) and bool(re.search(r"[\u4e00-\u9fff]", s)))


def is_organ_line(text: str) -> bool:
    """A line that is only the name of a government body (天门市财政局预算绩效管理科)."""
    s = squash(text)
    return bool(ORGAN_LINE.match(s) and ORGAN_END.search(s)) and ("财政" in s or "政府" in s)


def title_line_indices(norm: list[str]) -> list[int]:
    """Indices of the title's lines: the first title-like line(s) near the top, skipping an
    附件 marker, a page number, a letterhead (…文件), a document number, a date or the
    issuer's name printed above the title; a title that does not yet end like one (…情况,
    …报告) takes the next title-like line."""
    head = [i for i, text in enumerate(norm) if text.strip()][:HEAD_LINES]
    picked: list[int] = []
    for i in head:
        text = ATTACHMENT.sub("", norm[i].strip())
        s = squash(text)
        if not picked and (not s or PAGE_NUMBER.match(s) or s.endswith("文件") or is_organ_line(s)
                           or DATE.match(s) or DOC_NUMBER.search(s)):
            continue
        if not is_title_like(text) or DATE.match(s) or DOC_NUMBER.search(s):
            break
        picked.append(i)
        if TITLE_END.search(s) or len(picked) == MAX_TITLE_LINES:
            break
    return picked


def find_title(raw: list[str], indices: list[int]) -> str | None:
    """The title as printed, its lines joined, without an 附件 marker."""
    return "".join(ATTACHMENT.sub("", raw[i].strip()) for i in indices) or None


def printed_issuer(norm: list[str], title_norm: str) -> str | None:
    """The issuing body when printed: the title's own prefix (成都市青羊区财政局关于…), a body
    name alone on a line above or right below the title, or a signature line followed by the
    date."""
    m = TITLE_ISSUER.match(title_norm)
    if m:
        return m.group(1)
    lines = [squash(text) for text in norm if text.strip()]
    for k, s in enumerate(lines):
        if not is_organ_line(s):
            continue
        following = lines[k + 1] if k + 1 < len(lines) else ""
        above = lines[k - 1] if k else ""
        if DATE.match(following) or (k < HEAD_LINES and title_norm and (
                following.startswith(title_norm[:6]) or (above and title_norm.endswith(above)))):
            return s  # a signature, a body named above the title, or a byline under it
    return None


# ---------------------------------------------------------------------------------------------
# region

SELF_CHARS = "省市区县州旗盟"
CUE_PREFIX = {"我": 3, "本": 2, "全": 1}  # 我市, 本区, 全县
CUE_SUFFIX = {"直": 2, "级": 1, "委": 1}  # 市直, 区级, 县委
BUREAUS = ("财政局", "财政厅")
BUREAU_CUE = 1  # 区|财政局: usually the report's own bureau (省|财政厅 in a city's report is not)
TITLE_WEIGHT = 6
ISSUER_WEIGHT = 6
CHAIN_WEIGHT = 3  # per parent named in the title/issuer as well (武汉市汉阳区 → 汉阳区)
COUNT_CAP = 10
SHORT_WEIGHT = 0.5
ZONE = re.compile(r"(?:^|关于|\s)([\u4e00-\u9fff·]{2,24}?(?:开发区|高新区|新区|工业园区))(?:管委会|管理委员会)?财政")


@dataclass
class Tally:
    """What the text says about one division."""

    place: Place
    in_title: bool = False
    in_issuer: bool = False
    count: float = 0.0
    first: int = 10**9


@dataclass
class Cues:
    """How the report names its own level, per level character (我市, 全区 …), and how often
    it names its own bureau (区财政局)."""

    weight: Counter = field(default_factory=Counter)
    bureau: Counter = field(default_factory=Counter)

    def factor(self, place: Place) -> float:
        """1 for a place of the level the report speaks as, less for others; 1 without cues."""
        top = max(self.weight.values(), default=0)
        return (self.weight[place.self_suffix] + 1) / (top + 1)


def is_self_char(token: str) -> bool:
    return len(token) == 1 and token in SELF_CHARS


def read_cues(tokens: list[str], cues: Cues) -> None:
    """Add the self-reference cues among one line's tokens (我市 or 我|州, 区直, 区|财政局)."""
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        if len(token) == 2 and token[0] in CUE_PREFIX and is_self_char(token[1]):
            cues.weight[token[1]] += CUE_PREFIX[token[0]]
        elif len(token) == 2 and is_self_char(token[0]) and token[1] in CUE_SUFFIX:
            cues.weight[token[0]] += CUE_SUFFIX[token[1]]
        elif token in CUE_PREFIX and is_self_char(following):
            cues.weight[following] += CUE_PREFIX[token]
        elif is_self_char(token) and following in BUREAUS:
            cues.weight[token] += BUREAU_CUE
            cues.bureau[token] += 1


def candidates(token: str, previous: str, full_names: set[str]) -> tuple[list[Place], bool]:
    """The divisions a token may name and whether it is a full name. Two-character names
    ending in 区 (城区, 矿区 …) are ordinary words unless their city comes just before; a
    county-level short name (汉阳) counts only when the text also names it in full."""
    g = gazetteer()
    places = g.lookup(token)
    if not places:
        return [], False
    if g.is_full_name(token):
        if len(token) == 2 and token.endswith("区"):
            places = [p for p in places if p.parent == previous]
        return places, True
    return [p for p in places if p.level != "district" or p.name in full_names], False


# characters of text segmented for place names and self-references: a report names its region
# and speaks of itself (我市, 全区) early; segmenting a 300-page annex would only cost time
SEGMENTED_CHARS = 40_000


def segment(norm: list[str]) -> list[list[str]]:
    """Each line's jieba tokens, for the lines within the first SEGMENTED_CHARS characters
    (later lines get no tokens)."""
    tokenizer = place_tokenizer()
    tokens, seen = [], 0
    for text in norm:
        seen += len(text)
        tokens.append(tokenizer.lcut(text) if text.strip() and seen <= SEGMENTED_CHARS else [])
    return tokens


def tally_places(tokens: list[list[str]], title_idx: list[int], issuer: str | None) -> dict[str, Tally]:
    """adcode → Tally for every division the text names, each ambiguous name resolved by the
    cities and provinces named unambiguously elsewhere."""
    g = gazetteer()
    full_names = {p.name for line in tokens for t in line if g.is_full_name(t) for p in g.lookup(t)}
    mentions = []  # (line index, candidates, full)
    for i, line in enumerate(tokens):
        for k, token in enumerate(line):
            places, full = candidates(token, line[k - 1] if k else "", full_names)
            if places:
                mentions.append((i, places, full))
    context = {places[0].name for _, places, _ in mentions if len(places) == 1}
    tallies: dict[str, Tally] = {}
    for i, places, full in mentions:
        place = resolve_among(places, context)
        tally = tallies.setdefault(place.adcode, Tally(place))
        tally.in_title |= i in title_idx
        tally.count += 1 if full else SHORT_WEIGHT
        tally.first = min(tally.first, i)
    if issuer:
        for token in place_tokenizer().lcut(issuer):
            for place in g.lookup(token) if g.is_full_name(token) else []:
                tallies.setdefault(place.adcode, Tally(place)).in_issuer = True
    return tallies


def region_score(tally: Tally, named_up_top: set[str], context: set[str], cues: Cues) -> float:
    """How likely ``tally.place`` is the reporting region."""
    place = tally.place
    score = min(tally.count, COUNT_CAP) + context_fit(place, context)
    score += TITLE_WEIGHT * tally.in_title + ISSUER_WEIGHT * tally.in_issuer
    score += CHAIN_WEIGHT * context_fit(place, named_up_top)
    return score * cues.factor(place)


def named_up_top(tallies: dict[str, Tally]) -> set[str]:
    """Names of the divisions named in the title or the issuer."""
    return {t.place.name for t in tallies.values() if t.in_title or t.in_issuer}


def pick_region(tallies: dict[str, Tally], cues: Cues) -> Place | None:
    """The best-scoring division; ties go to the one named first."""
    if not tallies:
        return None
    top = named_up_top(tallies)
    context = {t.place.name for t in tallies.values()}
    best = max(tallies.values(), key=lambda t: (region_score(t, top, context, cues), -t.first))
    return best.place


def development_zone(title: str, issuer: str | None, tallies: dict[str, Tally]) -> str | None:
    """A development zone's name when the title or issuer is its finance bureau's
    (XX经济技术开发区财政局) and names no county-level division (浦东新区财政局 is a district's)."""
    m = ZONE.search(f"{issuer or ''} {title}")
    if not m or gazetteer().is_full_name(m.group(1)):
        return None
    top = named_up_top(tallies)
    return None if any(t.place.level == "district" and t.place.name in top for t in tallies.values()) else m.group(1)


def region_fields(region: Place | None, zone: str | None) -> dict:
    """region, province, admin_level, parent_region for the chosen division, or for a
    development zone within it (its parent the chosen city, or that division's city)."""
    if zone:
        parent = region.name if region and region.level == "city" else region and region.parent
        province = region.province if region else None
        return {"region": zone, "province": province, "admin_level": "开发区", "parent_region": parent}
    if region is None:
        return {"region": None, "province": None, "admin_level": None, "parent_region": None}
    return {"region": region.name, "province": region.province, "admin_level": region.admin_level,
            "parent_region": region.parent}


# ---------------------------------------------------------------------------------------------
# years

CLAUSE_SPLIT = re.compile(r"及|以及|和|暨|与|、")
FORWARD = re.compile(r"计划|打算|工作重点|重点工作|思路|安排|目标|下一步|展望|措施|建议")
GOAL_TABLE = re.compile(r"绩效目标(申报|设置|批复)?表([（(][^）)]*[)）])?$")
GOAL_LINE_MAX = 60  # characters in a goal-table heading or an 附件 line announcing goal tables
SELF_EVALUATION = re.compile(r"自评|实际完成值|得分|分值")
QUOTED = re.compile(r"《[^》]*》|[〔\[【][^〕\]】]*[〕\]】]")


def title_clauses(title: str) -> list[str]:
    return [c for c in CLAUSE_SPLIT.split(squash(title)) if c]


def report_year(title: str, norm: list[str]) -> int | None:
    """The year the report looks back on: first year of a title clause that is not about
    targets, else of the first section heading that is not forward-looking, else the year the
    prose names most (years inside 《》 titles and 〔〕 document numbers left out)."""
    for clause in title_clauses(title):
        found = years_in(clause)
        if found and not FORWARD.search(clause):
            return found[0][0]
    for text in norm:
        s = squash(text)
        if HEADING_COUNTER.match(s) and years_in(s) and not FORWARD.search(s):
            return years_in(s)[0][0]
    counts = Counter(y for text in norm if "\t" not in text for y, _ in years_in(QUOTED.sub("", text)))
    return counts.most_common(1)[0][0] if counts else None


def is_short_line(s: str) -> bool:
    """A squashed line short enough for a heading and without sentence punctuation."""
    return len(s) <= GOAL_LINE_MAX and "《" not in s and not re.search(r"[。，,；;]", s)


def goal_table_lines(norm: list[str]) -> list[int]:
    """Indices of goal-table headings (…绩效目标表, …绩效目标申报表, 附：2026年…绩效目标表),
    not mentions of the form in prose (填报《预算绩效目标申报表》)."""
    return [i for i, text in enumerate(norm) if is_short_line(squash(text)) and GOAL_TABLE.search(squash(text))]


def has_goal_tables(norm: list[str], headings: list[int]) -> bool:
    """Goal-table headings, or an indicator header row (一级指标 二级指标 …) that is not a
    self-evaluation table's (实际完成值, 得分)."""
    if headings:
        return True
    return any("一级指标" in text and "二级指标" in text and not SELF_EVALUATION.search(text) for text in norm)


def target_year(title: str, norm: list[str], report: int | None, title_idx: list[int] = ()) -> int | None:
    """The year of the goal tables: the most common year in their headings, else in short
    lines other than the title announcing them (附件：2024年部分项目绩效目标情况), else the year of the title's
    绩效目标 clause, else the end of a title range (2025-2026年), else the year after
    ``report``; None without goal tables."""
    headings = goal_table_lines(norm)
    if not has_goal_tables(norm, headings):
        return None
    announcing = [i for i, text in enumerate(norm) if i not in headings and i not in title_idx and "绩效目标" in text
                  and is_short_line(squash(text)) and not HEADING_COUNTER.match(squash(text))]
    for indices in (headings, announcing):
        counts = Counter(last or first for i in indices for first, last in years_in(norm[i]))
        if counts:
            return counts.most_common(1)[0][0]
    for clause in title_clauses(title):
        if "目标" in clause and years_in(clause):
            return years_in(clause)[0][0]
    ranges = [last for _, last in years_in(title) if last]
    if ranges:
        return ranges[0]
    return report + 1 if report else None


# ---------------------------------------------------------------------------------------------


def extract_metadata(layout: Layout, file_name: str) -> dict:
    """title, issuer, region, province, admin_level, parent_region, report_year, target_year."""
    raw = [line.text for line in layout.lines()]
    norm = [normalise(text) for text in raw]
    title_idx = title_line_indices(norm)
    title = find_title(raw, title_idx)
    title_norm = squash(normalise(title or ""))
    issuer = printed_issuer(norm, title_norm)

    tokens = segment(norm)
    cues = Cues()
    for line in tokens:
        read_cues(line, cues)
    tallies = tally_places(tokens, title_idx, issuer)
    region = pick_region(tallies, cues)
    fields = region_fields(region, development_zone(title_norm, issuer, tallies))
    if issuer is None and region is not None and cues.bureau[region.self_suffix]:
        bureau = "财政厅" if region.level == "province" else "财政局"
        issuer = fields["region"] + bureau

    year = report_year(title_norm, norm)
    return {"title": title, "issuer": issuer, **fields,
            "report_year": year, "target_year": target_year(title_norm, norm, year, title_idx)}
