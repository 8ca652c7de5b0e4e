"""Render the gold goal tables as text reports flattened the ways real extractions flatten them.

Each renderer prints a gold file's goal tables as one report: form title, header fields, then
the indicator blocks (长期 / 年度, one per goal) with merged 一级/二级 cells printed once. The file
is named after the sample (``000_cffd65c100a4cb40-pipes.txt``) so the grader matches it to its gold.
"""
from __future__ import annotations

import json
from pathlib import Path

import zhconv

GOLD = Path(__file__).resolve().parent / "gold"


def _blocks(table: dict) -> list[tuple[str, str | None, list[dict]]]:
    """The table's indicators grouped into (horizon, goal, rows) blocks, in order."""
    blocks: list[tuple[str, str | None, list[dict]]] = []
    for ind in table["indicators"]:
        key = (ind["horizon"], ind.get("goal"))
        if not blocks or blocks[-1][:2] != key:
            blocks.append((key[0], key[1], []))
        blocks[-1][2].append(ind)
    return blocks


def _cells(block_rows: list[dict], history: bool) -> list[list[str]]:
    """Rows of [一级, 二级, 三级, (前年, 上年,) 指标值], repeated labels blanked like merged cells."""
    out, prev1, prev2 = [], None, None
    for ind in block_rows:
        printed1 = ind.get("printed_level1") or ind["level1"]
        level2 = ind["level2"]
        if printed1 == level2:  # a 二级 label printed in the 一级 column, 二级 cell empty
            level2 = None
        cell1 = "" if printed1 == prev1 else printed1
        cell2 = "" if (printed1, level2) == (prev1, prev2) or not level2 else level2
        prev1, prev2 = printed1, level2
        hist = ind.get("history") or {}
        values = [hist.get("前年") or "", hist.get("上年") or ""] if history else []
        out.append([cell1, cell2, ind["level3"], *values, ind["raw_value"]])
    return out


def _form(table: dict) -> tuple[list[str], list[tuple[list[str], list[list[str]]]]]:
    """(header lines as label/value pairs, [(block marker cells, block rows)])."""
    title = f"{table['name']}{'整体支出' if table['kind'] == 'department' else ''}绩效目标表"
    fields = [("部门（单位）名称" if table["kind"] == "department" else "项目名称", table["name"])]
    for label, key in (("项目编码", "code"), ("主管部门", "department"), ("项目单位", "unit"),
                       ("项目金额（万元）", "amount_wan"), ("项目当年预算", "annual_amount_wan")):
        if table.get(key) is not None:
            value = table[key]
            fields.append((label, f"{value:g}" if isinstance(value, float | int) else value))
    header = [title] + [f"{a}\t{b}" for a, b in fields]
    blocks = []
    for horizon, goal, rows in _blocks(table):
        history = horizon == "annual" and any(r.get("history") for r in rows)
        marker = "长期绩效目标表" if horizon == "long_term" else "年度绩效目标表"
        columns = ["目标名称", "一级指标", "二级指标", "三级指标", "指标值"]
        sub = ["前年", "上年", "预计当年实现"] if history else None
        cells = _cells(rows, history)
        if goal:
            cells[0] = [goal] + cells[0]
            cells[1:] = [[""] + r for r in cells[1:]]
        else:
            columns = columns[1:]
        blocks.append(([marker], [columns] + ([sub] if sub else []) + cells))
    return header, blocks


def render_report(gold: dict, style: str) -> str:
    """One gold file's goal tables as a text report in ``style``: tabs, pipes, spaces, lines,
    traditional (tabs in traditional characters)."""
    out = ["2025年预算绩效管理工作情况", "附件：部分项目绩效目标表"]
    for table in gold["goal_tables"]:
        header, blocks = _form(table)
        lines = header[:1] + [h for h in header[1:]]
        for marker, rows in blocks:
            lines.append("\t".join(marker))
            lines.extend("\t".join(r) for r in rows)
        out.extend(_restyle(lines, style))
    text = "\n".join(out) + "\n"
    return zhconv.convert(text, "zh-hant") if style == "traditional" else text


def _restyle(lines: list[str], style: str) -> list[str]:
    if style in ("tabs", "traditional"):
        return lines
    if style == "pipes":
        return ["| " + " | ".join(ln.split("\t")) + " |" if "\t" in ln else ln for ln in lines]
    if style == "spaces":
        return [" ".join(c for c in ln.split("\t") if c) for ln in lines]
    if style == "lines":  # one cell per line, blank lines between rows
        out = []
        for ln in lines:
            cells = [c for c in ln.split("\t") if c]
            if cells and cells[0] in ("一级指标", "目标名称", "前年"):
                out.append(" ".join(cells))  # column headers stay on one line
            else:
                out.extend(cells)
            out.append("")
        return out
    raise ValueError(style)


STYLES = ("tabs", "pipes", "spaces", "lines", "traditional")


def write_renderings(folder: Path, styles=STYLES) -> list[Path]:
    """Write every gold file with goal tables in every style into ``folder``; return the paths."""
    paths = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold["goal_tables"]:
            continue
        stem = Path(gold["file"]).stem
        for style in styles:
            path = folder / f"{stem}-{style}.txt"
            path.write_text(render_report(gold, style), encoding="utf-8")
            paths.append(path)
    return paths
