#!/usr/bin/env python3
"""Generate the golden files that come from libraries installed from PyPI (River, scipy,
statsmodels at the versions in scripts/golden/requirements.txt). `npm run golden:pypi` makes the
virtual environment .venv/ and runs this with it.

Outputs:
  test/golden/river-pypi.json   detection indices from River itself
  test/golden/tdist-pypi.json   Student t and regularised incomplete beta values from scipy
  test/golden/multitest-pypi.json   chi-square homogeneity (scipy) and Benjamini-Hochberg (statsmodels)
"""
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "golden"))

import river_live  # noqa: E402
import multitest_ref  # noqa: E402
import tdist_ref  # noqa: E402
from common import write_json  # noqa: E402

OUT = os.path.join(HERE, "..", "test", "golden")


def main():
    write_json(os.path.join(OUT, "river-pypi.json"), river_live.build())
    write_json(os.path.join(OUT, "tdist-pypi.json"), tdist_ref.build())
    write_json(os.path.join(OUT, "multitest-pypi.json"), multitest_ref.build())


if __name__ == "__main__":
    main()
