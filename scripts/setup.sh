#!/usr/bin/env bash
# Create or update the project's virtualenv (.venv) with Python 3.11+, installing jixiao
# (editable) with its test tools and the OCR extra, at the versions in constraints.txt. Safe to run again:
# it reinstalls only when pyproject.toml or constraints.txt changed.
# Everything it writes stays in the project: the venv, pip's cache and temp files under .cache.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PIP_CACHE_DIR="$ROOT/.cache/pip" TMPDIR="$ROOT/.cache/tmp" PIP_DISABLE_PIP_VERSION_CHECK=1
mkdir -p "$TMPDIR"

find_python() {
  for cand in "${PYTHON:-}" python3.11 python3 python; do
    [ -n "$cand" ] || continue
    command -v "$cand" >/dev/null 2>&1 || continue
    if "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  echo "jixiao needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py="$(find_python)"
  echo "creating .venv with $("$py" --version)" >&2
  "$py" -m venv .venv
fi
stamp=".venv/.jixiao-installed"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing jixiao and its dependencies into .venv (first run takes a few minutes)" >&2
  .venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test,ocr]"
  echo "$want" > "$stamp"
fi
