"""Shared helpers: the repository, its Node, and small registries copied to a temporary folder."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE = REPO / "node_modules" / ".bin" / "node"
VECTORS = REPO / "test" / "vectors" / "log"
VECTOR_REGISTRY = VECTORS / "registry"


def run_spog(*args: str, input: str | None = None, cwd: Path = REPO, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``node scripts/spog.ts ARGS`` with the repository's own Node (24; it runs the .ts sources)."""
    if not NODE.exists():
        raise RuntimeError(f"{NODE} is missing: run npm ci in {REPO} first")
    return subprocess.run([str(NODE), str(REPO / "scripts" / "spog.ts"), *args], input=input, capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, encoding="utf-8", errors="surrogateescape")


def copy_registry(dest: Path, src: Path = VECTOR_REGISTRY) -> Path:
    shutil.copytree(src, dest)
    return dest


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes)."""
    out: dict[str, bytes] = {}
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            p = Path(dirpath) / f
            out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A copy of the vector registry (model churn, versions v1 and v2, a metrics and a features month)."""
    return copy_registry(tmp_path / "registry")
