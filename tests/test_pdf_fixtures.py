"""The PDF fixture generator works: one small, byte-stable file per sample and style, whose
pages pdfplumber reads as the tables and text that were drawn. (The PDF reader itself is
tested elsewhere.)"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest

from pdf_fixtures import FORM_SAMPLES, FORM_STYLES, STYLES, load_gold, write_pdf_renderings

# Tables pdfplumber finds (default settings) in each file: one per form, plus one per
# continuation page of a form that breaks; none in the open-sided style (no vertical rules).
EXPECTED_TABLES = {
    ("000", "ruled"): 6, ("000", "split"): 7, ("000", "nohead"): 9, ("000", "open"): 0,
    ("000", "landscape"): 6, ("000", "twoforms"): 6,
    ("002", "ruled"): 5, ("002", "split"): 7, ("002", "nohead"): 7, ("002", "open"): 0,
    ("002", "landscape"): 8, ("002", "twoforms"): 5,
    ("003", "scores"): 2,
}
FIELD_LABELS = ("项目名称", "部门(单位)名称")   # the first cell of a form's first table
COLUMN_HEADS = ("目标名称", "项目绩效指标")     # the first cell of a repeated column header


def key_of(path: Path) -> tuple[str, str]:
    """('000', 'split') for 000_cffd65c100a4cb40-split.pdf."""
    return path.name[:3], path.stem.rsplit("-", 1)[1]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], Path]:
    return {key_of(path): path for path in write_pdf_renderings(tmp_path_factory.mktemp("pdf"))}


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass(frozen=True)
class Page:
    """What pdfplumber sees on one page."""
    text: str
    tables: list          # per table, its rows of cells
    rotation: int
    width: float
    height: float
    mediabox: list


@lru_cache(maxsize=None)
def read(path: Path) -> list[Page]:
    """Every page of ``path`` as pdfplumber reads it (once per file)."""
    with pdfplumber.open(path) as pdf:
        return [Page(page.extract_text(), [t.extract() for t in page.find_tables()], page.rotation,
                     page.width, page.height, list(page.page_obj.attrs["MediaBox"]))
                for page in pdf.pages]


def tables_by_page(path: Path) -> list[list]:
    return [page.tables for page in read(path)]


def test_one_file_per_sample_and_style(rendered):
    expected = {(sample, style) for sample in FORM_SAMPLES for style in FORM_STYLES}
    assert set(rendered) == expected | {("003", "scores")}
    for (sample, style), path in rendered.items():
        assert path.name == f"{Path(load_gold(sample)['file']).stem}-{style}.pdf"
        assert 3_000 < path.stat().st_size < 60_000


def test_same_bytes_every_run(rendered, tmp_path):
    again = write_pdf_renderings(tmp_path, styles=STYLES)
    for path in again:
        assert path.read_bytes() == rendered[key_of(path)].read_bytes()


def test_unknown_style_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_pdf_renderings(tmp_path, styles=("ruled", "smudged"))


@pytest.mark.parametrize("key", sorted(EXPECTED_TABLES))
def test_tables_title_and_page_furniture(rendered, key):
    path = rendered[key]
    title = load_gold(key[0])["document"]["title"]
    assert sum(len(page) for page in tables_by_page(path)) == EXPECTED_TABLES[key]
    for number, page in enumerate(read(path), start=1):
        assert "(cid:" not in page.text
        lines = page.text.splitlines()
        assert squash(lines[0]) == squash(title)             # running header
        assert lines[-1] == f"— {number} —"                  # page number
    assert squash(read(path)[0].text).count(squash(title)) == 2  # running header and the title


@pytest.mark.parametrize("sample", FORM_SAMPLES)
def test_every_form_starts_a_table_with_its_fields(rendered, sample):
    gold = load_gold(sample)
    for style in ("ruled", "split", "nohead", "landscape", "twoforms"):
        tables = [t for page in tables_by_page(rendered[(sample, style)]) for t in page]
        starts = [t for t in tables if squash(t[0][0]) in FIELD_LABELS]
        assert [squash(t[0][1]) for t in starts] == [squash(g["name"]) for g in gold["goal_tables"]]


@pytest.mark.parametrize("sample", FORM_SAMPLES)
def test_split_pages_break_inside_merged_cells(rendered, sample):
    """Continuation tables: with the column header repeated (split) or not (nohead), the first
    indicator row's 一级 cell is empty text, not a covered (None) cell."""
    for style, header_repeated in (("split", True), ("nohead", False)):
        tables = [t for page in tables_by_page(rendered[(sample, style)]) for t in page]
        continued = [t for t in tables if squash(t[0][0]) not in FIELD_LABELS]
        assert continued
        for table in continued:
            assert (squash(table[0][0]) in COLUMN_HEADS) == header_repeated
            first_indicator = next(row for row in table if "三级指标" not in row and "前年" not in row)
            assert first_indicator[1] == ""


def test_open_tables_have_rules_but_no_grid(rendered):
    assert all(page.tables == [] for page in read(rendered[("000", "open")]))
    with pdfplumber.open(rendered[("000", "open")]) as pdf:
        page = pdf.pages[1]
        assert page.horizontal_edges and not page.vertical_edges
        assert "制造业高质量发展专项绩效目标申报表" in page.extract_text()


def test_two_forms_share_a_page(rendered):
    pages = tables_by_page(rendered[("000", "twoforms")])
    assert max(len(page) for page in pages) == 2


def test_landscape_pages_and_one_rotated_page(rendered):
    pages = read(rendered[("002", "landscape")])
    assert pages[0].width < pages[0].height                  # the prose page stays portrait
    assert all(page.width > page.height for page in pages[1:])
    assert [page.rotation for page in pages].count(90) == 1
    rotated = pages[2]
    assert rotated.rotation == 90
    assert rotated.mediabox[2] < rotated.mediabox[3]         # stored portrait
    assert "一级指标" in rotated.text                        # reads upright once rotated


def test_score_table_runs_over_two_pages(rendered):
    gold = load_gold("003")
    pages = tables_by_page(rendered[("003", "scores")])
    assert [len(page) for page in pages] == [1, 1]
    rows = [row for page in pages for row in page[0]]
    heads = [row for row in rows if row[0] == "序号"]
    assert len(heads) == 2                                   # header repeated on page 2
    body = [row for row in rows if row[0] not in ("序号", "合计")]
    assert [int(row[0]) for row in body] == [ev["seq"] for ev in gold["evaluations"]]
    assert [squash(row[2]) for row in body] == [squash(ev["project"]) for ev in gold["evaluations"]]
    assert rows[-1][0] == "合计" and rows[-1][3] == "193396.73"
