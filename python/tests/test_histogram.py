"""histogram.py against spog itself: the same seeded values binned in Python and by spog's TypeScript.

The oracle is spog's own code run by node (src/core/stats/histogram-counts.ts for numeric bins,
src/core/drift/prepare.ts for category labels, quantile-sorted.ts and histogram-bin-edges.ts for
edges), not this module's earlier output.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from spog.histogram import (
    MAX_SAMPLE,
    category_counts,
    histogram_counts,
    js_string,
    numeric_tally,
    quantile_edges,
    quantile_sorted,
    reference_from_values,
    sturges_edges,
    window_from_values,
)

ROOT = Path(__file__).resolve().parents[2]

# Reads one JSON job from stdin and answers with spog's own results.
ORACLE = """
import { histogramCounts } from '%(root)s/src/core/stats/histogram-counts.ts';
import { quantileSorted } from '%(root)s/src/core/stats/quantile-sorted.ts';
import { sturgesBinEdges } from '%(root)s/src/core/stats/histogram-bin-edges.ts';
import { prepareSide } from '%(root)s/src/core/drift/prepare.ts';
let text = '';
for await (const chunk of process.stdin) text += chunk;
const jobs = JSON.parse(text);
const num = (v) => (v === null ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);
const out = jobs.map((j) => {
  if (j.kind === 'numeric') return histogramCounts(j.values.map(num), j.edges);
  if (j.kind === 'clip') {
    const lo = j.edges[0], hi = j.edges[j.edges.length - 1];
    const finite = j.values.map(num).filter((v) => Number.isFinite(v));
    return histogramCounts(finite.map((v) => Math.min(hi, Math.max(lo, v))), j.edges);
  }
  if (j.kind === 'categorical') {
    const p = prepareSide({ type: 'categorical', sample: j.values }, 'current');
    return { counts: Object.fromEntries(p.counts), dropped: p.dropped };
  }
  if (j.kind === 'quantile') return j.ps.map((p) => quantileSorted(j.sorted, p));
  if (j.kind === 'sturges') return sturgesBinEdges(j.values);
  throw new Error('unknown job ' + j.kind);
});
process.stdout.write(JSON.stringify(out));
"""


def node() -> str:
    exe = shutil.which("node", path=str(ROOT / "node_modules" / ".bin") + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        pytest.fail("node (24, which runs .ts) is needed to check the binning against spog's TypeScript")
    return exe


def spog(jobs: list[dict]) -> list:
    """Run jobs through spog's TypeScript; NaN and infinities travel as null / "inf" / "-inf"."""
    r = subprocess.run([node(), "--input-type=module", "-e", ORACLE % {"root": ROOT.as_posix()}],
                       input=json.dumps(jobs), capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def wire(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, float) and math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def seeded_values(rng: random.Random, edges: list[float], n: int) -> list:
    """Values around the edges: many exactly on an edge, some outside, some missing."""
    lo, hi = edges[0], edges[-1]
    span = hi - lo
    out: list = []
    for _ in range(n):
        r = rng.random()
        if r < 0.2:
            out.append(rng.choice(edges))
        elif r < 0.25:
            out.append(rng.choice([None, float("nan"), float("inf"), float("-inf")]))
        elif r < 0.3:
            out.append(rng.choice([lo - rng.random() * span, hi + rng.random() * span]))
        elif r < 0.35:
            e = rng.choice(edges)
            out.append(rng.choice([math.nextafter(e, -math.inf), math.nextafter(e, math.inf)]))
        else:
            out.append(lo + rng.random() * span)
    return out


def edge_sets(rng: random.Random) -> list[list[float]]:
    sets = [[0, 1], [0.0, 6, 12, 24, 48, 120], [-3.5, -1, 0, 0.1, 0.2, 0.30000000000000004, 7]]
    for _ in range(5):
        k = rng.randint(1, 30)
        sets.append(sorted(set(round(rng.gauss(0, 10), rng.randint(0, 6)) for _ in range(k + 1))))
    sets.append([i / 1000 for i in range(1001)])
    return [e for e in sets if len(e) >= 2]


def test_numeric_counts_equal_spogs_on_seeded_values_with_values_on_edges_outside_and_missing():
    rng = random.Random(16)
    cases = [(e, seeded_values(rng, e, 3000)) for e in edge_sets(rng)]
    expected = spog([{"kind": "numeric", "edges": e, "values": [wire(v) for v in vals]} for e, vals in cases])
    for (e, vals), want in zip(cases, expected):
        assert histogram_counts(vals, e) == want, e


def test_clipped_counts_equal_spogs_counts_of_values_clamped_to_the_outer_edges():
    rng = random.Random(17)
    cases = [(e, seeded_values(rng, e, 2000)) for e in edge_sets(rng)]
    expected = spog([{"kind": "clip", "edges": e, "values": [wire(v) for v in vals]} for e, vals in cases])
    for (e, vals), want in zip(cases, expected):
        assert histogram_counts(vals, e, outside="clip") == want, e


def test_a_tally_accounts_for_every_value():
    t = numeric_tally([-1, 0, 0.5, 1, 2, 2.5, None, float("nan"), float("inf")], [0, 1, 2])
    assert (t.counts, t.below, t.above, t.missing) == ([2, 2], 1, 1, 3)


def test_a_value_on_an_inner_edge_goes_to_the_bin_above_and_the_last_edge_to_the_last_bin():
    assert histogram_counts([1, 2, 3], [1, 2, 3]) == [1, 2]


def test_category_labels_and_missing_values_equal_spogs():
    rng = random.Random(18)
    pool = ["a", "b", "", "Ünï", True, False, 0, 1, 1.0, 2.5, -0.0, 1e21, 1e-7, 123456789.125, 0.1 + 0.2, None, float("nan")]
    cases = [[rng.choice(pool) for _ in range(rng.randint(0, 400))] for _ in range(20)]
    expected = spog([{"kind": "categorical", "values": [wire(v) for v in vals]} for vals in cases])
    for vals, want in zip(cases, expected):
        counts, missing = category_counts(vals)
        assert {k: c for k, c in counts.items() if c} == want["counts"]
        assert missing == want["dropped"]


def test_js_string_prints_numbers_as_javascript_does():
    values = [0.1, 100.0, 1e20, 1e21, 1.5e-6, 1e-7, 5e-324, 1.7976931348623157e308, 12345678901234567890, -2.5]
    assert [js_string(v) for v in values] == [
        "0.1", "100", "100000000000000000000", "1e+21", "0.0000015", "1e-7", "5e-324", "1.7976931348623157e+308",
        "12345678901234567000", "-2.5"]


def test_a_window_lists_reference_categories_first_then_new_ones_sorted():
    counts, missing = category_counts(["pro", "zeta", None, "alpha", "pro"], ["basic", "plus", "pro"])
    assert list(counts.items()) == [("basic", 0), ("plus", 0), ("pro", 2), ("alpha", 1), ("zeta", 1)]
    assert missing == 1


def test_quantile_and_sturges_edges_equal_spogs_bit_for_bit():
    rng = random.Random(19)
    samples = [sorted(rng.lognormvariate(0, 1) for _ in range(rng.randint(1, 2000))) for _ in range(10)]
    samples.append(sorted(float(rng.randint(0, 5)) for _ in range(500)))
    ps = [i / 20 for i in range(21)]
    jobs = [{"kind": "quantile", "sorted": s, "ps": ps} for s in samples] + [{"kind": "sturges", "values": s} for s in samples]
    got = spog(jobs)
    for s, want in zip(samples, got[: len(samples)]):
        assert [quantile_sorted(s, p) for p in ps] == want
    for s, want in zip(samples, got[len(samples):]):
        assert sturges_edges(s) == want


def test_quantile_edges_are_strictly_ascending_and_cover_every_training_value():
    rng = random.Random(20)
    values = [float(rng.randint(0, 5)) for _ in range(1000)] + [None, float("nan")]
    edges = quantile_edges(values, 20)
    assert all(b > a for a, b in zip(edges, edges[1:]))
    assert edges[0] == 0 and edges[-1] == 5
    assert sum(histogram_counts(values, edges)) == 1000
    assert quantile_edges([3, 3, 3]) == [2.5, 3.5]


def test_reference_from_values_bins_numbers_and_counts_categories():
    ref = reference_from_values("v3", {"tenure": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "plan": ["basic", "pro", "basic", None]},
                                prediction=[0.1, 0.5, 0.9], bins=5, created_at="2026-10-31")
    assert ref["version"] == "v3" and ref["created_at"] == "2026-10-31"
    tenure = ref["features"]["tenure"]
    assert tenure["type"] == "numeric"
    assert tenure["histogram"]["edges"] == pytest.approx([0, 1.8, 3.6, 5.4, 7.2, 9], abs=1e-12)
    assert tenure["histogram"]["counts"] == [2, 2, 2, 2, 2]
    assert ref["features"]["plan"] == {"type": "categorical", "counts": {"basic": 2, "pro": 1}}
    assert ref["prediction"]["histogram"]["counts"] == [1, 0, 1, 0, 1]


def test_integer_codes_can_be_declared_categorical():
    ref = reference_from_values("v1", {"region": [1, 2, 2, 3]}, categorical=["region"])
    assert ref["features"]["region"] == {"type": "categorical", "counts": {"1": 1, "2": 2, "3": 1}}


def test_window_from_values_gives_a_batch_window_on_the_references_bins():
    ref = {"version": "v3", "features": {
        "tenure": {"type": "numeric", "histogram": {"edges": [0, 6, 12, 24], "counts": [5, 5, 5]}},
        "plan": {"type": "categorical", "counts": {"basic": 8, "pro": 2}},
        "raw": {"type": "numeric", "sample": [1, 2, 3]}},
        "prediction": {"type": "numeric", "histogram": {"edges": [0, 0.5, 1], "counts": [3, 3]}}}
    w = window_from_values(ref, {"tenure": [0, 6, 24, 30, None], "plan": ["pro", "trial"], "raw": [1.5, float("nan")]},
                           "2026-10-31", "v3", run="daily-2026-10-31", prediction=[0.2, 0.5, 1.0])
    assert w == {"ts": "2026-10-31", "version": "v3", "features": {
        "tenure": {"type": "numeric", "histogram": {"counts": [1, 1, 1]}},
        "plan": {"type": "categorical", "counts": {"basic": 0, "pro": 1, "trial": 1}},
        "raw": {"type": "numeric", "sample": [1.5]}},
        "prediction": {"type": "numeric", "histogram": {"counts": [1, 2]}}, "run": "daily-2026-10-31"}


def test_window_from_values_refuses_a_feature_the_reference_has_no_bins_for():
    with pytest.raises(ValueError, match="not in the reference.*age"):
        window_from_values({"version": "v1", "features": {}}, {"age": [1]}, "2026-10-31", "v1")


def test_a_window_sample_longer_than_spogs_limit_is_refused_with_the_fix():
    ref = {"version": "v1", "features": {"x": {"type": "numeric", "sample": [1.0]}}}
    with pytest.raises(ValueError, match="give the reference a histogram"):
        window_from_values(ref, {"x": range(MAX_SAMPLE + 1)}, "2026-10-31", "v1")


def test_a_string_in_a_numeric_feature_is_refused():
    with pytest.raises(TypeError, match="not a number"):
        histogram_counts(["3"], [0, 1])
