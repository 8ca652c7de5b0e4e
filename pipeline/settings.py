"""Where the project keeps what it writes, and the environment Prefect runs in.

Everything jixiao writes stays inside the project by default: the database under
``data/processed``, Prefect's home (its SQLite database, profiles, logs) under ``.prefect``,
jieba's dictionary cache under ``.cache``. Variables a user has set are left as they are.
Prefect reads its settings when it is first imported, so :func:`configure_prefect` runs
before any ``import prefect`` (flows/__init__.py calls it).
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def project_dir() -> Path:
    """The project folder: ``JIXIAO_HOME`` if set, else the checkout this code runs from
    (an editable install), else the current directory."""
    if os.environ.get("JIXIAO_HOME"):
        return Path(os.environ["JIXIAO_HOME"]).resolve()
    if (PACKAGE_PARENT / "pyproject.toml").is_file():
        return PACKAGE_PARENT
    return Path.cwd()


def default_db() -> Path:
    """data/processed/jixiao.duckdb in the project."""
    return project_dir() / "data" / "processed" / "jixiao.duckdb"


# offline and quiet: no telemetry, no analytics, no update checks
PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
}


def configure_prefect() -> None:
    """Set PREFECT_HOME inside the project and switch telemetry off, unless already set."""
    os.environ.setdefault("PREFECT_HOME", str(project_dir() / ".prefect"))
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
