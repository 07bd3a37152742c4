"""Benchmark of spog.spark.daily_records: a prediction log of N rows x F numeric features over D days.

Not a test. The log is generated inside Spark (spark.range plus seeded rand/randn), cached and
counted before any timing, so the aggregation is timed on its own; "end to end" runs the same
call on the uncached generating DataFrame (generation included, read once per aggregation).

    PYTHONPATH=python/src python python/bench/bench_spark.py --rows 10000000 --features 20 --days 30

Prints one JSON object: rows/s of each figure, the Spark version, cores and memory settings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--bins", type=int, default=20, help="histogram bins per feature")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--driver-memory", default="6g")
    ap.add_argument("--shuffle-partitions", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of the aggregation on cached data")
    args = ap.parse_args()

    import pyspark
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from spog import spark as spog_spark
    from spog.aggregate import make_spec, records_from_partials

    spark = (SparkSession.builder.master(args.master).appName("spog-bench-spark")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", args.driver_memory)
             .config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    # Standard-normal features binned on equal-width edges over [-3, 3]; scores on [0, 1] in 10 bins.
    edges = [-3 + 6 * i / args.bins for i in range(args.bins + 1)]
    reference = {
        "version": "v1",
        "features": {f"f{i:02d}": {"type": "numeric", "histogram": {"edges": edges, "counts": [1] * args.bins}}
                     for i in range(args.features)},
        "prediction": {"type": "numeric", "histogram": {"edges": [i / 10 for i in range(11)], "counts": [1] * 10}},
    }
    start = 1_790_000_000 - 1_790_000_000 % 86_400  # a UTC midnight in 2026
    span = args.days * 86_400
    label = (F.rand(1) < 0.3).cast("int")
    generated = spark.range(args.rows).select(
        F.timestamp_seconds(F.lit(start) + (F.col("id") * span / args.rows).cast("long")).alias("timestamp"),
        label.alias("label"),
        F.least(F.lit(1.0), F.rand(2) * 0.7 + label * 0.3).alias("score"),
        *[(F.randn(100 + i) * 1.2).alias(f"f{i:02d}") for i in range(args.features)],
    )
    kw = dict(version="v1", reference=reference, score="score")

    t0 = time.perf_counter()
    cached = generated.cache()
    assert cached.count() == args.rows
    generate_s = time.perf_counter() - t0

    spec = make_spec(cached.columns, reference=reference, timestamp="timestamp", label="label", score="score",
                     prediction=None, task=None, positive=1, threshold=0.5, slices=(), features=None, metrics=None,
                     score_bins=1000, score_range=(0.0, 1.0), outside="drop", run="daily-{day}", ts_time="23:59:59",
                     quality=False, version="v1")
    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        partials = spog_spark.spark_partials(cached, spec)
        t1 = time.perf_counter()
        out = records_from_partials(spec, partials)
        t2 = time.perf_counter()
        runs.append({"aggregate_s": t1 - t0, "reduce_s": t2 - t1})
    assert len(out.windows) == args.days and len(out.metrics) == 5 * args.days

    # Each aggregation alone, on the cached data: metrics only (no reference), then windows only (no label).
    t0 = time.perf_counter()
    spog_spark.daily_records(cached, version="v1", score="score")
    metrics_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    spog_spark.daily_records(cached, version="v1", reference=reference, label=None, score="score")
    features_s = time.perf_counter() - t0
    cached.unpersist()

    t0 = time.perf_counter()
    out2 = spog_spark.daily_records(generated, **kw)
    end_to_end_s = time.perf_counter() - t0
    assert out2.windows == out.windows and [m["n"] for m in out2.metrics] == [m["n"] for m in out.metrics]

    best = min(r["aggregate_s"] for r in runs)
    conf = spark.sparkContext.getConf()
    print(json.dumps({
        "rows": args.rows, "features": args.features, "days": args.days, "bins": args.bins,
        "spark": pyspark.__version__, "python": platform.python_version(), "master": args.master,
        "cores_visible": os.cpu_count(), "driver_memory": conf.get("spark.driver.memory"),
        "shuffle_partitions": args.shuffle_partitions,
        "generate_and_cache_s": round(generate_s, 2),
        "aggregate_runs_s": [round(r["aggregate_s"], 2) for r in runs],
        "reduce_runs_s": [round(r["reduce_s"], 3) for r in runs],
        "aggregate_rows_per_s": round(args.rows / best),
        "metrics_job_s": round(metrics_s, 2), "features_job_s": round(features_s, 2),
        "end_to_end_s": round(end_to_end_s, 2), "end_to_end_rows_per_s": round(args.rows / end_to_end_s),
        "records": len(out.metrics), "windows": len(out.windows),
    }, indent=1))
    spark.stop()


if __name__ == "__main__":
    main()
