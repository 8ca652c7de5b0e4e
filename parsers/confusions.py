"""Repairs for what OCR and careless extraction typically do to report text, applied to the
layout before any recogniser reads it. Only confusions whose repair cannot change a correct
text are repaired:

- the 一 of 一级指标 read as a dash (—级指标, -级指标), and level labels broken by stray spaces
  (产 出 指 标, 二 级指标): the column header and label words the recognisers key on;
- the letters O/o and l/I inside numbers (1O0%, 2O24年, 9l.5): a letter between digits, or
  between a digit and a percent sign, is never a letter in these reports.
"""
from __future__ import annotations

import re
from dataclasses import replace

from parsers.layout import Layout

LEVEL_WORDS = ("一级指标", "二级指标", "三级指标", "产出指标", "效益指标", "满意度指标", "成本指标")
# a level word with stray spaces between its characters (产 出 指 标); a wider gap or a tab
# parts two cells (三级        指标值), never one word
SPACED_LEVEL_WORD = re.compile("|".join("[ \u3000]{0,2}".join(word) for word in LEVEL_WORDS))
# 一级指标 whose 一 was read as a dash
DASH_LEVEL_WORD = re.compile(r"[—–\-－─‐]\s*级\s*指\s*标")
# O/o and l/I run after a digit (3OO, 1O0, 2O24, 9l.5) or after a decimal point, not before a letter
LETTER_ZEROS = re.compile(r"(?<=\d)[Oo]+(?![A-Za-z])|(?<=\d[.])[Oo]+(?![A-Za-z])")
LETTER_ONES = re.compile(r"(?<=\d)[lI]+(?![A-Za-z])|(?<=\d[.])[lI]+(?![A-Za-z])")


def repair_text(text: str) -> str:
    """``text`` with the confusions above repaired (the same text when it has none)."""
    text = DASH_LEVEL_WORD.sub("一级指标", text)
    text = SPACED_LEVEL_WORD.sub(lambda m: re.sub(r"\s+", "", m.group()), text)
    text = LETTER_ZEROS.sub(lambda m: "0" * len(m.group()), text)
    return LETTER_ONES.sub(lambda m: "1" * len(m.group()), text)


def repair_confusions(layout: Layout) -> Layout:
    """The layout with every line's and table cell's text repaired; mutates and returns it."""
    for page in layout.pages:
        page.lines = [replace(line, text=repair_text(line.text)) for line in page.lines]
        for table in page.tables:
            table.rows = [[repair_text(c) if c else c for c in row] for row in table.rows]
    return layout
