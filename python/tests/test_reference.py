"""``Registry.write_reference``: the training distributions a pipeline bins its windows on,
written so that ``spog validate`` accepts them, or refused with every problem and nothing written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from spog import LogError, Registry

from conftest import run_spog

REFERENCE = {
    "version": "v2",
    "created_at": "2026-10-01",
    "features": {
        "tenure": {"type": "numeric", "histogram": {"edges": [0, 6, 12.5, 24, 60], "counts": [40, 25, 20, 15]}},
        "plan": {"type": "categorical", "counts": {"basic": 70, "pro": 30}},
    },
    "prediction": {"type": "numeric", "histogram": {"edges": [0, 0.5, 1], "counts": [80, 20]}},
}


def test_a_reference_written_from_python_is_one_spog_validate_accepts_and_windows_use_its_bins(registry: Path) -> None:
    ref_file = registry / "models" / "churn" / "features" / "reference.json"
    for f in ref_file.parent.iterdir():  # a model without production windows yet
        f.unlink()
    reg = Registry(registry)
    written = reg.write_reference("churn", REFERENCE)
    assert Path(written) == ref_file
    assert ref_file.read_text() == json.dumps(REFERENCE, separators=(",", ":")) + "\n"
    # A batch window may now leave out its edges: the reference has that feature's bins.
    reg.log_features([{"model": "churn", "ts": "2026-10-30T06:00:00Z", "version": "v2", "run": "r1",
                       "features": {"tenure": {"type": "numeric", "histogram": {"counts": [4, 3, 2, 1]}}}}])
    r = run_spog("validate", str(registry), "--json")
    assert json.loads(r.stdout)["valid"] is True, r.stdout


def test_an_existing_reference_is_kept_unless_replaced_since_logged_windows_were_binned_on_it(registry: Path) -> None:
    reg = Registry(registry)
    ref_file = registry / "models" / "churn" / "features" / "reference.json"
    if not ref_file.exists():
        reg.write_reference("churn", REFERENCE)
    before = ref_file.read_bytes()
    with pytest.raises(LogError, match="exists with other content: windows already logged were binned on its edges; pass replace=True"):
        reg.write_reference("churn", {**REFERENCE, "created_at": "2026-10-02"})
    assert ref_file.read_bytes() == before
    reg.write_reference("churn", {**REFERENCE, "created_at": "2026-10-02"}, replace=True)
    assert json.loads(ref_file.read_text())["created_at"] == "2026-10-02"


def test_a_malformed_reference_lists_every_problem_and_writes_nothing(registry: Path) -> None:
    reg = Registry(registry)
    ref_file = registry / "models" / "churn" / "features" / "reference.json"
    before = ref_file.read_bytes() if ref_file.exists() else None
    bad = {"version": "V 2", "features": {"tenure": {"type": "numeric", "histogram": {"counts": [1, 2]}}, "plan": {"type": "ordinal"}}}
    with pytest.raises(LogError) as e:
        reg.write_reference("churn", bad, replace=True)
    text = "\n".join(e.value.problems)
    assert "version" in text and "features.tenure.histogram.edges: required field is missing" in text and "features.plan.type" in text
    assert (ref_file.read_bytes() if ref_file.exists() else None) == before
    with pytest.raises(LogError, match="no model nope"):
        reg.write_reference("nope", REFERENCE)
    with pytest.raises(LogError, match="churn has no version v9"):
        reg.write_reference("churn", {**REFERENCE, "version": "v9"}, replace=True)


def test_writing_the_same_reference_again_does_nothing_so_a_retried_pipeline_goes_on(registry: Path) -> None:
    reg = Registry(registry)
    ref_file = registry / "models" / "churn" / "features" / "reference.json"
    assert reg.write_reference("churn", REFERENCE, replace=True) == str(ref_file)
    before, stat = ref_file.read_bytes(), ref_file.stat()
    # The same JSON: other key order, 6.0 for 6 (a retry that rebuilt it from the same training data).
    again = {"prediction": REFERENCE["prediction"], "features": {"plan": REFERENCE["features"]["plan"], "tenure": {
        "histogram": {"counts": [40, 25, 20, 15], "edges": [0.0, 6.0, 12.5, 24, 60]}, "type": "numeric"}},
        "created_at": "2026-10-01", "version": "v2"}
    assert reg.write_reference("churn", again) == str(ref_file)
    assert ref_file.read_bytes() == before and ref_file.stat().st_mtime_ns == stat.st_mtime_ns
    # A file laid out by hand with the same content is the same reference too.
    ref_file.write_text(json.dumps(REFERENCE, indent=2))
    assert reg.write_reference("churn", REFERENCE) == str(ref_file)
    assert ref_file.read_text() == json.dumps(REFERENCE, indent=2)
    assert sorted(p.name for p in ref_file.parent.iterdir() if "reference" in p.name) == ["reference.json"]
    with pytest.raises(LogError, match="exists with other content"):
        reg.write_reference("churn", {**REFERENCE, "features": {**REFERENCE["features"], "plan": {"type": "categorical", "counts": {"basic": 71, "pro": 29}}}})
