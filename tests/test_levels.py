"""The level rule (pipeline.levels): 二级指标 decides 一级指标; printed labels kept when they differ."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.levels import canonical_level1, is_level1_label, is_level2_label, level1_for, resolve_level1

GOLD_DIR = Path(__file__).parent / "gold"

LEVEL_RULE = [
    ("数量指标", "产出指标"),
    ("质量指标", "产出指标"),
    ("时效指标", "产出指标"),
    ("时效", "产出指标"),
    ("经济效益指标", "效益指标"),
    ("社会效益指标", "效益指标"),
    ("社会效益\n指标", "效益指标"),
    ("社会效益指", "效益指标"),
    ("生态效益指标", "效益指标"),
    ("可持续影响指标", "效益指标"),
    ("服务对象满意度", "满意度指标"),
    ("服务对象满意度指标", "满意度指标"),
    ("服务对象 满意度", "满意度指标"),
    ("经济成本指标", "成本指标"),
    ("社会成本指标", "成本指标"),
    ("生态环境成本指标", "成本指标"),
    ("成本指标", None),
    ("成本", None),
    ("居民满意度", None),
    ("产出指标", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize("level2, level1", LEVEL_RULE)
def test_level1_for(level2, level1):
    assert level1_for(level2) == level1


@pytest.mark.parametrize("text", ["产出指标", "效益指标", "满意度指标", "成本指标", "产出", "效益", "满意度",
                                  "效益\n指标", "成 本 指 标", "产出指"])
def test_level1_labels(text):
    assert is_level1_label(text)
    assert not is_level2_label(text)


@pytest.mark.parametrize("text", ["数量指标", "质量", "时效指标", "经济效益指标", "社会效益指", "社会效益",
                                  "生态效益指标", "可持续影响指标", "服务对象满意度", "服务对象满意度指标",
                                  "经济成本指标", "社会成本指标", "生态环境成本指标"])
def test_level2_labels(text):
    assert is_level2_label(text)
    assert not is_level1_label(text)


@pytest.mark.parametrize("text", ["居民满意度", "社会公众满意度", "项目预算金额", "", None, "指标", "一级指标"])
def test_not_labels(text):
    assert not is_level1_label(text)
    assert not is_level2_label(text)


@pytest.mark.parametrize("text, canonical", [("产出", "产出指标"), ("效益\n指标", "效益指标"), ("满意度指标", "满意度指标"),
                                             ("成本", "成本指标"), ("社会效益指标", None), (None, None)])
def test_canonical_level1(text, canonical):
    assert canonical_level1(text) == canonical


RESOLVE = [
    # (printed 一级, 二级) → (level1, printed_level1)
    (("产出指标", "数量指标"), ("产出指标", None)),
    (("产出", "数量指标"), ("产出指标", None)),
    (("效益\n指标", "社会效益\n指标"), ("效益指标", None)),
    (("社会效益指标", "社会效益指标"), ("效益指标", "社会效益指标")),
    (("时效指标", "时效指标"), ("产出指标", "时效指标")),
    (("效益指标", "时效指标"), ("产出指标", "效益指标")),
    (("产出指标", "经济成本指标"), ("成本指标", "产出指标")),
    (("产出指标", "成本指标"), ("产出指标", None)),
    (("成本指标", "成本指标"), ("成本指标", None)),
    ((None, "成本指标"), (None, None)),
    ((None, "数量指标"), ("产出指标", None)),
    (("满意度指标", None), ("满意度指标", None)),
    (("社会效益指标", None), ("效益指标", "社会效益指标")),
    (("110 案件及市长热线投诉类响应时间", "时效指标"), ("产出指标", None)),
    (("110 案件及市长热线投诉类响应时间", None), (None, None)),
    ((None, None), (None, None)),
]


@pytest.mark.parametrize("args, expected", RESOLVE)
def test_resolve_level1(args, expected):
    assert resolve_level1(*args) == expected


def gold_indicators():
    return [
        pytest.param(ind, id=f"{path.stem}-{table['name']}-{ind['horizon']}-{n}-{ind['level3']}")
        for path in sorted(GOLD_DIR.glob("*.json"))
        for table in json.loads(path.read_text(encoding="utf-8"))["goal_tables"]
        for n, ind in enumerate(table["indicators"])
    ]


def test_gold_files_present():
    assert gold_indicators(), f"no gold indicators under {GOLD_DIR}"


@pytest.mark.parametrize("gold", gold_indicators())
def test_gold_level1(gold):
    """What the 一级 column printed (printed_level1, else the gold level1) plus the gold 二级
    resolve to the gold level1 and printed_level1."""
    printed = gold.get("printed_level1") or gold["level1"]
    assert resolve_level1(printed, gold["level2"]) == (gold["level1"], gold.get("printed_level1"))
    assert level1_for(gold["level2"]) == gold["level1"]
