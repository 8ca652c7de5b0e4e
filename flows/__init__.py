"""Prefect flows: thin wiring of the pipeline's plain functions into tasks.

Prefect reads its settings when first imported, so the project's defaults (PREFECT_HOME in the
project, telemetry off) are set here, before any module of this package imports prefect.
"""
from pipeline.settings import configure_prefect

configure_prefect()
