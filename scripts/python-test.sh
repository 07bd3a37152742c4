#!/usr/bin/env bash
# Run spog-client's tests (python/): make python/.venv if missing, install the client with every
# extra from PyPI, and run pytest. Fails loudly when anything cannot be installed: no Python test
# skips for a missing dependency.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/python/.venv"
python="${PYTHON:-python3}"

die() { echo "python-test: $*" >&2; exit 1; }

command -v "$python" >/dev/null || die "$python not found; install Python 3.10 or newer"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || die "$python is older than 3.10"
[ -x "$root/node_modules/.bin/node" ] || die "node_modules/.bin/node is missing: run npm ci first (the cross-language tests run spog itself)"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" || die "cannot create $venv (on Debian: apt-get install python3-venv)"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$root/python[pandas,spark,yaml,test]" \
  || die "cannot install $root/python[pandas,spark,yaml,test] from PyPI (see pip's message above)"

cd "$root"
exec "$venv/bin/python" -m pytest python/tests -q "$@"
