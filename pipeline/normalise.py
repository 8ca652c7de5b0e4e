"""Normalisers applied to recognised records before they are stored."""
from __future__ import annotations

import re

from pipeline.levels import resolve_level1
from pipeline.values import is_placeholder, parse_value, squash
from schemas.records import Indicator

_LINE_BREAK = re.compile(r"[ \t\u3000]*[\r\n]+[ \t\u3000]*")


def remove_line_breaks(text: str | None) -> str | None:
    """``text`` with line breaks (and the spaces around them) removed, ends stripped, inner
    spaces kept ('110 案件…' stays); None if nothing is left."""
    if text is None:
        return None
    return _LINE_BREAK.sub("", text).strip() or None


def normalise_history(cell: str | None) -> str | None:
    """A 前年/上年 cell: whitespace removed, None when blank or a placeholder ('= 万元', '#', '元')."""
    return None if is_placeholder(cell) else squash(cell)


def normalise_indicator(ind: Indicator) -> Indicator:
    """Fill the derived columns of one recognised indicator row; mutates and returns ``ind``.

    Input convention (what the recogniser sets): ``raw_value``, ``hist_prev2``/``hist_prev1``,
    ``actual_raw`` as the cells were printed; ``level1`` = the label PRINTED in the row's 一级
    column (None if blank; ``printed_level1`` is read first when set, so running this twice is
    a no-op); ``level2``/``level3`` as printed.

    Output: raw_value/actual_raw whitespace-removed; operator, value, unit, value_text,
    value_norm, unit_norm from parse_value(raw_value); history cells None when blank or a
    placeholder, else whitespace-removed; actual_value = the number of actual_raw; level1 the
    semantic 一级 (levels.resolve_level1) and printed_level1 the printed label only when it
    differs; level2 without whitespace; level3 without line breaks (inner spaces kept).
    """
    parsed = parse_value(ind.raw_value)
    ind.raw_value = parsed.raw
    ind.operator, ind.value, ind.unit = parsed.operator, parsed.value, parsed.unit
    ind.value_text, ind.value_norm, ind.unit_norm = parsed.value_text, parsed.value_norm, parsed.unit_norm
    ind.hist_prev2 = normalise_history(ind.hist_prev2)
    ind.hist_prev1 = normalise_history(ind.hist_prev1)
    actual = parse_value(ind.actual_raw)
    ind.actual_raw, ind.actual_value = actual.raw, actual.value
    ind.level2 = squash(ind.level2)
    ind.level3 = remove_line_breaks(ind.level3) or ""
    ind.level1, ind.printed_level1 = resolve_level1(ind.printed_level1 or ind.level1, ind.level2)
    return ind
