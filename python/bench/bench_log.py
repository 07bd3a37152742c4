"""How long spog-client takes to log one day of metrics for a 1,000-model registry in one call.

    python python/bench/bench_log.py [--models 1000] [--keep DIR]

Builds the registry with spog's own generator (node scripts/gen-fixture.ts: 45 days of metrics,
so each model has a September and an October file of ~28 KB), then logs 2026-10-31 for every
model: its primary metric (the fixture's first metric line), latency_p95_ms and error_rate, with n
and a run id; then logs the same day again (all duplicates). Prints seconds for each; the target is
under 5 s for the first on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "src"))

from spog import Registry  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", type=int, default=1000)
    ap.add_argument("--keep", help="build the registry here and keep it")
    args = ap.parse_args()
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="spog-bench-log-")) / "registry"
    node = ROOT / "node_modules" / ".bin" / "node"
    t0 = time.perf_counter()
    subprocess.run([str(node), str(ROOT / "scripts" / "gen-fixture.ts"), "--models", str(args.models), "--days", "45", "--features", "5",
                    "--as-of", "2026-10-30", "--out", str(out)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"fixture: {args.models} models in {time.perf_counter() - t0:.1f} s ({out})")
    records = []
    for model in sorted(p.name for p in (out / "models").iterdir()):
        with open(out / "models" / model / "metrics" / "2026-10.ndjson", encoding="utf-8") as f:
            first = json.loads(f.readline())
        for metric, value in ((first["metric"], 0.81), ("latency_p95_ms", 140.0), ("error_rate", 0.002)):
            records.append({"model": model, "ts": "2026-10-31T06:00:00Z", "version": first["version"], "metric": metric,
                            "value": value, "n": 5120, "run": "bench-2026-10-31"})
    reg = Registry(out)
    t0 = time.perf_counter()
    first_call = reg.log_metrics(records)
    t1 = time.perf_counter()
    again = reg.log_metrics(records)
    t2 = time.perf_counter()
    assert first_call.written == len(records) and again.duplicates == len(records)
    print(f"log_metrics: {len(records)} records for {args.models} models, {len(first_call.files)} files: {t1 - t0:.2f} s")
    print(f"the same day again (all kept once): {t2 - t1:.2f} s")
    if not args.keep:
        shutil.rmtree(out.parent)


if __name__ == "__main__":
    main()
