"""Fill a real MLflow tracking server with what `spog import mlflow` reads, and write down the truth.

    python populate_mlflow.py URI OUT.json [--gc-backend-store-uri sqlite:///.../mlflow.db]

With MLflow's own client (MlflowClient, against the server at URI): 2 experiments, runs with
params, a metric history of several steps and timestamps, the tags MLflow's autologging sets
(mlflow.source.git.commit, mlflow.source.name, ...), training and evaluation datasets
(mlflow.data.from_pandas + log_inputs); 3 registered models ("Fraud Detector", "churn_model",
"ltv-regressor") with versions made from runs (one without a run), aliases champion and
challenger, and canary on ltv-regressor. Then Fraud Detector's version 1 run is deleted (soft:
lifecycle_stage "deleted"), and churn_model's version 1 run too, then purged with `mlflow gc`
when --gc-backend-store-uri is given (runs/get then answers 404 RESOURCE_DOES_NOT_EXIST).

OUT.json is what the integration test checks the import against: per model its MLflow name, the
expected spog id, each version's run, params (as MLflow stores them: text), final metric values,
metric history, git commit, datasets, the aliases and the deployments spog should write.
No model artifacts (no ML library needed): a version's source is a path under its run's
artifact root, or an s3:// URI for the one without a run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import mlflow
import mlflow.data
import pandas as pd
from mlflow import MlflowClient
from mlflow.entities import DatasetInput, InputTag, Metric, Param, RunTag

DAY_MS = 86_400_000


def ms(iso: str) -> int:
    """Milliseconds since the epoch of an ISO date-time in UTC ("2026-08-20T06:00:00")."""
    return int(dt.datetime.fromisoformat(iso).replace(tzinfo=dt.timezone.utc).timestamp() * 1000)


def commit_of(label: str) -> str:
    """A fixed 40-hex git commit id per label (the test knows it from OUT.json)."""
    return hashlib.sha1(label.encode()).hexdigest()


# What each registered model is, as data. A run's metric history: per metric, the values of
# steps 0, 1, 2, ... logged one day apart from its start; the last one is the run's value.
EXPERIMENTS = {"fraud": "fraud-detection", "customers": "customer-models"}
MODELS = [
    {
        "name": "Fraud Detector",
        "id": "fraud-detector",
        "experiment": "fraud",
        "description": "Scores card transactions for fraud before authorisation.",
        "tags": {"task": "binary_classification", "team": "risk"},
        "repo": "https://github.com/acme/fraud-models.git",
        "script": "train_fraud.py",
        "versions": [
            {"start": "2026-08-18T06:00:00", "params": {"max_depth": "4", "learning_rate": "0.1", "n_estimators": "200", "objective": "binary"},
             "history": {"auc": [0.80, 0.83, 0.85, 0.861], "precision_at_1pct": [0.41, 0.44, 0.46, 0.47]}, "data": "2026-07", "delete_run": "soft"},
            {"start": "2026-09-14T06:00:00", "params": {"max_depth": "6", "learning_rate": "0.05", "n_estimators": "400", "objective": "binary"},
             "history": {"auc": [0.82, 0.85, 0.868, 0.874], "precision_at_1pct": [0.43, 0.46, 0.48, 0.49]}, "data": "2026-08"},
            {"start": "2026-10-19T06:00:00", "params": {"max_depth": "6", "learning_rate": "0.03", "n_estimators": "800", "objective": "binary"},
             "history": {"auc": [0.83, 0.86, 0.88, 0.889], "precision_at_1pct": [0.44, 0.47, 0.5, 0.51]}, "data": "2026-09",
             "version_tags": {"validated": "true"}},
        ],
        "aliases": {"champion": 2, "challenger": 3},
    },
    {
        "name": "churn_model",
        "id": "churn-model",
        "experiment": "customers",
        "description": "Monthly churn propensity of every subscriber.",
        "tags": {"task": "binary_classification"},
        "repo": "https://github.com/acme/customer-models.git",
        "script": "churn/train.py",
        "versions": [
            {"start": "2026-07-01T02:00:00", "params": {"C": "1.0", "penalty": "l2"},
             "history": {"auc": [0.78, 0.8, 0.81]}, "data": "2026-06", "delete_run": "purge"},
            {"start": "2026-08-01T02:00:00", "params": {"C": "0.5", "penalty": "l2"},
             "history": {"auc": [0.79, 0.815, 0.822]}, "data": "2026-07"},
            {"start": "2026-09-01T02:00:00", "params": {"C": "0.5", "penalty": "elasticnet", "l1_ratio": "0.2"},
             "history": {"auc": [0.8, 0.82, 0.83]}, "data": "2026-08"},
        ],
        "aliases": {"champion": 2, "challenger": 3},
    },
    {
        "name": "ltv-regressor",
        "id": "ltv-regressor",
        "experiment": "customers",
        "description": "Twelve-month customer lifetime value.",
        "tags": {"task": "regression"},
        "repo": "https://github.com/acme/customer-models.git",
        "script": "ltv/train.py",
        "versions": [
            # Registered from a path, with no run behind it.
            {"no_run": True, "source": "s3://acme-models/ltv/2026-06/model"},
            {"start": "2026-09-10T03:00:00", "params": {"alpha": "0.001", "loss": "huber"},
             "history": {"rmse": [41.2, 38.9, 37.5], "mae": [22.1, 21.0, 20.4]}, "data": "2026-08"},
            {"start": "2026-10-10T03:00:00", "params": {"alpha": "0.0005", "loss": "huber"},
             "history": {"rmse": [40.1, 37.2, 36.1], "mae": [21.8, 20.5, 19.9]}, "data": "2026-09"},
        ],
        "aliases": {"champion": 2, "canary": 3},
    },
]
# How spog maps MLflow aliases to card deployments without --alias (canary is not among them).
ALIAS_ROLES = {"champion": ("champion", "production"), "challenger": ("challenger", "shadow")}


def dataset(model: dict, month: str, split: str, rows: int) -> mlflow.data.pandas_dataset.PandasDataset:
    """A small pandas dataset with an s3:// source (only its metadata reaches the server)."""
    df = pd.DataFrame({"amount": [float(i % 97) for i in range(rows)], "label": [float(i % 2) for i in range(rows)]})
    base = model["id"].replace("-", "_")
    return mlflow.data.from_pandas(df, source=f"s3://acme-data/{base}/{month}/{split}.parquet", targets="label", name=f"{base}-{split}-{month}")


def log_run(client: MlflowClient, exp_id: str, model: dict, n: int, spec: dict) -> dict:
    """One training run: params, metric history, source tags, datasets; FINISHED at its end time."""
    start = ms(spec["start"])
    steps = max(len(v) for v in spec["history"].values())
    end = start + (steps - 1) * DAY_MS + 3_600_000
    commit = commit_of(f"{model['id']}-{n}")
    tags = {
        "mlflow.source.git.commit": commit,
        "mlflow.source.name": model["script"],
        "mlflow.source.type": "LOCAL",
        "mlflow.source.git.repoURL": model["repo"],
        "mlflow.user": "ana@acme.example",
        "mlflow.runName": f"{model['id']}-train-{n}",
        "purpose": "retraining",
    }
    run = client.create_run(exp_id, start_time=start, tags=tags, run_name=tags["mlflow.runName"])
    run_id = run.info.run_id
    metrics = [
        Metric(key, value, start + step * DAY_MS, step)
        for key, values in spec["history"].items()
        for step, value in enumerate(values)
    ]
    client.log_batch(run_id, metrics=metrics, params=[Param(k, v) for k, v in spec["params"].items()], tags=[RunTag("note", "nightly")])
    inputs = []
    for split, rows, context in (("train", 120, "training"), ("test", 40, "evaluation")):
        ds = dataset(model, spec["data"], split, rows)
        inputs.append((ds, context, rows))
    client.log_inputs(run_id, datasets=[DatasetInput(ds._to_mlflow_entity(), tags=[InputTag("mlflow.data.context", ctx)]) for ds, ctx, _ in inputs])
    client.set_terminated(run_id, "FINISHED", end_time=end)
    got = client.get_run(run_id)
    return {
        "run_id": run_id,
        "experiment_id": exp_id,
        "artifact_uri": got.info.artifact_uri,
        "status": got.info.status,
        "start_time": got.info.start_time,
        "end_time": got.info.end_time,
        "trained_at": dt.datetime.fromtimestamp(got.info.end_time / 1000, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "params": dict(got.data.params),
        "metrics": dict(got.data.metrics),
        "history": {key: [{"step": s, "timestamp": start + s * DAY_MS, "value": v} for s, v in enumerate(values)] for key, values in spec["history"].items()},
        "git_commit": commit,
        "source_name": model["script"],
        "repo_url": model["repo"],
        "user": tags["mlflow.user"],
        "datasets": [
            {"name": ds.name, "digest": ds.digest, "uri": ds.source.to_dict()["uri"], "rows": rows, "context": ctx}
            for ds, ctx, rows in inputs
        ],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("uri")
    ap.add_argument("out")
    ap.add_argument("--gc-backend-store-uri", help="the server's backend store, to purge a deleted run with `mlflow gc`")
    args = ap.parse_args()
    mlflow.set_tracking_uri(args.uri)
    client = MlflowClient(args.uri)

    experiments = {key: client.create_experiment(name, tags={"owner": "ana@acme.example"}) for key, name in EXPERIMENTS.items()}
    out_models, deleted = [], []
    for model in MODELS:
        exp_id = experiments[model["experiment"]]
        client.create_registered_model(model["name"], tags=model["tags"], description=model["description"])
        versions = []
        for n, spec in enumerate(model["versions"], start=1):
            run = None if spec.get("no_run") else log_run(client, exp_id, model, n, spec)
            source = spec["source"] if run is None else f"{run['artifact_uri']}/model"
            mv = client.create_model_version(model["name"], source, run_id=run and run["run_id"], tags=spec.get("version_tags"), description=f"{model['name']} version {n}")
            assert mv.version == str(n), f"{model['name']}: expected version {n}, MLflow made {mv.version}"
            versions.append({
                "version": mv.version,
                "id": f"v{mv.version}",
                "source": source,
                "creation_timestamp": mv.creation_timestamp,
                "tags": spec.get("version_tags", {}),
                "run": run,
                "run_deleted": spec.get("delete_run"),
            })
        for alias, n in model["aliases"].items():
            client.set_registered_model_alias(model["name"], alias, str(n))
        out_models.append({
            "name": model["name"],
            "id": model["id"],
            "experiment": {"id": exp_id, "name": EXPERIMENTS[model["experiment"]]},
            "description": model["description"],
            "tags": model["tags"],
            "aliases": {a: str(n) for a, n in model["aliases"].items()},
            "deployments": [
                {"version": f"v{n}", "role": ALIAS_ROLES[a][0], "mode": ALIAS_ROLES[a][1]}
                for a, n in model["aliases"].items() if a in ALIAS_ROLES
            ],
            "versions": versions,
        })

    # A run that trained nothing that was registered: the importer must not take it for a version.
    stray = client.create_run(experiments["fraud"], start_time=ms("2026-10-25T06:00:00"), run_name="fraud-detector-failed")
    client.log_batch(stray.info.run_id, metrics=[Metric("auc", 0.5, ms("2026-10-25T06:00:00"), 0)])
    client.set_terminated(stray.info.run_id, "FAILED", end_time=ms("2026-10-25T06:30:00"))

    # Runs deleted after their version was registered: the version stays, its run is gone.
    for model in out_models:
        for v in model["versions"]:
            how = v["run_deleted"]
            if not how:
                continue
            client.delete_run(v["run"]["run_id"])
            if how == "purge":
                if not args.gc_backend_store_uri:
                    how = "soft"  # nothing to purge with: leave it deleted
                else:
                    r = subprocess.run(
                        [str(Path(sys.executable).with_name("mlflow")), "gc", "--backend-store-uri", args.gc_backend_store_uri, "--run-ids", v["run"]["run_id"]],
                        capture_output=True, text=True,
                    )
                    if r.returncode != 0:
                        sys.exit(f"populate_mlflow: mlflow gc of run {v['run']['run_id']} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
                v["run_deleted"] = how
            deleted.append({"model": model["name"], "model_id": model["id"], "version": v["version"], "version_id": v["id"], "run_id": v["run"]["run_id"], "how": how})

    truth = {
        "tracking_uri": args.uri,
        "mlflow_version": mlflow.__version__,
        "experiments": [{"id": experiments[k], "name": name} for k, name in EXPERIMENTS.items()],
        "models": out_models,
        "deleted_runs": deleted,
        "unregistered_runs": [stray.info.run_id],
        "alias_roles": {a: {"role": r, "mode": m} for a, (r, m) in ALIAS_ROLES.items()},
    }
    Path(args.out).write_text(json.dumps(truth, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
