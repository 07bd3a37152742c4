"""Helpers shared by the golden generators: JSON encoding of non-finite floats, rounding."""
import json
import math
import os

import numpy as np


def enc(x):
    """JSON-safe value: numpy scalars become Python numbers, inf/nan become strings."""
    if isinstance(x, (list, tuple, np.ndarray)):
        return [enc(v) for v in x]
    if isinstance(x, dict):
        return {str(k): enc(v) for k, v in x.items()}
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


def write_json(path, payload):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        json.dump(enc(payload), fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {path} ({os.path.getsize(path) / 1024:.0f} KiB)")


def rounded(values, decimals=3):
    """Round generated floats so JSON stays small; both sides then use the same numbers."""
    return [round(float(v), decimals) for v in values]
