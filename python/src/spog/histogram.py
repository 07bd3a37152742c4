"""Feature distributions from raw values, binned the way spog bins them (standard library only).

spog compares a production window with ``features/reference.json`` (docs/registry.md, "Feature
distributions"). Large pipelines send histograms, not rows: this module turns raw values into the
distributions spog reads, on the reference's own bins, so the pipeline and spog agree on every
count.

Numeric values, on a reference histogram's ``edges`` e0 < e1 < ... < eK (spog's
``histogramCounts``, src/core/stats/histogram-counts.ts, which is numpy's ``np.histogram``):

- bin i holds ``e[i] <= v < e[i+1]``; the last bin also holds ``v == eK`` (closed on the right);
- ``v < e0`` is *below* and ``v > eK`` *above* the range: with ``outside="drop"`` (the default,
  spog's and numpy's rule) they are not counted in any bin; with ``outside="clip"`` they count in
  the first / last bin (what spog's demo generator does), so a move beyond the training range
  still shows in the window's shape;
- ``None``, NaN and +-Infinity are *missing*: never counted (spog's ``prepareSide`` drops NaN and
  infinite values before any test);
- values are compared as IEEE doubles (``float(v)``), as JavaScript, numpy and Spark compare them.

Categorical values are labelled as spog labels them (``String(v)`` in ``prepareSide``): strings
as they are, ``True``/``False`` as ``"true"``/``"false"``, numbers as JavaScript prints them
(``1.0`` -> ``"1"``, ``1e-7`` -> ``"1e-7"``); ``None`` and NaN are missing. A window lists every
category of the reference (0 when absent) and then any new category, sorted; spog names new
categories with their share in the drift reason.
"""

from __future__ import annotations

import datetime as _dt
import math
from bisect import bisect_right
from ._jsjson import js_number
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "MAX_SAMPLE",
    "NumericTally",
    "js_string",
    "numeric_tally",
    "histogram_counts",
    "category_counts",
    "quantile_sorted",
    "quantile_edges",
    "sturges_edges",
    "reference_from_values",
    "window_from_values",
    "iso_ts",
]

#: Most raw values in one window's sample (src/schema/line-rules.ts MAX_SAMPLE).
MAX_SAMPLE = 100_000

#: Bins a reference gets from ``reference_from_values`` unless told otherwise.
DEFAULT_BINS = 20

_OUTSIDE = ("drop", "clip")


# --- values -------------------------------------------------------------------------------------


def _is_bool(v: Any) -> bool:
    """Python and numpy booleans (numpy's are not ``bool`` instances)."""
    return isinstance(v, bool) or getattr(getattr(v, "dtype", None), "kind", None) == "b"


def _as_double(v: Any) -> float | None:
    """A finite double, or None for a missing value (None, NaN, +-Infinity, pandas NA)."""
    if v is None:
        return None
    if isinstance(v, (str, bytes)) or _is_bool(v):
        raise TypeError(f"numeric feature value {v!r} is not a number")
    try:
        x = float(v)
    except TypeError:
        # pandas.NA and NaT refuse float(); they are missing values.
        if type(v).__name__ in ("NAType", "NaTType"):
            return None
        raise TypeError(f"numeric feature value {v!r} is not a number") from None
    return x if math.isfinite(x) else None


def js_string(value: Any) -> str | None:
    """The category label spog gives a raw value (JavaScript ``String(v)``), None when missing.

    >>> [js_string(v) for v in ("a", True, 3, 2.0, 0.1, 1e21, 1e-7, None, float("nan"))]
    ['a', 'true', '3', '2', '0.1', '1e+21', '1e-7', None, None]
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if _is_bool(value):
        return "true" if value else "false"
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return None
    if isinstance(value, (int, float)) or getattr(getattr(value, "dtype", None), "kind", None) in ("i", "u", "f"):
        x = float(value)
        if math.isnan(x):
            return None
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return js_number(x)
    return str(value)


# --- numeric bins -------------------------------------------------------------------------------


class NumericTally:
    """Counts of numeric values on fixed edges: per bin, below, above and missing."""

    __slots__ = ("counts", "below", "above", "missing")

    def __init__(self, bins: int) -> None:
        self.counts = [0] * bins
        self.below = 0
        self.above = 0
        self.missing = 0

    def histogram(self, outside: str = "drop") -> list[int]:
        """The window's counts: values outside the edges dropped, or clipped into the end bins."""
        _check_outside(outside)
        if outside == "drop":
            return list(self.counts)
        out = list(self.counts)
        out[0] += self.below
        out[-1] += self.above
        return out

    def __repr__(self) -> str:
        return f"NumericTally(counts={self.counts}, below={self.below}, above={self.above}, missing={self.missing})"


def _check_outside(outside: str) -> None:
    if outside not in _OUTSIDE:
        raise ValueError(f'outside must be "drop" or "clip" (got {outside!r})')


def check_edges(edges: Sequence[Any], where: str = "edges") -> list[float]:
    """Edges as doubles, refused unless at least two, finite and strictly ascending (spog's rule)."""
    out = [float(e) for e in edges]
    if len(out) < 2:
        raise ValueError(f"{where}: a histogram needs at least two edges (got {len(out)})")
    for i, e in enumerate(out):
        if not math.isfinite(e):
            raise ValueError(f"{where}: edge {i} is {e}; edges must be finite numbers")
        if i and not e > out[i - 1]:
            raise ValueError(f"{where}: edges must increase strictly (edge {i} is {e} after {out[i - 1]})")
    return out


def numeric_tally(values: Iterable[Any], edges: Sequence[Any]) -> NumericTally:
    """Tally raw numeric values on ``edges`` with spog's bin rule (module docstring)."""
    e = check_edges(edges)
    last = len(e) - 2
    top = e[-1]
    t = NumericTally(len(e) - 1)
    counts = t.counts
    for v in values:
        x = _as_double(v)
        if x is None:
            t.missing += 1
        elif x < e[0]:
            t.below += 1
        elif x > top:
            t.above += 1
        else:
            i = bisect_right(e, x) - 1
            counts[i if i <= last else last] += 1
    return t


def histogram_counts(values: Iterable[Any], edges: Sequence[Any], outside: str = "drop") -> list[int]:
    """Counts per bin of ``values`` on ``edges``, as spog's ``histogramCounts`` (``np.histogram``).

    >>> histogram_counts([0, 1, 1.5, 2, 3, -1, None], [0, 1, 2])
    [1, 3]
    >>> histogram_counts([0, 1, 1.5, 2, 3, -1, None], [0, 1, 2], outside="clip")
    [2, 4]
    """
    _check_outside(outside)
    return numeric_tally(values, edges).histogram(outside)


# --- categories ---------------------------------------------------------------------------------


def category_counts(values: Iterable[Any], categories: Iterable[str] = ()) -> tuple[dict[str, int], int]:
    """Counts per label (``js_string``) and the number of missing values.

    ``categories`` (the reference's, in its order) are listed first, with 0 when absent; new
    labels follow in sorted order.
    """
    seen: dict[str, int] = {}
    missing = 0
    for v in values:
        label = js_string(v)
        if label is None:
            missing += 1
        else:
            seen[label] = seen.get(label, 0) + 1
    return order_categories(seen, categories), missing


def order_categories(seen: Mapping[str, int], categories: Iterable[str]) -> dict[str, int]:
    """The reference's categories first (0 when unseen), then new ones sorted."""
    out = {c: int(seen.get(c, 0)) for c in categories}
    for label in sorted(k for k in seen if k not in out):
        out[label] = int(seen[label])
    return out


# --- reference edges ----------------------------------------------------------------------------


def quantile_sorted(sorted_values: Sequence[float], p: float) -> float:
    """numpy's default quantile (linear, Hyndman & Fan type 7), bit for bit as spog's ``quantileSorted``."""
    if not sorted_values:
        raise ValueError("quantile_sorted requires at least one data point")
    if not 0 <= p <= 1:
        raise ValueError(f"quantile_sorted needs a probability between 0 and 1 (got {p})")
    n = len(sorted_values)
    virtual = (n - 1) * p
    lower = math.floor(virtual)
    if lower >= n - 1:
        return sorted_values[-1]
    t = virtual - lower
    a = sorted_values[lower]
    b = sorted_values[lower + 1]
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t


def _finite_sorted(values: Iterable[Any], what: str) -> list[float]:
    xs = sorted(x for x in map(_as_double, values) if x is not None)
    if not xs:
        raise ValueError(f"{what}: no finite values to build edges from")
    return xs


def quantile_edges(values: Iterable[Any], bins: int = DEFAULT_BINS) -> list[float]:
    """Equal-frequency edges: the ``i/bins`` quantiles (i = 0..bins) of the finite values.

    Equal quantiles (a value held by many rows) are kept once, so a discrete feature gets fewer
    bins; a constant feature gets ``[v - 0.5, v + 0.5]`` (numpy's rule for a zero range). The
    outer edges are the minimum and the maximum, so every training value is in range.
    """
    if not isinstance(bins, int) or bins < 1:
        raise ValueError(f"bins must be a positive integer (got {bins!r})")
    xs = _finite_sorted(values, "quantile_edges")
    edges: list[float] = []
    for i in range(bins + 1):
        q = quantile_sorted(xs, i / bins)
        if not edges or q > edges[-1]:
            edges.append(q)
    if len(edges) == 1:
        return [edges[0] - 0.5, edges[0] + 0.5]
    return edges


def _linspace(start: float, stop: float, num: int) -> list[float]:
    """``np.linspace(start, stop, num)`` bit for bit (spog's ``linspace``)."""
    div = num - 1
    delta = stop - start
    if div <= 0:
        return [start]
    step = delta / div
    out = [(i / div) * delta + start if step == 0 else i * step + start for i in range(num)]
    out[-1] = stop
    return out


def sturges_edges(values: Iterable[Any]) -> list[float]:
    """Equal-width edges by Sturges' rule over the finite values, as spog's ``sturgesBinEdges``
    (``np.histogram_bin_edges(values, "sturges")``), the bins spog uses for raw samples."""
    xs = _finite_sorted(values, "sturges_edges")
    lo, hi = xs[0], xs[-1]
    width = (hi - lo) / (math.log2(len(xs)) + 1)
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    n_bins = math.ceil((hi - lo) / width) if width else 1
    return _linspace(lo, hi, n_bins + 1)


# --- whole distributions ------------------------------------------------------------------------


def _is_categorical_values(values: list[Any]) -> bool:
    for v in values:
        if v is None:
            continue
        if isinstance(v, str) or _is_bool(v):
            return True
    return False


def reference_distribution(values: Iterable[Any], *, categorical: bool | None = None, bins: int = DEFAULT_BINS,
                           method: str = "quantile", edges: Sequence[Any] | None = None) -> dict:
    """One training distribution: a histogram (numeric) or category counts (categorical).

    ``categorical=None`` decides from the values: any string or boolean makes it categorical.
    Numeric edges are ``edges`` when given, else ``method``: ``"quantile"`` (``quantile_edges``,
    the default) or ``"sturges"`` (``sturges_edges``). Missing values are left out.
    """
    vals = list(values)
    if categorical is None:
        categorical = _is_categorical_values(vals)
    if categorical:
        counts, _ = category_counts(vals)
        return {"type": "categorical", "counts": counts}
    if edges is None:
        if method == "quantile":
            edges = quantile_edges(vals, bins)
        elif method == "sturges":
            edges = sturges_edges(vals)
        else:
            raise ValueError(f'method must be "quantile" or "sturges" (got {method!r})')
    e = check_edges(edges)
    return {"type": "numeric", "histogram": {"edges": e, "counts": histogram_counts(vals, e)}}


def reference_from_values(version: str, features: Mapping[str, Iterable[Any]], *,
                          prediction: Iterable[Any] | None = None, categorical: Iterable[str] = (),
                          bins: int = DEFAULT_BINS, method: str = "quantile",
                          edges: Mapping[str, Sequence[Any]] | None = None,
                          created_at: Any = None) -> dict:
    """A ``features/reference.json`` document from training values.

    spog itself sets no binning for a reference, so this one is a documented choice: numeric
    features get ``bins`` equal-frequency bins (``quantile_edges``; ``method="sturges"`` for spog's
    sample binning), or the ``edges`` given for that feature; features named in ``categorical``, and
    any whose values hold strings or booleans, get category counts. The prediction is binned
    the same way. Write the result with ``Registry(path).write_reference(model, reference)``.
    """
    cats = set(categorical)
    edges = edges or {}
    doc: dict[str, Any] = {"version": version}
    if created_at is not None:
        doc["created_at"] = iso_ts(created_at)
    doc["features"] = {
        name: reference_distribution(vals, categorical=True if name in cats else None, bins=bins, method=method,
                                     edges=edges.get(name))
        for name, vals in features.items()
    }
    if prediction is not None:
        doc["prediction"] = reference_distribution(prediction, categorical=None, bins=bins, method=method,
                                                   edges=edges.get("prediction"))
    return doc


def reference_categories(dist: Mapping[str, Any]) -> list[str]:
    """The category labels of a categorical reference distribution (counts or sample), in order."""
    if "counts" in dist:
        return list(dist["counts"].keys())
    seen: dict[str, None] = {}
    for v in dist.get("sample", []):
        label = js_string(v)
        if label is not None:
            seen.setdefault(label, None)
    return list(seen)


def reference_edges(dist: Mapping[str, Any], name: str) -> list[float] | None:
    """A numeric reference distribution's edges, or None when it is a raw sample."""
    if dist.get("type") != "numeric":
        raise ValueError(f"{name}: the reference distribution is not numeric")
    if "histogram" in dist:
        return check_edges(dist["histogram"]["edges"], f"reference {name}.histogram.edges")
    return None


def window_distribution(ref: Mapping[str, Any], values: Iterable[Any], name: str, *, outside: str = "drop",
                        include_edges: bool = False) -> dict:
    """One feature's window distribution in the form of its reference distribution.

    A reference histogram gives a histogram on its edges (edges left out unless
    ``include_edges``: a batch line then uses the reference's); reference categories give category
    counts; a reference sample gives a sample of the finite values (at most ``MAX_SAMPLE``), since
    spog compares only distributions of the same form.
    """
    _check_outside(outside)
    kind = ref.get("type")
    if kind == "categorical":
        counts, _ = category_counts(values, reference_categories(ref))
        return {"type": "categorical", "counts": counts}
    if kind != "numeric":
        raise ValueError(f"{name}: reference distribution has type {kind!r}; expected numeric or categorical")
    edges = reference_edges(ref, name)
    if edges is None:
        sample = [x for x in map(_as_double, values) if x is not None]
        if len(sample) > MAX_SAMPLE:
            raise ValueError(
                f"{name}: {len(sample)} values do not fit a window sample (at most {MAX_SAMPLE}); the reference holds a raw "
                "sample, so the window must too: give the reference a histogram (reference_from_values) to send counts")
        return {"type": "numeric", "sample": sample}
    hist: dict[str, Any] = {"counts": numeric_tally(values, edges).histogram(outside)}
    if include_edges:
        hist = {"edges": edges, **hist}
    return {"type": "numeric", "histogram": hist}


def iso_ts(ts: Any) -> str:
    """A window or metric ``ts``: strings as given, dates as "YYYY-MM-DD", date-times in UTC
    ("YYYY-MM-DDTHH:MM:SSZ"; naive date-times are taken to be UTC)."""
    if isinstance(ts, str):
        return ts
    if isinstance(ts, _dt.datetime):
        if ts.tzinfo is not None:
            ts = ts.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return ts.replace(microsecond=0).isoformat() + "Z"
    if isinstance(ts, _dt.date):
        return ts.isoformat()
    raise TypeError(f"ts must be an ISO string, a date or a datetime (got {type(ts).__name__})")


def window_from_values(reference: Mapping[str, Any], feature_values: Mapping[str, Iterable[Any]], ts: Any,
                       version: str, run: str | None = None, *, prediction: Iterable[Any] | None = None,
                       outside: str = "drop", include_edges: bool = False) -> dict:
    """A batch feature window (a line of ``features/<YYYY-MM>.ndjson`` with ``features``) from raw values.

    Each feature is binned on its reference distribution (``window_distribution``); the
    prediction too when given (the reference must have one). A feature the reference does not
    describe is refused, since there are no bins to put it on.
    """
    feats = reference.get("features") or {}
    unknown = [name for name in feature_values if name not in feats]
    if unknown:
        raise ValueError(f"features not in the reference, so without bins: {', '.join(sorted(unknown))} "
                         f"(the reference has {', '.join(sorted(feats)) or 'none'})")
    window: dict[str, Any] = {"ts": iso_ts(ts), "version": version, "features": {
        name: window_distribution(feats[name], vals, name, outside=outside, include_edges=include_edges)
        for name, vals in feature_values.items()
    }}
    if prediction is not None:
        if "prediction" not in reference:
            raise ValueError("the reference has no prediction distribution to bin the predictions on")
        window["prediction"] = window_distribution(reference["prediction"], prediction, "prediction", outside=outside,
                                                   include_edges=include_edges)
    if run is not None:
        window["run"] = run
    return window
