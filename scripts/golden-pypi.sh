#!/usr/bin/env bash
# npm run golden:pypi: a virtual environment with the reference libraries pinned in
# scripts/golden/requirements.txt (from PyPI), then scripts/golden_pypi.py with it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q -r scripts/golden/requirements.txt
.venv/bin/python scripts/golden_pypi.py
