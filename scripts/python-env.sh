#!/usr/bin/env bash
# The Python environment spog's tests use: python/.venv (git-ignored), made if missing, with
# spog-client (python/) and every extra installed from PyPI. Prints nothing on success; fails
# loudly when anything cannot be installed (no Python test skips for a missing dependency).
# Used by scripts/python-test.sh and by the end-to-end test (test/e2e/adopt.test.ts).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/python/.venv"
python="${PYTHON:-python3}"

die() { echo "python-env: $*" >&2; exit 1; }

command -v "$python" >/dev/null || die "$python not found; install Python 3.10 or newer"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || die "$python is older than 3.10"
[ -x "$root/node_modules/.bin/node" ] || die "node_modules/.bin/node is missing: run npm ci first (the cross-language tests run spog itself)"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" || die "cannot create $venv (on Debian: apt-get install python3-venv)"
fi
# The client's files as installed: unchanged since the last install, nothing to do (pip would
# rebuild and reinstall it, ~20 s).
stamp="$("$python" - "$root/python" <<'PY'
import hashlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
h = hashlib.sha256()
for f in sorted([root / "pyproject.toml", *(root / "src").rglob("*")]):
    if f.is_file() and "__pycache__" not in f.parts:
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
print(h.hexdigest())
PY
)"
if [ "$(cat "$venv/.spog-client-stamp" 2>/dev/null)" != "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$root/python[pandas,spark,yaml,test]" \
    || die "cannot install $root/python[pandas,spark,yaml,test] from PyPI (see pip's message above)"
  echo "$stamp" > "$venv/.spog-client-stamp"
fi

