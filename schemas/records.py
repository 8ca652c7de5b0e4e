"""Records: what recognisers produce and the store loads. Field names are the columns of
CONTRACT.md (documents, goal_tables, indicators, facts, evaluations)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class DocumentRecord:
    doc_id: str
    source_path: str
    file_name: str
    format: str
    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    province: str | None = None
    admin_level: str | None = None
    parent_region: str | None = None
    report_year: int | None = None
    target_year: int | None = None
    pages: int | None = None
    status: str = "ok"  # ok / partial / failed / skipped
    error: str | None = None
    parser_version: str | None = None
    ingested_at: datetime | None = None


@dataclass
class Indicator:
    horizon: str  # annual / long_term
    level1: str | None
    level2: str | None
    level3: str
    raw_value: str | None
    goal: str | None = None
    operator: str | None = None
    value: float | None = None
    unit: str | None = None
    value_text: str | None = None
    value_norm: float | None = None
    unit_norm: str | None = None
    hist_prev2: str | None = None
    hist_prev1: str | None = None
    actual_raw: str | None = None
    actual_value: float | None = None
    weight: float | None = None
    score: float | None = None
    basis: str | None = None
    printed_level1: str | None = None
    page: int | None = None
    source_span: str | None = None
    indicator_id: str | None = None
    table_id: str | None = None
    doc_id: str | None = None


@dataclass
class GoalTable:
    kind: str  # project / department / self_evaluation
    name: str | None
    code: str | None = None
    department: str | None = None
    unit: str | None = None
    amount_wan: float | None = None
    annual_amount_wan: float | None = None
    goal_text: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    table_id: str | None = None
    doc_id: str | None = None


@dataclass
class Fact:
    topic: str
    subject: str | None
    measure: str
    value: float
    unit: str | None
    value_norm: float | None = None
    unit_norm: str | None = None
    approx: bool = False
    year: int | None = None
    section: str | None = None
    sentence: str | None = None
    page: int | None = None
    source_span: str | None = None
    fact_id: str | None = None
    doc_id: str | None = None


@dataclass
class Evaluation:
    project: str
    seq: int | None = None
    department: str | None = None
    amount_wan: float | None = None
    score: float | None = None
    grade: str | None = None
    eval_type: str | None = None  # self / key
    findings: list[str] | None = None
    page: int | None = None
    source_span: str | None = None
    eval_id: str | None = None
    doc_id: str | None = None


@dataclass
class ParsedDocument:
    """Everything one file yields: the document row plus its records, ids filled in."""

    document: DocumentRecord
    goal_tables: list[GoalTable] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
