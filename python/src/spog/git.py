"""Commit the registry's new lines and push them, as a pipeline would by hand (docs/workflow.md).

Two pipelines that push at once: one push is rejected as not a fast-forward; the loser fetches,
rebases its commit onto the remote branch (the registry's ``.gitattributes`` gives ``*.ndjson
merge=union``, so two appends to one month file merge without a conflict) and pushes again.
"""
from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Sequence

from .errors import PushError

__all__ = ["commit_and_push"]

_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs", "cannot lock ref", "stale info")


def _git(repo: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    r = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, env=env)
    if check and r.returncode != 0:
        raise PushError(f"git {' '.join(args)} failed in {repo}: {(r.stderr or r.stdout).strip()}")
    return r


def commit_and_push(repo_dir: str | os.PathLike[str], message: str, *, paths: Sequence[str | os.PathLike[str]] | None = None,
                    remote: str = "origin", branch: str | None = None, retries: int = 5, backoff: float = 0.5) -> str | None:
    """Commit the changes under ``paths`` (default: the whole work tree) and push them to ``remote``.

    On a rejected push (another pipeline pushed first) it fetches, rebases onto the remote branch
    and pushes again, up to ``retries`` times with a growing, jittered pause. Returns the pushed
    commit id, or None when there was nothing to commit. Raises PushError after the last try, or
    when the rebase stops on a conflict (the rebase is aborted; the local commit is kept).
    """
    repo = os.fspath(repo_dir)
    branch = branch or _git(repo, "symbolic-ref", "--short", "HEAD").stdout.strip()
    if paths:
        _git(repo, "add", "-A", "--", *(os.fspath(p) for p in paths))
    else:
        _git(repo, "add", "-A")
    if _git(repo, "diff", "--cached", "--quiet", check=False).returncode == 0:
        return None
    _git(repo, "commit", "-q", "-m", message)
    last = ""
    for attempt in range(retries + 1):
        r = _git(repo, "push", "-q", remote, f"HEAD:refs/heads/{branch}", check=False)
        if r.returncode == 0:
            return _git(repo, "rev-parse", "HEAD").stdout.strip()
        last = (r.stderr or r.stdout).strip()
        if not any(s in last for s in _REJECTED):
            raise PushError(f"git push to {remote} {branch} failed: {last}")
        if attempt == retries:
            break
        time.sleep(backoff * (2**attempt) * (0.5 + random.random()))
        _git(repo, "fetch", "-q", remote, branch)
        rb = _git(repo, "rebase", "-q", f"{remote}/{branch}", check=False)
        if rb.returncode != 0:
            _git(repo, "rebase", "--abort", check=False)
            raise PushError(
                f"cannot rebase onto {remote}/{branch}: {(rb.stderr or rb.stdout).strip()}; "
                "check that the registry's .gitattributes says '*.ndjson merge=union' (the commit is kept locally)"
            )
    raise PushError(f"git push to {remote} {branch} was rejected {retries + 1} times (other pipelines kept pushing first): {last}; "
                    "the commit is kept locally: run commit_and_push again, or git pull --rebase && git push")
