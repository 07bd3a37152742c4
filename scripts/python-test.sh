#!/usr/bin/env bash
# Run spog-client's tests (python/): the environment from scripts/python-env.sh (python/.venv,
# the client with every extra from PyPI), then pytest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/python-env.sh"
cd "$root"
exec "$root/python/.venv/bin/python" -m pytest python/tests -q "$@"
