"""一级/二级 indicator labels and the national framework's level rule (CONTRACT.md, Level rule).

Labels are compared by a key: whitespace removed and a trailing 指标 (or a 指 left over when the
cell broke inside 指标) dropped, so '社会效益\\n指标', '社会效益指' and '社会效益' are one label.
Functions return the canonical full label with 指标 (产出指标, 效益指标, 满意度指标, 成本指标).
"""
from __future__ import annotations

import re

# 一级指标 keys.
LEVEL1_KEYS = ("产出", "效益", "满意度", "成本")

# 二级指标 key → 一级指标 key. A bare 成本(指标) as a 二级 is missing on purpose: it sits under
# 产出指标 in older tables and under 成本指标 in newer ones, so the printed 一级 decides.
LEVEL2_TO_LEVEL1: dict[str, str] = {
    "数量": "产出",
    "质量": "产出",
    "时效": "产出",
    "经济效益": "效益",
    "社会效益": "效益",
    "生态效益": "效益",
    "可持续影响": "效益",
    "服务对象满意度": "满意度",
    "经济成本": "成本",
    "社会成本": "成本",
    "生态环境成本": "成本",
    "生态成本": "成本",
}

_WS = re.compile(r"\s+")


def label_key(text: str | None) -> str | None:
    """The comparison key of a label: no whitespace, no trailing 指标 / 指; None if empty."""
    if text is None:
        return None
    key = _WS.sub("", text)
    key = key.removesuffix("指标").removesuffix("指")
    return key or None


def _full(key: str) -> str:
    return key + "指标"


def is_level1_label(text: str | None) -> bool:
    """True for a 一级指标 label: 产出/效益/满意度/成本, with or without 指标, broken or not."""
    return label_key(text) in LEVEL1_KEYS


def is_level2_label(text: str | None) -> bool:
    """True for a 二级指标 label of the framework (数量指标 … 服务对象满意度(指标), 经济成本指标 …).

    A bare 成本(指标) counts as 一级 here, not 二级; 三级-style names such as 居民满意度 are not labels.
    """
    return label_key(text) in LEVEL2_TO_LEVEL1


def canonical_level1(text: str | None) -> str | None:
    """'产出' / '产出 指标' / '产出指' → '产出指标'; None when ``text`` is not a 一级 label."""
    key = label_key(text)
    return _full(key) if key in LEVEL1_KEYS else None


def level1_for(level2: str | None) -> str | None:
    """The 一级指标 a 二级指标 belongs to ('数量指标' → '产出指标', '服务对象满意度' → '满意度指标');
    None when ``level2`` is unknown or ambiguous (a bare 成本指标)."""
    key = label_key(level2)
    return _full(LEVEL2_TO_LEVEL1[key]) if key in LEVEL2_TO_LEVEL1 else None


def resolve_level1(printed_level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    """(level1, printed_level1) for one indicator row.

    ``printed_level1`` is what the row's 一级 column shows (None if blank). ``level1`` is the
    semantic 一级: from ``level2`` when that decides it, else from the printed label (a 一级
    label, or a 二级 label printed in the 一级 column). The printed label is returned, whitespace
    removed, only when it is a level label that differs from ``level1`` modulo a trailing 指标;
    otherwise None.
    """
    level1 = level1_for(level2) or canonical_level1(printed_level1) or level1_for(printed_level1)
    printed = _WS.sub("", printed_level1 or "") or None
    is_label = is_level1_label(printed) or is_level2_label(printed)
    if not is_label or label_key(printed) == label_key(level1):
        printed = None
    return level1, printed
