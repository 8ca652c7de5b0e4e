"""Traditional-character text (reports re-published through converted mirrors) → simplified.

Recognisers match simplified vocabulary (产出指标, 绩效目标表 …), so a layout whose text is
mostly traditional is converted character by character (zhconv's zh-hans table, no phrase
rewriting) before any recogniser sees it. Simplified text is left untouched.
"""
from __future__ import annotations

from dataclasses import replace

import zhconv

from parsers.layout import Layout

# share of CJK characters that change under conversion above which a text counts as traditional
TRADITIONAL_SHARE = 0.02


def is_traditional(text: str) -> bool:
    """True when enough of the text's Chinese characters are traditional forms."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return False
    sample = "".join(cjk[:20000])
    changed = sum(a != b for a, b in zip(sample, zhconv.convert(sample, "zh-hans")))
    return changed / len(sample) > TRADITIONAL_SHARE


def to_simplified(layout: Layout) -> Layout:
    """The same layout with every line's text in simplified characters (a no-op for simplified)."""
    if not is_traditional(layout.text()):
        return layout
    for page in layout.pages:
        page.lines = [replace(line, text=zhconv.convert(line.text, "zh-hans")) for line in page.lines]
        for table in page.tables:
            table.rows = [[zhconv.convert(c, "zh-hans") if c else c for c in row] for row in table.rows]
    return layout
