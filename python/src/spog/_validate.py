"""The field rules of metric lines and feature windows (src/schema/metric.ts, features.ts,
line-rules.ts, common.ts), checked in Python: the same inputs are accepted and refused as by
``spog log`` and ``spog log-features``, each problem named by record, field, what was expected
and an example.

Input first becomes JavaScript-shaped values (``to_js``): str, float, bool, None, dict (in
JavaScript's key order), list; a value of any other type becomes ``Unsupported`` and is refused
where it stands.
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._jsjson import js_keys, utf16_len
from ._time import DATE_RE, is_valid_iso_date

__all__ = ["Problem", "Unsupported", "to_js", "check_metric", "check_window", "is_batch", "FORBIDDEN_KEYS"]

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
VERSION_RE = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$")
SLICE_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
METRIC_NAME_MAX = 100
RUN_MAX = 200
MAX_SAMPLE = 100_000
MAX_DEPTH = 64
#: Names every JavaScript object has (Object.prototype's) and "prototype": never a key or a name.
FORBIDDEN_KEYS = frozenset([
    "constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
    "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString", "prototype",
])


@dataclass(frozen=True)
class Problem:
    """One refused field of one record: where, which field, what is wrong, what was expected, an example."""

    source: str
    field: str
    message: str
    expected: str = ""
    example: str = ""

    def __str__(self) -> str:
        hint = ", ".join(x for x in (f"expected {self.expected}" if self.expected else "", f"e.g. {self.example}" if self.example else "") if x)
        return f"{self.source}  {self.field + ': ' if self.field else ''}{self.message}{f' ({hint})' if hint else ''}"


class Unsupported:
    """A Python value with no JSON equivalent (a set, bytes, an object): refused where it stands."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name


class NonStringKey(str):
    """A mapping key that was not a string (refused; kept as text so the record can still be walked)."""


def to_js(v: Any) -> Any:
    """The JavaScript value a Python value stands for: numbers as float, mappings as dict in JavaScript's
    key order, sequences (and numpy arrays, through ``tolist``) as list."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return v
    if v is None:
        return None
    if isinstance(v, float):
        return v
    if isinstance(v, numbers.Real):
        try:
            return float(v)
        except OverflowError:
            # An integer beyond the largest double: JSON.parse reads such a literal as Infinity.
            return -math.inf if isinstance(v, int) and v < 0 else math.inf
    dtype = getattr(v, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", "") == "b" and getattr(v, "shape", None) == ():
        return bool(v)
    if isinstance(v, Mapping):
        out: dict[str, Any] = {}
        for k, x in v.items():
            key = k if isinstance(k, str) else NonStringKey(str(k))
            out[key] = to_js(x)
        return {k: out[k] for k in js_keys(out)}
    if isinstance(v, (list, tuple)):
        return [to_js(x) for x in v]
    tolist = getattr(v, "tolist", None)
    if callable(tolist) and not isinstance(v, (bytes, bytearray)):
        return to_js(tolist())
    return Unsupported(type(v).__name__)


def _kind(v: Any) -> str:
    if isinstance(v, Unsupported):
        return f"a Python {v.type_name}"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, float):
        return "a number"
    if v is None:
        return "null"
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "a list"
    return type(v).__name__


def _is_num(v: Any) -> bool:
    return isinstance(v, float) and math.isfinite(v)


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, expected: str = "", example: str = "") -> None:
        self.problems.append(Problem(self.source, field, message, expected, example))

    def number(self, field: str, v: Any, example: str, *, nonneg: bool = False, integer: bool = False) -> bool:
        if not isinstance(v, float):
            self.add(field, f"must be a number, not {_kind(v)}", "a finite number", example)
            return False
        if not math.isfinite(v):
            self.add(field, "must be a finite number (not NaN or Infinity)", "a finite number", example)
            return False
        if integer and not (v == int(v) and abs(v) <= 2**53 - 1):
            self.add(field, f"must be a whole number, not {v!r}", "an integer", example)
            return False
        if nonneg and v < 0:
            self.add(field, f"must be at least 0, not {v!r}", "a number >= 0", example)
            return False
        return True

    def string(self, field: str, v: Any, example: str) -> bool:
        if not isinstance(v, str):
            self.add(field, f"must be a string, not {_kind(v)}", "a string", example)
            return False
        return True

    def ts(self, v: Any) -> None:
        ex = '"2026-10-31" or "2026-10-31T06:00:00Z"'
        if not self.string("ts", v, ex):
            return
        if not DATE_RE.match(v):
            self.add("ts", f'"{v}" is not an ISO 8601 date or date-time', "an ISO 8601 date or date-time", ex)
        elif not is_valid_iso_date(v):
            self.add("ts", f'"{v}" is not a real calendar date or time', "a real date", ex)

    def version(self, v: Any) -> None:
        if self.string("version", v, '"v3"') and not VERSION_RE.match(v):
            self.add("version", f'"{v}" must be a lowercase version id (a-z, 0-9, ".", "_", "-")', "a version id", '"v3" or "2026.10"')

    def name(self, field: str, v: Any, example: str, max_len: int | None = None) -> None:
        if not self.string(field, v, example):
            return
        if v == "":
            self.add(field, "must not be empty", "a name", example)
        elif max_len is not None and utf16_len(v) > max_len:
            self.add(field, f"is {utf16_len(v)} characters long, over the limit of {max_len}", f"at most {max_len} characters", example)
        elif v in FORBIDDEN_KEYS:
            self.add(field, f'"{v}" is a name every JavaScript object has, which a lookup by name would find instead of the value; choose another name', "another name", f'"{v}_1"')

    def run(self, v: Any) -> None:
        if self.string("run", v, '"airflow-2026-10-31"') and utf16_len(v) > RUN_MAX:
            self.add("run", f"is {utf16_len(v)} characters long, over the limit of {RUN_MAX}", f"at most {RUN_MAX} characters", '"airflow-2026-10-31"')

    def keys(self, prefix: str, obj: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        for k in required:
            if k not in obj:
                self.add(prefix + k, "required field is missing", f"{', '.join(allowed)}")
        for k in obj:
            if isinstance(k, NonStringKey):
                self.add(prefix + k, f"key {k} is not a string", "string keys", f'"{k}"')
            elif k not in allowed:
                near = _did_you_mean(k, list(allowed))
                self.add(prefix + k, f'unknown key "{k}"' + (f' (did you mean "{near}"?)' if near else ""), "one of " + ", ".join(f'"{a}"' for a in allowed))


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        diag, prev[0] = prev[0], i
        for j in range(1, len(b) + 1):
            tmp = prev[j]
            prev[j] = min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] != b[j - 1]))
            diag = tmp
    return prev[len(b)]


def _did_you_mean(word: str, candidates: list[str]) -> str | None:
    best, best_d = None, math.inf
    for c in candidates:
        d = _edit_distance(word.lower(), c.lower())
        if d < best_d:
            best, best_d = c, d
    return best if best is not None and best_d <= max(2, len(word) // 3) else None


def suggest_metric(name: str, known: list[str]) -> str | None:
    """The known metric name closest to ``name`` (a typo, or the same name with a qualifier), as spog suggests it."""
    def tokens(s: str) -> list[str]:
        return [t for t in re.split(r"[^a-z0-9]+", s.lower()) if t]
    own = tokens(name)
    best, best_score = None, math.inf
    for k in known:
        if k == name:
            continue
        d = _edit_distance(name.lower(), k.lower())
        typo = d <= max(2, len(name) // 3)
        kt = tokens(k)
        qualified = len(own) != len(kt) and (all(t in kt for t in own) or all(t in own for t in kt))
        if not typo and not qualified:
            continue
        score = d if typo else 10 + abs(len(own) - len(kt))
        if score < best_score:
            best, best_score = k, score
    return best


def _forbidden(v: Any, path: str, out: list[str]) -> None:
    if isinstance(v, dict):
        for k, x in v.items():
            p = f"{path}.{k}" if path else k
            if k in FORBIDDEN_KEYS:
                out.append(p)
            _forbidden(x, p, out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            _forbidden(x, f"{path}.{i}" if path else str(i), out)


def _depth(v: Any) -> int:
    if isinstance(v, dict):
        return 1 + max((_depth(x) for x in v.values()), default=0)
    if isinstance(v, list):
        return 1 + max((_depth(x) for x in v), default=0)
    return 0


def _guard(c: _Checker, rec: dict[str, Any]) -> bool:
    """Nesting and forbidden keys, checked before the fields (as spog does); False when nothing else should be checked."""
    d = _depth(rec)
    if d > MAX_DEPTH:
        c.add("", f"nests objects and lists {d} levels deep, over the limit of {MAX_DEPTH}", f"at most {MAX_DEPTH} levels")
        return False
    bad: list[str] = []
    _forbidden(rec, "", bad)
    for p in bad:
        key = p.rsplit(".", 1)[-1]
        c.add(p, f'"{key}" is a key every JavaScript object has (Object.prototype\'s); it is refused as a key', "another key", f'"{key}_1"')
    return True


METRIC_KEYS = ("ts", "version", "metric", "value", "n", "slice", "run")


def check_metric(rec: dict[str, Any], source: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A metric record (JavaScript-shaped, without ``model``): its fields when valid, else the problems."""
    c = _Checker(source)
    if not _guard(c, rec):
        return None, c.problems
    c.keys("", rec, METRIC_KEYS, ("ts", "version", "metric", "value"))
    if "ts" in rec:
        c.ts(rec["ts"])
    if "version" in rec:
        c.version(rec["version"])
    if "metric" in rec:
        c.name("metric", rec["metric"], '"auc"', METRIC_NAME_MAX)
    if "value" in rec:
        c.number("value", rec["value"], "0.83")
    if "n" in rec:
        c.number("n", rec["n"], "5120", nonneg=True, integer=True)
    if "slice" in rec:
        s = rec["slice"]
        if not isinstance(s, dict):
            c.add("slice", f"must be an object of strings, not {_kind(s)}", "an object of strings", '{"slice": {"region": "eu"}}')
        else:
            for k, x in s.items():
                if isinstance(k, NonStringKey) or not SLICE_KEY_RE.match(k):
                    c.add("slice", f'key "{k}" is not a lowercase slug', 'a-z, 0-9, "_" and "-"', '{"slice": {"region": "eu"}}')
                if not isinstance(x, str):
                    c.add(f"slice.{k}", f"must be a string, not {_kind(x)}", "a string", '{"slice": {"region": "eu"}}')
    if "run" in rec:
        c.run(rec["run"])
    return (None if c.problems else rec), c.problems


def is_batch(v: Any) -> bool:
    """A batch window has ``features`` and no ``feature`` (src/schema/features.ts isFeatureBatch)."""
    return isinstance(v, dict) and "features" in v and "feature" not in v


def _sample(c: _Checker, field: str, v: Any, numeric_only: bool) -> None:
    if not isinstance(v, list):
        c.add(field, f"must be a list, not {_kind(v)}", "a list of values", "[0.1, 0.4, 0.35]")
        return
    if len(v) > MAX_SAMPLE:
        c.add(field, f"holds {len(v)} values, over the limit of {MAX_SAMPLE}", f"at most {MAX_SAMPLE} values (send a histogram instead)")
    for i, x in enumerate(v):
        if numeric_only:
            if not _is_num(x):
                c.add(f"{field}.{i}", f"must be a finite number, not {_kind(x) if not isinstance(x, float) else x}", "a finite number", "0.4")
        elif not (_is_num(x) or isinstance(x, (str, bool))):
            c.add(f"{field}.{i}", f"must be a number, string or boolean, not {_kind(x) if not isinstance(x, float) else x}", "a number, string or boolean", '"rain"')


def _histogram(c: _Checker, field: str, h: Any, edges_optional: bool) -> None:
    ex = '{"edges": [0, 10, 20], "counts": [4, 7]}'
    if not isinstance(h, dict):
        c.add(field, f"must be an object, not {_kind(h)}", "edges and counts", ex)
        return
    allowed = ("edges", "counts")
    c.keys(field + ".", h, allowed, ("counts",) if edges_optional else allowed)
    ok = True
    edges, counts = h.get("edges"), h.get("counts")
    if "edges" in h:
        if not isinstance(edges, list):
            c.add(f"{field}.edges", f"must be a list of numbers, not {_kind(edges)}", "ascending bin edges", "[0, 10, 20]")
            ok = False
        else:
            if len(edges) < 2:
                c.add(f"{field}.edges", f"has {len(edges)} edges; a histogram needs at least 2", "at least 2 edges", "[0, 10, 20]")
                ok = False
            for i, x in enumerate(edges):
                ok = c.number(f"{field}.edges.{i}", x, "10") and ok
    if "counts" in h:
        if not isinstance(counts, list):
            c.add(f"{field}.counts", f"must be a list of numbers, not {_kind(counts)}", "a count per bin", "[4, 7]")
            ok = False
        else:
            if len(counts) < 1:
                c.add(f"{field}.counts", "is empty", "a count per bin", "[4, 7]")
                ok = False
            for i, x in enumerate(counts):
                ok = c.number(f"{field}.counts.{i}", x, "7", nonneg=True) and ok
    # The refinements run only on a histogram whose fields are well formed (as Zod's do).
    if ok and isinstance(edges, list) and isinstance(counts, list) and len(h) == len([k for k in h if k in allowed]):
        if len(edges) != len(counts) + 1:
            c.add(f"{field}.edges", f"edges must have one more entry than counts ({len(edges)} edges, {len(counts)} counts)", "one more edge than counts", ex)
        elif any(edges[i] <= edges[i - 1] for i in range(1, len(edges))):
            c.add(f"{field}.edges", "edges must be strictly ascending", "ascending edges", "[0, 10, 20]")


def _counts(c: _Checker, field: str, v: Any) -> None:
    if not isinstance(v, dict):
        c.add(field, f"must be an object of category to count, not {_kind(v)}", "category to count", '{"rain": 12, "sun": 30}')
        return
    for k, x in v.items():
        if isinstance(k, NonStringKey):
            c.add(f"{field}.{k}", f"key {k} is not a string", "string category names", f'{{"{k}": 12}}')
        c.number(f"{field}.{k}", x, "12", nonneg=True)


def _distribution(c: _Checker, field: str, d: Any, batch: bool) -> None:
    """A distribution of reference.json or a batch window: {type: numeric, sample | histogram} or {type: categorical, sample | counts}."""
    ex = '{"type": "numeric", "histogram": {"counts": [3, 9, 4]}}' if batch else '{"type": "numeric", "sample": [0.1, 0.4]}'
    if not isinstance(d, dict):
        c.add(field, f"must be an object, not {_kind(d)}", "a distribution", ex)
        return
    t = d.get("type")
    if t == "numeric":
        shapes = ("sample", "histogram")
    elif t == "categorical":
        shapes = ("sample", "counts")
    else:
        c.add(f"{field}.type", f'must be "numeric" or "categorical", not {_kind(t) if not isinstance(t, str) else repr(t)}' if "type" in d else "required field is missing", 'one of "numeric", "categorical"', ex)
        return
    given = [k for k in shapes if k in d]
    if len(given) != 1:
        c.add(field, f'a {t} distribution needs exactly one of {" or ".join(shapes)}', f"{t} with " + " or ".join(shapes), ex)
    for k in d:
        if k != "type" and k not in shapes:
            c.add(f"{field}.{k}", f'unknown key "{k}" in a {t} distribution', "one of " + ", ".join(f'"{s}"' for s in ("type",) + shapes), ex)
    if "sample" in d:
        _sample(c, f"{field}.sample", d["sample"], numeric_only=(t == "numeric"))
    if "histogram" in d and t == "numeric":
        _histogram(c, f"{field}.histogram", d["histogram"], edges_optional=batch)
    if "counts" in d and t == "categorical":
        _counts(c, f"{field}.counts", d["counts"])


WINDOW_KEYS = ("ts", "version", "feature", "role", "type", "sample", "histogram", "counts", "run")
BATCH_KEYS = ("ts", "version", "features", "prediction", "run")


def check_window(rec: dict[str, Any], source: str, *, guard: bool = True) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A feature window (single: ``feature``; batch: ``features``), JavaScript-shaped, without ``model``.

    ``guard`` False skips the nesting and forbidden-key checks (spog reads existing lines with the schema alone).
    """
    c = _Checker(source)
    if guard and not _guard(c, rec):
        return None, c.problems
    if is_batch(rec):
        c.keys("", rec, BATCH_KEYS, ("ts", "version", "features"))
        if "ts" in rec:
            c.ts(rec["ts"])
        if "version" in rec:
            c.version(rec["version"])
        feats = rec.get("features")
        if "features" in rec:
            if not isinstance(feats, dict):
                c.add("features", f"must be an object of feature name to distribution, not {_kind(feats)}", "feature name to distribution", '{"age": {"type": "numeric", "histogram": {"counts": [3, 9, 4]}}}')
            else:
                for name, d in feats.items():
                    if name == "":
                        c.add("features", "a feature name must not be empty", "a name", '"age"')
                    _distribution(c, f"features.{name}", d, batch=True)
        if "prediction" in rec:
            _distribution(c, "prediction", rec["prediction"], batch=True)
        if "run" in rec:
            c.run(rec["run"])
        return (None if c.problems else rec), c.problems
    c.keys("", rec, WINDOW_KEYS, ("ts", "version", "feature", "type"))
    if "ts" in rec:
        c.ts(rec["ts"])
    if "version" in rec:
        c.version(rec["version"])
    if "feature" in rec:
        c.name("feature", rec["feature"], '"tenure"')
    if "role" in rec and rec["role"] not in ("input", "prediction"):
        c.add("role", f"must be \"input\" or \"prediction\", not {rec['role']!r}" if isinstance(rec["role"], str) else f"must be a string, not {_kind(rec['role'])}", 'one of "input", "prediction"', '"prediction"')
    if "type" in rec and rec["type"] not in ("numeric", "categorical"):
        c.add("type", f"must be \"numeric\" or \"categorical\", not {rec['type']!r}" if isinstance(rec["type"], str) else f"must be a string, not {_kind(rec['type'])}", 'one of "numeric", "categorical"', '"numeric"')
    if "sample" in rec:
        _sample(c, "sample", rec["sample"], numeric_only=False)
    if "histogram" in rec:
        _histogram(c, "histogram", rec["histogram"], edges_optional=False)
    if "counts" in rec:
        _counts(c, "counts", rec["counts"])
    if "run" in rec:
        c.run(rec["run"])
    if not c.problems and sum(k in rec for k in ("sample", "histogram", "counts")) != 1:
        c.add("", "give exactly one of sample, histogram or counts", "one distribution", '"histogram": {"edges": [0, 10, 20], "counts": [4, 7]}')
    return (None if c.problems else rec), c.problems


REFERENCE_KEYS = ("$schema", "version", "created_at", "features", "prediction", "by_month")
_MONTHS = tuple(f"{m:02d}" for m in range(1, 13))


def _reference_features(c: _Checker, field: str, feats: Any) -> None:
    if not isinstance(feats, dict):
        c.add(field, f"must be an object of feature name to distribution, not {_kind(feats)}", "feature name to distribution", '{"age": {"type": "numeric", "histogram": {"edges": [0, 30, 60], "counts": [5, 7]}}}')
        return
    for name, d in feats.items():
        if name == "":
            c.add(field, "a feature name must not be empty", "a name", '"age"')
        _distribution(c, f"{field}.{name}", d, batch=False)


def check_reference(doc: dict[str, Any], source: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A ``features/reference.json`` document, JavaScript-shaped (src/schema/features.ts ReferenceSchema):
    ``version``, ``features`` (name to distribution; histograms with their edges), optional
    ``created_at``, ``prediction`` and ``by_month`` ("01" to "12", each with ``features`` and ``prediction``)."""
    c = _Checker(source)
    if not _guard(c, doc):
        return None, c.problems
    c.keys("", doc, REFERENCE_KEYS, ("version", "features"))
    if "version" in doc:
        c.version(doc["version"])
    if "created_at" in doc:
        c.string("created_at", doc["created_at"], '"2026-01-07T09:40:00Z"')
        if isinstance(doc["created_at"], str) and not (DATE_RE.match(doc["created_at"]) and is_valid_iso_date(doc["created_at"])):
            c.add("created_at", f'"{doc["created_at"]}" is not an ISO 8601 date or date-time', "an ISO 8601 date or date-time", '"2026-01-07"')
    if "features" in doc:
        _reference_features(c, "features", doc["features"])
    if "prediction" in doc:
        _distribution(c, "prediction", doc["prediction"], batch=False)
    months = doc.get("by_month")
    if "by_month" in doc:
        if not isinstance(months, dict):
            c.add("by_month", f"must be an object of month to distributions, not {_kind(months)}", 'months "01" to "12"', '{"01": {"features": {...}}}')
        else:
            for m, v in months.items():
                if m not in _MONTHS:
                    c.add(f"by_month.{m}", f'"{m}" is not a month', 'one of "01" to "12"', '"07"')
                elif not isinstance(v, dict):
                    c.add(f"by_month.{m}", f"must be an object, not {_kind(v)}", "features and prediction", '{"features": {...}}')
                else:
                    c.keys(f"by_month.{m}.", v, ("features", "prediction"), ("features",))
                    if "features" in v:
                        _reference_features(c, f"by_month.{m}.features", v["features"])
                    if "prediction" in v:
                        _distribution(c, f"by_month.{m}.prediction", v["prediction"], batch=False)
    return (None if c.problems else doc), c.problems
