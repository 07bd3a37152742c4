"""A real GTO artifact registry in a new git repository, for `spog import gto`, and the truth about it.

    python make_gto_repo.py DIR OUT.json

DIR becomes a git repository whose artifacts.yaml annotates two models, "churn" and
"Fraud_Detector" (capitals and an underscore: its spog id is fraud-detector), written with GTO's
own index API (what `gto annotate` did; GTO 1.x has no such command any more). Versions are
registered and stages assigned with the real `gto` CLI, one commit per change of the model
files at fixed dates (GTO's tags carry the time they are made: dulwich takes no date from the
environment):

    churn           v1.0.0, v1.1.0, v1.2.0   prod: v1.0.0 then v1.1.0 (the later one counts); staging: v1.2.0
    Fraud_Detector  v0.1.0, v0.2.0, v0.3.0   prod: v0.2.0; shadow: v0.3.0; dev: v0.1.0 (no spog role)

OUT.json: per artifact its GTO name, expected spog id, annotation, versions (tag, commit, date),
the current stage of each version, the deployments spog should write (prod -> champion, staging
and shadow -> challenger), and `gto show --json` for every artifact as GTO itself reports it.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

from repo_common import new_repo, run_or_exit

from gto.index import RepoIndexManager

BIN = Path(sys.executable).parent
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Ana Lopez", "GIT_AUTHOR_EMAIL": "ana@acme.example",
    "GIT_COMMITTER_NAME": "Ana Lopez", "GIT_COMMITTER_EMAIL": "ana@acme.example",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
}

ARTIFACTS = {
    "churn": {"type": "model", "path": "models/churn.pkl", "description": "Monthly churn propensity.", "labels": ["tabular", "tier-1"]},
    "Fraud_Detector": {"type": "model", "path": "models/fraud.onnx", "description": "Card fraud scores before authorisation.", "labels": ["realtime"]},
}
# The history, in order: (date, what). "commit" changes a model file and commits it.
# The dates of register/assign steps are only their order: GTO's tags are made now.
STEPS = [
    ("2026-07-01T09:00:00Z", ("commit", "churn", "Fraud_Detector")),
    ("2026-07-01T10:00:00Z", ("register", "churn", "v1.0.0")),
    ("2026-07-01T10:05:00Z", ("register", "Fraud_Detector", "v0.1.0")),
    ("2026-07-02T09:00:00Z", ("assign", "churn", "v1.0.0", "prod")),
    ("2026-07-02T09:05:00Z", ("assign", "Fraud_Detector", "v0.1.0", "dev")),
    ("2026-08-04T09:00:00Z", ("commit", "churn", "Fraud_Detector")),
    ("2026-08-04T10:00:00Z", ("register", "churn", "v1.1.0")),
    ("2026-08-04T10:05:00Z", ("register", "Fraud_Detector", "v0.2.0")),
    ("2026-08-10T09:00:00Z", ("assign", "churn", "v1.1.0", "prod")),
    ("2026-08-10T09:05:00Z", ("assign", "Fraud_Detector", "v0.2.0", "prod")),
    ("2026-09-15T09:00:00Z", ("commit", "churn", "Fraud_Detector")),
    ("2026-09-15T10:00:00Z", ("register", "churn", "v1.2.0")),
    ("2026-09-15T10:05:00Z", ("register", "Fraud_Detector", "v0.3.0")),
    ("2026-09-16T09:00:00Z", ("assign", "churn", "v1.2.0", "staging")),
    ("2026-09-16T09:05:00Z", ("assign", "Fraud_Detector", "v0.3.0", "shadow")),
]
STAGE_ROLES = {"prod": ("champion", "production"), "staging": ("challenger", "shadow"), "shadow": ("challenger", "shadow")}


def run(cwd: Path, *cmd: str, date: str | None = None) -> str:
    env = {**ENV, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    return run_or_exit("make_gto_repo", cwd, cmd, env)


def tag_date(repo: Path, tag: str) -> str:
    """When a tag was made (GTO's tags carry the time they were made, whatever GIT_COMMITTER_DATE says)."""
    return run(repo, "git", "for-each-ref", "--format=%(taggerdate:iso-strict)", f"refs/tags/{tag}").strip()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def main() -> int:
    made = new_repo("make_gto_repo", __doc__, ENV)
    if made is None:
        return 2
    repo, out = made
    (repo / "models").mkdir()
    (repo / "README.md").write_text("# Models\n\nArtifacts registered with GTO.\n")

    with RepoIndexManager.from_url(str(repo)) as index:
        for name, a in ARTIFACTS.items():
            index.add(name, type=a["type"], path=a["path"], must_exist=False, allow_same_path=False,
                      labels=a["labels"], description=a["description"], custom=None, update=False)

    versions: dict[str, list[dict]] = {name: [] for name in ARTIFACTS}
    assignments: list[dict] = []
    n_commit = 0
    for date, (op, *args) in STEPS:
        if op == "commit":
            n_commit += 1
            for name in args:
                (repo / ARTIFACTS[name]["path"]).write_text(f"{name} weights, training {n_commit}\n")
            run(repo, "git", "add", "-A")
            run(repo, "git", "commit", "-q", "-m", f"Train {', '.join(args)} ({n_commit})", date=date)
        elif op == "register":
            name, version = args
            run(repo, "gto", "register", name, "HEAD", "--version", version, "-m", f"Register {name} {version}")
            tag = f"{name}@{version}"
            versions[name].append({"version": version, "id": version, "tag": tag, "commit": run(repo, "git", "rev-parse", "HEAD").strip(), "committed_at": run(repo, "git", "show", "-s", "--format=%cI", "HEAD").strip(), "registered_at": tag_date(repo, tag)})
        elif op == "assign":
            name, version, stage = args
            if any(a["artifact"] == name and a["stage"] == stage for a in assignments):
                # GTO orders assignments by their tags' times, in whole seconds.
                time.sleep(1.1)
            before = set(run(repo, "git", "tag", "--list").split())
            run(repo, "gto", "assign", name, "--version", version, "--stage", stage, "-m", f"{name} {version} to {stage}")
            new = sorted(set(run(repo, "git", "tag", "--list").split()) - before)
            if len(new) != 1:
                sys.exit(f"make_gto_repo: gto assign {name} {version} --stage {stage} made tags {new}, expected one")
            assignments.append({"artifact": name, "version": version, "stage": stage, "tag": new[0], "at": tag_date(repo, new[0])})

    # A stage holds the version assigned to it last.
    stages: dict[str, dict[str, dict]] = {name: {} for name in ARTIFACTS}
    for a in assignments:
        stages[a["artifact"]][a["stage"]] = a
    artifacts = []
    for name, a in ARTIFACTS.items():
        show = json.loads(run(repo, "gto", "show", name, "--json"))
        current = {stage: s["version"] for stage, s in sorted(stages[name].items())}
        artifacts.append({
            "name": name,
            "id": slug(name),
            **a,
            "versions": [{**v, "stages": sorted(st for st, ver in current.items() if ver == v["version"])} for v in versions[name]],
            "stages": current,
            "deployments": [
                {"version": ver, "role": STAGE_ROLES[st][0], "mode": STAGE_ROLES[st][1], "since": stages[name][st]["at"][:10], "assigned_at": stages[name][st]["at"]}
                for st, ver in current.items() if st in STAGE_ROLES
            ],
            "unmapped_stages": sorted(st for st in current if st not in STAGE_ROLES),
            "gto_show": show,
        })

    truth = {
        "repo": str(repo),
        "gto_version": run(repo, "gto", "--version").strip(),
        "head": run(repo, "git", "rev-parse", "HEAD").strip(),
        "stage_roles": {st: {"role": r, "mode": m} for st, (r, m) in STAGE_ROLES.items()},
        "artifacts": artifacts,
        "assignments": assignments,
        "tags": run(repo, "git", "tag", "--list").split(),
        "gto_show": json.loads(run(repo, "gto", "show", "--json")),
    }
    out.write_text(json.dumps(truth, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
