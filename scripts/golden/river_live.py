"""Detection indices computed by River itself (installed from PyPI, the version pinned in
scripts/golden/requirements.txt), on streams both sides rebuild from a seed.

Each stream is a list of segments; a segment draws `length` values with Python's
`random.Random(seed).random()` (the MT19937 stream spog's PythonRandom reproduces bit for bit):
  ["uniform", length, low, high]   low + (high - low) * random()
  ["choice", length, [v0, v1, ...]] values[floor(random() * len(values))]   (random.choices)
so the golden file holds recipes and River's answers, not the streams.

River's own published cases are kept beside them: its numpy test stream (test_adwin, [1023])
and the multiple-drift regression (test_adwin_regression.py::test_multiple_drifts,
[1023, 2015, 3007]). Before River fixed its ADWIN scan (PR #1613, issue #1614) the first gave
[1055]; spog's ADWIN gave that too until 2026-12.
"""
import math
import random
import sys

import numpy as np
import river
from river import drift


def build_stream(seed, segments):
    rng = random.Random(seed)
    out = []
    for seg in segments:
        kind, length = seg[0], seg[1]
        if kind == "uniform":
            lo, hi = seg[2], seg[3]
            out.extend(lo + (hi - lo) * rng.random() for _ in range(length))
        elif kind == "choice":
            values = seg[2]
            out.extend(values[math.floor(rng.random() * len(values))] for _ in range(length))
        else:
            raise ValueError(kind)
    return out


DETECTORS = {
    "adwin": lambda p: drift.ADWIN(**p),
    "page-hinkley": lambda p: drift.PageHinkley(**p),
}


def run(detector, params, stream):
    d = DETECTORS[detector](params)
    hits = []
    for i, x in enumerate(stream):
        d.update(x)
        if d.drift_detected:
            hits.append(i)
    return hits


# (name, detector, params, seed, segments)
RECIPES = [
    ("two levels, default ADWIN", "adwin", {}, 1, [["uniform", 1000, 0.0, 1.0], ["uniform", 1000, 0.3, 1.3]]),
    ("small step, default ADWIN", "adwin", {}, 2, [["uniform", 1500, 0.0, 1.0], ["uniform", 1500, 0.1, 1.1]]),
    ("three steps, clock 1", "adwin", {"clock": 1}, 3, [["uniform", 400, 0.0, 1.0], ["uniform", 400, 0.5, 1.5], ["uniform", 400, 0.0, 1.0], ["uniform", 400, -0.6, 0.4]]),
    ("three steps, clock 4, delta 0.01", "adwin", {"clock": 4, "delta": 0.01}, 4, [["uniform", 600, 0.0, 1.0], ["uniform", 600, 0.2, 1.2], ["uniform", 600, 0.6, 1.6]]),
    ("binary rate change, max_buckets 2", "adwin", {"max_buckets": 2}, 5, [["choice", 1500, [0, 0, 0, 1]], ["choice", 1500, [0, 1]]]),
    ("binary rate change, max_buckets 8", "adwin", {"max_buckets": 8, "clock": 8}, 6, [["choice", 1500, [0, 0, 0, 1]], ["choice", 1500, [0, 1]]]),
    ("min_window_length 1, clock 1", "adwin", {"min_window_length": 1, "clock": 1}, 7, [["uniform", 300, 0.0, 1.0], ["uniform", 300, 2.0, 3.0]]),
    ("min_window_length 20, grace 100", "adwin", {"min_window_length": 20, "grace_period": 100, "clock": 2}, 8, [["uniform", 500, 0.0, 1.0], ["uniform", 500, 0.4, 1.4]]),
    ("stationary, delta 0.2 (false alarms)", "adwin", {"delta": 0.2, "clock": 1}, 9, [["uniform", 5000, 0.0, 1.0]]),
    ("stationary 20,000 values", "adwin", {}, 10, [["uniform", 20000, 0.0, 1.0]]),
    ("slow ramp in steps", "adwin", {"clock": 2}, 11, [["uniform", 500, 0.0, 1.0], ["uniform", 500, 0.05, 1.05], ["uniform", 500, 0.1, 1.1], ["uniform", 500, 0.15, 1.15], ["uniform", 500, 0.2, 1.2]]),
    ("Page-Hinkley down, threshold 10", "page-hinkley", {"mode": "down", "threshold": 10}, 12, [["uniform", 500, 0.0, 1.0], ["uniform", 500, -0.5, 0.5]]),
    ("Page-Hinkley both, defaults", "page-hinkley", {}, 13, [["choice", 1000, [0, 1]], ["choice", 1000, [4, 5, 6, 7]]]),
]


def published_cases():
    np.random.seed(12345)
    numpy_stream = [int(v) for v in np.concatenate((np.random.randint(2, size=1000), np.random.randint(8, size=1000)))]
    rng = random.Random(42)
    multi = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000) + rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
    return [
        {
            "name": "ADWIN on River's numpy test stream (test_drift_detectors.py::test_adwin)",
            "detector": "adwin", "params": {}, "stream": numpy_stream,
            "published": [1023], "before_river_fix": [1055],
        },
        {
            "name": "ADWIN multiple drifts (test_adwin_regression.py::test_multiple_drifts)",
            "detector": "adwin", "params": {}, "stream": multi,
            "published": [1023, 2015, 3007],
        },
    ]


def build():
    cases = []
    for name, detector, params, seed, segments in RECIPES:
        stream = build_stream(seed, segments)
        cases.append({"name": name, "detector": detector, "params": params, "seed": seed, "segments": segments, "expected_drifts": run(detector, params, stream)})
    published = []
    for c in published_cases():
        got = run(c["detector"], c["params"], c["stream"])
        if got != c["published"]:
            raise SystemExit(f"River {river.__version__} gives {got} on '{c['name']}', not its published {c['published']}")
        published.append({**c, "expected_drifts": got})
    return {
        "generator": "scripts/golden/river_live.py (npm run golden:pypi)",
        "river": river.__version__,
        "python": sys.version.split()[0],
        "note": "Detection indices from River itself; recipe streams are rebuilt from random.Random(seed).random() on both sides.",
        "recipes": cases,
        "published": published,
    }
