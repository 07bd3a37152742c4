"""spog-client against spog itself: the same input logged by ``spog log`` / ``spog log-features``
(Node) into one copy of a registry and by spog-client into another leaves byte-identical files,
and both accept or both refuse. The vectors are shared data (test/vectors/log/*.json); a
concurrent Node writer and Python writer never lose or repeat a line; a stale lock of a dead
process is broken by either language."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from spog import LogError, Registry
from spog.lock import HOST, acquire_lock, release_lock

from conftest import NODE, REPO, VECTORS, copy_registry, run_spog, tree_bytes

VECTOR_FILES = sorted(p for p in VECTORS.glob("*.json"))


def _prepare(reg: Path, files: dict[str, dict[str, object]]) -> None:
    for rel, change in files.items():
        p = reg / rel
        if change.get("delete"):
            p.unlink()
        if "append" in change:
            with open(p, "ab") as f:
                f.write(str(change["append"]).encode("utf-8"))


def test_there_are_vectors_of_every_kind() -> None:
    vectors = [json.loads(p.read_text(encoding="utf-8")) for p in VECTOR_FILES]
    assert len(vectors) >= 60
    assert {v["command"] for v in vectors} == {"log", "log-features"}
    assert any(v["accepted"] for v in vectors) and any(not v["accepted"] for v in vectors)


@pytest.mark.parametrize("vector", VECTOR_FILES, ids=[p.stem for p in VECTOR_FILES])
def test_python_writes_the_same_bytes_as_spog(vector: Path, tmp_path: Path) -> None:
    v = json.loads(vector.read_text(encoding="utf-8"))
    a, b = copy_registry(tmp_path / "node"), copy_registry(tmp_path / "python")
    _prepare(a, v["files"])
    _prepare(b, v["files"])
    args = [v["command"], "--file", "-", "--registry", str(a)] + (["--new-metric"] if v["new_metric"] else [])
    node = run_spog(*args, input="\n".join(v["lines"]) + "\n")
    assert node.returncode in (0, 1), node.stderr
    records = [json.loads(line) for line in v["lines"]]
    reg = Registry(b)
    try:
        result = reg.log_metrics(records, new_metric=v["new_metric"]) if v["command"] == "log" else reg.log_features(records)
        py_ok, py_out = True, str(result)
    except LogError as e:
        py_ok, py_out = False, str(e)
    assert (node.returncode == 0) == v["accepted"], f"spog: {node.stderr}"
    assert py_ok == v["accepted"], f"spog-client: {py_out}\nspog: {node.stderr}"
    assert tree_bytes(a) == tree_bytes(b)
    if py_ok:
        # The summary is spog log's own text.
        assert py_out + "\n" == node.stdout


def test_a_node_writer_and_a_python_writer_appending_at_once_lose_and_repeat_nothing(registry: Path) -> None:
    rounds = 150
    month = registry / "models" / "churn" / "metrics" / "2026-10.ndjson"
    before = month.read_bytes().count(b"\n")
    node_script = registry.parent / "node-writer.ts"
    node_script.write_text(textwrap.dedent(f"""
        import {{ logMetrics }} from {json.dumps(str(REPO / 'src' / 'workflow' / 'log.ts'))};
        for (let i = 0; i < {rounds}; i++) {{
          const o = logMetrics({{ records: [{{ model: 'churn', value: {{ ts: '2026-10-20', version: 'v2', metric: 'auc', value: 0.8, run: `node-${{i}}` }}, source: 'node', fromFlags: false }}], errors: [] }}, {{ registry: {json.dumps(str(registry))} }});
          if (o.exitCode !== 0) {{ console.error(o.stderr); process.exit(1); }}
        }}
    """))
    py_script = registry.parent / "py-writer.py"
    py_script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {json.dumps(str(Path(__file__).resolve().parents[1] / 'src'))})
        from spog import Registry
        reg = Registry({json.dumps(str(registry))})
        for i in range({rounds}):
            reg.log_metric("churn", "v2", "auc", 0.8, ts="2026-10-20", run=f"py-{{i}}")
    """))
    procs = [subprocess.Popen([str(NODE), str(node_script)], stderr=subprocess.PIPE, text=True),
             subprocess.Popen([sys.executable, str(py_script)], stderr=subprocess.PIPE, text=True)]
    for p in procs:
        _, err = p.communicate(timeout=150)
        assert p.returncode == 0, err
    lines = month.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    runs = [json.loads(line).get("run") for line in lines[:-1]]
    assert len(runs) == before + 2 * rounds
    for prefix in ("node-", "py-"):
        assert sorted(r for r in runs if r.startswith(prefix)) == sorted(f"{prefix}{i}" for i in range(rounds))
    assert not list(month.parent.glob("*.lock")) and not list(month.parent.glob("*.spog-tmp"))


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.mark.parametrize("language", ["node", "python"])
def test_a_lock_left_by_a_dead_process_is_broken_at_once(language: str, registry: Path) -> None:
    month = registry / "models" / "churn" / "metrics" / "2026-10.ndjson"
    lock = Path(f"{month}.lock")
    lock.write_text(f"{_dead_pid()} {HOST} deadbeefdeadbeef 2026-10-31T00:00:00.000Z\n")
    rec = {"model": "churn", "ts": "2026-10-20", "version": "v2", "metric": "auc", "value": 0.8, "run": "after-crash"}
    t0 = time.monotonic()
    if language == "node":
        r = run_spog("log", "--file", "-", "--registry", str(registry), input=json.dumps(rec))
        assert r.returncode == 0, r.stderr
    else:
        Registry(registry).log_metrics([rec], lock_timeout=5)
    assert time.monotonic() - t0 < 5
    assert b'"run":"after-crash"' in month.read_bytes()
    assert not lock.exists()


def test_spog_waits_for_a_lock_a_live_python_writer_holds(registry: Path) -> None:
    month = registry / "models" / "churn" / "metrics" / "2026-10.ndjson"
    held = acquire_lock(str(month))
    holder = Path(held.path).read_text()
    assert holder.split(" ")[:2] == [str(os.getpid()), HOST]
    rec = {"model": "churn", "ts": "2026-10-20", "version": "v2", "metric": "auc", "value": 0.8, "run": "waited"}
    node = subprocess.Popen([str(NODE), str(REPO / "scripts" / "spog.ts"), "log", "--file", "-", "--registry", str(registry)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert node.stdin is not None
    node.stdin.write(json.dumps(rec))
    node.stdin.close()
    time.sleep(1.5)
    assert node.poll() is None, "spog log did not wait for the Python writer's lock"
    assert b"waited" not in month.read_bytes()
    release_lock(held)
    assert node.wait(timeout=30) == 0
    assert b'"run":"waited"' in month.read_bytes()
