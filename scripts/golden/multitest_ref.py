"""Chi-square homogeneity (scipy.stats.chi2_contingency, no continuity correction),
Benjamini-Hochberg adjusted p-values (statsmodels multipletests 'fdr_bh') and Kolmogorov's
limiting distribution (scipy.special.kolmogorov), for src/core/stats/chi-square-homogeneity.ts,
benjamini-hochberg.ts and kolmogorov-limit.ts."""
import numpy as np
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.multitest import multipletests


def build():
    rng = np.random.default_rng(20261205)
    tables = [
        [[10, 20, 30], [12, 18, 33]],
        [[500, 300, 200, 0], [4800, 3100, 1900, 200]],
        [[1, 0], [0, 1]],
        [[1000, 1], [20000, 900]],
    ]
    for _ in range(8):
        k = int(rng.integers(2, 9))
        p = rng.dirichlet(np.ones(k))
        tables.append([rng.multinomial(int(rng.integers(50, 2000)), p).tolist(), rng.multinomial(int(rng.integers(500, 50000)), p).tolist()])
    chi = []
    for t in tables:
        a = np.array(t, dtype=float)
        keep = a.sum(axis=0) > 0
        stat, pv, dof, _ = stats.chi2_contingency(a[:, keep], correction=False)
        chi.append({"a": t[0], "b": t[1], "statistic": float(stat), "p_value": float(pv), "dof": int(dof)})
    bh = []
    for m in (1, 3, 10, 25):
        p = rng.uniform(0, 1, m) ** 3
        bh.append({"p": p.tolist(), "adjusted": multipletests(p, method="fdr_bh")[1].tolist()})
    bh.append({"p": [0.01, 0.04, 0.03, 0.2, 0.5], "adjusted": multipletests([0.01, 0.04, 0.03, 0.2, 0.5], method="fdr_bh")[1].tolist()})
    # Kolmogorov's limiting distribution at Stephens' corrected argument (src/core/stats/kolmogorov-limit.ts).
    kolm = []
    for d, n1, n2 in [(0.01, 50000, 2000), (0.05, 1000, 500), (0.1, 62, 28), (0.2, 730, 7), (0.3, 100, 100), (0.02, 200000, 20000), (0.5, 30, 30)]:
        en = (n1 * n2 / (n1 + n2)) ** 0.5
        lam = (en + 0.12 + 0.11 / en) * d
        kolm.append([d, n1, n2, float(special.kolmogorov(lam))])
    return {"generator": "scripts/golden/multitest_ref.py (npm run golden:pypi)", "scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "chi2_contingency": chi, "fdr_bh": bh, "kolmogorov_limit": kolm}
