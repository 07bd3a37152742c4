"""A real MLflow tracking server for the importer integration tests, alive while its stdin is open.

    python mlflow_server.py DIR

starts `mlflow server` on 127.0.0.1 and a free port, with its SQLite store and artifacts in DIR
(DIR/mlflow.db, DIR/artifacts, its log in DIR/server.log), waits until /health answers, then
prints one line of JSON on stdout: {"uri": "http://127.0.0.1:PORT", "pid": ..., "log": ...}.
It stops the server (its whole process group: uvicorn and its workers) when stdin closes
(the test ends, or the process that started it dies: no stray server), on SIGTERM or SIGINT.
When the server does not answer within the timeout, or exits, it prints the server's log to
stderr and exits 1.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT_S = float(os.environ.get("MLFLOW_SERVER_TIMEOUT", "90"))


def free_port() -> int:
    """A port free now on 127.0.0.1 (the server binds it a moment later; the race is accepted)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(uri: str) -> bool:
    try:
        with urllib.request.urlopen(f"{uri}/health", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server's process group, then kill it if it lingers."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(sys.argv[1]).resolve()
    (root / "artifacts").mkdir(parents=True, exist_ok=True)
    log_path = root / "server.log"
    port = free_port()
    uri = f"http://127.0.0.1:{port}"
    mlflow = Path(sys.executable).with_name("mlflow")
    cmd = [
        str(mlflow), "server",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", "1",
        "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
        "--default-artifact-root", str(root / "artifacts"),
        "--no-serve-artifacts",
    ]
    log = open(log_path, "wb")
    # No background job runner (huey consumers for GenAI jobs): six idle processes on a 2-core CI.
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    # Its own session, so that stopping it reaches uvicorn's workers too.
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def fail(why: str) -> int:
        stop(proc)
        log.close()
        print(f"mlflow_server: {why}\n--- {log_path}\n{log_path.read_text(errors='replace')}", file=sys.stderr)
        return 1

    deadline = time.monotonic() + START_TIMEOUT_S
    while not healthy(uri):
        if proc.poll() is not None:
            return fail(f"`{' '.join(cmd)}` exited {proc.returncode} before {uri}/health answered")
        if time.monotonic() > deadline:
            return fail(f"{uri}/health did not answer within {START_TIMEOUT_S:.0f} s of `{' '.join(cmd)}`")
        time.sleep(0.25)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    # stdin closing (EOF) is how the parent says "stop", including by dying.
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), done.set()), daemon=True).start()
    print(json.dumps({"uri": uri, "pid": proc.pid, "log": str(log_path)}), flush=True)
    while not done.wait(0.5):
        if proc.poll() is not None:
            return fail(f"the server exited {proc.returncode} while in use")
    stop(proc)
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
