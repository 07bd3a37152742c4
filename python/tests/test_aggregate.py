"""aggregate.py: daily records from a pandas prediction log, checked against plain per-row Python.

``make_log`` (also used by test_spark.py) builds a seeded log with the awkward cases: values
exactly on edges, outside the reference range, null, NaN and infinite; scores on the grid, off it,
outside [0, 1] and exactly at the threshold; rows at the first and last instant of a UTC day.
"""

from __future__ import annotations

import json
import math
import subprocess
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spog.aggregate import auc_from_bins, daily_records
from spog.histogram import window_from_values

ROOT = Path(__file__).resolve().parents[2]
START = pd.Timestamp("2026-10-01", tz="UTC")
AGE_EDGES = [18.0, 25.0, 35.0, 45.0, 55.0, 65.0, 90.0]
INCOME_EDGES = [0.0, 10.0, 20.0, 40.0, 80.0, 160.0]
SCORE_EDGES = [i / 10 for i in range(11)]

REFERENCE = {
    "version": "v3",
    "features": {
        "age": {"type": "numeric", "histogram": {"edges": AGE_EDGES, "counts": [5, 9, 9, 8, 6, 3]}},
        "income_k": {"type": "numeric", "histogram": {"edges": INCOME_EDGES, "counts": [2, 5, 9, 6, 1]}},
        "visits": {"type": "numeric", "histogram": {"edges": [0, 1, 2, 5, 10], "counts": [4, 3, 2, 1]}},
        "plan": {"type": "categorical", "counts": {"basic": 60, "plus": 30, "pro": 10}},
        "mobile": {"type": "categorical", "counts": {"true": 70, "false": 30}},
        "tier": {"type": "categorical", "counts": {"1": 50, "2.5": 30, "4": 20}},
    },
    "prediction": {"type": "numeric", "histogram": {"edges": SCORE_EDGES, "counts": [1] * 10}},
}


def make_log(n: int = 100_000, days: int = 7, seed: int = 16) -> pd.DataFrame:
    """A seeded prediction log of ``n`` rows over ``days`` UTC days."""
    rng = np.random.default_rng(seed)

    def some(p: float) -> np.ndarray:
        return rng.random(n) < p

    seconds = rng.integers(0, days * 86_400, n).astype("int64") * 1_000_000_000
    edge = some(0.01)
    seconds[edge] = rng.integers(0, days, edge.sum()) * 86_400 * 1_000_000_000 + rng.choice([0, 86_400 * 1_000_000_000 - 1_000], edge.sum())  # microsecond precision, as Spark keeps
    ts = pd.Series(START + pd.to_timedelta(seconds, unit="ns"))
    ts[some(0.001)] = pd.NaT

    label = (rng.random(n) < 0.3).astype("int64")
    score = np.clip(0.3 * label + rng.beta(2, 4, n), 0, 1)
    on_grid = some(0.3)
    score[on_grid] = np.round(score[on_grid] * 1000) / 1000
    score[some(0.01)] = 0.5
    odd = some(0.005)
    score[odd] = rng.choice([-0.2, 1.3, 1.0, 0.0], odd.sum())
    score[some(0.005)] = np.nan
    label_s = pd.array(label, dtype="Int64")
    label_s[some(0.02)] = pd.NA

    age = rng.normal(45, 15, n)
    on_edge = some(0.1)
    age[on_edge] = rng.choice(AGE_EDGES, on_edge.sum())
    age[some(0.01)] = np.nan
    age[some(0.003)] = np.inf
    age[some(0.003)] = -np.inf
    income = rng.lognormal(3, 1, n)
    on_edge = some(0.05)
    income[on_edge] = rng.choice(INCOME_EDGES, on_edge.sum())
    income[some(0.02)] = np.nan
    income[some(0.002)] = -0.0  # on the first edge, 0: in the first bin (IEEE -0.0 == 0.0)
    visits = pd.array(rng.poisson(3, n), dtype="Int64")
    visits[some(0.01)] = pd.NA

    plan = rng.choice(np.array(["basic", "plus", "pro", "trial"], dtype=object), n, p=[0.5, 0.3, 0.15, 0.05])
    plan[some(0.02)] = None
    mobile = pd.array(some(0.6), dtype="boolean")
    mobile[some(0.01)] = pd.NA
    tier = rng.choice([1.0, 2.5, 4.0, 7.0], n)
    tier[some(0.01)] = np.nan
    sex = rng.choice(np.array(["female", "male", "other"], dtype=object), n, p=[0.48, 0.48, 0.04])
    sex[some(0.02)] = None
    region = pd.array(rng.integers(1, 4, n), dtype="Int64")
    region[some(0.01)] = pd.NA

    target = rng.normal(30, 10, n)
    target[some(0.01)] = np.nan
    estimate = target + rng.normal(0, 5, n)
    estimate[some(0.01)] = np.nan
    return pd.DataFrame({
        "timestamp": ts, "label": label_s, "score": score, "target": target, "estimate": estimate,
        "sex": sex, "region": region, "age": age, "income_k": income, "visits": visits, "plan": plan,
        "mobile": mobile, "tier": tier,
    })


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    return make_log(20_000, 4)


def rows_by_day(df: pd.DataFrame) -> dict[str, list[dict]]:
    """Plain per-row grouping by UTC day (the reference the vectorised code is checked against)."""
    out: dict[str, list[dict]] = defaultdict(list)
    for row in df.to_dict("records"):
        if row["timestamp"] is pd.NaT or pd.isna(row["timestamp"]):
            continue
        out[row["timestamp"].tz_convert("UTC").strftime("%Y-%m-%d")].append(row)
    return out


def missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def exact_auc(pairs: list[tuple[float, int]]) -> float:
    """Mann-Whitney AUC with average ranks for ties (the textbook definition)."""
    s = sorted(pairs)
    ranks = [0.0] * len(s)
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1][0] == s[i][0]:
            j += 1
        for t in range(i, j + 1):
            ranks[t] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(1 for _, y in s if y)
    neg = len(s) - pos
    rank_sum = sum(r for r, (_, y) in zip(ranks, s) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def by_key(records: list[dict]) -> dict:
    return {(r["ts"], r["metric"], json.dumps(r.get("slice"), sort_keys=True)): r for r in records}


def test_classification_metrics_equal_plain_per_row_counts(log):
    metrics, _ = daily_records(log, version="v3", score="score", slices=["sex"])
    got = by_key(metrics)
    for day, rows in rows_by_day(log).items():
        for sl in (None, "female", "male", "other"):
            use = [r for r in rows if not missing(r["label"]) and not missing(r["score"]) and (sl is None or r["sex"] == sl)]
            tp = sum(1 for r in use if r["label"] == 1 and r["score"] >= 0.5)
            fp = sum(1 for r in use if r["label"] != 1 and r["score"] >= 0.5)
            tn = sum(1 for r in use if r["label"] != 1 and r["score"] < 0.5)
            key = lambda m: (f"{day}T23:59:59Z", m, json.dumps(None if sl is None else {"sex": sl}))  # noqa: E731
            assert got[key("accuracy")]["value"] == (tp + tn) / len(use)
            assert got[key("accuracy")]["n"] == len(use)
            assert got[key("precision")]["value"] == tp / (tp + fp)
            assert got[key("precision")]["n"] == tp + fp
            assert got[key("selection_rate")]["value"] == (tp + fp) / len(use)
            assert got[key("recall")]["n"] == sum(1 for r in use if r["label"] == 1)
            assert got[key("auc")]["run"] == f"daily-{day}"


def test_auc_from_grid_counts_is_the_exact_auc_when_scores_are_on_the_grid(log):
    df = log.assign(score=np.clip(np.round(log["score"].to_numpy() * 1000) / 1000, 0, 1))
    metrics, _ = daily_records(df, version="v3", score="score", metrics=["auc"])
    got = by_key(metrics)
    for day, rows in rows_by_day(df).items():
        pairs = [(r["score"], int(r["label"] == 1)) for r in rows if not missing(r["label"]) and not missing(r["score"])]
        assert got[(f"{day}T23:59:59Z", "auc", "null")]["value"] == pytest.approx(exact_auc(pairs), abs=1e-12)


def test_auc_of_continuous_scores_is_within_the_stated_bound(log):
    metrics, _ = daily_records(log, version="v3", score="score", metrics=["auc"])
    got = by_key(metrics)
    for day, rows in rows_by_day(log).items():
        pairs = [(min(max(r["score"], 0.0), 1.0), int(r["label"] == 1)) for r in rows if not missing(r["label"]) and not missing(r["score"])]
        pos = [s for s, y in pairs if y]
        neg = [s for s, y in pairs if not y]
        same = sum(1 for p in pos for q in neg if math.floor(p * 1000 + 0.5) == math.floor(q * 1000 + 0.5))
        bound = 0.5 * same / (len(pos) * len(neg))
        assert abs(got[(f"{day}T23:59:59Z", "auc", "null")]["value"] - exact_auc(pairs)) <= bound + 1e-12


def test_auc_counts_a_tie_within_a_grid_point_half():
    assert auc_from_bins({5: 1}, {5: 1}) == 0.5
    assert auc_from_bins({5: 2}, {4: 1, 6: 1}) == 0.5
    assert auc_from_bins({1: 1}, {}) is None


def test_regression_mae_and_rmse_equal_numpy_per_day(log):
    metrics, _ = daily_records(log, version="v3", label="target", prediction="estimate", slices=["region"])
    got = by_key(metrics)
    for day, rows in rows_by_day(log).items():
        for region in (None, 1, 2, 3):
            use = [r for r in rows if not missing(r["target"]) and not missing(r["estimate"])
                   and (region is None or (not missing(r["region"]) and r["region"] == region))]
            err = np.array([r["estimate"] - r["target"] for r in use])
            sl = json.dumps(None if region is None else {"region": str(region)})
            assert got[(f"{day}T23:59:59Z", "mae", sl)]["value"] == pytest.approx(np.abs(err).mean(), rel=1e-12)
            assert got[(f"{day}T23:59:59Z", "rmse", sl)]["value"] == pytest.approx(math.sqrt((err * err).mean()), rel=1e-12)
            assert got[(f"{day}T23:59:59Z", "rmse", sl)]["n"] == len(use)


def test_each_days_window_equals_window_from_values_on_that_days_rows(log):
    _, windows = daily_records(log, version="v3", reference=REFERENCE, score="score")
    by_day = rows_by_day(log)
    assert [w["ts"][:10] for w in windows] == sorted(by_day)
    for w in windows:
        rows = by_day[w["ts"][:10]]
        values = {f: [None if missing(r[f]) else r[f] for r in rows] for f in REFERENCE["features"]}
        want = window_from_values(REFERENCE, values, w["ts"], "v3", run=w["run"], prediction=[r["score"] for r in rows])
        assert w == want


def test_clip_puts_values_outside_the_range_in_the_end_bins(log):
    _, drop = daily_records(log, version="v3", reference=REFERENCE, label=None, features=["age"])
    _, clip = daily_records(log, version="v3", reference=REFERENCE, label=None, features=["age"], outside="clip")
    by_day = rows_by_day(log)
    for d, c, day in zip(drop, clip, sorted(by_day)):
        rows = by_day[day]
        ages = [r["age"] for r in rows if not missing(r["age"]) and math.isfinite(r["age"])]
        below = sum(1 for a in ages if a < AGE_EDGES[0])
        above = sum(1 for a in ages if a > AGE_EDGES[-1])
        dc, cc = d["features"]["age"]["histogram"]["counts"], c["features"]["age"]["histogram"]["counts"]
        assert cc[0] - dc[0] == below and cc[-1] - dc[-1] == above and sum(cc) == len(ages)


def test_quality_metrics_count_missing_inputs_and_values_outside_the_range(log):
    metrics, _ = daily_records(log, version="v3", reference=REFERENCE, label=None, quality=True)
    got = by_key(metrics)
    inputs = list(REFERENCE["features"])
    for day, rows in rows_by_day(log).items():
        cells = len(rows) * len(inputs)
        nulls = sum(1 for r in rows for f in inputs if missing(r[f]) or (isinstance(r[f], float) and math.isinf(r[f])))
        assert got[(f"{day}T23:59:59Z", "null_rate", "null")]["value"] == nulls / cells
        assert got[(f"{day}T23:59:59Z", "null_rate", "null")]["n"] == cells


def test_a_row_belongs_to_its_utc_day_whatever_the_time_zone_of_its_timestamp():
    df = pd.DataFrame({"timestamp": ["2026-10-31T23:59:59.999+00:00", "2026-11-01T00:30:00+01:00", "2026-11-01T00:00:00Z"],
                       "label": [1, 0, 1], "score": [0.9, 0.2, 0.7]})
    metrics, _ = daily_records(df, version="v3", score="score", metrics=["accuracy"], run=None)
    assert [(m["ts"], m["n"]) for m in metrics] == [("2026-10-31T23:59:59Z", 2), ("2026-11-01T23:59:59Z", 1)]
    assert "run" not in metrics[0]


def test_naive_timestamps_are_utc():
    df = pd.DataFrame({"timestamp": pd.to_datetime(["2026-10-31 23:00"]), "label": [1], "score": [0.9]})
    assert daily_records(df, version="v3", score="score", metrics=["accuracy"])[0][0]["ts"] == "2026-10-31T23:59:59Z"


def test_hard_predictions_give_accuracy_but_no_auc():
    df = pd.DataFrame({"timestamp": [START] * 4, "label": ["yes", "no", "yes", "no"], "pred": ["yes", "yes", "no", "no"]})
    metrics, _ = daily_records(df, version="v3", prediction="pred", task="classification", positive="yes")
    assert {m["metric"]: m["value"] for m in metrics} == {"accuracy": 0.5, "precision": 0.5, "recall": 0.5, "selection_rate": 0.5}


def test_every_problem_with_the_arguments_is_reported_at_once(log):
    with pytest.raises(ValueError) as e:
        daily_records(log, version="v3", score="scor", slices=["Sex"], reference=REFERENCE, features=["age", "height"])
    text = str(e.value)
    assert "columns not in the DataFrame: scor, Sex" in text
    assert "slice columns must be lowercase slugs" in text
    assert "features not in the reference, so without bins: height" in text


def test_records_and_windows_pass_spogs_own_schemas(log):
    metrics, windows = daily_records(log, version="v3", reference=REFERENCE, score="score", slices=["sex", "region"], quality=True)
    script = f"""
import {{ MetricLineSchema }} from '{ROOT.as_posix()}/src/schema/metric.ts';
import {{ FeatureBatchSchema }} from '{ROOT.as_posix()}/src/schema/features.ts';
let text = '';
for await (const chunk of process.stdin) text += chunk;
const {{ metrics, windows }} = JSON.parse(text);
const bad = [...metrics.map((m) => MetricLineSchema.safeParse(m)), ...windows.map((w) => FeatureBatchSchema.safeParse(w))]
  .filter((r) => !r.success).map((r) => r.error.message);
process.stdout.write(JSON.stringify(bad.slice(0, 3)));
"""
    node = str(ROOT / "node_modules" / ".bin" / "node")
    r = subprocess.run([node if Path(node).exists() else "node", "--input-type=module", "-e", script],
                       input=json.dumps({"metrics": metrics, "windows": windows}, allow_nan=False),
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []
    assert len(metrics) > 50 and len(windows) == 4


def test_the_cards_task_names_are_taken_binary_and_multiclass_as_classification_forecasting_as_regression(log):
    for card_task, plain in [("binary_classification", "classification"), ("multiclass_classification", "classification"),
                             ("regression", "regression"), ("forecasting", "regression")]:
        kw = dict(score="score") if plain == "classification" else dict(label="target", prediction="estimate")
        assert daily_records(log, version="v3", task=card_task, **kw) == daily_records(log, version="v3", task=plain, **kw)


def test_a_task_without_daily_metrics_is_refused_with_the_names_daily_records_takes(log):
    with pytest.raises(ValueError) as e:
        daily_records(log, version="v3", score="score", task="ranking", metrics=["auc"])
    text = str(e.value)
    assert "task must be \"classification\" or \"regression\", or a card task: binary_classification or multiclass_classification" in text
    assert "ranking and other have no metrics here (pass label=None for windows only)" in text
    assert "got 'ranking'" in text and "label needs" not in text and "cannot compute" not in text


def test_daily_records_of_pandas_and_of_spark_take_the_same_arguments():
    import inspect
    from spog import spark
    assert inspect.signature(spark.daily_records) == inspect.signature(daily_records)
