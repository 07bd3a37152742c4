"""Metric lines and feature windows as ``spog log`` writes them (src/workflow/records.ts): one
canonical line (fixed key order, slice keys sorted, no spaces), and the identity and payload that
decide whether a record is already present (same identity and payload: kept once), or conflicts
(same identity, another payload: the batch is refused)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ._jsjson import dumps, js_number
from ._time import iso_to_ms
from ._validate import check_window, is_batch, to_js

__all__ = ["StoreRecord", "metric_record", "window_record", "identify_metric", "identify_window", "parse_line"]


@dataclass(frozen=True)
class StoreRecord:
    """One line to append and what makes it the same record as an existing line."""

    line: str
    identity: str
    payload: str
    #: A text every existing line of the same identity contains (a cheap filter before parsing).
    hint: str
    source: str


Identify = Callable[[Any], Optional[tuple[str, str]]]


def _num(v: float) -> str:
    return js_number(v)


def _slice_key(s: dict[str, str] | None) -> str:
    return ",".join(f"{k}={s[k]}" for k in sorted(s, key=lambda k: k.encode("utf-16-be", "surrogatepass"))) if s else ""


def _metric_identity(ts: str, version: str, metric: str, slice_: dict[str, str] | None, run: str | None) -> str:
    return f"{iso_to_ms(ts)}\0{version}\0{metric}\0{_slice_key(slice_ or None)}\0{run if run is not None else ''}"


def metric_record(m: dict[str, Any], source: str) -> StoreRecord:
    """The canonical line of a valid metric record: ts, version, metric, value, n, slice, run."""
    o: dict[str, Any] = {"ts": m["ts"], "version": m["version"], "metric": m["metric"], "value": m["value"]}
    if "n" in m:
        o["n"] = m["n"]
    s = m.get("slice")
    if s:
        o["slice"] = {k: s[k] for k in sorted(s)}
    if "run" in m:
        o["run"] = m["run"]
    n = m.get("n")
    return StoreRecord(
        line=dumps(o),
        identity=_metric_identity(m["ts"], m["version"], m["metric"], s, m.get("run")),
        payload=f"{_num(m['value'])}\0{_num(n) if n is not None else ''}",
        hint=m["ts"][:10],
        source=source,
    )


def identify_metric(v: Any) -> tuple[str, str] | None:
    """Identity and payload of an existing line (parsed, JavaScript-shaped); None when it is not a metric record.
    Only the identity fields are checked, as spog does."""
    if not isinstance(v, dict):
        return None
    ts, version, metric, value = v.get("ts"), v.get("version"), v.get("metric"), v.get("value")
    if not (isinstance(ts, str) and isinstance(version, str) and isinstance(metric, str) and isinstance(value, float)):
        return None
    run = v.get("run")
    if "run" in v and not isinstance(run, str):
        return None
    n = v.get("n")
    if "n" in v and not isinstance(n, float):
        return None
    s = v.get("slice")
    if "slice" in v:
        if not isinstance(s, dict) or not all(isinstance(x, str) for x in s.values()):
            return None
    if iso_to_ms(ts) is None:
        return None
    return _metric_identity(ts, version, metric, s, run), f"{_num(value)}\0{_num(n) if n is not None else ''}"


def _window_payload(w: dict[str, Any]) -> str:
    t = w["type"]
    if "sample" in w:
        return dumps({"type": t, "sample": w["sample"]})
    if "histogram" in w:
        return dumps({"type": t, "histogram": {"edges": w["histogram"]["edges"], "counts": w["histogram"]["counts"]}})
    return dumps({"type": t, "counts": w["counts"]})


def _window_identity(w: dict[str, Any]) -> str:
    run = w.get("run")
    return f"{iso_to_ms(w['ts'])}\0{w['version']}\0{w['feature']}\0{w.get('role', 'input')}\0{run if run is not None else ''}"


def _batch_distribution(d: dict[str, Any]) -> dict[str, Any]:
    if "sample" in d:
        return {"type": d["type"], "sample": d["sample"]}
    if "histogram" in d:
        h = d["histogram"]
        return {"type": d["type"], "histogram": {"edges": h["edges"], "counts": h["counts"]} if "edges" in h else {"counts": h["counts"]}}
    return {"type": d["type"], "counts": d["counts"]}


def _batch_body(b: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"features": {k: _batch_distribution(d) for k, d in b["features"].items()}}
    if "prediction" in b:
        body["prediction"] = _batch_distribution(b["prediction"])
    return body


def _batch_identity(b: dict[str, Any]) -> str:
    run = b.get("run")
    return f"{iso_to_ms(b['ts'])}\0{b['version']}\0\0batch\0{run if run is not None else ''}"


def window_record(w: dict[str, Any], source: str) -> StoreRecord:
    """The canonical line of a valid window: a single one (ts, version, feature, role, type,
    distribution, run) or a batch (ts, version, features in the record's order, prediction, run)."""
    if is_batch(w):
        body = _batch_body(w)
        o: dict[str, Any] = {"ts": w["ts"], "version": w["version"], **body}
        if "run" in w:
            o["run"] = w["run"]
        return StoreRecord(dumps(o), _batch_identity(w), dumps(body), w["ts"][:10], source)
    o = {"ts": w["ts"], "version": w["version"], "feature": w["feature"], "role": w.get("role", "input"), "type": w["type"]}
    if "sample" in w:
        o["sample"] = w["sample"]
    if "histogram" in w:
        o["histogram"] = {"edges": w["histogram"]["edges"], "counts": w["histogram"]["counts"]}
    if "counts" in w:
        o["counts"] = w["counts"]
    if "run" in w:
        o["run"] = w["run"]
    return StoreRecord(dumps(o), _window_identity(w), _window_payload(w), w["ts"][:10], source)


def identify_window(v: Any) -> tuple[str, str] | None:
    """Identity and payload of an existing feature line (single or batch), checked by the schema alone."""
    if not isinstance(v, dict):
        return None
    ok, _ = check_window(v, "", guard=False)
    if ok is None:
        return None
    if is_batch(v):
        return _batch_identity(v), dumps(_batch_body(v))
    return _window_identity(v), _window_payload(v)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_line(text: str) -> Any:
    """``JSON.parse`` of a line, JavaScript-shaped (numbers as float, keys in JavaScript's order); raises ValueError."""
    return to_js(json.loads(text, parse_constant=_no_constant))
