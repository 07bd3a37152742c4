"""commit_and_push with a real bare remote and two clones that log and push at once: one push is
rejected, the loser rebases (the month file merges by union) and pushes again; both commits land."""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from spog import PushError, Registry, commit_and_push

from conftest import VECTOR_REGISTRY


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare remote holding the vector registry, with the union merge for NDJSON."""
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    seed = tmp_path / "seed"
    subprocess.run(["git", "init", "-q", "-b", "main", str(seed)], check=True)
    shutil.copytree(VECTOR_REGISTRY, seed / "registry")
    (seed / ".gitattributes").write_text("*.ndjson merge=union\n")
    _identity(seed)
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "registry")
    git(seed, "push", "-q", str(bare), "main")
    return bare


def _identity(repo: Path) -> None:
    git(repo, "config", "user.name", "pipeline")
    git(repo, "config", "user.email", "pipeline@example.org")


def clone(remote: Path, dest: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(remote), str(dest)], check=True)
    _identity(dest)
    return dest


def test_two_pipelines_pushing_at_once_both_land(remote: Path, tmp_path: Path) -> None:
    a, b = clone(remote, tmp_path / "a"), clone(remote, tmp_path / "b")
    for repo, run in ((a, "pipeline-a"), (b, "pipeline-b")):
        Registry(repo / "registry").log_metric("churn", "v2", "auc", 0.8, ts="2026-10-31", run=run)
    # a pushes first; b's push is then rejected (not a fast-forward) and must rebase.
    assert commit_and_push(a, "metrics a", paths=["registry"]) is not None
    pushed = commit_and_push(b, "metrics b", paths=["registry"], backoff=0.01)
    assert pushed == git(remote, "rev-parse", "main")
    month = git(remote, "show", "main:registry/models/churn/metrics/2026-10.ndjson").splitlines()
    assert [json.loads(l)["run"] for l in month[-2:]] == ["pipeline-a", "pipeline-b"]
    assert git(remote, "log", "--format=%s", "main").splitlines()[:2] == ["metrics b", "metrics a"]


def test_racing_threads_each_retry_until_every_commit_is_in(remote: Path, tmp_path: Path) -> None:
    clones = [clone(remote, tmp_path / f"c{i}") for i in range(3)]
    errors: list[BaseException] = []

    def work(repo: Path, i: int) -> None:
        try:
            for day in range(1, 4):
                Registry(repo / "registry").log_metric("churn", "v2", "auc", 0.8, ts=f"2026-10-{20 + day}", run=f"c{i}-{day}")
                commit_and_push(repo, f"c{i} day {day}", paths=["registry"], backoff=0.01, retries=20)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(clones)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    month = git(remote, "show", "main:registry/models/churn/metrics/2026-10.ndjson").splitlines()
    runs = sorted(r for r in (json.loads(l).get("run", "") for l in month) if r[:1] == "c" and r[1:2].isdigit())
    assert runs == sorted(f"c{i}-{d}" for i in range(3) for d in range(1, 4))


def test_nothing_to_commit_pushes_nothing(remote: Path, tmp_path: Path) -> None:
    a = clone(remote, tmp_path / "a")
    assert commit_and_push(a, "nothing", paths=["registry"]) is None


def test_a_push_that_keeps_failing_says_so_and_keeps_the_commit(remote: Path, tmp_path: Path) -> None:
    a = clone(remote, tmp_path / "a")
    Registry(a / "registry").log_metric("churn", "v2", "auc", 0.8, ts="2026-10-31", run="x")
    git(a, "remote", "set-url", "origin", str(tmp_path / "missing.git"))
    with pytest.raises(PushError, match="git push to origin main failed"):
        commit_and_push(a, "metrics", paths=["registry"], retries=1, backoff=0.01)
    assert git(a, "log", "-1", "--format=%s") == "metrics"
