"""The YAML spog-client reads for metric names equals what spog's parser (the yaml npm package,
YAML 1.2) reads, on every YAML file and card front matter of the demo registry, with the built-in
reader and with PyYAML; what the built-in reader does not handle is refused by name."""
from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Any

import pytest

from spog._yaml import YamlSyntaxError, YamlUnsupported, front_matter, load_yaml

from conftest import NODE, REPO

DEMO = REPO / "registry"
FILES = sorted([*DEMO.rglob("*.yaml"), *DEMO.rglob("*.yml"), *DEMO.rglob("README.md")])


def _norm(v: Any) -> Any:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        # JSON carries neither NaN nor infinities: JSON.stringify writes null.
        return None if not math.isfinite(v) else float(v)
    if isinstance(v, dict):
        return [[k, _norm(x)] for k, x in v.items()]
    return [_norm(x) for x in v]


@pytest.fixture(scope="module")
def javascript() -> dict[str, Any]:
    r = subprocess.run([str(NODE), str(Path(__file__).with_name("yaml2json.mjs")), *map(str, FILES)], capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(r.stdout)


def _text(f: Path) -> str:
    text = f.read_text(encoding="utf-8")
    if f.name == "README.md":
        fm = front_matter(text)
        assert fm is not None, f
        return fm[0]
    return text


def test_the_demo_has_cards_and_versions_to_read() -> None:
    assert len([f for f in FILES if f.name == "README.md"]) >= 10 and len(FILES) >= 40


@pytest.mark.parametrize("use_pyyaml", [False, True], ids=["built-in", "pyyaml"])
def test_every_demo_yaml_file_reads_as_spog_reads_it(javascript: dict[str, Any], use_pyyaml: bool) -> None:
    for f in FILES:
        js = javascript[str(f)]
        assert "value" in js, (f, js)
        # JSON keeps JavaScript's key order; compare entries in order (nested dicts as lists of pairs).
        expected = _norm(js["value"])
        got = _norm(load_yaml(_text(f), str(f), use_pyyaml=use_pyyaml))
        assert _sorted_keys(got) == _sorted_keys(expected), f


def _sorted_keys(v: Any) -> Any:
    # JSON.stringify lists integer-like keys first; the parsed documents agree on entries, compared regardless of that order.
    if isinstance(v, list) and all(isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) for x in v) and v:
        return sorted([k, _sorted_keys(x)] for k, x in v)
    if isinstance(v, list):
        return [_sorted_keys(x) for x in v]
    return v


SAMPLES = {
    "core schema": ("a: yes\nb: 2026-10-31\nc: 0o17\nd: 0x1F\ne: 1_000\nf: .inf\ng: ~\nh: True\ni: 1e3\n", None),
    "quoted": ("a: \"x\\ty \\u00e9\"\nb: 'it''s'\nc: \"#not a comment\" # a comment\n", None),
    "flow over lines": ("data:\n  - {name: train, uri: \"s3://x/y.parquet\", rows: 120000,\n     from: \"2025-07-01\"}\n", None),
    "block scalars": ("a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: |+\n  kept\n\n", None),
    "plain over lines": ("notes: Adds tenure\n  buckets and\n\n  more.\nnext: 1\n", None),
    "nested sequences": ("a:\n- - 1\n  - 2\n- x: 1\n  y: [a, b]\n", None),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_built_in_reader_matches_javascript_on_the_subset(name: str, tmp_path: Path) -> None:
    text = SAMPLES[name][0]
    f = tmp_path / "doc.yaml"
    f.write_text(text, encoding="utf-8")
    r = subprocess.run([str(NODE), str(Path(__file__).with_name("yaml2json.mjs")), str(f)], capture_output=True, text=True, cwd=REPO, check=True)
    expected = _norm(json.loads(r.stdout)[str(f)]["value"])
    assert _sorted_keys(_norm(load_yaml(text, "doc.yaml", use_pyyaml=False))) == _sorted_keys(expected)
    assert _sorted_keys(_norm(load_yaml(text, "doc.yaml", use_pyyaml=True))) == _sorted_keys(expected)


@pytest.mark.parametrize("text,what", [
    ("a: &x 1\nb: *x\n", "an anchor, alias or tag"),
    ("a: !!str 1\n", "an anchor, alias or tag"),
    ("? [a, b]\n: 1\n", "a complex mapping key"),
    ("a: 1\n---\nb: 2\n", "a second document"),
])
def test_yaml_beyond_the_subset_names_the_file_the_line_and_the_extra_to_install(text: str, what: str) -> None:
    with pytest.raises(YamlUnsupported) as e:
        load_yaml(text, "models/churn/versions/v3.yaml", use_pyyaml=False)
    assert what in str(e.value)
    assert str(e.value).startswith("models/churn/versions/v3.yaml:")
    assert 'pip install PyYAML' in str(e.value)


def test_a_yaml_error_says_the_line() -> None:
    with pytest.raises(YamlSyntaxError) as e:
        load_yaml("a: 1\nb:\n\tc: 2\n", "v.yaml", use_pyyaml=False)
    assert e.value.line == 3 and "tab" in str(e.value)
    with pytest.raises(YamlSyntaxError):
        load_yaml("a: 1\na: 2\n", "v.yaml", use_pyyaml=False)
