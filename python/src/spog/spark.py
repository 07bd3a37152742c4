"""Daily metric records and feature windows from a Spark DataFrame (pyspark).

The same records as ``spog.aggregate.daily_records`` (same arguments, same definitions), counted
by Spark with ``groupBy().agg()`` only: no raw row leaves the executors. Two aggregations run:

- metrics: per day, group (everyone, or one slice column's value), label, predicted class and
  score-grid point, the row count (classification), or count and error sums (regression);
- features: per day, feature and bin (or category), the row count; each numeric value gets its
  bin on the reference's edges by a binary search that follows spog's rule exactly
  (``with_bins``, histogram.py).

The driver collects only these counts (days x features x bins rows) and reduces them with
``spog.aggregate.records_from_partials``. The DataFrame is read twice (once per aggregation);
``cache()`` it first if it is expensive to compute.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .aggregate import (
    CategoryTally,
    ClassCounts,
    Daily,
    DayPartials,
    ErrorSums,
    FeatureSpec,
    Spec,
    day_of_epoch,
    make_spec,
    records_from_partials,
)
from .histogram import NumericTally, js_string

__all__ = ["daily_records", "spark_partials", "with_bins"]

_DAY_MICROS = 86_400_000_000


def _import_spark():
    try:
        from pyspark.sql import functions as F
        from pyspark.sql import types as T
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(f'spog.spark needs pyspark ({e.name} is missing): pip install "pyspark>=3.5" numpy') from e
    return F, T


def daily_records(df: Any, *, version: str, reference: Mapping[str, Any] | None = None, timestamp: str = "timestamp",
                  label: str | None = "label", score: str | None = None, prediction: str | None = None,
                  task: str | None = None, positive: Any = 1, threshold: float = 0.5, slices: Sequence[str] = (),
                  features: Sequence[str] | None = None, metrics: Sequence[str] | None = None,
                  score_bins: int = 1000, score_range: tuple[float, float] = (0.0, 1.0), outside: str = "drop",
                  run: str | None = "daily-{day}", ts_time: str = "23:59:59", quality: bool = False) -> Daily:
    """Each UTC day's metric records and batch feature window from a Spark prediction log.

    Arguments and results as ``spog.aggregate.daily_records``. ``timestamp`` must be a TIMESTAMP
    (an instant; its UTC day is used whatever the session time zone), a TIMESTAMP_NTZ (taken as
    UTC, as pandas takes naive times) or a DATE column.
    """
    _import_spark()
    spec = make_spec(df.columns, version=version, reference=reference, timestamp=timestamp, label=label, score=score,
                     prediction=prediction, task=task, positive=positive, threshold=threshold, slices=slices,
                     features=features, metrics=metrics, score_bins=score_bins, score_range=score_range,
                     outside=outside, run=run, ts_time=ts_time, quality=quality)
    return records_from_partials(spec, spark_partials(df, spec))


def _q(name: str) -> str:
    """A column name quoted for a SQL expression."""
    return "`" + name.replace("`", "``") + "`"


def _day_column(df: Any, name: str):
    """Days since 1970-01-01 in UTC, as a long (exact integer arithmetic, no time zone involved)."""
    F, T = _import_spark()
    dtype = df.schema[name].dataType
    if isinstance(dtype, T.TimestampType):
        m = f"unix_micros({_q(name)})"
        return F.expr(f"({m} - pmod({m}, {_DAY_MICROS})) div {_DAY_MICROS}")
    if type(dtype).__name__ == "TimestampNTZType":
        return F.expr(f"cast(unix_date(to_date({_q(name)})) as bigint)")
    if isinstance(dtype, T.DateType):
        return F.expr(f"cast(unix_date({_q(name)}) as bigint)")
    raise TypeError(f"timestamp column {name!r} is {dtype.simpleString()}; expected timestamp, timestamp_ntz or date "
                    "(convert strings with F.to_timestamp, in a session with spark.sql.session.timeZone=UTC)")


def _finite(x):
    F, _ = _import_spark()
    return x.isNotNull() & ~F.isnan(x) & (x != float("inf")) & (x != float("-inf"))


def with_bins(df: Any, columns: Sequence[tuple[str, Sequence[float], str]]):
    """``df`` with an int column per (input column, edges, output name) holding the value's place on
    the K + 1 ``edges``: 0 below e0, i + 1 for bin i, K + 1 above eK, K + 2 missing (null, NaN,
    +-Infinity).

    Bin i holds e[i] <= x < e[i+1], the last bin also x == e[K] (spog's and numpy's rule). The
    search is Spark ML's ``Bucketizer`` (a binary search per value, [a, b) buckets) over
    [-inf, e0, ..., e(K-1), next(eK), +inf], where next(eK) is the double just above eK: so
    x == eK lands in the last bin and x > eK (that is, x >= next(eK)) above it. Values are
    read as x + 0.0, which turns -0.0 into 0.0 (Java's search orders -0.0 below 0.0; IEEE
    comparison, used by spog, numpy and JavaScript, does not); missing values become NaN, which
    Bucketizer puts in bucket K + 2. A CASE tree of comparisons would do the same in SQL, but for
    20 features it compiles into one method too large for the JVM to JIT-compile and runs
    several times slower.
    """
    F, _ = _import_spark()
    try:
        from pyspark.ml.feature import Bucketizer
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(f'spog.spark needs pyspark.ml ({e.name} is missing): pip install "pyspark>=3.5" numpy') from e
    if not columns:
        return df
    inf = float("inf")
    xs = {}
    for i, (c, _, _) in enumerate(columns):
        x = F.col(c).cast("double")
        xs[f"__x{i}"] = F.when(F.abs(x) < F.lit(inf), x + F.lit(0.0)).otherwise(F.lit(float("nan")))
    splits = [[-inf, *map(float, e[:-1]), math.nextafter(float(e[-1]), inf), inf] for _, e, _ in columns]
    bucketizer = Bucketizer(splitsArray=splits, inputCols=list(xs), outputCols=[out for _, _, out in columns],
                            handleInvalid="keep")
    df = bucketizer.transform(df.withColumns(xs))
    return df.withColumns({out: F.col(out).cast("int") for _, _, out in columns}).drop(*xs)


def _is_positive(df: Any, spec: Spec, name: str):
    """``label == positive`` without a boolean-to-number comparison (refused under ANSI SQL)."""
    F, T = _import_spark()
    col = F.col(name)
    if isinstance(df.schema[name].dataType, T.BooleanType) and spec.positive in (0, 1):
        return col if spec.positive else ~col
    return col == F.lit(spec.positive)


def _numeric_labels(df: Any, name: str) -> bool:
    """True when a column's values are cast to text by Java (doubles, decimals): relabel as JavaScript prints them."""
    _, T = _import_spark()
    return isinstance(df.schema[name].dataType, (T.DoubleType, T.FloatType, T.DecimalType))


def spark_partials(df: Any, spec: Spec) -> dict[str, DayPartials]:
    """Count every partial of ``spec`` with two Spark aggregations; collect only the counts."""
    F, T = _import_spark()
    base = df.withColumn("__day", _day_column(df, spec.timestamp)).where(F.col("__day").isNotNull())
    out: dict[str, DayPartials] = {}

    def day(d: int) -> DayPartials:
        label = day_of_epoch(d)
        p = out.get(label)
        if p is None:
            p = out[label] = DayPartials()
        return p

    if spec.label is not None and spec.task is not None:
        _spark_metrics(F, T, base, spec, day)
    if spec.features:
        _spark_features(F, T, base, spec, day)
    return out


def _slice_groups(F, base: Any, spec: Spec):
    """(group, value) pairs per row: (0, null) for everyone, (i + 1, value) for slice column i."""
    structs = [F.struct(F.lit(0).alias("g"), F.lit(None).cast("string").alias("v"))]
    for i, sl in enumerate(spec.slices):
        structs.append(F.struct(F.lit(i + 1).alias("g"), F.col(sl).cast("string").alias("v")))
    return F.explode(F.array(*structs))


def _group_key(spec: Spec, numeric: list[bool], g: int, v: str | None) -> tuple[str, str] | None | bool:
    """The partials' group key, or False for a row of a slice whose value is missing."""
    if g == 0:
        return None
    if v is None:
        return False
    label = js_string(float(v)) if numeric[g - 1] else v
    return False if label is None else (spec.slices[g - 1], label)


def _spark_metrics(F, T, base: Any, spec: Spec, day) -> None:
    label = F.col(spec.label)
    valid = label.isNotNull()
    numeric = [_numeric_labels(base, sl) for sl in spec.slices]
    if spec.task == "classification":
        if spec.score is not None:
            s = F.col(spec.score).cast("double")
            valid = valid & _finite(s)
            x = ((s - F.lit(spec.score_lo)) / F.lit(spec.score_width)) * F.lit(spec.score_bins) + F.lit(0.5)
            # Clipping before floor changes no grid point and keeps floor away from huge values.
            k = F.floor(F.least(F.greatest(x, F.lit(0.0)), F.lit(spec.score_bins + 0.5)))
            predicted = s >= F.lit(spec.threshold)
        else:
            p = F.col(spec.prediction)
            valid = valid & p.isNotNull()
            k = F.lit(0)
            predicted = _is_positive(base, spec, spec.prediction)
        rows = (base.where(valid)
                .select("__day", _is_positive(base, spec, spec.label).alias("__pos"), predicted.alias("__pred"),
                        k.cast("int").alias("__k"), _slice_groups(F, base, spec).alias("__s"))
                .where((F.col("__s.g") == 0) | F.col("__s.v").isNotNull())
                .groupBy("__day", "__s.g", "__s.v", "__pos", "__pred", "__k").count())
        for r in rows.collect():
            key = _group_key(spec, numeric, r["g"], r["v"])
            if key is False:
                continue
            part = day(r["__day"]).groups.setdefault(key, ClassCounts())
            part.add(bool(r["__pos"]), bool(r["__pred"]), int(r["__k"]) if spec.score is not None else None, int(r["count"]))
    else:
        y = label.cast("double")
        yhat = F.col(spec.prediction).cast("double")
        valid = _finite(y) & _finite(yhat)
        err = yhat - y
        rows = (base.where(valid)
                .select("__day", err.alias("__err"), _slice_groups(F, base, spec).alias("__s"))
                .where((F.col("__s.g") == 0) | F.col("__s.v").isNotNull())
                .groupBy("__day", "__s.g", "__s.v")
                .agg(F.count(F.lit(1)).alias("n"), F.sum(F.abs("__err")).alias("sum_abs"),
                     F.sum(F.col("__err") * F.col("__err")).alias("sum_sq")))
        for r in rows.collect():
            key = _group_key(spec, numeric, r["g"], r["v"])
            if key is False:
                continue
            day(r["__day"]).groups[key] = ErrorSums(int(r["n"]), float(r["sum_abs"]), float(r["sum_sq"]))


def _spark_features(F, T, base: Any, spec: Spec, day) -> None:
    """Numeric features: one aggregation of (day, feature * M + place) keys; categorical ones: one of (day, feature, text)."""
    numeric = [i for i, f in enumerate(spec.features) if f.kind == "numeric"]
    categorical = [i for i, f in enumerate(spec.features) if f.kind == "categorical"]
    rows_per_day: dict[int, int] = {}
    first = spec.features[0].name

    def tally(d: int, i: int, make):
        f = spec.features[i]
        p = day(d)
        t = p.features.get(f.name)
        if t is None:
            t = p.features[f.name] = make()
        return f, t

    if numeric:
        m = max(len(spec.features[i].edges) for i in numeric) + 2
        binned = with_bins(base, [(spec.features[i].column, spec.features[i].edges, f"__code{i}") for i in numeric])
        keys = [F.lit(i * m) + F.col(f"__code{i}") for i in numeric]
        rows = binned.select("__day", F.explode(F.array(*keys)).alias("__key")).groupBy("__day", "__key").count()
        for r in rows.collect():
            i, place = divmod(int(r["__key"]), m)
            f, t = tally(r["__day"], i, lambda: NumericTally(len(spec.features[i].edges) - 1))
            _add_place(t, place, int(r["count"]))
            if f.name == first:
                rows_per_day[r["__day"]] = rows_per_day.get(r["__day"], 0) + int(r["count"])
    if categorical:
        structs = [F.struct(F.lit(i).alias("f"), F.col(spec.features[i].column).cast("string").alias("v")) for i in categorical]
        rows = (base.select("__day", F.explode(F.array(*structs)).alias("__x"))
                .groupBy("__day", "__x.f", "__x.v").count())
        relabel = {i: _numeric_labels(base, spec.features[i].column) for i in categorical}
        for r in rows.collect():
            f, t = tally(r["__day"], r["f"], CategoryTally)
            t.add(r["v"], int(r["count"]), relabel[r["f"]])
            if f.name == first:
                rows_per_day[r["__day"]] = rows_per_day.get(r["__day"], 0) + int(r["count"])
    for d, n in rows_per_day.items():
        day(d).rows = n


def _add_place(t: NumericTally, place: int, count: int) -> None:
    """Add ``count`` values at a ``with_bins`` place: 0 below, i + 1 bin i, K + 1 above, K + 2 missing."""
    k = len(t.counts)
    if place == 0:
        t.below += count
    elif place <= k:
        t.counts[place - 1] += count
    elif place == k + 1:
        t.above += count
    else:
        t.missing += count
