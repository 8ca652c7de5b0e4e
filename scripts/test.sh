#!/usr/bin/env bash
# Set up .venv and run the test suite (extra arguments go to pytest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export TMPDIR="$ROOT/.cache/tmp"
mkdir -p "$TMPDIR"
exec .venv/bin/python -m pytest "$@"
