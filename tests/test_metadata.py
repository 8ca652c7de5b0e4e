"""Document metadata: the five sample reports against their gold, plus made-up reports from
other provinces and levels (not taken from the samples)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers.layout import Layout, Line, Page
from recognisers.metadata import extract_metadata

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD_DIR = ROOT / "tests" / "gold" if (ROOT / "tests" / "gold").is_dir() else SHARED / "gold"
SEED_DIRS = (ROOT / "data" / "raw", SHARED / "seeds")
KEYS = ("title", "issuer", "region", "province", "admin_level", "parent_region", "report_year", "target_year")
SCORED = ("region", "province", "admin_level", "parent_region", "report_year", "target_year")


def layout_from_text(text: str) -> Layout:
    """A text file's layout: pages split on form feeds, one Line per text line."""
    pages, lineno = [], 0
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = []
        for line in chunk.split("\n"):
            lineno += 1
            lines.append(Line(line, number, lineno))
        pages.append(Page(number, lines))
    return Layout("txt", pages)


def seed_path(stem: str) -> Path | None:
    for folder in SEED_DIRS:
        path = folder / f"{stem}.txt"
        if path.is_file():
            return path
    return None


GOLD = sorted(GOLD_DIR.glob("*.json"))


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem[:3] for p in GOLD])
def test_sample_reports_match_gold(gold_path):
    path = seed_path(gold_path.stem)
    if path is None:
        pytest.skip(f"sample {gold_path.stem}.txt not found")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["document"]
    gold["parent_region"] = gold.pop("parent")
    meta = extract_metadata(layout_from_text(path.read_text(encoding="utf-8")), path.name)
    assert tuple(meta) == KEYS
    assert {k: meta[k] for k in SCORED} == {k: gold[k] for k in SCORED}
    assert meta["title"] == gold["title"]


def meta_of(text: str) -> dict:
    return extract_metadata(layout_from_text(text.strip("\n")), "made_up.txt")


def region_of(meta: dict) -> tuple:
    return meta["region"], meta["parent_region"], meta["province"], meta["admin_level"]


def test_district_report_names_its_city():
    meta = meta_of("""
成都市青羊区财政局关于2022年度预算绩效管理工作情况的报告

2022年，在区委、区政府的坚强领导下，区财政局全面实施预算绩效管理，推动全区预算绩效管理提质增效。
一、2022年工作开展情况
（一）事前绩效评估。组织区直部门对新增项目开展事前绩效评估，按照成都市财政局统一部署推进。
二、2023年工作打算
""")
    assert region_of(meta) == ("青羊区", "成都市", "四川省", "市辖区")
    assert meta["issuer"] == "成都市青羊区财政局"
    assert (meta["report_year"], meta["target_year"]) == (2022, None)


def test_prefecture_city_that_lists_its_districts():
    meta = meta_of("""
2023年度市级预算绩效管理工作情况

2023年，我市认真落实河南省财政厅工作部署，全市预算绩效管理持续深化，市直部门全部开展绩效自评。
涧西区、西工区、老城区、涧西区、西工区等县区同步推进，洛阳市本级评价项目42个。
附件：2024年市级重点项目绩效目标
文化旅游发展专项绩效目标表
项目名称	文化旅游发展专项
一级指标	二级指标	三级指标	指标值
产出指标	数量指标	举办活动场次	≥20场
""")
    assert region_of(meta) == ("洛阳市", None, "河南省", "地级市")
    assert (meta["report_year"], meta["target_year"]) == (2023, 2024)
    assert meta["issuer"] is None


def test_county_report():
    meta = meta_of("""
安吉县2022年预算绩效管理工作总结

2022年，我县坚持全面实施预算绩效管理，县直各部门全部编报绩效目标，全县评价覆盖面进一步扩大。
按照湖州市财政局和浙江省财政厅要求，县财政局组织开展重点评价。

安吉县财政局
2022年12月20日
""")
    assert region_of(meta) == ("安吉县", "湖州市", "浙江省", "县")
    assert meta["title"] == "安吉县2022年预算绩效管理工作总结"
    assert meta["issuer"] == "安吉县财政局"
    assert (meta["report_year"], meta["target_year"]) == (2022, None)


def test_traditional_characters():
    meta = meta_of("""
廣州市財政局２０２１年度預算績效管理工作情況

２０２１年，我市全面實施預算績效管理，市直部門績效目標編報實現全覆蓋，全市財政資金使用效益持續提升。
""")
    assert region_of(meta) == ("广州市", None, "广东省", "地级市")
    assert meta["title"] == "廣州市財政局２０２１年度預算績效管理工作情況"
    assert meta["issuer"] == "广州市财政局"
    assert meta["report_year"] == 2021


def test_province_report():
    meta = meta_of("""
湖南省财政厅关于2023年度全省预算绩效管理工作情况的报告

2023年，全省各级财政部门深入推进预算绩效管理，省直部门实现绩效自评全覆盖。
长沙市、株洲市、湘潭市等市州积极探索，我省预算绩效管理水平稳步提升。
""")
    assert region_of(meta) == ("湖南省", None, "湖南省", "省")
    assert meta["issuer"] == "湖南省财政厅"
    assert meta["report_year"] == 2023


def test_ambiguous_district_name_follows_the_city_in_the_text():
    text = """
城关区2023年预算绩效管理工作情况

2023年，全区各部门认真落实{city}财政局要求，区直部门全部编报绩效目标。
"""
    assert region_of(meta_of(text.format(city="兰州市"))) == ("城关区", "兰州市", "甘肃省", "市辖区")
    assert region_of(meta_of(text.format(city="拉萨市"))) == ("城关区", "拉萨市", "西藏自治区", "市辖区")


def test_district_named_once_beside_a_city_named_often():
    meta = meta_of("""
开展情况及重点项目绩效评价结果

近年来，区财政局全面推进预算绩效管理，全区预算单位开展绩效自评。
项目列入《大连市2022年城建计划》，符合大连市相关政策，促进大连市整体经济发展，大连市有关部门予以支持。
甘井子区教育局作为项目业主，与部门职责相符。
一、2023年预算绩效管理工作开展情况
""")
    assert region_of(meta) == ("甘井子区", "大连市", "辽宁省", "市辖区")
    assert meta["issuer"] == "甘井子区财政局"  # 区财政局 printed, the district's name inferred
    assert meta["report_year"] == 2023


def test_municipal_district_with_chinese_numeral_year():
    meta = meta_of("""
上海市黄浦区二〇二三年度预算绩效管理工作总结

二〇二三年，我区按照上海市财政局部署，全区预算绩效管理工作稳步推进。
""")
    assert region_of(meta) == ("黄浦区", "上海市", "上海市", "市辖区")
    assert meta["report_year"] == 2023


def test_autonomous_prefecture_written_short():
    meta = meta_of("""
恩施州财政局2023年预算绩效管理工作情况

2023年，全州各级财政部门深入推进预算绩效管理，州直部门全面开展绩效自评。
""")
    assert region_of(meta) == ("恩施土家族苗族自治州", None, "湖北省", "自治州")


def test_development_zone():
    meta = meta_of("""
襄阳高新技术产业开发区财政局关于2023年度预算绩效管理工作情况的报告

2023年，全区预算绩效管理工作在襄阳市财政局指导下有序推进，区直部门全部开展绩效自评。
""")
    assert region_of(meta) == ("襄阳高新技术产业开发区", "襄阳市", "湖北省", "开发区")


def test_self_evaluation_tables_are_not_goal_tables():
    meta = meta_of("""
十堰市2023年度部门整体支出绩效自评情况

2023年，我市组织市直部门开展绩效自评。
项目支出绩效自评表
一级指标	二级指标	三级指标	年度指标值	实际完成值	分值	得分
""")
    assert meta["target_year"] is None


def test_goal_table_headings_decide_the_target_year():
    meta = meta_of("""
关于2023年度预算绩效管理工作情况的报告

2023年，我市预算绩效管理工作稳步推进。
2024年度城市道路维护项目绩效目标表
一级指标	二级指标	三级指标	指标值
""")
    assert (meta["report_year"], meta["target_year"]) == (2023, 2024)


def test_title_after_letterhead_and_document_number():
    meta = meta_of("""
宜昌市财政局文件
宜市财绩〔2023〕5号
关于2022年度预算绩效管理工作
开展情况的报告

2022年，我市预算绩效管理工作取得新进展，市直部门全面开展绩效自评。
""")
    assert meta["title"] == "关于2022年度预算绩效管理工作开展情况的报告"
    assert region_of(meta) == ("宜昌市", None, "湖北省", "地级市")
    assert meta["report_year"] == 2022


def test_empty_document():
    meta = extract_metadata(Layout("txt", [Page(1, [])]), "empty.txt")
    assert meta == dict.fromkeys(KEYS)


def test_a_byline_under_the_title_is_the_issuer():
    meta = meta_of("义乌市关于2022年度预算绩效管理工作情况的报告\n\n义乌市财政局\n\n"
                   "2022年，我市对31个重点项目开展财政重点评价。")
    assert meta["issuer"] == "义乌市财政局"
    assert region_of(meta) == ("义乌市", "金华市", "浙江省", "县级市")
