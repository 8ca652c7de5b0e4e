"""OCR-style damage repaired before recognising: dashes for 一, stray spaces in level labels,
letters inside numbers; and the gold tables printed with that damage read back exactly."""
from __future__ import annotations

import re

import pytest

from grading import grade
from parsers.confusions import repair_text
from text_renderings import write_renderings


@pytest.mark.parametrize("damaged, repaired", [
    ("—级指标\t二 级 指 标\t三级指标\t指标值", "一级指标\t二级指标\t三级指标\t指标值"),
    ("-级指标 二级指标", "一级指标 二级指标"),
    ("产 出 指 标 数量指标 参保人数 ≥3OO万人", "产出指标 数量指标 参保人数 ≥300万人"),
    ("合格率 1O0%", "合格率 100%"),
    ("2O24年度", "2024年度"),
    ("得分9l.5分", "得分91.5分"),
])
def test_damage_is_repaired(damaged, repaired):
    assert repair_text(damaged) == repaired


@pytest.mark.parametrize("text", ["Oct 2024 report", "5Oct", "第IO号", "l2345", "ISO 9001", "一级指标 满意度指标",
                                  "二级          三级          指标值", "一级\t指标"])
def test_correct_text_is_left_alone(text):
    assert repair_text(text) == text


def damage(text: str) -> str:
    """What OCR does to a form: 一级指标 read as —级指标, spaces inside level labels, O for 0."""
    text = text.replace("一级指标", "—级指标").replace("产出指标", "产 出 指 标").replace("满意度指标", "满意度 指标")
    return re.sub(r"(?<=\d)0", "O", text)


@pytest.mark.parametrize("style", ["tabs", "spaces"])
def test_damaged_renderings_read_back_like_clean_ones(style, tmp_path):
    paths = write_renderings(tmp_path, styles=(style,))
    for path in paths:
        path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    clean_dir = tmp_path / "clean"
    clean_dir.mkdir()
    clean = grade(write_renderings(clean_dir, styles=(style,)), clean_dir, "000,002")["summary"]
    damaged = grade(paths, tmp_path, "000,002")["summary"]
    assert damaged["indicator_f1"] == clean["indicator_f1"]
    assert damaged["indicator_exact"] == clean["indicator_exact"]
