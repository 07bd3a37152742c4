"""Daily metric records and feature windows from a prediction log (pandas + numpy).

A prediction log has one row per prediction: a timestamp, the label (when known), the score or
prediction, optional slice columns and the input features. ``daily_records`` reduces it to what
spog stores, per UTC day: metric records (``spog log``) and one batch feature window
(``spog log-features``), ready for ``Registry.log_metrics`` / ``Registry.log_features``.

The work is split in two so that the Spark path (spark.py) gives the same records: each engine
counts the same *partials* per day (confusion counts and per-label score-bin counts, or error
sums; per-feature bin counts), and ``records_from_partials`` (plain Python, shared) turns them
into records. Only this reduction and its definitions live here without pandas; the DataFrame
function imports numpy and pandas when it runs.

AUC from score histograms. Scores are put on a grid of ``score_bins`` equal steps over
``score_range`` (default 1,000 steps on [0, 1]): a score s goes to grid point
k = floor((s - lo) / (hi - lo) * B + 0.5), clipped to [0, B] (B + 1 points, the nearest grid point;
scores outside the range count at its ends). With P_k positives and N_k negatives at point k,

    AUC = sum_k P_k * (N_<k + N_k / 2) / (P * N),

the Mann-Whitney probability that a positive outscores a negative, ties counted half. It is the
exact AUC of the scores rounded to the grid: exact when every score lies on the grid (multiples
of 1/1000 by default), and otherwise off by at most half the share of positive-negative pairs whose
scores round to the same point (for continuous scores, about 1/B of the pairs at most). It is
computed in integers, so both engines give the same value bit for bit.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .histogram import (
    NumericTally,
    check_edges,
    js_string,
    order_categories,
    reference_categories,
)

__all__ = ["Daily", "daily_records", "auc_from_bins", "records_from_partials", "CLASSIFICATION_METRICS",
           "REGRESSION_METRICS", "QUALITY_METRICS", "CARD_TASKS"]

#: Metrics computed for a classifier (auc needs a score column), in the order they are listed.
CLASSIFICATION_METRICS = ("auc", "accuracy", "precision", "recall", "selection_rate")
#: Metrics computed for a regressor.
REGRESSION_METRICS = ("mae", "rmse")
#: Data-quality metrics (card limits data_quality.null_rate / out_of_range_rate), only when asked.
QUALITY_METRICS = ("null_rate", "out_of_range_rate")

#: A model card's ``task`` (src/schema/card.ts TASKS) and the metrics it gets here. Multiclass
#: metrics are those of ``positive`` against every other class; a forecast is scored as a
#: regression. ranking and other have no daily metrics here (label=None gives windows only).
CARD_TASKS = {
    "binary_classification": "classification",
    "multiclass_classification": "classification",
    "regression": "regression",
    "forecasting": "regression",
}
_TASK_CHOICES = ('"classification" or "regression", or a card task: binary_classification or multiclass_classification '
                 "(as classification), regression or forecasting (as regression); ranking and other have no metrics here "
                 "(pass label=None for windows only)")

_SLICE_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # src/schema/line-rules.ts SLICE_KEY_RE


class Daily(NamedTuple):
    """What one pass over a prediction log gives: ``metrics, windows = daily_records(...)``."""

    metrics: list[dict]
    windows: list[dict]


# --- what to compute (shared with spark.py) -----------------------------------------------------


@dataclass
class FeatureSpec:
    """One monitored column and the reference distribution it is binned on."""

    name: str
    column: str
    kind: str  # "numeric" or "categorical"
    edges: list[float] | None = None
    categories: list[str] = field(default_factory=list)
    role: str = "input"  # "input" or "prediction"


@dataclass
class Spec:
    """Everything both engines need to count the same partials and reduce them alike."""

    version: str
    timestamp: str
    label: str | None
    score: str | None
    prediction: str | None
    task: str | None
    positive: Any
    threshold: float
    slices: list[str]
    metrics: list[str]
    score_bins: int
    score_lo: float
    score_hi: float
    outside: str
    run: str | None
    ts_time: str
    features: list[FeatureSpec]

    @property
    def score_width(self) -> float:
        return self.score_hi - self.score_lo

    def ts(self, day: str) -> str:
        return f"{day}T{self.ts_time}Z"

    def run_of(self, day: str) -> str | None:
        return None if self.run is None else self.run.format(day=day)


def make_spec(columns: Iterable[str], *, version: str, reference: Mapping[str, Any] | None, timestamp: str,
              label: str | None, score: str | None, prediction: str | None, task: str | None, positive: Any,
              threshold: float, slices: Sequence[str], features: Sequence[str] | None,
              metrics: Sequence[str] | None, score_bins: int, score_range: tuple[float, float], outside: str,
              run: str | None, ts_time: str, quality: bool) -> Spec:
    """Check the arguments against the DataFrame's columns and the reference; every problem at once."""
    cols = set(columns)
    problems: list[str] = []
    if task is None:
        task = "classification" if score is not None else "regression" if prediction is not None else None
    elif isinstance(task, str) and task in CARD_TASKS:
        task = CARD_TASKS[task]
    elif task not in ("classification", "regression"):
        problems.append(f"task must be {_TASK_CHOICES} (got {task!r})")
        task = "unknown"
    if label is not None and task is None:
        problems.append("a label needs a score or a prediction column to compare with")
    if task == "regression" and prediction is None:
        problems.append("regression needs the prediction column (prediction=...)")
    needed = [timestamp, label, score, prediction, *slices]
    missing = [c for c in needed if c is not None and c not in cols]
    bad_keys = [s for s in slices if not _SLICE_KEY_RE.match(s)]
    if bad_keys:
        problems.append(f"slice columns must be lowercase slugs to be slice keys (got {', '.join(map(repr, bad_keys))}); "
                        "rename them, e.g. df.rename(columns={'Sex': 'sex'})")
    if not isinstance(score_bins, int) or score_bins < 1:
        problems.append(f"score_bins must be a positive integer (got {score_bins!r})")
    lo, hi = (float(x) for x in score_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        problems.append(f"score_range must be two finite numbers, low < high (got {score_range!r})")
    if outside not in ("drop", "clip"):
        problems.append(f'outside must be "drop" or "clip" (got {outside!r})')

    available: list[str] = []
    if task == "classification":
        available = [m for m in CLASSIFICATION_METRICS if m != "auc" or score is not None]
    elif task == "regression":
        available = list(REGRESSION_METRICS)
    if label is None:
        available = []
    if quality:
        available += QUALITY_METRICS
    if metrics is None or task == "unknown":
        chosen = available
    else:
        chosen = list(metrics)
        unknown = [m for m in chosen if m not in available]
        if unknown:
            problems.append(f"cannot compute {', '.join(map(repr, unknown))} here (available: {', '.join(available) or 'none'})")

    specs: list[FeatureSpec] = []
    if reference is not None:
        ref_feats = reference.get("features") or {}
        names = list(ref_feats) if features is None else list(features)
        not_in_ref = [n for n in names if n not in ref_feats]
        if not_in_ref:
            problems.append(f"features not in the reference, so without bins: {', '.join(not_in_ref)}")
        missing += [n for n in names if n in ref_feats and n not in cols]
        for n in names:
            if n in ref_feats:
                specs.append(_feature_spec(n, n, ref_feats[n], "input", problems))
        pcol = score if score is not None else prediction
        if "prediction" in reference and pcol is not None:
            specs.append(_feature_spec("prediction", pcol, reference["prediction"], "prediction", problems))
    elif features:
        problems.append("features need a reference to take their bins from (reference=Registry(...).reference(model))")
    if missing:
        problems.append(f"columns not in the DataFrame: {', '.join(dict.fromkeys(missing))} (it has {', '.join(sorted(cols))})")
    if problems:
        raise ValueError("cannot aggregate the prediction log:\n  " + "\n  ".join(problems))
    return Spec(version=version, timestamp=timestamp, label=label, score=score, prediction=prediction, task=task,
                positive=positive, threshold=float(threshold), slices=list(slices), metrics=chosen,
                score_bins=score_bins, score_lo=lo, score_hi=hi, outside=outside, run=run, ts_time=ts_time,
                features=specs)


def _feature_spec(name: str, column: str, dist: Mapping[str, Any], role: str, problems: list[str]) -> FeatureSpec:
    kind = dist.get("type")
    if kind == "categorical":
        return FeatureSpec(name, column, "categorical", categories=reference_categories(dist), role=role)
    if kind == "numeric" and "histogram" in dist:
        return FeatureSpec(name, column, "numeric", edges=check_edges(dist["histogram"]["edges"], f"reference {name}"), role=role)
    problems.append(f"reference {name} is a raw sample; daily windows need its histogram edges "
                    "(rebuild the reference with spog.histogram.reference_from_values)")
    return FeatureSpec(name, column, "numeric", edges=[0.0, 1.0], role=role)


# --- partials -> records (shared with spark.py) -------------------------------------------------


@dataclass
class ClassCounts:
    """Confusion counts and per-label score-grid counts of one day and slice."""

    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0
    pos: dict[int, int] = field(default_factory=dict)
    neg: dict[int, int] = field(default_factory=dict)

    def add(self, positive: bool, predicted: bool, k: int | None, count: int) -> None:
        if positive:
            if predicted:
                self.tp += count
            else:
                self.fn += count
            if k is not None:
                self.pos[k] = self.pos.get(k, 0) + count
        else:
            if predicted:
                self.fp += count
            else:
                self.tn += count
            if k is not None:
                self.neg[k] = self.neg.get(k, 0) + count


@dataclass
class ErrorSums:
    """Count and sums of absolute and squared errors of one day and slice."""

    n: int = 0
    sum_abs: float = 0.0
    sum_sq: float = 0.0


@dataclass
class CategoryTally:
    """Counts per category label (spog's String(v)) and missing values."""

    counts: dict[str, int] = field(default_factory=dict)
    missing: int = 0

    def add(self, value: Any, count: int, numeric_labels: bool = False) -> None:
        label = js_string(float(value) if numeric_labels and isinstance(value, str) else value)
        if label is None:
            self.missing += count
        else:
            self.counts[label] = self.counts.get(label, 0) + count


@dataclass
class DayPartials:
    """All counts of one UTC day. ``groups`` keys: None for everyone, (slice key, value) for a slice."""

    rows: int = 0
    groups: dict[tuple[str, str] | None, ClassCounts | ErrorSums] = field(default_factory=dict)
    features: dict[str, NumericTally | CategoryTally] = field(default_factory=dict)


def auc_from_bins(pos: Mapping[int, int], neg: Mapping[int, int]) -> float | None:
    """AUC from per-label counts on a score grid, ties within a grid point counted half (module doc).

    None when either label is absent. Integer arithmetic until the one division.

    >>> auc_from_bins({2: 1, 3: 1}, {0: 1, 2: 1})
    0.875
    """
    p_total = sum(pos.values())
    n_total = sum(neg.values())
    if p_total == 0 or n_total == 0:
        return None
    below = 0
    twice = 0
    for k in sorted(set(pos) | set(neg)):
        p = pos.get(k, 0)
        q = neg.get(k, 0)
        twice += p * (2 * below + q)
        below += q
    return twice / (2 * p_total * n_total)


def _metric_values(spec: Spec, g: ClassCounts | ErrorSums) -> list[tuple[str, float, int]]:
    out: list[tuple[str, float, int]] = []
    if isinstance(g, ClassCounts):
        n = g.tp + g.fp + g.tn + g.fn
        if n == 0:
            return out
        auc = auc_from_bins(g.pos, g.neg) if spec.score is not None else None
        if auc is not None:
            out.append(("auc", auc, n))
        out.append(("accuracy", (g.tp + g.tn) / n, n))
        if g.tp + g.fp:
            out.append(("precision", g.tp / (g.tp + g.fp), g.tp + g.fp))
        if g.tp + g.fn:
            out.append(("recall", g.tp / (g.tp + g.fn), g.tp + g.fn))
        out.append(("selection_rate", (g.tp + g.fp) / n, n))
    elif g.n:
        out.append(("mae", g.sum_abs / g.n, g.n))
        out.append(("rmse", math.sqrt(g.sum_sq / g.n), g.n))
    return out


def _quality_values(spec: Spec, p: DayPartials) -> list[tuple[str, float, int]]:
    inputs = [f for f in spec.features if f.role == "input"]
    if not inputs or p.rows == 0:
        return []
    missing = sum(p.features[f.name].missing for f in inputs)
    cells = p.rows * len(inputs)
    out = [("null_rate", missing / cells, cells)]
    present = outside = 0
    for f in inputs:
        t = p.features[f.name]
        if isinstance(t, NumericTally):
            present += p.rows - t.missing
            outside += t.below + t.above
    if present:
        out.append(("out_of_range_rate", outside / present, present))
    return out


def _window(spec: Spec, day: str, p: DayPartials) -> dict:
    w: dict[str, Any] = {"ts": spec.ts(day), "version": spec.version, "features": {}}
    for f in spec.features:
        t = p.features[f.name]
        if isinstance(t, NumericTally):
            dist = {"type": "numeric", "histogram": {"counts": t.histogram(spec.outside)}}
        else:
            dist = {"type": "categorical", "counts": order_categories(t.counts, f.categories)}
        if f.role == "prediction":
            w["prediction"] = dist
        else:
            w["features"][f.name] = dist
    run = spec.run_of(day)
    if run is not None:
        w["run"] = run
    return w


def records_from_partials(spec: Spec, partials: Mapping[str, DayPartials]) -> Daily:
    """Metric records and one batch window per day, from either engine's counts.

    Records come day by day; within a day, whole population first, then each slice column's
    values in sorted order; within a group, metrics in ``spec.metrics`` order.
    """
    wanted = set(spec.metrics)
    order = {m: i for i, m in enumerate(spec.metrics)}
    metrics: list[dict] = []
    windows: list[dict] = []
    for day in sorted(partials):
        p = partials[day]
        run = spec.run_of(day)
        groups = sorted(p.groups.items(), key=lambda kv: (kv[0] is not None, kv[0] or ("", "")))
        rows: list[tuple[str, float, int, tuple[str, str] | None]] = []
        for key, g in groups:
            for name, value, n in sorted(_metric_values(spec, g), key=lambda t: order.get(t[0], 99)):
                if name in wanted:
                    rows.append((name, value, n, key))
        for name, value, n in _quality_values(spec, p):
            if name in wanted:
                rows.append((name, value, n, None))
        for name, value, n, key in rows:
            rec: dict[str, Any] = {"ts": spec.ts(day), "version": spec.version, "metric": name, "value": value, "n": n}
            if key is not None:
                rec["slice"] = {key[0]: key[1]}
            if run is not None:
                rec["run"] = run
            metrics.append(rec)
        if spec.features:
            windows.append(_window(spec, day, p))
    return Daily(metrics, windows)


def day_of_epoch(days: int) -> str:
    """"YYYY-MM-DD" of a count of days since 1970-01-01 (UTC)."""
    return (_dt.date(1970, 1, 1) + _dt.timedelta(days=int(days))).isoformat()


# --- pandas -------------------------------------------------------------------------------------


def _import_pandas():
    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(f'spog.aggregate needs numpy and pandas ({e.name} is missing): pip install pandas numpy') from e
    return np, pd


def daily_records(df: Any, *, version: str, reference: Mapping[str, Any] | None = None, timestamp: str = "timestamp",
                  label: str | None = "label", score: str | None = None, prediction: str | None = None,
                  task: str | None = None, positive: Any = 1, threshold: float = 0.5, slices: Sequence[str] = (),
                  features: Sequence[str] | None = None, metrics: Sequence[str] | None = None,
                  score_bins: int = 1000, score_range: tuple[float, float] = (0.0, 1.0), outside: str = "drop",
                  run: str | None = "daily-{day}", ts_time: str = "23:59:59", quality: bool = False) -> Daily:
    """Each UTC day's metric records and batch feature window from a pandas prediction log.

    - ``timestamp``: the prediction time; naive times are taken as UTC; rows without one are left out.
    - ``label`` with ``score`` (classification: predicted positive when score >= ``threshold``) or
      ``prediction`` (a hard class compared with ``positive``, or with ``task="regression"`` the
      predicted number). ``label=None`` for a log without outcomes: windows only. Rows whose label,
      score or prediction is missing are left out of the metrics.
    - ``task``: "classification" or "regression", or the card's task (``Registry(path).task(model)``):
      binary_classification and multiclass_classification are classification (multiclass: the
      metrics of ``positive`` against every other class), regression and forecasting regression;
      ranking and other are refused. None: classification with a ``score``, else regression
      with a ``prediction``.
    - classification metrics: auc (from score-grid counts, module doc), accuracy, precision,
      recall, selection_rate; regression: mae, rmse; with ``quality=True`` also null_rate and
      out_of_range_rate over the reference's input features. ``metrics`` picks some of them.
      Each record's ``n`` is its denominator (rows; predicted positives for precision; positives
      for recall).
    - ``slices``: columns whose values get their own records, e.g. ``slice: {"sex": "female"}``.
    - ``reference``: parsed features/reference.json (``Registry(path).reference(model)``); each
      of its features (or those named in ``features``) is binned on its bins (histogram.py rules)
      and so is the score (or prediction) when the reference has a ``prediction``.
    - each record's ``ts`` is the day at ``ts_time`` UTC ("2026-10-31T23:59:59Z": the end of the
      day's window, in the same day and month file); ``run`` is formatted with ``day``.
    """
    np, pd = _import_pandas()
    spec = make_spec(df.columns, version=version, reference=reference, timestamp=timestamp, label=label, score=score,
                     prediction=prediction, task=task, positive=positive, threshold=threshold, slices=slices,
                     features=features, metrics=metrics, score_bins=score_bins, score_range=score_range,
                     outside=outside, run=run, ts_time=ts_time, quality=quality)
    return records_from_partials(spec, pandas_partials(df, spec))


def pandas_partials(df: Any, spec: Spec) -> dict[str, DayPartials]:
    """Count every partial of ``spec`` in a pandas DataFrame, vectorised with numpy."""
    np, pd = _import_pandas()
    col = df[spec.timestamp]
    text = col.dtype == object or str(col.dtype) in ("string", "str")
    ts = pd.to_datetime(col, utc=True, format="ISO8601" if text else None)
    has_ts = ts.notna().to_numpy()
    day_num = np.full(len(df), -1, dtype=np.int64)
    day_num[has_ts] = ts[has_ts].dt.tz_localize(None).to_numpy().astype("datetime64[D]").astype(np.int64)
    keep = np.flatnonzero(has_ts)
    days, day_idx = np.unique(day_num[keep], return_inverse=True)
    n_days = len(days)
    labels = [day_of_epoch(d) for d in days]
    out = {d: DayPartials() for d in labels}
    for i, c in enumerate(np.bincount(day_idx, minlength=n_days)):
        out[labels[i]].rows = int(c)
    sub = df.iloc[keep]

    if spec.label is not None and spec.task is not None:
        _pandas_metrics(np, pd, sub, day_idx, n_days, labels, spec, out)
    for f in spec.features:
        col = sub[f.column]
        if f.kind == "numeric":
            _pandas_numeric(np, pd, col, f, day_idx, n_days, labels, out)
        else:
            _pandas_categorical(np, pd, col, f, day_idx, n_days, labels, out)
    return out


def _as_float(np, pd, col) -> Any:
    if col.dtype == bool or str(col.dtype) == "boolean":
        raise TypeError(f"column {col.name!r} holds booleans, not numbers")
    return np.array(pd.to_numeric(col, errors="raise").to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)


def _labels_of(np, pd, col) -> tuple[Any, list[str | None]]:
    """Codes (-1 missing) and spog's label (js_string) per code; labels that print alike merged."""
    if col.dtype == object or str(col.dtype) in ("string", "str"):
        col = col.map(js_string, na_action="ignore")
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        return codes, list(uniques)
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    names = [js_string(u.item() if hasattr(u, "item") else u) for u in uniques]
    return codes, names


def _pandas_metrics(np, pd, sub, day_idx, n_days, labels, spec: Spec, out) -> None:
    lab = sub[spec.label]
    valid = lab.notna().to_numpy().copy()
    if spec.task == "classification":
        is_pos = (lab == spec.positive).to_numpy(dtype=bool, na_value=False)
        if spec.score is not None:
            s = _as_float(np, pd, sub[spec.score])
            valid &= np.isfinite(s)
            with np.errstate(invalid="ignore"):
                predicted = s >= spec.threshold
                k = np.floor(((s - spec.score_lo) / spec.score_width) * spec.score_bins + 0.5)
            k = np.clip(np.where(valid, k, 0), 0, spec.score_bins).astype(np.int64)
        else:
            pcol = sub[spec.prediction]
            valid &= pcol.notna().to_numpy()
            predicted = (pcol == spec.positive).to_numpy(dtype=bool, na_value=False)
            k = np.zeros(len(sub), dtype=np.int64)
        cell = (is_pos.astype(np.int64) * 2 + predicted.astype(np.int64)) * (spec.score_bins + 1) + k
        width = 4 * (spec.score_bins + 1)
    else:
        y = _as_float(np, pd, lab)
        yhat = _as_float(np, pd, sub[spec.prediction])
        valid &= np.isfinite(y) & np.isfinite(yhat)
        err = np.where(valid, yhat - y, 0.0)

    def add(key, group_idx, n_groups):
        ok = valid & (group_idx >= 0)
        g = day_idx[ok] * n_groups + group_idx[ok]
        if spec.task == "classification":
            # Sparse: (day, group, label, predicted, grid point) cells that occur, with their counts.
            cells, counts = np.unique(g * width + cell[ok], return_counts=True)
            for c, count in zip(cells.tolist(), counts.tolist()):
                dg, rest = divmod(c, width)
                lp_pr, kk = divmod(rest, spec.score_bins + 1)
                d, gi = divmod(dg, n_groups)
                part = out[labels[d]].groups.setdefault(key(gi), ClassCounts())
                part.add(lp_pr >= 2, lp_pr % 2 == 1, kk if spec.score is not None else None, count)
        else:
            size = n_days * n_groups
            counts = np.bincount(g, minlength=size)
            sum_abs = np.bincount(g, weights=np.abs(err[ok]), minlength=size)
            sum_sq = np.bincount(g, weights=err[ok] * err[ok], minlength=size)
            for flat_i in np.flatnonzero(counts):
                d, gi = divmod(int(flat_i), n_groups)
                out[labels[d]].groups[key(gi)] = ErrorSums(int(counts[flat_i]), float(sum_abs[flat_i]), float(sum_sq[flat_i]))

    add(lambda gi: None, np.zeros(len(sub), dtype=np.int64), 1)
    for sl in spec.slices:
        codes, names = _labels_of(np, pd, sub[sl])
        # Codes whose labels print alike (1 and 1.0 in one object column) become one slice value.
        uniq = sorted({n for n in names if n is not None})
        position = {n: i for i, n in enumerate(uniq)}
        remap = np.array([position[n] if n is not None else -1 for n in names] + [-1], dtype=np.int64)
        add(lambda gi, sl=sl, uniq=uniq: (sl, uniq[gi]), remap[codes], max(len(uniq), 1))


def _pandas_numeric(np, pd, col, f: FeatureSpec, day_idx, n_days, labels, out) -> None:
    x = _as_float(np, pd, col)
    e = np.asarray(f.edges, dtype=np.float64)
    k = len(e) - 1
    finite = np.isfinite(x)
    code = np.full(len(x), k + 2, dtype=np.int64)  # missing
    with np.errstate(invalid="ignore"):
        below = finite & (x < e[0])
        above = finite & (x > e[-1])
    inside = finite & ~below & ~above
    code[below] = k
    code[above] = k + 1
    code[inside] = np.minimum(np.searchsorted(e, x[inside], side="right") - 1, k - 1)
    flat = np.bincount(day_idx * (k + 3) + code, minlength=n_days * (k + 3)).reshape(n_days, k + 3)
    for d in range(n_days):
        t = NumericTally(k)
        t.counts = [int(c) for c in flat[d, :k]]
        t.below, t.above, t.missing = int(flat[d, k]), int(flat[d, k + 1]), int(flat[d, k + 2])
        out[labels[d]].features[f.name] = t


def _pandas_categorical(np, pd, col, f: FeatureSpec, day_idx, n_days, labels, out) -> None:
    codes, names = _labels_of(np, pd, col)
    m = len(names) + 1
    flat = np.bincount(day_idx * m + np.where(codes < 0, len(names), codes), minlength=n_days * m).reshape(n_days, m)
    for d in range(n_days):
        t = CategoryTally()
        for j, c in enumerate(flat[d]):
            if c:
                if j == len(names) or names[j] is None:
                    t.missing += int(c)
                else:
                    t.counts[names[j]] = t.counts.get(names[j], 0) + int(c)
        out[labels[d]].features[f.name] = t
