"""spark.py against aggregate.py: a real local Spark gives the pandas path's records, record by record.

Needs Java 17+ and pyspark (``pip install "pyspark>=3.5" numpy pyarrow``); without them this
module fails, it does not skip: a green run must mean the Spark path was checked.
"""

from __future__ import annotations

import math
import shutil

import numpy as np
import pandas as pd
import pytest

from spog import aggregate, spark
from test_aggregate import REFERENCE, make_log

ROWS = 100_000
DAYS = 7
SENTINEL = -12345.0  # becomes NaN inside Spark (pandas -> Spark turns NaN into null)


@pytest.fixture(scope="module")
def session():
    if shutil.which("java") is None:
        pytest.fail("Java 17+ is needed for the Spark tests (apt-get install openjdk-17-jre-headless)")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.fail('pyspark is needed for the Spark tests: pip install "pyspark>=3.5" numpy pyarrow')
    s = (SparkSession.builder.master("local[2]").appName("spog-test-spark")
         .config("spark.ui.enabled", "false")
         .config("spark.sql.shuffle.partitions", "4")
         .config("spark.sql.session.timeZone", "America/New_York")  # the UTC day must not depend on it
         .config("spark.sql.execution.arrow.pyspark.enabled", "true")
         .config("spark.driver.memory", "2g")
         .getOrCreate())
    yield s
    s.stop()


@pytest.fixture(scope="module")
def logs(session):
    """The same seeded log as a pandas and a Spark DataFrame, with NaN and null both present in Spark."""
    from pyspark.sql import functions as F

    df = make_log(ROWS, DAYS)
    rng = np.random.default_rng(7)
    for col in ("age", "income_k", "tier", "score", "estimate"):
        df.loc[rng.random(len(df)) < 0.005, col] = SENTINEL
    sdf = session.createDataFrame(df)
    for col in ("age", "income_k", "tier", "score", "estimate"):
        sdf = sdf.withColumn(col, F.when(F.col(col) == SENTINEL, F.lit(float("nan"))).otherwise(F.col(col)))
        df[col] = df[col].replace(SENTINEL, np.nan)
    sdf = sdf.withColumn("tier_slice", F.col("tier")).cache()
    df["tier_slice"] = df["tier"]
    assert sdf.count() == ROWS
    assert sdf.where(F.isnan("age")).count() > 0 and sdf.where(F.col("age").isNull()).count() > 0
    return df, sdf


def assert_same(pandas_out, spark_out):
    pm, pw = pandas_out
    sm, sw = spark_out
    assert len(pm) == len(sm) and len(pm) > 0
    for p, s in zip(pm, sm):
        assert {k: v for k, v in p.items() if k != "value"} == {k: v for k, v in s.items() if k != "value"}
        assert math.isclose(p["value"], s["value"], rel_tol=1e-9, abs_tol=1e-12), (p, s)
    assert pw == sw


def test_classification_records_and_windows_equal_the_pandas_paths(logs):
    df, sdf = logs
    kw = dict(version="v3", reference=REFERENCE, score="score", slices=["sex", "region", "tier_slice"], quality=True)
    pandas_out = aggregate.daily_records(df, **kw)
    spark_out = spark.daily_records(sdf, **kw)
    assert_same(pandas_out, spark_out)
    assert len(spark_out.windows) == DAYS
    slices = {tuple(m["slice"].items())[0] for m in spark_out.metrics if "slice" in m}
    assert ("tier_slice", "2.5") in slices and ("region", "3") in slices and ("sex", "other") in slices


def test_regression_records_equal_the_pandas_paths(logs):
    df, sdf = logs
    kw = dict(version="v3", label="target", prediction="estimate", slices=["region"], run=None)
    assert_same(aggregate.daily_records(df, **kw), spark.daily_records(sdf, **kw))


def test_clipped_windows_and_hard_predictions_equal_the_pandas_paths(logs):
    df, sdf = logs
    from pyspark.sql import functions as F

    df = df.assign(hard=(df["score"] >= 0.4).astype("int64"))
    # NaN >= 0.4 is true in Spark (NaN sorts above every number), false in numpy.
    sdf = sdf.withColumn("hard", F.when((F.col("score") >= 0.4) & ~F.isnan("score"), 1).otherwise(0))
    kw = dict(version="v3", reference=REFERENCE, prediction="hard", task="classification", outside="clip",
              features=["age", "plan", "mobile"])
    assert_same(aggregate.daily_records(df, **kw), spark.daily_records(sdf, **kw))


def test_a_string_timestamp_is_refused_with_the_conversion_to_use(session):
    sdf = session.createDataFrame([("2026-10-31T12:00:00Z", 1, 0.5)], ["timestamp", "label", "score"])
    with pytest.raises(TypeError, match="F.to_timestamp"):
        spark.daily_records(sdf, version="v3", score="score")
