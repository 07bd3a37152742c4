"""What a pipeline author notices when logging with spog-client: the messages of a refused batch,
logging twice keeps one line, a conflict refuses everything, each file is written once."""
from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

import spog
from spog import ConflictError, LogError, NotARegistry, Registry, RegistryFormatError

from conftest import REPO

METRICS = Path("models/churn/metrics")


def rec(**kw: object) -> dict[str, object]:
    r: dict[str, object] = {"model": "churn", "ts": "2026-10-31T06:00:00Z", "version": "v2", "metric": "auc", "value": 0.838, "n": 5120, "run": "nightly-2026-10-31"}
    r.update(kw)
    return r


def lines(registry: Path, rel: str) -> list[str]:
    return (registry / rel).read_text(encoding="utf-8").splitlines()


def test_a_day_of_metrics_goes_to_the_month_file_in_canonical_form(registry: Path) -> None:
    result = Registry(registry).log_metrics([rec(), rec(value=0.81, n=2400, slice={"sex": "female", "age-band": "18-25"})])
    assert str(result) == "models/churn/metrics/2026-10.ndjson: 2 records appended"
    assert result.written == 2 and result.duplicates == 0
    assert lines(registry, "models/churn/metrics/2026-10.ndjson")[-2:] == [
        '{"ts":"2026-10-31T06:00:00Z","version":"v2","metric":"auc","value":0.838,"n":5120,"run":"nightly-2026-10-31"}',
        '{"ts":"2026-10-31T06:00:00Z","version":"v2","metric":"auc","value":0.81,"n":2400,"slice":{"age-band":"18-25","sex":"female"},"run":"nightly-2026-10-31"}',
    ]


def test_logging_the_same_day_twice_keeps_it_once(registry: Path) -> None:
    reg = Registry(registry)
    reg.log_metrics([rec(), rec(metric="null_rate", value=0.01)])
    before = (registry / METRICS / "2026-10.ndjson").read_bytes()
    again = reg.log_metrics([rec(), rec(metric="null_rate", value=0.01)])
    assert (again.written, again.duplicates) == (0, 2)
    assert str(again) == "models/churn/metrics/2026-10.ndjson: 0 records appended, 2 already present (kept once)"
    assert (registry / METRICS / "2026-10.ndjson").read_bytes() == before


def test_a_refused_batch_lists_every_problem_by_record_and_field_and_writes_nothing(registry: Path) -> None:
    before = (registry / METRICS / "2026-10.ndjson").read_bytes()
    with pytest.raises(LogError) as e:
        Registry(registry).log_metrics([rec(), rec(value="0.8"), rec(metric="acu"), rec(version="v9"), rec(ts="2026-02-30"), rec(n=True), rec(slice={"Region": "eu"})])
    assert e.value.code == "invalid"
    problems = e.value.problems
    assert problems == [
        "records[1]  value: must be a number, not a string (expected a finite number, e.g. 0.83)",
        "records[4]  ts: \"2026-02-30\" is not a real calendar date or time (expected a real date, e.g. \"2026-10-31\" or \"2026-10-31T06:00:00Z\")",
        "records[5]  n: must be a number, not a boolean (expected a finite number, e.g. 5120)",
        'records[6]  slice: key "Region" is not a lowercase slug (expected a-z, 0-9, "_" and "-", e.g. {"slice": {"region": "eu"}})',
        'records[2]  metric: model "churn" has no metric "acu" yet (did you mean "auc"?); it has "accuracy", "auc", "brier", "latency_p95_ms", '
        '"log_loss", "null_rate", "pr_auc", "recall", "selection_rate" (in its card, versions and metric lines); pass new_metric=True to start a new one, '
        'or leave it out (daily_records(metrics=[...]) chooses the metrics it makes)',
        f'records[3]  version: model "churn" has no version "v9" (expected {registry / "models/churn/versions/v9.yaml"}; add the version file first)',
    ]
    assert str(e.value).endswith("nothing written (6 problems)")
    assert (registry / METRICS / "2026-10.ndjson").read_bytes() == before
    assert not (registry / METRICS / "2026-10.ndjson.lock").exists()


def test_a_timestamp_more_than_a_day_ahead_is_refused_as_a_typo(registry: Path) -> None:
    now = datetime(2026, 10, 31, 12, tzinfo=timezone.utc)
    Registry(registry).log_metric("churn", "v2", "auc", 0.8, ts="2026-11-01T11:00:00Z", now=now)
    with pytest.raises(LogError, match=r"log_metric\(\)  ts: 2026-11-02 is in the future \(now is 2026-10-31T12:00:00Z\)"):
        Registry(registry).log_metric("churn", "v2", "auc", 0.8, ts="2026-11-02", now=now)


def test_a_conflict_with_an_existing_line_refuses_the_whole_batch_and_says_where(registry: Path) -> None:
    with pytest.raises(ConflictError) as e:
        Registry(registry).log_metrics([rec(run="other"), rec(ts="2026-10-01T00:00:00Z", value=0.5, n=1000, run="r1")])
    assert e.value.code == "conflict"
    assert e.value.problems == [
        "records[1]: models/churn/metrics/2026-10.ndjson:1 already holds this record (same ts, version, name, slice and run) with a different value; "
        "give the new one its own run id, or correct the existing line"
    ]
    assert "other" not in (registry / METRICS / "2026-10.ndjson").read_text()


def test_each_file_is_written_once_per_call_whatever_the_number_of_records(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renamed: list[str] = []
    real = os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: (renamed.append(os.fspath(b)), real(a, b))[1])
    records = [rec(run=f"r{i}", ts=f"2026-{m:02d}-15") for m in (9, 10, 11) for i in range(50)]
    result = Registry(registry).log_metrics(records)
    assert [f.path for f in result.files] == [f"models/churn/metrics/2026-{m:02d}.ndjson" for m in (9, 10, 11)]
    assert sorted(Path(p).name for p in renamed if p.endswith(".ndjson")) == ["2026-09.ndjson", "2026-10.ndjson", "2026-11.ndjson"]
    assert str(result).endswith("150 records written, 0 duplicates skipped")


def test_python_values_a_pipeline_has_are_taken_as_their_json(registry: Path) -> None:
    reg = Registry(registry)
    reg.log_metric("churn", "v2", "auc", np.float32(0.5), ts=datetime(2026, 10, 30, 6, tzinfo=timezone(timedelta(hours=2))), n=np.int64(12), run="np")
    reg.log_metric("churn", "v2", "auc", 5, ts=date(2026, 10, 29), run="int")
    assert lines(registry, "models/churn/metrics/2026-10.ndjson")[-2:] == [
        '{"ts":"2026-10-30T04:00:00Z","version":"v2","metric":"auc","value":0.5,"n":12,"run":"np"}',
        '{"ts":"2026-10-29","version":"v2","metric":"auc","value":5,"run":"int"}',
    ]
    with pytest.raises(LogError, match=r"value: must be a finite number \(not NaN or Infinity\)"):
        reg.log_metric("churn", "v2", "auc", float("nan"), ts="2026-10-29")
    with pytest.raises(LogError, match=r"value: must be a number, not a Python set"):
        reg.log_metric("churn", "v2", "auc", {1}, ts="2026-10-29")  # type: ignore[arg-type]


def test_windows_single_and_batch_and_the_reference_for_the_histogram_helper(registry: Path) -> None:
    reg = Registry(registry)
    ref = reg.reference("churn")
    assert ref is not None and ref["features"]["tenure"]["histogram"]["edges"] == [0, 12, 24, 48]
    assert reg.reference("nope") is None
    result = reg.log_features([
        {"model": "churn", "ts": "2026-10-31", "version": "v2", "feature": "plan", "type": "categorical", "counts": {"basic": 60, "pro": 9}},
        {"model": "churn", "ts": "2026-10-31", "version": "v2", "features": {"tenure": {"type": "numeric", "histogram": {"counts": np.array([3, 4, 5])}}},
         "prediction": {"type": "numeric", "sample": np.array([0.25, 0.5])}, "run": "d"},
    ])
    assert str(result) == "models/churn/features/2026-10.ndjson: 2 windows appended"
    assert lines(registry, "models/churn/features/2026-10.ndjson")[-1] == (
        '{"ts":"2026-10-31","version":"v2","features":{"tenure":{"type":"numeric","histogram":{"counts":[3,4,5]}}},'
        '"prediction":{"type":"numeric","sample":[0.25,0.5]},"run":"d"}'
    )
    with pytest.raises(LogError, match=r'features.tenure.histogram.edges: a histogram of "tenure" without edges needs a histogram of 2 bins'):
        reg.log_features([{"model": "churn", "ts": "2026-10-31", "version": "v2", "features": {"tenure": {"type": "numeric", "histogram": {"counts": [1, 2]}}}}])


def test_a_model_given_once_applies_to_every_record_and_must_agree(registry: Path) -> None:
    r = {k: v for k, v in rec().items() if k != "model"}
    assert Registry(registry).log_metrics([r], model="churn").written == 1
    with pytest.raises(LogError, match=r'records\[0\]  model: "other" differs from model=\'churn\''):
        Registry(registry).log_metrics([rec(model="other")], model="churn")
    with pytest.raises(LogError, match=r"records\[0\]  model: missing"):
        Registry(registry).log_metrics([r])


def test_a_folder_without_models_is_not_a_registry(tmp_path: Path) -> None:
    with pytest.raises(NotARegistry, match="is not a registry"):
        Registry(tmp_path)


def test_the_public_api_is_what_the_histogram_helper_imports() -> None:
    assert {"Registry", "LogResult", "LogError", "commit_and_push"} <= set(spog.__all__)
    assert (Path(spog.__file__).parent / "py.typed").exists()


def test_a_month_of_daily_records_with_metrics_the_model_lacks_is_one_problem_per_metric(registry: Path) -> None:
    # daily_records makes auc, accuracy, precision, recall and selection_rate; churn has no precision (nor f1).
    made = ("auc", "accuracy", "precision", "recall", "selection_rate", "f1")
    records = [rec(ts=f"2026-10-{d:02d}T23:59:59Z", metric=m, run=f"daily-{d}") for d in range(1, 31) for m in made]
    before = (registry / METRICS / "2026-10.ndjson").read_bytes()
    with pytest.raises(LogError) as e:
        Registry(registry).log_metrics(records)
    assert len(e.value.problems) == 2
    assert e.value.problems[0].startswith(
        'records[2], records[8], records[14], ... (30 records)  metric: model "churn" has no metric "precision" yet; it has "accuracy", "auc", ')
    assert e.value.problems[0].endswith("pass new_metric=True to start a new one, or leave it out (daily_records(metrics=[...]) chooses the metrics it makes)")
    assert e.value.problems[1].startswith('records[5], records[11], records[17], ... (30 records)  metric: model "churn" has no metric "f1" yet')
    assert str(e.value).endswith("nothing written (2 problems)")
    assert (registry / METRICS / "2026-10.ndjson").read_bytes() == before
    # Leaving them out (daily_records(metrics=[...])) is accepted, as new_metric=True would be.
    assert Registry(registry).log_metrics([r for r in records if r["metric"] not in ("precision", "f1")]).written == 120


def test_a_wrong_version_in_every_record_is_one_problem_naming_the_records(registry: Path) -> None:
    with pytest.raises(LogError) as e:
        Registry(registry).log_metrics([rec(version="v9", run="a"), rec(version="v9", run="b"), rec(version="v8")])
    assert [re.sub(r"\(expected .*", "", p) for p in e.value.problems] == [
        'records[0], records[1] (2 records)  version: model "churn" has no version "v9" ',
        'records[2]  version: model "churn" has no version "v8" ',
    ]


def test_the_repository_root_given_for_the_registry_is_refused_with_the_registry_folder_to_pass(tmp_path: Path) -> None:
    (tmp_path / "registry" / "models").mkdir(parents=True)
    with pytest.raises(NotARegistry, match=re.escape(f"pass {tmp_path / 'registry'}, the registry folder inside it")):
        Registry(tmp_path)
    Registry(tmp_path / "registry")


def test_a_registry_of_a_newer_format_is_refused_with_the_upgrade_to_make(registry: Path) -> None:
    config = registry / "spog.yaml"
    config.write_text("format_version: 2\n" + config.read_text())
    with pytest.raises(RegistryFormatError) as e:
        Registry(registry)
    assert isinstance(e.value, LogError) and e.value.code == "registry-format"
    assert (e.value.found, e.value.supported) == (2, spog.FORMAT_VERSION)
    assert str(e.value) == (f"{config}: format_version 2 is a newer registry format than this spog-client reads (up to 1): "
                            "upgrade spog-client to the spog version in the registry repo's package.json")


def test_a_registry_upgraded_while_a_pipeline_runs_is_not_written_to(registry: Path) -> None:
    reg = Registry(registry)
    config = registry / "spog.yaml"
    config.write_text("format_version: 2\n" + config.read_text())
    before = (registry / METRICS / "2026-10.ndjson").read_bytes()
    with pytest.raises(RegistryFormatError):
        reg.log_metrics([rec()])
    assert (registry / METRICS / "2026-10.ndjson").read_bytes() == before


def test_a_registry_of_an_older_format_says_to_run_spog_migrate(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("spog.registry.FORMAT_VERSION", 2)  # a later client; the registry has no format_version (1)
    with pytest.raises(RegistryFormatError, match=r"spog.yaml: format_version 1 is an older registry format; this spog-client reads format 2: "
                                                   r"run `npx --no-install spog migrate`"):
        Registry(registry)


@pytest.mark.parametrize("text", ["format_version: [1\n", "format_version: two\n", "format_version: 0\n", "- a list\n", "x: &a 1\ny: *a\n", "\ufffe\x00"])
def test_a_spog_yaml_the_client_cannot_read_is_left_to_spog_validate(registry: Path, text: str) -> None:
    (registry / "spog.yaml").write_text(text)
    Registry(registry).log_metrics([rec()])
    (registry / "spog.yaml").unlink()
    Registry(registry)


def test_the_format_the_client_reads_is_the_one_spog_reads() -> None:
    ts = (REPO / "src" / "schema" / "config.ts").read_text(encoding="utf-8")
    m = re.search(r"^export const FORMAT_VERSION = (\d+);$", ts, re.M)
    assert m is not None
    assert spog.FORMAT_VERSION == int(m.group(1))


def test_the_cards_task_is_read_for_daily_records(registry: Path) -> None:
    reg = Registry(registry)
    assert reg.task("churn") == "binary_classification"
    assert reg.task("nope") is None and reg.task("../x") is None
