"""The sectioniser (recognisers.sections): sentences keep the lines they were printed on."""
from __future__ import annotations

from parsers.layout import Layout, Line, Page
from recognisers.sections import sectionise


def test_sentences_keep_their_lines():
    lines = [Line(t, 1, n) for n, t in enumerate(
        ["一、绩效自评", "完成项目支出绩效自评853个，完成部门整体", "支出绩效自评76家。下一句在这里。"], start=1)]
    sentences = sectionise(Layout("txt", [Page(1, lines)])).sentences
    by_text = {s.text: [ln.lineno for ln in s.lines] for s in sentences}
    assert by_text == {
        "一、绩效自评": [1],
        "完成项目支出绩效自评853个，完成部门整体支出绩效自评76家。": [2, 3],
        "下一句在这里。": [3],
    }
