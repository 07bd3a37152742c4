"""Golden cases for src/core/drift: Evidently's default stattests on deterministic inputs."""
import math
import sys

import numpy as np
import scipy

from . import evidently_ref as ev
from .common import rounded

THRESHOLDS = {"ks": 0.05, "wasserstein": 0.1, "psi": 0.1, "kl": 0.1, "jensenshannon": 0.1, "chisquare": 0.05, "ztest": 0.05}


def clean(values):
    return [v for v in values if not (isinstance(v, float) and (math.isnan(v) or math.isinf(v)))]


def sample_case(name, ref, cur, numeric):
    """All applicable Evidently tests on raw samples (NaN/inf dropped first, as Evidently's data_drift.py does)."""
    r, c = clean(ref), clean(cur)
    out = {"default_method": ev.default_method(r, c, numeric), "reference_size": len(r), "current_size": len(c), "methods": {}}
    m = out["methods"]
    binning, rs, cs = ev.binned(np.array(r) if numeric else r, np.array(c) if numeric else c, numeric)
    out["bins"] = {**binning, "reference": [float(x) for x in rs], "current": [float(x) for x in cs]}
    if numeric:
        d, p = ev.ks(r, c)
        m["ks"] = {"statistic": d, "p_value": p, "drifted": p <= THRESHOLDS["ks"]}
        w = ev.wasserstein_norm(r, c)
        m["wasserstein"] = {"statistic": w, "p_value": None, "drifted": w >= THRESHOLDS["wasserstein"]}
    psi_v = ev.psi_from_shares(rs, cs)
    m["psi"] = {"statistic": psi_v, "p_value": None, "drifted": psi_v >= THRESHOLDS["psi"]}
    kl_v = ev.kl_from_shares(rs, cs)
    m["kl"] = {"statistic": kl_v, "p_value": None, "drifted": kl_v >= THRESHOLDS["kl"]}
    js_v = ev.js_from_shares(rs, cs)
    m["jensenshannon"] = {"statistic": js_v, "p_value": None, "drifted": js_v >= THRESHOLDS["jensenshannon"]}
    rc, cc = ev.value_counts(r), ev.value_counts(c)
    n_values = ev.nunique(r + c)
    if not numeric or n_values <= 5:
        # chi-square and z are categorical tests; numeric columns reach them only as few-valued columns.
        stat, p = ev.chisquare_counts(rc, cc)
        if not math.isnan(p):
            m["chisquare"] = {"statistic": stat, "p_value": p, "drifted": p < THRESHOLDS["chisquare"]}
        z = ev.ztest_counts(rc, cc)
        m["ztest"] = {"statistic": z[0], "p_value": z[1], "drifted": z[1] < THRESHOLDS["ztest"]}
        if len(z) > 2:
            m["ztest"]["evidently_p_value"] = z[2]
    return {"name": name, "reference": {"type": "numeric" if numeric else "categorical", "sample": ref},
            "current": {"type": "numeric" if numeric else "categorical", "sample": cur}, **out}


def counts_case(name, ref_counts, cur_counts):
    r = [k for k, v in ref_counts.items() for _ in range(v)]
    c = [k for k, v in cur_counts.items() for _ in range(v)]
    case = sample_case(name, r, c, numeric=False)
    case["reference"] = {"type": "categorical", "counts": ref_counts}
    case["current"] = {"type": "categorical", "counts": cur_counts}
    return case


def histogram_case(name, ref_h, cur_h):
    edges, rs, cs = ev.histogram_shares(ref_h, cur_h)
    d, p = ev.histogram_ks(ref_h, cur_h)
    w = ev.histogram_wasserstein(ref_h, cur_h)
    n_ref, n_cur = float(sum(ref_h["counts"])), float(sum(cur_h["counts"]))
    methods = {
        "ks": {"statistic": d, "p_value": p, "drifted": p <= THRESHOLDS["ks"]},
        "wasserstein": {"statistic": w, "p_value": None, "drifted": w >= THRESHOLDS["wasserstein"]},
        "psi": {"statistic": ev.psi_from_shares(rs, cs), "p_value": None},
        "kl": {"statistic": ev.kl_from_shares(rs, cs), "p_value": None},
        "jensenshannon": {"statistic": ev.js_from_shares(rs, cs), "p_value": None},
    }
    for k in ("psi", "kl", "jensenshannon"):
        methods[k]["drifted"] = methods[k]["statistic"] >= THRESHOLDS[k]
    return {
        "name": name,
        "reference": {"type": "numeric", "histogram": ref_h},
        "current": {"type": "numeric", "histogram": cur_h},
        "default_method": "ks" if n_ref <= 1000 else "wasserstein",
        "reference_size": n_ref,
        "current_size": n_cur,
        "bins": {"edges": [float(e) for e in edges], "reference": [float(x) for x in rs], "current": [float(x) for x in cs]},
        "methods": methods,
    }


def build():
    rs = np.random.RandomState(424242)
    cases = []
    cases.append(sample_case("small numeric, shifted mean", rounded(rs.normal(0, 1, 300)), rounded(rs.normal(0.35, 1, 250)), True))
    cases.append(sample_case("small numeric, same distribution", rounded(rs.normal(5, 2, 500)), rounded(rs.normal(5, 2, 400)), True))
    cases.append(sample_case("large numeric, shifted mean", rounded(rs.normal(0, 1, 2000)), rounded(rs.normal(0.2, 1, 1500)), True))
    cases.append(sample_case("large numeric, same distribution", rounded(rs.lognormal(0, 0.5, 1500)), rounded(rs.lognormal(0, 0.5, 1200)), True))
    cases.append(sample_case("numeric with heavy ties", rounded(rs.normal(0, 1, 400), 1), rounded(rs.normal(0.1, 1, 350), 1), True))
    cases.append(sample_case("numeric with 10 values (value-count binning)", [int(v) for v in rs.randint(0, 10, 600)], [int(v) for v in rs.binomial(9, 0.55, 500)], True))
    cases.append(sample_case("numeric with 4 values, small (chi-square)", [int(v) for v in rs.randint(0, 4, 200)], [int(v) for v in rs.choice(4, 150, p=[0.4, 0.3, 0.2, 0.1])], True))
    cases.append(sample_case("numeric 0/1, small (z-test)", [int(v) for v in rs.binomial(1, 0.3, 400)], [int(v) for v in rs.binomial(1, 0.4, 300)], True))
    cases.append(sample_case("numeric with 5 values, large (Jensen-Shannon)", [int(v) for v in rs.randint(0, 5, 1500)], [int(v) for v in rs.randint(0, 5, 1300)], True))
    cases.append(sample_case("constant, equal", [2.5] * 50, [2.5] * 40, True))
    cases.append(sample_case("constant, different", [2.5] * 50, [3.5] * 40, True))
    with_nan = rounded(rs.normal(0, 1, 200))
    for i in (3, 50, 77):
        with_nan[i] = float("nan")
    cur_nan = rounded(rs.normal(0.5, 1, 150))
    cur_nan[10] = float("inf")
    cases.append(sample_case("numeric with NaN and infinity", with_nan, cur_nan, True))
    cats = ["a", "b", "c"]
    cases.append(sample_case("categorical, 3 labels, small", [cats[i] for i in rs.choice(3, 300, p=[0.5, 0.3, 0.2])], [cats[i] for i in rs.choice(3, 250, p=[0.4, 0.3, 0.3])], False))
    cases.append(sample_case("categorical, 2 labels, small", [cats[i] for i in rs.choice(2, 300, p=[0.6, 0.4])], [cats[i] for i in rs.choice(2, 280, p=[0.5, 0.5])], False))
    labels = ["north", "south", "east", "west"]
    cases.append(sample_case("categorical, 4 labels, large", [labels[i] for i in rs.choice(4, 1500)], [labels[i] for i in rs.choice(4, 1400, p=[0.3, 0.3, 0.2, 0.2])], False))
    cases.append(sample_case("categorical booleans", [bool(v) for v in rs.binomial(1, 0.5, 120)], [bool(v) for v in rs.binomial(1, 0.7, 100)], False))
    cases.append(sample_case("categorical, label new in current", [cats[i] for i in rs.choice(2, 100)], [cats[i] for i in rs.choice(3, 90)], False))
    cases.append(counts_case("category counts, small", {"red": 40, "green": 35, "blue": 25}, {"red": 30, "green": 30, "blue": 50}))
    cases.append(counts_case("category counts, large", {"red": 700, "green": 500, "blue": 300}, {"red": 650, "green": 520, "blue": 330}))
    cases.append(histogram_case("histograms, same edges, small", {"edges": [0, 1, 2, 3, 4, 5], "counts": [40, 120, 200, 100, 40]}, {"edges": [0, 1, 2, 3, 4, 5], "counts": [20, 80, 190, 150, 60]}))
    cases.append(histogram_case("histograms, same edges, large, with an empty bin", {"edges": [0, 10, 20, 30, 40, 50, 60], "counts": [300, 900, 1200, 600, 0, 100]}, {"edges": [0, 10, 20, 30, 40, 50, 60], "counts": [350, 850, 1000, 650, 50, 100]}))
    cases.append(histogram_case("histograms, different edges", {"edges": [0, 2, 4, 6, 8], "counts": [100, 300, 250, 50]}, {"edges": [0, 1, 3, 5, 8], "counts": [30, 200, 300, 170]}))
    cases.append(histogram_case("histograms, weights not integers", {"edges": [-1, 0, 1, 2], "counts": [10.5, 20.25, 5.25]}, {"edges": [-1, 0, 1, 2], "counts": [12, 18, 6]}))
    return {
        "generator": "scripts/golden.py (drift)",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "evidently_source": "evidentlyai/evidently src/evidently/legacy/calculations/stattests/{registry,utils,ks_stattest,wasserstein_distance_norm,psi,kl_div,jensenshannon,chisquare_stattest,z_stattest}.py and legacy/calculations/data_drift.py (NaN/inf dropped before the test)",
        "thresholds": THRESHOLDS,
        "cases": cases,
    }
