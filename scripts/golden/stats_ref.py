"""scipy/numpy reference values for src/core/stats."""
import math
import sys

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance
from scipy.stats._stats_py import _attempt_exact_2kssamp

from .common import rounded


def _samples():
    """Deterministic sample pairs for ks_2samp / wasserstein (numpy legacy RandomState is stream-stable)."""
    rs = np.random.RandomState(20240601)
    pairs = []

    def add(name, a, b):
        pairs.append({"name": name, "a": a, "b": b})

    add("tiny equal sizes", rounded(rs.normal(0, 1, 5)), rounded(rs.normal(0.5, 1, 5)))
    add("tiny unequal sizes", rounded(rs.normal(0, 1, 5)), rounded(rs.normal(1, 1, 7)))
    add("n=30 vs 30 shifted", rounded(rs.normal(0, 1, 30)), rounded(rs.normal(0.8, 1, 30)))
    add("n=100 vs 80 same distribution", rounded(rs.normal(0, 1, 100)), rounded(rs.normal(0, 1, 80)))
    add("integers with ties", [int(v) for v in rs.randint(0, 6, 200)], [int(v) for v in rs.randint(1, 7, 150)])
    add("constant equal", [3.0] * 40, [3.0] * 25)
    add("constant different", [3.0] * 40, [4.0] * 25)
    add("n=1000 vs 1000 scale change", rounded(rs.normal(0, 1, 1000)), rounded(rs.normal(0, 1.2, 1000)))
    add("n=1000 vs 900 exponential", rounded(rs.exponential(1, 1000)), rounded(rs.exponential(1.1, 900)))
    add("n=3000 vs 2000 exact unequal", rounded(rs.normal(0, 1, 3000)), rounded(rs.normal(0.05, 1, 2000)))
    add("asymptotic 10001 vs 60 (n<=140 branch)", rounded(rs.normal(0, 1, 10001)), rounded(rs.normal(0.3, 1, 60)))
    add("asymptotic 12000 vs 11000", rounded(rs.normal(0, 1, 12000)), rounded(rs.normal(0.03, 1, 11000)))
    add("asymptotic 10500 vs 700 shifted", rounded(rs.normal(0, 1, 10500)), rounded(rs.normal(0.4, 1, 700)))
    return pairs


def build():
    rs = np.random.RandomState(7)
    arrays = [
        [1.0],
        [1.0, 2.0, 3.0, 4.0],
        rounded(rs.normal(10, 3, 57), 6),
        [1e9 + 1, 1e9 + 2, 1e9 + 3],
        [-5.0, 0.0, 0.0, 2.5, 7.25, 7.25, 100.0],
    ]
    ps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1]
    descriptive = [
        {
            "values": a,
            "mean": float(np.mean(a)),
            "variance": float(np.var(a)),
            "std": float(np.std(a)),
            "quantiles": [[p, float(np.quantile(a, p))] for p in ps],
        }
        for a in arrays
    ]

    # Lag-1 sample autocorrelation (the ACF estimator: autocovariance over variance, both about the
    # mean and over n), computed with numpy's correlate, for series of 3 or more values.
    def acf1(x):
        x = np.asarray(x, dtype=float) - np.mean(x)
        c = np.correlate(x, x, mode="full")[len(x) - 1:]
        return float(c[1] / c[0]) if c[0] > 0 else 0.0

    ar = [0.0]
    for e in np.random.RandomState(11).normal(0, 1, 40):
        ar.append(0.7 * ar[-1] + float(e))
    autocorrelation = [
        {"values": a, "acf1": acf1(a)}
        for a in arrays + [rounded(ar[1:], 6), [1.0, -1.0] * 10, [2.0] * 6]
        if len(a) >= 3
    ]

    special_values = {
        "lgamma": [[x, math.lgamma(x)] for x in (0.1, 0.5, 1, 1.5, 2, 2.5, 3.7, 10, 55.5, 171.3, 1000, 12345.6)],
        "gammaincc": [[a, x, float(special.gammaincc(a, x))] for a in (0.5, 1, 2.5, 10, 50, 200) for x in (0.01, 0.5, 1, 3, 10, 45, 60, 250)],
        "gammainc": [[a, x, float(special.gammainc(a, x))] for a in (0.5, 1, 2.5, 10, 50) for x in (0.01, 0.5, 1, 3, 10, 45, 60)],
        "chi2_sf": [[x, df, float(stats.chi2.sf(x, df))] for df in (1, 2, 3, 7, 30, 120) for x in (0.001, 0.5, 2, 7.8, 20, 55, 150, 400)],
        "norm_cdf": [[z, float(stats.norm.cdf(z))] for z in (-12, -8.5, -5, -3, -1.96, -1, -0.3, 0, 0.3, 1, 1.96, 3, 5)],
        "norm_sf": [[z, float(stats.norm.sf(z))] for z in (-3, -1, 0, 0.5, 1.64, 2.5, 4, 6, 8.5, 12, 30)],
        "erfc": [[x, float(special.erfc(x))] for x in (-2, -0.5, 0, 0.1, 0.5, 1, 1.2, 2, 3.5, 6, 10, 25)],
    }

    smirnov = []
    for n in (2, 5, 10, 50, 100, 140, 141, 500, 1000, 5000, 20000):
        for x in (0.2 / n, 0.9 / n, 1.5 / n, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1 - 0.5 / n):
            if 0 <= x <= 1:
                smirnov.append([n, x, float(special.smirnov(n, x))])

    kstwo = []
    for n in (1, 2, 3, 5, 10, 30, 50, 100, 140, 141, 200, 500, 1000, 5000, 10000, 50000, 100001, 200000):
        xs = [0.3 / n, 0.7 / n, 1.0 / n, 1.5 / n]
        xs += [math.sqrt(c / n) for c in (0.2, 0.5, 0.75, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0)]
        xs += [(1.4 / n) ** (2 / 3), 0.45, 0.6, 0.9, 1 - 0.5 / n]
        for x in xs:
            if 0 < x < 1:
                kstwo.append([n, x, float(stats.kstwo.sf(x, n))])

    ks_exact = []
    for n1, n2 in ((5, 5), (5, 7), (30, 30), (30, 45), (100, 80), (1000, 1000), (1000, 999), (2500, 1700), (10000, 10000), (10000, 9973)):
        g = math.gcd(n1, n2)
        for d in (0.001, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4, 0.6, 0.9):
            ok, dd, p = _attempt_exact_2kssamp(n1, n2, g, d, "two-sided")
            if not ok:
                # ks_2samp then switches to the asymptotic distribution with the snapped d.
                en = n1 * n2 / (n1 + n2)
                p = stats.kstwo.sf(dd, np.round(en))
            p = float(np.clip(p, 0, 1))
            ks_exact.append({"n1": n1, "n2": n2, "d": d, "method": "exact" if ok else "asymptotic", "d_used": float(dd), "p": p})

    ks_2samp = []
    for case in _samples():
        r = stats.ks_2samp(case["a"], case["b"])
        n = max(len(case["a"]), len(case["b"]))
        ks_2samp.append({**case, "statistic": float(r.statistic), "pvalue": float(r.pvalue), "method": "exact" if n <= 10000 else "asymptotic"})

    rs = np.random.RandomState(99)
    wass = []

    def add_w(name, u, v, uw=None, vw=None):
        wass.append({"name": name, "u": u, "v": v, "u_weights": uw, "v_weights": vw,
                     "distance": float(stats.wasserstein_distance(u, v, uw, vw))})

    add_w("docs example", [0, 1, 3], [5, 6, 8])
    add_w("docs weighted example", [0, 1], [0, 1], [3, 1], [2, 2])
    add_w("docs weighted example 2", [3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5])
    add_w("normal samples", rounded(rs.normal(0, 1, 500)), rounded(rs.normal(0.3, 1.5, 700)))
    add_w("ties", [int(v) for v in rs.randint(0, 5, 100)], [int(v) for v in rs.randint(0, 7, 90)])
    add_w("single points", [1.5], [4.0])
    add_w("weighted with zero weights", [1, 2, 3, 4], [2, 3], [0, 1, 0, 2], [1, 0.5])
    mids = [0.5, 1.5, 2.5, 3.5, 4.5]
    add_w("histogram midpoints", mids, mids, [10, 30, 40, 15, 5], [5, 20, 40, 25, 10])
    add_w("large unweighted", rounded(rs.gamma(2, 2, 5000)), rounded(rs.gamma(2.2, 2, 4000)))

    js = []
    for p, q in (
        ([1, 0, 0], [0, 1, 0]),
        ([1, 0, 0], [1, 0, 0]),
        ([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]),
        ([10, 20, 0, 5], [3, 0, 4, 9]),
        ([0.5, 0.5], [0.9, 0.1]),
    ):
        js.append({"p": p, "q": q, "natural": float(distance.jensenshannon(p, q)), "base2": float(distance.jensenshannon(p, q, 2.0))})

    kl = []
    for p, q in (
        ([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]),
        ([10, 20, 0, 5], [3, 1, 4, 9]),
        ([1, 1], [1, 1]),
        ([0.2, 0.8], [0.0, 1.0]),
        ([0.5, 0.4999999, 1e-7], [0.3, 0.3, 0.4]),
    ):
        kl.append({"p": p, "q": q, "entropy": float(stats.entropy(p, q))})

    chisq = []
    for obs, exp in (
        ([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]),
        ([10, 20, 30], None),
        ([5, 0, 12], [8.5, 0.5, 8.0]),
        ([120, 80], [100, 100]),
        ([3, 4], [0, 7]),
        ([50], [50]),
    ):
        with np.errstate(divide="ignore", invalid="ignore"):
            r = stats.chisquare(obs, exp) if exp is not None else stats.chisquare(obs)
        chisq.append({"f_obs": obs, "f_exp": exp, "statistic": float(r.statistic), "pvalue": float(r.pvalue)})

    rs = np.random.RandomState(5)
    hist = []
    for vals in (
        rounded(rs.normal(0, 1, 100)),
        rounded(rs.uniform(0, 10, 1024)),
        rounded(rs.exponential(2, 37)),
        [1.0, 1.0, 1.0],
        [0.1 * i for i in range(64)],
    ):
        edges = np.histogram_bin_edges(vals, bins="sturges")
        hist.append({"values": vals, "edges": [float(e) for e in edges], "counts": [int(c) for c in np.histogram(vals, edges)[0]]})

    return {
        "generator": "scripts/golden.py (stats)",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "descriptive": descriptive,
        "autocorrelation": autocorrelation,
        "special": special_values,
        "smirnov": smirnov,
        "kstwo_sf": kstwo,
        "ks_exact": ks_exact,
        "ks_2samp": ks_2samp,
        "wasserstein": wass,
        "jensenshannon": js,
        "entropy": kl,
        "chisquare": chisq,
        "sturges": hist,
    }
