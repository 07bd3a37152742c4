#!/usr/bin/env bash
# The environment of the importer integration tests: python/.venv-integration (git-ignored) with
# the real MLflow (server and client), DVC and GTO pinned in scripts/integration/requirements.txt,
# from PyPI. Made once and reused while the requirements are unchanged (a stamp of their hash).
# Prints nothing on success; fails loudly, never skips, when anything cannot be installed.
# Used by test/integration/import.test.ts.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/python/.venv-integration"
reqs="$root/scripts/integration/requirements.txt"
python="${PYTHON:-python3}"

die() { echo "integration-env: $*" >&2; exit 1; }

command -v "$python" >/dev/null || die "$python not found; install Python 3.10 or newer"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || die "$python is older than 3.10"
[ -f "$reqs" ] || die "$reqs is missing"

stamp="$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$reqs")"
if [ "$(cat "$venv/.integration-stamp" 2>/dev/null)" = "$stamp" ] && [ -x "$venv/bin/mlflow" ] && [ -x "$venv/bin/dvc" ] && [ -x "$venv/bin/gto" ]; then
  exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" || die "cannot create $venv (on Debian: apt-get install python3-venv)"
fi
rm -f "$venv/.integration-stamp"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$reqs" \
  || die "cannot install $reqs from PyPI into $venv (see pip's message above)"
conflicts="$("$venv/bin/python" -m pip check --disable-pip-version-check 2>&1)" \
  || die "the packages of $reqs installed into $venv conflict: $conflicts"
for tool in mlflow dvc gto; do
  [ -x "$venv/bin/$tool" ] || die "$venv/bin/$tool is missing after installing $reqs"
done
echo "$stamp" > "$venv/.integration-stamp"
