"""Test-wide set-up: temp files and Prefect's home stay inside the project."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / ".cache" / "tmp"
TMP.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("TMPDIR", str(TMP))
tempfile.tempdir = os.environ["TMPDIR"]

from pipeline.settings import configure_prefect  # noqa: E402  (after TMPDIR is set)

configure_prefect()
