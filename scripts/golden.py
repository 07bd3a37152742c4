#!/usr/bin/python3
"""Generate the golden reference files in test/golden/ from independent implementations.

Run with Debian's interpreter, which has python3-scipy (1.10) and python3-numpy (1.24):

    apt-get install -y python3-scipy python3-numpy
    /usr/bin/python3 scripts/golden.py

Outputs (all deterministic, seeded):
  test/golden/stats.json          scipy/numpy values for src/core/stats
  test/golden/drift.json          Evidently's legacy stattests re-implemented with numpy/scipy
  test/golden/python-random.json  CPython random.Random outputs for the MT19937 port
  test/golden/river.json          streams + River's published detection indices
"""
import os
import sys

sys.dont_write_bytecode = True

# The goldens pin scipy 1.10 / numpy 1.24 (Debian bookworm's python3-scipy/python3-numpy).
# `npm run golden` calls whichever python3 is first on PATH, so switch to Debian's.
DEBIAN_PYTHON = "/usr/bin/python3"
if os.path.exists(DEBIAN_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON):
    os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, *sys.argv])
try:
    import scipy  # noqa: F401
except ImportError:
    raise SystemExit("scripts/golden.py needs scipy and numpy: apt-get install -y python3-scipy python3-numpy")


HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from golden import drift_ref, python_random, river_ref, stats_ref  # noqa: E402
from golden.common import write_json  # noqa: E402

OUT = os.path.join(HERE, "..", "test", "golden")


def main():
    write_json(os.path.join(OUT, "python-random.json"), python_random.build())
    write_json(os.path.join(OUT, "stats.json"), stats_ref.build())
    write_json(os.path.join(OUT, "drift.json"), drift_ref.build())
    write_json(os.path.join(OUT, "river.json"), river_ref.build())


if __name__ == "__main__":
    main()
