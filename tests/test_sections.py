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


def test_running_headers_at_page_tops_are_not_prose():
    # a letterhead after a printed page number, and the issuer's name after another that the
    # signature prints again; the first page's own title line stays
    texts = ["某县财政局", "一、绩效评价", "主要问题：一是预算编制不完整，部", "— 4 —", "某县财政局文件",
             "分非税收入未纳入预算；二是采购不规范。", "— 5 —", "某县财政局", "三、下一步", "某县财政局", "2024年1月10日"]
    lines = [Line(t, 1, n) for n, t in enumerate(texts, start=1)]
    sentences = sectionise(Layout("txt", [Page(1, lines)])).sentences
    assert "主要问题：一是预算编制不完整，部分非税收入未纳入预算；二是采购不规范。" in [s.text for s in sentences]
    assert "某县财政局文件" not in "".join(s.text for s in sentences)


def test_heading_title_keeps_a_bracketed_remark_with_a_colon():
    lines = [Line("（一）市区污水处理费补贴项目（主管部门：市住房和城乡建设局）。评价结果为良好。", 1, 1)]
    [heading, _] = sectionise(Layout("txt", [Page(1, lines)])).sentences
    assert heading.path[-1].title == "（一）市区污水处理费补贴项目（主管部门：市住房和城乡建设局）"


def test_a_table_under_a_letter_spaced_header_is_not_prose():
    texts = ["区财政局开展了重点评价。", "  序  号     项  目  名  称      主 管 部 门    得  分   等  级",
             "   1      城区路灯维护经费      区城市管理局    88.5      良", "以上为评价结果。"]
    lines = [Line(t, 1, n) for n, t in enumerate(texts, start=1)]
    sectioned = sectionise(Layout("txt", [Page(1, lines)]))
    assert [s.text for s in sectioned.sentences] == ["区财政局开展了重点评价。", "以上为评价结果。"]
    assert [ln.lineno for ln in sectioned.tables[0].lines] == [2, 3]
