"""Traditional-character text (reports re-published through converted mirrors) → simplified.

Recognisers match simplified vocabulary (产出指标, 绩效目标表 …), so a layout whose text is
mostly traditional is converted character by character (zhconv's zh-hans table, no phrase
rewriting) before any recogniser sees it. Simplified text is left untouched.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import zhconv

from parsers.layout import Layout

# share of CJK characters that change under conversion above which a text counts as traditional
TRADITIONAL_SHARE = 0.02


# Chinese characters looked at to decide (the first ones of the document)
SAMPLE_CHARS = 20000
CJK = re.compile(r"[\u4e00-\u9fff]+")


def is_traditional(lines: Iterable[str]) -> bool:
    """True when enough of the first SAMPLE_CHARS Chinese characters of ``lines`` are
    traditional forms."""
    sample = ""
    for line in lines:
        sample += "".join(CJK.findall(line))
        if len(sample) >= SAMPLE_CHARS:
            break
    if not sample:
        return False
    sample = sample[:SAMPLE_CHARS]
    changed = sum(a != b for a, b in zip(sample, zhconv.convert(sample, "zh-hans")))
    return changed / len(sample) > TRADITIONAL_SHARE


def to_simplified(layout: Layout) -> Layout:
    """The same layout with every line's text in simplified characters (a no-op for simplified)."""
    if not is_traditional(line.text for line in layout.lines()):
        return layout
    for page in layout.pages:
        page.lines = [replace(line, text=zhconv.convert(line.text, "zh-hans")) for line in page.lines]
        for table in page.tables:
            table.rows = [[zhconv.convert(c, "zh-hans") if c else c for c in row] for row in table.rows]
    return layout
