"""A real DVC project in a new git repository, for `spog import dvc`, and the truth about it.

    python make_dvc_repo.py DIR OUT.json

DIR becomes a git repository with `dvc init`, a dvc.yaml whose stage `train` (python train.py,
no ML library) reads params.yaml and writes metrics.json (a DVC metric) and model.bin (an output
in DVC's cache); three versions, each `dvc repro` + a commit + a git tag (v1.0.0, v1.1.0,
v2.0.0), then two experiments with `dvc exp run -S`, each from the last tag (not committed: they live
in refs/exps). `dvc exp show --json -A` is saved to DIR/../exp-show.json (outside the repository).

In that file the last commit's baseline is named by its branch ("main"), the others by their tag;
timestamps are local times without a zone; experiments carry the time they ran.

OUT.json: per tag its commit, commit date, params and metrics as the files hold them (nested),
and flattened ("train.lr"), the experiments (name, ref, baseline commit, params, metrics), and
where the exp-show file is. Commit dates are fixed, so commits of the tags are reproducible.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from repo_common import new_repo, run_or_exit

BIN = Path(sys.executable).parent
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Ana Lopez", "GIT_AUTHOR_EMAIL": "ana@acme.example",
    "GIT_COMMITTER_NAME": "Ana Lopez", "GIT_COMMITTER_EMAIL": "ana@acme.example",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
    # No network: DVC's usage analytics and its new-version check.
    "DVC_NO_ANALYTICS": "1", "DVC_NO_UPDATER": "1",
    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
}

TRAIN_PY = '''\
"""Train the churn model (a stand-in: a deterministic function of params.yaml)."""
import json, yaml

p = yaml.safe_load(open("params.yaml"))
auc = round(0.70 + 0.2 * p["train"]["lr"] * p["train"]["epochs"] / (1 + p["train"]["lr"] * p["train"]["epochs"]) + 0.005 * p["model"]["max_depth"], 4)
metrics = {"auc": auc, "logloss": round(1 - auc, 4), "eval": {"precision": round(auc - 0.1, 4)}}
json.dump(metrics, open("metrics.json", "w"), indent=2, sort_keys=True)
open("model.bin", "wb").write(json.dumps(p, sort_keys=True).encode())
'''

DVC_YAML = """\
stages:
  train:
    cmd: python train.py
    deps:
      - train.py
    params:
      - train.lr
      - train.epochs
      - model.max_depth
    outs:
      - model.bin
    metrics:
      - metrics.json:
          cache: false
"""

# The committed versions: (tag, commit date, params.yaml).
VERSIONS = [
    ("v1.0.0", "2026-08-03T09:00:00Z", {"train": {"lr": 0.1, "epochs": 10}, "model": {"max_depth": 4}}),
    ("v1.1.0", "2026-09-07T09:00:00Z", {"train": {"lr": 0.05, "epochs": 30}, "model": {"max_depth": 6}}),
    ("v2.0.0", "2026-10-05T09:00:00Z", {"train": {"lr": 0.02, "epochs": 80}, "model": {"max_depth": 8}}),
]
# Experiments on top of the last version: (name, -S overrides).
EXPERIMENTS = [("deeper", ["model.max_depth=10"]), ("faster", ["train.lr=0.2", "train.epochs=5"])]


def run(cwd: Path, *cmd: str, env: dict | None = None) -> str:
    return run_or_exit("make_dvc_repo", cwd, cmd, env or ENV)


def flatten(value: object, prefix: str = "") -> dict:
    if isinstance(value, dict):
        out: dict = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    return {prefix: value}


def yaml_dump(params: dict) -> str:
    """params.yaml as a person writes it (two levels, numbers as numbers)."""
    return "".join(f"{k}:\n" + "".join(f"  {kk}: {vv}\n" for kk, vv in v.items()) for k, v in params.items())


def main() -> int:
    made = new_repo("make_dvc_repo", __doc__, ENV)
    if made is None:
        return 2
    repo, out = made
    run(repo, "dvc", "init", "-q")
    run(repo, "dvc", "config", "core.analytics", "false")
    (repo / "train.py").write_text(TRAIN_PY)
    (repo / "dvc.yaml").write_text(DVC_YAML)

    tags = []
    for tag, date, params in VERSIONS:
        (repo / "params.yaml").write_text(yaml_dump(params))
        run(repo, "dvc", "repro", "-q")
        run(repo, "git", "add", "-A")
        env = {**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        run(repo, "git", "commit", "-q", "-m", f"churn {tag}: {json.dumps(params)}", env=env)
        run(repo, "git", "tag", "-a", tag, "-m", f"churn {tag}", env=env)
        metrics = json.loads((repo / "metrics.json").read_text())
        tags.append({
            "tag": tag,
            "commit": run(repo, "git", "rev-parse", "HEAD").strip(),
            "date": date,
            "params": params,
            "params_flat": flatten(params),
            "metrics": metrics,
            "metrics_flat": flatten(metrics),
        })

    experiments = []
    for name, overrides in EXPERIMENTS:
        # Each from the last tag (dvc exp run leaves its changes in the workspace).
        run(repo, "git", "checkout", "-q", "--", ".")
        args = [a for o in overrides for a in ("-S", o)]
        run(repo, "dvc", "exp", "run", "-q", "-n", name, *args)
        experiments.append({"name": name, "overrides": overrides})
    # The workspace back to the last tag: the experiments live only in refs/exps.
    run(repo, "git", "checkout", "-q", "--", ".")
    run(repo, "dvc", "checkout", "-q")
    show = run(repo, "dvc", "exp", "show", "--json", "-A")
    exp_show = json.loads(show)
    exp_file = repo.parent / f"{repo.name}-exp-show.json"
    exp_file.write_text(json.dumps(exp_show, indent=2) + "\n")

    # What dvc says about each experiment: its ref, baseline and results.
    by_name = {}
    for baseline in exp_show:
        for exp in baseline.get("experiments") or []:
            for rev in exp.get("revs") or []:
                by_name[rev.get("name")] = {"baseline": baseline["rev"], "rev": rev}
    for e in experiments:
        found = by_name.get(e["name"])
        if not found:
            sys.exit(f"make_dvc_repo: experiment {e['name']} is not in `dvc exp show --json -A`:\n{show}")
        data = found["rev"]["data"]
        params = data["params"]["params.yaml"]["data"]
        metrics = data["metrics"]["metrics.json"]["data"]
        e.update({
            "rev": found["rev"]["rev"],
            "baseline": found["baseline"],
            "params": params, "params_flat": flatten(params),
            "metrics": metrics, "metrics_flat": flatten(metrics),
        })
    exp_refs = [line.split() for line in run(repo, "git", "for-each-ref", "--format=%(objectname) %(refname)", "refs/exps").splitlines()]
    exp_refs = [(c, r) for c, r in exp_refs if not r.startswith("refs/exps/exec/")]

    truth = {
        "repo": str(repo),
        "dvc_version": run(repo, "dvc", "--version").strip(),
        "stage": {"name": "train", "params_file": "params.yaml", "metrics_file": "metrics.json", "outs": ["model.bin"]},
        "head": run(repo, "git", "rev-parse", "HEAD").strip(),
        "versions": tags,
        "experiments": experiments,
        "exp_refs": [{"commit": c, "ref": r} for c, r in exp_refs],
        "exp_show": str(exp_file),
    }
    out.write_text(json.dumps(truth, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
