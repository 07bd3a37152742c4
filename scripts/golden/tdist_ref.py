"""Student t, regularised incomplete beta and normal quantile values from scipy (the version in
scripts/golden/requirements.txt), for src/core/stats/student-t.ts, regularized-beta.ts and
normal-quantile.ts."""
import numpy as np
import scipy
from scipy import special, stats


def build():
    betainc = []
    for a in (0.5, 1.0, 2.5, 10.0, 150.0):
        for b in (0.5, 1.0, 3.0, 40.0, 500.0):
            for x in (1e-8, 0.001, 0.1, 0.35, 0.5, 0.8, 0.999, 1 - 1e-9):
                betainc.append([x, a, b, float(special.betainc(a, b, x))])
    tcdf = []
    for df in (0.7, 1.0, 2.0, 2.3, 5.0, 9.6, 29.0, 120.0, 1e6):
        for t in (-40.0, -5.0, -1.7, -0.2, 0.0, 0.3, 1.645, 2.0, 4.5, 30.0):
            tcdf.append([t, df, float(stats.t.cdf(t, df))])
    tppf = []
    for df in (0.8, 1.0, 1.5, 2.0, 3.3, 7.0, 12.5, 29.0, 59.0, 500.0):
        for p in (1e-10, 0.001, 0.025, 0.05, 0.3, 0.5, 0.9, 0.95, 0.975, 0.995, 1 - 1e-7):
            tppf.append([p, df, float(stats.t.ppf(p, df))])
    nppf = [[p, float(stats.norm.ppf(p))] for p in (1e-300, 1e-20, 1e-9, 0.001, 0.02425, 0.05, 0.075, 0.3, 0.5, 0.6, 0.925, 0.95, 0.975, 0.999, 1 - 1e-12)]
    return {"generator": "scripts/golden/tdist_ref.py (npm run golden:pypi)", "scipy": scipy.__version__, "numpy": np.__version__,
            "betainc": betainc, "t_cdf": tcdf, "t_ppf": tppf, "norm_ppf": nppf}
