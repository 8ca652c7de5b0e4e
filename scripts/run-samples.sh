#!/usr/bin/env bash
# The main job on the bundled samples: set up .venv, ingest data/raw into
# data/processed/jixiao.duckdb, print the summary and where the database is.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export TMPDIR="$ROOT/.cache/tmp"
exec .venv/bin/jixiao ingest data/raw "$@"
