"""Text reader: encodings government text comes in, page breaks, line numbers, bad files."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from parsers import detect_format, read_file
from parsers.errors import EmptyFileError, ReadError, UndecodableError, UnsupportedFormatError
from parsers.text import decode_text, text_layout

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_cffd65c100a4cb40.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")

ENCODINGS = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "gb18030": TEXT.encode("gb18030"),
    "gbk": TEXT.replace("\u00a0", " ").encode("gbk", errors="strict"),
    "utf-16-bom": TEXT.encode("utf-16"),
    "utf-16-le": TEXT.encode("utf-16-le"),
    "utf-16-be": TEXT.encode("utf-16-be"),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_every_encoding_reads_back_the_same_text(name, tmp_path):
    path = tmp_path / f"report-{name}.txt"
    path.write_bytes(ENCODINGS[name])
    layout = read_file(path)
    assert layout.text() == TEXT.replace("\r\n", "\n")
    assert layout.lines()[0].text.strip().startswith("2023 年市级预算绩效管理工作")


def test_gbk_is_decoded_as_gb18030_not_mojibake():
    text, encoding = decode_text("预算绩效管理工作情况".encode("gbk"))
    assert (text, encoding) == ("预算绩效管理工作情况", "gb18030")


def test_form_feeds_are_page_breaks_and_line_numbers_run_over_the_file():
    layout = text_layout("第一页\n正文\f第二页\n表格\n\f")
    assert [p.number for p in layout.pages] == [1, 2]
    assert [(ln.text, ln.page, ln.lineno) for ln in layout.lines()] == [
        ("第一页", 1, 1), ("正文", 1, 2), ("第二页", 2, 2), ("表格", 2, 3), ("", 2, 4),
    ]


def test_crlf_and_cr_line_endings():
    layout = text_layout("甲\r\n乙\r丙")
    assert [ln.text for ln in layout.lines()] == ["甲", "乙", "丙"]


@pytest.mark.parametrize("data, error, words", [
    (b"", EmptyFileError, "empty"),
    (b" \n\t\n", EmptyFileError, "empty"),
    (bytes(range(256)) * 20, UndecodableError, "undecodable|binary"),
    (b"\x81\x20\xfe\xff" * 300, UndecodableError, "undecodable"),
    ("正文".encode("utf-8") + b"\x00\x01\x02\x03\x04\x05" * 100, UndecodableError, "binary"),
])
def test_bad_bytes_raise_a_clear_read_error(data, error, words, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error, match=words):
        read_file(path)


def test_format_is_told_by_signature_and_ending(tmp_path):
    pdf_as_txt = tmp_path / "report.txt"
    pdf_as_txt.write_bytes(b"%PDF-1.7\n...")
    assert detect_format(pdf_as_txt) == "pdf"
    fake_docx = tmp_path / "report.docx"
    fake_docx.write_text("not a zip", encoding="utf-8")
    assert detect_format(fake_docx) == "docx"
    with pytest.raises(ReadError, match="not a docx file"):
        read_file(fake_docx)


def test_a_real_docx_is_unsupported_not_failed(tmp_path):
    import zipfile

    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnsupportedFormatError, match="docx"):
        read_file(path)


def test_a_goal_table_saved_as_csv_is_ingested_as_text(tmp_path):
    from pipeline.ingest import collect_files
    from pipeline.parse import parse_file

    path = tmp_path / "goals.csv"
    path.write_text("项目名称,路灯电费,,\n一级指标,二级指标,三级指标,指标值\n"
                    "产出指标,数量指标,灯杆数,≥12700基\n满意度指标,服务对象满意度,群众满意度,≥98%\n", encoding="gbk")
    assert collect_files([tmp_path]) == [path]
    [table] = parse_file(path).goal_tables
    assert [(i.level1, i.level3, i.raw_value) for i in table.indicators] == [
        ("产出指标", "灯杆数", "≥12700基"), ("满意度指标", "群众满意度", "≥98%")]
