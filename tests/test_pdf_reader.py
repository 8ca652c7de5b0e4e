"""PDF reader: one regression test per document problem (bad files, spans, furniture, page
breaks), on small PDFs built here with reportlab."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from parsers import read_file
from parsers.errors import ReadError
from parsers.pdf import join_wrapped
from pipeline.parse import parse_document, parse_file

rl_config.invariant = 1
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
RUNNING_HEADER = "某市2024年预算绩效管理工作情况"


def P(text: str) -> Paragraph:
    return Paragraph(text, CELL)


def furniture(c, doc) -> None:
    c.setFont(FONT, 9)
    c.drawCentredString(A4[0] / 2, A4[1] - 30, RUNNING_HEADER)
    c.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")


def build(path: Path, story: list) -> Path:
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def indicator_table(rows: list[list[str]], spans: list[tuple]) -> Table:
    table = Table([[P(c) for c in row] for row in rows], colWidths=[70, 90, 220, 100])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), *spans]))
    return table


@pytest.fixture(scope="module")
def form_pdf(tmp_path_factory) -> Path:
    """A titled form: header grid with a spanning goal row, indicator grid with row spans."""
    header = Table([[P("项目名称"), P("路灯电费"), P("项目金额（万元）"), P("1600")],
                    [P("项目年度绩效目标"), P("保障路灯亮化率达到 99%"), "", ""]], colWidths=[80, 160, 80, 160])
    header.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (1, 1), (3, 1))]))
    body = indicator_table(
        [INDICATOR_HEADER, ["产出指标", "数量指标", "灯杆数", "≥12700基"], ["", "", "灯盏数", "≥24000盏"],
         ["", "质量指标", "政府采购需求管理规范性很长的名字需要换行显示在单元格里", "规范"],
         ["满意度指标", "服务对象满意度", "群众满意度", "≥98%"]],
        [("SPAN", (0, 1), (0, 3)), ("SPAN", (1, 1), (1, 2))],
    )
    story = [P("第一段正文，说明预算绩效管理工作的开展情况。"), PageBreak(), P("路灯电费绩效目标申报表"), header, body]
    return build(tmp_path_factory.mktemp("pdf") / "form.pdf", story)


def test_spans_are_dropped_sideways_and_filled_down(form_pdf):
    lines = [ln.text for ln in read_file(form_pdf).lines()]
    assert "项目名称\t路灯电费\t项目金额（万元）\t1600" in lines
    assert "项目年度绩效目标\t保障路灯亮化率达到 99%" in lines
    assert "产出指标\t数量指标\t灯盏数\t≥24000盏" in lines
    assert "产出指标\t质量指标\t政府采购需求管理规范性很长的名字需要换行显示在单元格里\t规范" in lines


def test_running_header_and_page_numbers_are_dropped(form_pdf):
    texts = [ln.text for ln in read_file(form_pdf).lines()]
    assert RUNNING_HEADER not in texts
    assert not any(t.startswith("—") for t in texts)
    assert "第一段正文，说明预算绩效管理工作的开展情况。" in texts


def test_form_reads_as_goal_table_with_boxes(form_pdf):
    parsed = parse_file(form_pdf)
    [table] = parsed.goal_tables
    assert (table.name, table.amount_wan, table.page_start) == ("路灯电费", 1600, 2)
    assert [(i.level1, i.level2, i.level3, i.raw_value) for i in table.indicators] == [
        ("产出指标", "数量指标", "灯杆数", "≥12700基"),
        ("产出指标", "数量指标", "灯盏数", "≥24000盏"),
        ("产出指标", "质量指标", "政府采购需求管理规范性很长的名字需要换行显示在单元格里", "规范"),
        ("满意度指标", "服务对象满意度", "群众满意度", "≥98%"),
    ]
    assert all(i.page == 2 and i.source_span.startswith("p2:") and i.source_span.count(",") == 3
               for i in table.indicators)


def test_table_over_two_pages_drops_the_repeated_header(tmp_path):
    first = indicator_table([INDICATOR_HEADER, ["产出指标", "数量指标", "道路清扫次数", "1次/天"],
                             ["", "", "垃圾清运次数", "2次/天"]], [("SPAN", (0, 1), (0, 2)), ("SPAN", (1, 1), (1, 2))])
    rest = indicator_table([INDICATOR_HEADER, ["", "", "公厕保洁次数", "3次/天"],
                            ["效益指标", "社会效益指标", "市容环境改善", "明显改善"]], [])
    path = build(tmp_path / "split.pdf", [P("某项目绩效目标表"), first, PageBreak(), rest])
    layout = read_file(path)
    assert layout.pages[1].tables[0].continues
    [table] = parse_file(path).goal_tables
    assert [(i.level2, i.level3, i.page) for i in table.indicators] == [
        ("数量指标", "道路清扫次数", 1), ("数量指标", "垃圾清运次数", 1),
        ("数量指标", "公厕保洁次数", 2), ("社会效益指标", "市容环境改善", 2),
    ]


def test_join_wrapped_cell_text():
    assert join_wrapped("项目年度绩效目\n标") == "项目年度绩效目标"
    assert join_wrapped("Budget Perfor\nmance review") == "Budget Perfor mance review"
    assert join_wrapped("≥12\n700基") == "≥12700基"
    assert join_wrapped(None) == ""


def one_page(path: Path, text: str, **kwargs) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    c.setFont(FONT, 12)
    c.drawString(72, 760, text)
    c.showPage()
    c.save()
    return path


def blank_image(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (60, 80), "white").save(path)
    return path


def test_encrypted_pdf_is_failed_with_reason(tmp_path):
    doc = parse_document(one_page(tmp_path / "locked.pdf", "加密的报告", encrypt="secret")).document
    assert (doc.status, doc.error) == ("failed", "encrypted PDF: it needs a password to open")


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf_is_failed_with_reason(tmp_path, cut):
    whole = one_page(tmp_path / "whole.pdf", "完整的报告").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: int(len(whole) * cut)])
    doc = parse_document(path).document
    assert doc.status == "failed" and "PDF" in doc.error


def test_image_only_pdf_is_failed_and_a_scanned_page_makes_it_partial(tmp_path, monkeypatch):
    monkeypatch.setattr("parsers.pdf.ocr_available", lambda: False)
    image = blank_image(tmp_path / "scan.png")
    c = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=A4)
    c.drawImage(str(image), 0, 0, *A4)
    c.showPage()
    c.save()
    doc = parse_document(tmp_path / "scan.pdf").document
    assert doc.status == "failed" and doc.error.startswith("image-only PDF: no page has a text layer")
    c = canvas.Canvas(str(tmp_path / "mixed.pdf"), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(72, 760, "第一页正文")
    c.showPage()
    c.drawImage(str(image), 0, 0, *A4)
    c.showPage()
    c.save()
    doc = parse_document(tmp_path / "mixed.pdf").document
    assert (doc.status, doc.pages) == ("partial", 2)
    assert doc.error.startswith("page 2 has no text layer")


def test_read_error_for_pdf_signature_without_a_document(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(ReadError, match="corrupt or truncated PDF"):
        read_file(path)


def test_scanned_page_is_read_by_ocr_when_installed(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    import pypdfium2

    printed = canvas.Canvas(str(tmp_path / "printed.pdf"), pagesize=A4)
    printed.setFont("Helvetica", 16)
    printed.drawString(72, 760, "Performance report 2024")
    printed.drawString(72, 720, "Satisfaction >= 95%")
    printed.showPage()
    printed.save()
    image = tmp_path / "scan.png"
    pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))[0].render(scale=2).to_pil().save(image)
    scanned = canvas.Canvas(str(tmp_path / "scanned.pdf"), pagesize=A4)
    scanned.drawImage(str(image), 0, 0, *A4)
    scanned.showPage()
    scanned.save()
    layout = read_file(tmp_path / "scanned.pdf")
    assert layout.warnings == ["page 1 has no text layer (read by OCR)"]
    texts = [ln.text for ln in layout.lines()]
    assert texts[:2] == ["Performance report 2024", "Satisfaction >= 95%"]
    first = layout.lines()[0].bbox
    assert 60 < first[0] < 90 and 60 < first[1] < 90  # 72 pt from the left, ~82 pt from the top


def test_labels_printed_below_the_first_row_of_their_group(tmp_path):
    """Unmerged label cells with the 一级/二级 label printed in the group's middle row: the rows
    above it (the top of the table) take it, later rows carry it down."""
    rows = [INDICATOR_HEADER, ["", "", "灯杆数", "≥12700基"], ["产出指标", "数量指标", "灯盏数", "≥24000盏"],
            ["", "", "变压器数", "≥188台"], ["满意度指标", "服务对象满意度", "群众满意度", "≥98%"]]
    path = build(tmp_path / "mid.pdf", [P("某项目绩效目标表"), indicator_table(rows, [])])
    [table] = parse_file(path).goal_tables
    assert [(i.level1, i.level2) for i in table.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("满意度指标", "服务对象满意度")]


def test_font_without_a_character_map_is_reported_as_garbled(tmp_path):
    """The CID font's encoding swapped for Identity-H: pdfium then yields rare characters
    (䅖ꉾ㧮…) instead of the printed text; the page is named and the document is partial."""
    data = one_page(tmp_path / "clean.pdf", "预算绩效管理工作情况报告正文内容").read_bytes()
    path = tmp_path / "garbled.pdf"
    path.write_bytes(data.replace(b"/UniGB-UCS2-H", b"/Identity-H  "))
    doc = parse_document(path).document
    assert (doc.status, doc.error) == ("partial", "page 1 has garbled text (no usable character map)")


def test_borderless_form_with_labels_centred_between_wrapped_name_lines(tmp_path):
    """No rules at all: the page's text lines are the rows; 质量指标 is printed between the two
    lines of the name it labels, and the header field is written 项目名称：…"""
    rows = [INDICATOR_HEADER, ["产出指标", "数量指标", "灯杆数", "≥12700基"],
            ["", "质量指标", "政府采购需求管理规范性很长的名字需要换行显示在单元格里", "规范"]]
    table = Table([[P(c) for c in row] for row in rows], colWidths=[70, 90, 220, 100])
    path = build(tmp_path / "borderless.pdf", [P("路灯电费绩效目标表"), P("项目名称：路灯电费"), table])
    [form] = parse_file(path).goal_tables
    assert form.name == "路灯电费"
    assert [(i.level2, i.level3, i.raw_value) for i in form.indicators] == [
        ("数量指标", "灯杆数", "≥12700基"),
        ("质量指标", "政府采购需求管理规范性很长的名字需要换行显示在单元格里", "规范"),
    ]


def test_national_form_with_spanning_row_labels(tmp_path):
    """The national form as a ruled PDF: 项目资金（万元） spans its three money rows, 绩效指标
    spans the whole indicator block, 一级/二级 labels span their groups."""
    from test_national_template import COLUMNS, EXPECTED, HEADER, ROWS

    rows = [r + [""] * (5 - len(r)) for r in HEADER[1:]] + [COLUMNS] + ROWS
    spans = [("SPAN", (1, 0), (4, 0)), ("SPAN", (0, 2), (0, 4)), ("SPAN", (2, 2), (4, 2)),
             ("SPAN", (2, 3), (4, 3)), ("SPAN", (2, 4), (4, 4)), ("SPAN", (1, 5), (4, 5)),
             ("SPAN", (0, 6), (0, 13)), ("SPAN", (1, 7), (1, 10)), ("SPAN", (2, 7), (2, 8)),
             ("SPAN", (1, 11), (1, 12))]
    table = Table([[P(c) for c in r] for r in rows], colWidths=[70, 80, 100, 150, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), *spans]))
    [form] = parse_file(build(tmp_path / "national.pdf", [P(HEADER[0][0]), table])).goal_tables
    assert (form.name, form.department, form.amount_wan) == ("城乡居民基本医疗保险补助资金", "广州市医疗保障局", 12500)
    assert [(i.level1, i.level2, i.level3) for i in form.indicators] == [e[:3] for e in EXPECTED]


def test_table_without_side_borders_keeps_its_outer_columns(tmp_path):
    """Inner lines and top/bottom rules only (a common government style): the lines strategy
    alone finds just the inner columns and loses 一级指标 and 指标值."""
    rows = [INDICATOR_HEADER, ["产出指标", "数量指标", "灯杆数", "≥12700基"], ["", "", "灯盏数", "≥24000盏"],
            ["满意度指标", "服务对象满意度", "群众满意度", "≥98%"]]
    table = Table([[P(c) for c in row] for row in rows], colWidths=[70, 90, 220, 100])
    table.setStyle(TableStyle([("INNERGRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("LINEABOVE", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1, "black"),
                               ("SPAN", (0, 1), (0, 2)), ("SPAN", (1, 1), (1, 2))]))
    [form] = parse_file(build(tmp_path / "sides.pdf", [P("某项目绩效目标表"), table])).goal_tables
    assert [(i.level1, i.level2, i.level3, i.raw_value) for i in form.indicators] == [
        ("产出指标", "数量指标", "灯杆数", "≥12700基"), ("产出指标", "数量指标", "灯盏数", "≥24000盏"),
        ("满意度指标", "服务对象满意度", "群众满意度", "≥98%")]


def test_three_line_table_is_read_row_by_row(tmp_path):
    """A 三线表: rules above and below the header and at the end only. The rules do not part
    the rows, so the table is read line by line, like borderless text."""
    rows = [INDICATOR_HEADER, ["产出指标", "数量指标", "灯杆数", "≥12700基"], ["", "", "灯盏数", "≥24000盏"],
            ["", "质量指标", "政府采购需求管理规范性很长的名字需要换行显示在单元格里", "规范"],
            ["满意度指标", "服务对象满意度", "群众满意度", "≥98%"]]
    table = Table([[P(c) for c in row] for row in rows], colWidths=[70, 90, 220, 100])
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                               ("LINEBELOW", (0, -1), (-1, -1), 1, "black")]))
    [form] = parse_file(build(tmp_path / "three.pdf", [P("路灯电费绩效目标表"), table])).goal_tables
    assert [(i.level1, i.level2, i.level3, i.raw_value) for i in form.indicators] == [
        ("产出指标", "数量指标", "灯杆数", "≥12700基"), ("产出指标", "数量指标", "灯盏数", "≥24000盏"),
        ("产出指标", "质量指标", "政府采购需求管理规范性很长的名字需要换行显示在单元格里", "规范"),
        ("满意度指标", "服务对象满意度", "群众满意度", "≥98%")]


def test_score_table_ruled_at_its_outer_edges_only_is_read_by_word_alignment(tmp_path):
    """Rules under every row and verticals only at the two outer edges: the lines strategy sees
    one column (a frame), so the columns come from word alignment, without empty side columns."""
    rows = [["序号", "部门", "项目名称", "金额（万元）", "自评分数", "等级"],
            ["1", "某市住房和城乡建设局", "城市道路维护", "1200", "96", "优"],
            ["2", "某市教育局", "义务教育学校校舍维修改造及安全隐患排查整治", "860", "92", "优"],
            ["3", "某市农业农村局", "高标准农田建设", "4300", "79", "中"]]
    table = Table([[P(c) for c in row] for row in rows], colWidths=[36, 110, 150, 64, 50, 40])
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, "black"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, "black"),
                               ("LINEBEFORE", (0, 0), (0, -1), 0.5, "black"), ("LINEAFTER", (-1, 0), (-1, -1), 0.5, "black")]))
    story = [P("2024年，全市共有3个项目开展绩效自评，自评结果如下表。"), P("项目支出绩效自评结果表"), table]
    evaluations = parse_file(build(tmp_path / "frame.pdf", story)).evaluations
    assert [(e.seq, e.department, e.project, e.amount_wan, e.score, e.grade) for e in evaluations] == [
        (1, "某市住房和城乡建设局", "城市道路维护", 1200, 96, "优"),
        (2, "某市教育局", "义务教育学校校舍维修改造及安全隐患排查整治", 860, 92, "优"),
        (3, "某市农业农村局", "高标准农田建设", 4300, 79, "中")]


def test_open_sided_form_with_narrow_cell_padding(tmp_path):
    """Rules under the rows only and 3pt cell padding (an Excel export): a 6pt gap between a
    label and its value still parts two cells."""
    rows = [["项目名称", "城市道路维护", "项目金额（万元）", "1200"],
            ["项目年度绩效目标", "完成城区主干道路面维修12万平方米，更换破损井盖300个。", "", ""],
            INDICATOR_HEADER, ["产出指标", "数量指标", "维修道路面积", "≥12万平方米"],
            ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"]]
    table = Table([[P(c) for c in row] for row in rows], colWidths=[70, 92, 198, 135])
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, "black"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, "black"),
                               ("SPAN", (1, 1), (3, 1)), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    [form] = parse_file(build(tmp_path / "narrow.pdf", [P("城市道路维护项目绩效目标表"), table])).goal_tables
    assert form.goal_text == "完成城区主干道路面维修12万平方米，更换破损井盖300个。"
    assert [(i.level1, i.level2, i.level3, i.raw_value) for i in form.indicators] == [
        ("产出指标", "数量指标", "维修道路面积", "≥12万平方米"), ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%")]


def test_text_drawn_glyph_by_glyph_is_read(tmp_path):
    """Some producers draw every character as its own text object. pdfium leaves such glyphs
    out in a font it has no outlines for; the page is then read with pdfplumber."""
    path = tmp_path / "glyphs.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    lines = ["某市2024年预算绩效管理工作情况", "全年共开展重点评价项目12个，涉及资金3.5亿元。"]
    for row, text in enumerate(lines):
        x = 72
        for char in text:
            c.drawString(x, A4[1] - 100 - 20 * row, char)
            x += pdfmetrics.stringWidth(char, FONT, 12)
    c.showPage()
    c.save()
    layout = read_file(path)
    assert [line.text for line in layout.lines()] == lines
    assert [(f.value, f.unit) for f in parse_file(path).facts] == [(12, "个"), (3.5, "亿元")]


def test_a_running_headers_rule_is_not_the_top_of_an_open_sided_table(tmp_path):
    """A rule under the running header on every page: taken for the top rule of the open-sided
    form below, it would turn the prose between them into a table row."""
    def ruled_header(c, doc) -> None:
        furniture(c, doc)
        c.setLineWidth(0.75)
        c.line(50, A4[1] - 36, A4[0] - 50, A4[1] - 36)  # as wide as the form below

    rows = [INDICATOR_HEADER, ["产出指标", "数量指标", "维修道路面积", "≥12万平方米"],
            ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"]]
    table = Table([[P(c) for c in row] for row in rows], colWidths=[70, 92, 198, 135])
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, "black"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, "black")]))
    prose = "城市道路维护项目是市委市政府确定的重点民生项目，年度预算资金1200万元。"
    story = [P("一、项目基本情况"), PageBreak(), P(prose), P("城市道路维护项目绩效目标表"), table]
    path = tmp_path / "header-rule.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=ruled_header, onLaterPages=ruled_header)
    parsed = parse_file(path)
    assert prose in [line.text for line in read_file(path).lines()]
    [form] = parsed.goal_tables
    assert [(i.level1, i.level3, i.raw_value) for i in form.indicators] == [
        ("产出指标", "维修道路面积", "≥12万平方米"), ("满意度指标", "市民满意度", "≥90%")]


@pytest.mark.parametrize("angle", [90, -90])
def test_a_form_drawn_sideways_without_rotate_is_read_upright(tmp_path, angle):
    """A landscape form printed on a portrait page by turning the content itself (no /Rotate
    entry): the page is turned so that its text reads upright, then read like any other."""
    rows = [INDICATOR_HEADER, ["产出指标", "数量指标", "灯杆数", "≥12700基"], ["满意度指标", "服务对象满意度", "群众满意度", "≥98%"]]
    table = indicator_table(rows, [])
    path = tmp_path / f"sideways{angle}.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rotate(angle)
    origin = (100, -450) if angle == 90 else (-700, 100)
    c.setFont(FONT, 12)
    c.drawString(origin[0], origin[1] + 120, "路灯电费绩效目标表")
    table.wrapOn(c, 500, 300)
    table.drawOn(c, *origin)
    c.showPage()
    c.save()
    [form] = parse_file(path).goal_tables
    assert [(i.level1, i.level3, i.raw_value) for i in form.indicators] == [
        ("产出指标", "灯杆数", "≥12700基"), ("满意度指标", "群众满意度", "≥98%")]
