"""Evidently's legacy stattests re-implemented with numpy/scipy only (Evidently itself is
not installable here). Each function names the Evidently source it follows; the
formulas were read from evidentlyai/evidently src/evidently/legacy/calculations/stattests/.
"""
import math

import numpy as np
from scipy import stats
from scipy.spatial import distance
from scipy.stats._stats_py import _attempt_exact_2kssamp


def nunique(values):
    return len({v for v in values if not (isinstance(v, float) and math.isnan(v))})


def js_key(v):
    """The category key the TypeScript side uses: String(value) in JavaScript."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def value_counts(values):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def fill_zeroes(percents):
    """utils.get_binned_data(feel_zeroes=True): empty bins get min(non-empty)/1e6, or 1e-4 when that minimum is above 1e-4."""
    p = np.array(percents, dtype=float)
    m = min(p[p != 0])
    np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return p


def binned(ref, cur, numeric):
    """utils.get_binned_data without the fill: (keys or edges, ref shares, cur shares)."""
    if numeric and nunique(ref) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, edges)[0] / len(ref)
        c = np.histogram(cur, edges)[0] / len(cur)
        return {"edges": [float(e) for e in edges]}, r, c
    rc, cc = value_counts(ref), value_counts(cur)
    keys = sorted(set(rc) | set(cc), key=(lambda k: k) if numeric else js_key)
    r = np.array([rc.get(k, 0) / len(ref) for k in keys])
    c = np.array([cc.get(k, 0) / len(cur) for k in keys])
    return {"keys": [js_key(k) for k in keys]}, r, c


def default_method(ref, cur, numeric):
    """registry._get_default_stattest (Text columns left out)."""
    n_values = nunique(list(ref) + list(cur))
    if len(ref) <= 1000:
        if numeric and n_values > 5:
            return "ks"
        return "chisquare" if n_values > 2 else "ztest"
    if numeric and n_values > 5:
        return "wasserstein"
    return "jensenshannon"


def ks(ref, cur):
    r = stats.ks_2samp(ref, cur)
    return float(r.statistic), float(r.pvalue)


def wasserstein_norm(ref, cur):
    norm = max(np.std(ref), 0.001)
    return float(stats.wasserstein_distance(ref, cur) / norm)


def psi_from_shares(r, c):
    r, c = fill_zeroes(r), fill_zeroes(c)
    return float(np.sum((r - c) * np.log(r / c)))


def kl_from_shares(r, c):
    return float(stats.entropy(fill_zeroes(r), fill_zeroes(c)))


def js_from_shares(r, c):
    return float(distance.jensenshannon(r, c))


def chisquare_counts(ref_counts, cur_counts):
    """chisquare_stattest._chi_stat_test on value counts."""
    keys = sorted(set(ref_counts) | set(cur_counts), key=js_key)
    n_ref = sum(ref_counts.values())
    n_cur = sum(cur_counts.values())
    k_norm = n_cur / n_ref
    f_exp = [ref_counts.get(k, 0) * k_norm for k in keys]
    f_obs = [cur_counts.get(k, 0) for k in keys]
    with np.errstate(divide="ignore", invalid="ignore"):
        r = stats.chisquare(f_obs, f_exp)
    return float(r.statistic), float(r.pvalue)


def ztest_counts(ref_counts, cur_counts):
    """z_stattest._z_stat_test on value counts: first sorted key -> 0, everything else -> 1."""
    ref_keys = [k for k, v in ref_counts.items() if v > 0]
    cur_keys = [k for k, v in cur_counts.items() if v > 0]
    if len(ref_keys) == 1 and len(cur_keys) == 1 and ref_keys[0] == cur_keys[0]:
        return None, 1.0
    union = set(ref_keys) | set(cur_keys)
    numeric = all(isinstance(k, (int, float, np.number)) and not isinstance(k, bool) for k in union)
    keys = sorted(union) if numeric else sorted(union, key=js_key)
    n1 = sum(ref_counts.values())
    n2 = sum(cur_counts.values())
    p1 = (n1 - ref_counts.get(keys[0], 0)) / n1
    p2 = (n2 - cur_counts.get(keys[0], 0)) / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    # Evidently: 2 * (1 - norm.cdf(|z|)); stored as 2 * sf(|z|), equal wherever the former does not round to 0.
    return float(z), float(2 * stats.norm.sf(abs(z))), float(2 * (1 - stats.norm.cdf(abs(z))))


# ---- pre-binned histograms: spog's documented extension, computed with scipy ----

def rebin(edges, counts, union):
    """Spread each bin's count over the union edges in proportion to overlap (uniform within a bin)."""
    out = np.zeros(len(union) - 1)
    for i in range(len(counts)):
        lo, hi = edges[i], edges[i + 1]
        for j in range(len(union) - 1):
            a, b = max(lo, union[j]), min(hi, union[j + 1])
            if b > a:
                out[j] += counts[i] * (b - a) / (hi - lo)
    return out


def histogram_pair(ref_h, cur_h):
    if list(ref_h["edges"]) == list(cur_h["edges"]):
        return list(ref_h["edges"]), np.array(ref_h["counts"], float), np.array(cur_h["counts"], float)
    union = sorted(set(ref_h["edges"]) | set(cur_h["edges"]))
    return union, rebin(ref_h["edges"], ref_h["counts"], union), rebin(cur_h["edges"], cur_h["counts"], union)


def ks_p_value(d, n1, n2):
    if max(n1, n2) <= 10000:
        g = math.gcd(n1, n2)
        ok, dd, p = _attempt_exact_2kssamp(n1, n2, g, d, "two-sided")
        if ok:
            return float(dd), float(min(max(p, 0), 1))
        d = dd
    m, n = sorted([float(n1), float(n2)], reverse=True)
    en = m * n / (m + n)
    return float(d), float(np.clip(stats.kstwo.sf(d, np.round(en)), 0, 1))


def histogram_ks(ref_h, cur_h):
    edges, rc, cc = histogram_pair(ref_h, cur_h)
    fr = np.concatenate([[0], np.cumsum(rc)]) / rc.sum()
    fc = np.concatenate([[0], np.cumsum(cc)]) / cc.sum()
    d = float(np.max(np.abs(fr - fc)))
    return ks_p_value(d, int(round(rc.sum())), int(round(cc.sum())))


def histogram_wasserstein(ref_h, cur_h):
    re, rc = np.array(ref_h["edges"], float), np.array(ref_h["counts"], float)
    ce, cc = np.array(cur_h["edges"], float), np.array(cur_h["counts"], float)
    rm = (re[:-1] + re[1:]) / 2
    cm = (ce[:-1] + ce[1:]) / 2
    avg = np.average(rm, weights=rc)
    std = math.sqrt(np.average((rm - avg) ** 2, weights=rc))
    return float(stats.wasserstein_distance(rm, cm, rc, cc) / max(std, 0.001))


def histogram_shares(ref_h, cur_h):
    edges, rc, cc = histogram_pair(ref_h, cur_h)
    return edges, rc / rc.sum(), cc / cc.sum()
