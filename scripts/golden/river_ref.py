"""Streams and published detection indices from River's docstrings and tests (River itself, from
PyPI, gives the indices in test/golden/river-pypi.json: scripts/golden/river_live.py).

Every stream is rebuilt with the exact generator call the River source uses, and the
expected indices are copied from River's own docstrings / tests, not computed here.
"""
import random
import sys

import numpy as np


def _docstring_stream_12345():
    rng = random.Random(12345)
    return rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)


def _docstring_stream_binary_42():
    rng = random.Random(42)
    stream = rng.choices([0, 1], k=1000)
    return stream + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])


def _river_test_stream_1():
    np.random.seed(12345)
    return [int(v) for v in np.concatenate((np.random.randint(2, size=1000), np.random.randint(8, size=1000)))]


def _print_loop_events(drifts, warnings):
    """River's DDM/EDDM docstrings print the first warning after start or after each drift, and every drift."""
    return {"drifts": drifts, "first_warnings": warnings}


def build():
    s12345 = _docstring_stream_12345()
    s42 = _docstring_stream_binary_42()
    stream_1 = _river_test_stream_1()
    cases = [
        {
            "name": "ADWIN docstring",
            "detector": "adwin",
            "params": {},
            "stream": s12345,
            "expected_drifts": [1023],
            "source": "online-ml/river river/drift/adwin.py (docstring; also adwin_c.pyx)",
            "published_output": "Change detected at index 1023, input value: 4",
        },
        {
            "name": "PageHinkley docstring",
            "detector": "page-hinkley",
            "params": {},
            "stream": s12345,
            "expected_drifts": [1006],
            "source": "online-ml/river river/drift/page_hinkley.py (docstring, version with mode='both')",
            "published_output": "Change detected at index 1006, input value: 5",
        },
        {
            "name": "KSWIN docstring",
            "detector": "kswin",
            "params": {"alpha": 0.0001, "seed": 42},
            "stream": s12345,
            "expected_drifts": [1016],
            "source": "online-ml/river river/drift/kswin.py (docstring)",
            "published_output": "Change detected at index 1016, input value: 6",
        },
        {
            "name": "DDM docstring",
            "detector": "ddm",
            "params": {},
            "stream": s42,
            "expected_drifts": [1334],
            "expected_first_warnings": [1084, 1492],
            "source": "online-ml/river river/drift/binary/ddm.py (docstring)",
            "published_output": "Warning detected at index 1084\nChange detected at index 1334\nWarning detected at index 1492",
        },
        {
            "name": "EDDM docstring",
            "detector": "eddm",
            "params": {"alpha": 0.8, "beta": 0.75},
            "stream": s42,
            "expected_drifts": [1278],
            "expected_first_warnings": [1059],
            "source": "online-ml/river river/drift/binary/eddm.py (docstring)",
            "published_output": "Warning detected at index 1059\nChange detected at index 1278",
        },
        {
            "name": "KSWIN on River's test stream 1",
            "detector": "kswin",
            "params": {"alpha": 0.0001, "window_size": 200, "stat_size": 100, "seed": 42},
            "stream": stream_1,
            "expected_drifts": [1042],
            "source": "online-ml/river river/drift/test_drift_detectors.py @063ca61 (test_kswin; stream from np.random.seed(12345))",
            "published_output": "expected_indices = [1042]",
        },
    ]
    return {
        "generator": "scripts/golden.py (river)",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "note": "Streams rebuilt with Python's random.Random / numpy's legacy RandomState exactly as River's docstrings and tests build them; expected indices copied from River's published output.",
        "cases": cases,
    }
