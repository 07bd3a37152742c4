"""What the repository-making scripts (make_dvc_repo.py, make_gto_repo.py) share: running a
command (its output, or exit naming it with its output), and a new git repository from the
command line `SCRIPT DIR OUT.json`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_or_exit(script: str, cwd: Path, cmd: tuple[str, ...], env: dict) -> str:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{script}: `{' '.join(cmd)}` exited {r.returncode} in {cwd}\n--- stdout\n{r.stdout}\n--- stderr\n{r.stderr}")
    return r.stdout


def new_repo(script: str, doc: str | None, env: dict) -> tuple[Path, Path] | None:
    """(DIR, OUT.json) from the command line, DIR a new git repository on main with a fixed
    identity; None (after printing `doc`) when the arguments are not two."""
    if len(sys.argv) != 3:
        print(doc, file=sys.stderr)
        return None
    repo, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    repo.mkdir(parents=True, exist_ok=False)
    for cmd in (("git", "init", "-q", "-b", "main"), ("git", "config", "user.name", "Ana Lopez"),
                ("git", "config", "user.email", "ana@acme.example"), ("git", "config", "commit.gpgsign", "false")):
        run_or_exit(script, repo, cmd, env)
    return repo, out
