"""``Registry``: log metric records and feature windows as ``spog log`` and ``spog log-features`` do
(src/workflow/log.ts), from Python, with no Node.

Every record is checked (fields, then: the model has a card, the version has a file, the metric
name is one the model has unless ``new_metric``, a histogram without edges has the reference's
bins, the timestamp is no more than a day ahead); every problem is listed and, when there is any,
nothing is written (``LogError``). Valid records go to ``models/<id>/<metrics|features>/<YYYY-MM>.ndjson``
(the UTC month of ``ts``) through append.py: locked, all files or none, a record already present
kept once.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ._time import iso_to_ms, month_of, now_iso, ts_text
from ._jsjson import dumps
from ._validate import SLUG_RE, VERSION_RE, Problem, check_metric, check_reference, check_window, is_batch, suggest_metric, to_js
from ._yaml import YamlSyntaxError, front_matter, load_yaml
from .append import FileOutcome, _as_write_failure, append_records
from .errors import LogError, NotARegistry, RegistryFormatError
from .lock import acquire_lock, release_lock
from .records import StoreRecord, identify_metric, identify_window, metric_record, window_record

__all__ = ["Registry", "LogResult", "FileResult", "FORMAT_VERSION"]

#: The registry file format this client reads and writes (spog.yaml ``format_version``; unset
#: means 1). It is spog's ``FORMAT_VERSION`` (src/schema/config.ts) of the same release.
FORMAT_VERSION = 1
#: How many records a grouped problem names before "..." (the count follows).
_SOURCES_SHOWN = 3

#: Timestamps further ahead than this are refused as typos (a clock a few hours off is fine).
FUTURE_SLACK_MS = 86_400_000
_MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.ndjson$")
_METRIC_FIELD = re.compile(rb'"metric"\s*:\s*("(?:[^"\\]|\\.)*")')
_LIMIT_YAML = 1 << 20
_LIMIT_JSON = 32 << 20
_LIMIT_NDJSON = 128 << 20


@dataclass(frozen=True)
class FileResult:
    """One month file of a logged batch: its path relative to the registry, lines written, records already present."""

    path: str
    written: int
    duplicates: int
    repaired_bytes: int = 0


@dataclass(frozen=True)
class LogResult:
    """What a ``log_*`` call wrote, per file (sorted by path)."""

    files: tuple[FileResult, ...]
    noun: str = "record"

    @property
    def written(self) -> int:
        """Lines appended, over all files."""
        return sum(f.written for f in self.files)

    @property
    def duplicates(self) -> int:
        """Records already present (or repeated in the batch), kept once."""
        return sum(f.duplicates for f in self.files)

    def __str__(self) -> str:
        """The text ``spog log`` prints."""
        def plural(n: int, w: str) -> str:
            return f"{n} {w}{'' if n == 1 else 's'}"
        out = [f"{f.path}: {plural(f.written, self.noun)} appended" + (f", {f.duplicates} already present (kept once)" if f.duplicates else "") for f in self.files]
        if len(self.files) > 1:
            out.append(f"{plural(self.written, self.noun)} written, {plural(self.duplicates, 'duplicate')} skipped")
        return "\n".join(out)


def _ms_of(now: datetime | None) -> int:
    if now is None:
        return int(datetime.now(timezone.utc).timestamp() * 1000)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return int(now.timestamp() * 1000)


def _read_limited(path: str, limit: int) -> bytes | None:
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > limit:
            return None
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _files(path: str) -> set[str]:
    try:
        with os.scandir(path) as it:
            return {e.name for e in it if e.is_file()}
    except OSError:
        return set()


class _MetricNames:
    """The metric names a model has, read as spog reads them: the newest month's lines, then the
    card and versions, then older months; each stage only when the name was not found yet."""

    def __init__(self, model_dir: str) -> None:
        self.dir = model_dir
        self.names: set[str] = set()
        months = [n for n in _files(os.path.join(model_dir, "metrics")) if _MONTH_FILE.match(n)]
        self.months = sorted(months, reverse=True)
        self.stage = 0

    def _read_lines(self, name: str) -> None:
        data = _read_limited(os.path.join(self.dir, "metrics", name), _LIMIT_NDJSON)
        for m in _METRIC_FIELD.finditer(data or b""):
            try:
                v = json.loads(m.group(1).decode("utf-8", "replace"))
            except ValueError:
                continue
            if isinstance(v, str):
                self.names.add(v)

    def _read_card_and_versions(self) -> None:
        card_path = os.path.join(self.dir, "README.md")
        data = _read_limited(card_path, _LIMIT_YAML)
        fm = front_matter(data.decode("utf-8", "replace")) if data is not None else None
        card = _yaml_or_none(fm[0], card_path, fm[1]) if fm else None
        if isinstance(card, dict):
            pm = card.get("primary_metric")
            if isinstance(pm, dict) and isinstance(pm.get("name"), str):
                self.names.add(pm["name"])
            fair = card.get("fairness")
            if isinstance(fair, dict):
                sel = fair.get("selection_metric", "selection_rate")
                if isinstance(sel, str):
                    self.names.add(sel)
            for block in ("software", "data_quality"):
                if isinstance(card.get(block), dict):
                    self.names.update(card[block].keys())
        vdir = os.path.join(self.dir, "versions")
        for name in sorted(_files(vdir)):
            if not re.search(r"\.ya?ml$", name):
                continue
            vpath = os.path.join(vdir, name)
            raw = _read_limited(vpath, _LIMIT_YAML)
            v = _yaml_or_none(raw.decode("utf-8", "replace"), vpath, 0) if raw is not None else None
            if not isinstance(v, dict):
                continue
            for block in ("metrics", "expected"):
                if isinstance(v.get(block), dict):
                    self.names.update(v[block].keys())
            if isinstance(v.get("slices"), dict):
                for sl in v["slices"].values():
                    if isinstance(sl, dict):
                        self.names.update(sl.keys())

    def has(self, wanted: str) -> bool:
        while wanted not in self.names and self.stage < 3:
            if self.stage == 0 and self.months:
                self._read_lines(self.months[0])
            elif self.stage == 1:
                self._read_card_and_versions()
            elif self.stage == 2:
                for m in self.months[1:]:
                    self._read_lines(m)
            self.stage += 1
        return wanted in self.names

    def sorted_names(self) -> list[str]:
        return sorted(self.names, key=lambda s: s.encode("utf-16-be", "surrogatepass"))


def _sources(sources: list[str], noun: str) -> str:
    """``records[3]``; ``records[3], records[7] (2 records)``; ``records[3], records[7], records[11], ... (30 records)``."""
    if len(sources) == 1:
        return sources[0]
    shown = ", ".join(sources[:_SOURCES_SHOWN]) + (", ..." if len(sources) > _SOURCES_SHOWN else "")
    return f"{shown} ({len(sources)} {noun})"


def _declared_format(path: str) -> int | None:
    """spog.yaml's top-level ``format_version`` (1 when unset or when there is no spog.yaml), or None
    when the file or the field cannot be read as a format number: ``spog validate`` reports that."""
    if not os.path.exists(path):
        return 1
    data = _read_limited(path, _LIMIT_YAML)
    if data is None:
        return None
    try:
        doc = load_yaml(data.decode("utf-8"), path)
    except Exception:  # noqa: BLE001 - a file spog-client cannot read is spog validate's to report
        return None
    if not isinstance(doc, dict):
        return None
    v = doc.get("format_version", 1)
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # YAML 2.0 is JavaScript's 2
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 1 else None


def _yaml_or_none(text: str, file: str, line_offset: int) -> Any:
    # A file that is not valid YAML has no names for spog either (spog validate reports it);
    # YAML beyond the built-in subset raises YamlUnsupported, which says to install PyYAML.
    try:
        return load_yaml(text, file, line_offset=line_offset)
    except YamlSyntaxError:
        return None


class Registry:
    """A spog registry folder (the one holding ``models/``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._check_registry()
        self._refs: dict[str, dict[str, int]] = {}

    # ---- public API -------------------------------------------------------------------------

    def log_metrics(self, records: Iterable[Mapping[str, Any]], *, model: str | None = None, new_metric: bool = False,
                    now: datetime | None = None, lock_timeout: float = 30.0) -> LogResult:
        """Validate and append metric records, each ``{"model", "ts", "version", "metric", "value", "n"?, "slice"?, "run"?}``
        (``model`` may be given once instead, as ``spog log --model``). Raises LogError listing every problem; nothing is written then."""
        return self._log("metrics", records, model=model, new_metric=new_metric, now_ms=_ms_of(now), lock_timeout=lock_timeout, source="records")

    def log_metric(self, model: str, version: str, metric: str, value: float, *, ts: str | datetime, n: int | None = None,
                   slice: Mapping[str, str] | None = None, run: str | None = None, new_metric: bool = False,
                   now: datetime | None = None, lock_timeout: float = 30.0) -> LogResult:
        """Validate and append one metric record (``spog log --model ... --metric ...``)."""
        rec: dict[str, Any] = {"model": model, "ts": ts, "version": version, "metric": metric, "value": value}
        if n is not None:
            rec["n"] = n
        if slice is not None:
            rec["slice"] = slice
        if run is not None:
            rec["run"] = run
        return self._log("metrics", [rec], model=None, new_metric=new_metric, now_ms=_ms_of(now), lock_timeout=lock_timeout, source="log_metric")

    def log_features(self, windows: Iterable[Mapping[str, Any]], *, model: str | None = None, now: datetime | None = None,
                     lock_timeout: float = 30.0) -> LogResult:
        """Validate and append feature windows: single windows (``feature``, ``type``, one of ``sample``,
        ``histogram``, ``counts``) and batch windows (``features``, ``prediction``), as ``spog log-features --file``."""
        return self._log("features", windows, model=model, new_metric=True, now_ms=_ms_of(now), lock_timeout=lock_timeout, source="windows")

    def reference(self, model: str) -> dict[str, Any] | None:
        """The model's parsed ``features/reference.json``, or None when it has none (or it is not JSON)."""
        if not SLUG_RE.match(model):
            return None
        data = _read_limited(os.path.join(self.path, "models", model, "features", "reference.json"), _LIMIT_JSON)
        if data is None:
            return None
        try:
            v = json.loads(data.decode("utf-8"))
        except ValueError:
            return None
        return v if isinstance(v, dict) else None

    def task(self, model: str) -> str | None:
        """The ``task`` of the model's card (``binary_classification``, ``regression``, ...), or None
        when the model has no card, or its front matter or task cannot be read; ``daily_records(task=...)`` takes it."""
        if not isinstance(model, str) or not SLUG_RE.match(model):
            return None
        card_path = os.path.join(self.path, "models", model, "README.md")
        data = _read_limited(card_path, _LIMIT_YAML)
        fm = front_matter(data.decode("utf-8", "replace")) if data is not None else None
        card = _yaml_or_none(fm[0], card_path, fm[1]) if fm else None
        task = card.get("task") if isinstance(card, dict) else None
        return task if isinstance(task, str) else None

    def write_reference(self, model: str, reference: Mapping[str, Any], *, replace: bool = False,
                        lock_timeout: float = 30.0) -> str:
        """Write ``models/<model>/features/reference.json``: the training distributions production
        windows are binned on and compared with (``spog.histogram.reference_from_values`` makes one).

        Checked as ``spog validate`` checks the file (the model has a card, ``version`` has a
        file, every distribution is well formed; histograms carry their edges); every problem is
        listed in a LogError and nothing is written. Writing the reference that is already there
        (the same JSON, whatever its key order or spacing) does nothing and returns the path, so a
        retried pipeline goes on; a different one is refused unless ``replace``: windows already
        logged were binned on its edges. Written whole or not at all (a temporary file renamed
        over it, under the file's lock). Returns the path.
        """
        self._check_registry()
        src = "reference"
        problems: list[str] = []
        if not isinstance(reference, Mapping):
            raise LogError([f"{src}  must be a mapping (a dict), not {type(reference).__name__}"])
        doc = to_js(dict(reference))
        ok, found = check_reference(doc, src)
        problems.extend(str(p) for p in found)
        model_dir = os.path.join(self.path, "models", model) if isinstance(model, str) else ""
        if not isinstance(model, str) or not SLUG_RE.match(model):
            problems.append(f'{src}  model: "{model}" is not a model id (a lowercase slug, e.g. "churn")')
        elif not os.path.isfile(os.path.join(model_dir, "README.md")):
            problems.append(f"{src}  model: no model {model} in {self.path} (expected {os.path.join(model_dir, 'README.md')})")
        elif ok is not None and not any(os.path.isfile(os.path.join(model_dir, "versions", f"{ok['version']}{ext}")) for ext in (".yaml", ".yml")):
            problems.append(f"{src}  version: {model} has no version {ok['version']} (expected {os.path.join(model_dir, 'versions', ok['version'] + '.yaml')})")
        target = os.path.join(model_dir, "features", "reference.json")
        if problems:
            raise LogError(problems)
        text = dumps(ok) + "\n"
        shown = self._display(target)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        except OSError as e:
            raise _as_write_failure(e, shown, "nothing was written", f"creating its folder {self._display(os.path.dirname(target))}") from e
        try:
            lock = acquire_lock(target, timeout=lock_timeout, display=shown)
        except OSError as e:
            raise _as_write_failure(e, shown, "nothing was written", f"taking its lock {shown}.lock") from e
        tmp = f"{target}.spog-tmp"
        try:
            if os.path.exists(target) and not replace:
                # Checked under the lock: a writer that took it first decides what is there.
                if _same_json(_read_limited(target, _LIMIT_JSON), ok):
                    return target  # the same reference again (a retried pipeline): nothing to do
                raise LogError([f"{src}  {shown} exists with other content: windows already logged were binned on its edges; "
                                "pass replace=True to write a new one (usually with a new version)"])
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                if os.environ.get("SPOG_FSYNC") == "1":
                    f.flush()
                    os.fsync(f.fileno())
            os.replace(tmp, target)
        except OSError as e:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise _as_write_failure(e, shown, "nothing was written") from e
        finally:
            release_lock(lock)
        self._refs.pop(model, None)
        return target

    # ---- the registry folder and its format ---------------------------------------------------

    def _check_registry(self) -> None:
        """``NotARegistry`` without ``models/``; ``RegistryFormatError`` when spog.yaml's format is not ours."""
        if not os.path.isdir(os.path.join(self.path, "models")):
            inner = os.path.join(self.path, "registry")
            hint = (f"pass {inner}, the registry folder inside it" if os.path.isdir(os.path.join(inner, "models"))
                    else "pass the registry folder (the one holding models/ and spog.yaml)")
            raise NotARegistry(f"{self.path} is not a registry (no models/ directory); {hint}")
        found = _declared_format(os.path.join(self.path, "spog.yaml"))
        if found is None or found == FORMAT_VERSION:
            return
        where = f"{os.path.join(self.path, 'spog.yaml')}: format_version {found}"
        if found > FORMAT_VERSION:
            raise RegistryFormatError(
                f"{where} is a newer registry format than this spog-client reads (up to {FORMAT_VERSION}): "
                "upgrade spog-client to the spog version in the registry repo's package.json", found, FORMAT_VERSION)
        raise RegistryFormatError(
            f"{where} is an older registry format; this spog-client reads format {FORMAT_VERSION}: run `npx --no-install spog migrate` "
            "in the registry repo (it rewrites the files, and says what it changes with --dry-run), or use the spog-client "
            "of the spog version in its package.json", found, FORMAT_VERSION)

    # ---- the checks of src/workflow/log.ts ----------------------------------------------------

    def _reference_bins(self, model: str) -> dict[str, int]:
        bins = self._refs.get(model)
        if bins is not None:
            return bins
        bins = {}
        ref = self.reference(model)
        if ref is not None:
            if _reference_ok(ref):
                for name, d in ref["features"].items():
                    if isinstance(d, dict) and "histogram" in d:
                        bins[f"f:{name}"] = len(d["histogram"]["edges"]) - 1
                p = ref.get("prediction")
                if isinstance(p, dict) and "histogram" in p:
                    bins["p"] = len(p["histogram"]["edges"]) - 1
        self._refs[model] = bins
        return bins

    def _log(self, kind: str, records: Iterable[Mapping[str, Any]], *, model: str | None, new_metric: bool, now_ms: int,
             lock_timeout: float, source: str) -> LogResult:
        self._check_registry()
        errors: list[str] = []
        items: list[tuple[str | None, dict[str, Any], StoreRecord, str]] = []
        count = 0
        for i, raw in enumerate(records):
            count += 1
            src = f"{source}[{i}]" if source != "log_metric" else "log_metric()"
            if not isinstance(raw, Mapping):
                errors.append(f"{src}  each record must be a mapping (a dict), not {type(raw).__name__}")
                continue
            rec = dict(raw)
            rec_model = rec.pop("model", None) if "model" in rec else None
            if "model" in raw and not isinstance(rec_model, str):
                errors.append(f'{src}  model: must be a string model id, e.g. "churn"')
                continue
            if rec_model is not None and model is not None and rec_model != model:
                errors.append(f'{src}  model: "{rec_model}" differs from model={model!r}')
                continue
            if "ts" in rec:
                rec["ts"] = ts_text(rec["ts"])
            value = to_js(rec)
            ok, problems = check_metric(value, src) if kind == "metrics" else check_window(value, src)
            if ok is None:
                errors.extend(str(p) for p in problems)
                continue
            sr = metric_record(ok, src) if kind == "metrics" else window_record(ok, src)
            items.append((rec_model if rec_model is not None else model, ok, sr, src))
        if count == 0:
            errors.append(f"{source}: no records (expected one mapping per record)")
        groups = self._place(kind, items, now_ms, errors, new_metric)
        if errors:
            raise LogError(errors)
        outcome = append_records(groups, identify_metric if kind == "metrics" else identify_window, timeout=lock_timeout,
                                 display=self._display)
        return LogResult(tuple(self._result(o) for o in outcome), "record" if kind == "metrics" else "window")

    def _display(self, file: str) -> str:
        return os.path.relpath(file, self.path).replace(os.sep, "/")

    def _result(self, o: FileOutcome) -> FileResult:
        return FileResult(self._display(o.file), o.written, o.duplicates, o.repaired_bytes)

    def _place(self, kind: str, items: list[tuple[str | None, dict[str, Any], StoreRecord, str]], now_ms: int,
               errors: list[str], new_metric: bool) -> dict[str, list[StoreRecord]]:
        listed: dict[str, set[str]] = {}
        names: dict[str, _MetricNames] = {}

        def files(rel: str) -> set[str]:
            s = listed.get(rel)
            if s is None:
                s = listed[rel] = _files(os.path.join(self.path, rel))
            return s

        groups: dict[str, list[StoreRecord]] = {}
        # One problem per mistake: the records an unknown model, version or metric (or a missing
        # model) refuses are named together, at the place of the first one.
        grouped: dict[tuple[str, ...], tuple[int, list[str], str]] = {}

        def once(key: tuple[str, ...], src: str, body: str) -> None:
            g = grouped.get(key)
            if g is None:
                grouped[key] = (len(errors), [src], body)
                errors.append(body)  # replaced below, with every source
            else:
                g[1].append(src)

        for model, rec, sr, src in items:
            where = f"{src}  "
            if model is None:
                once(("model-missing",), src, 'model: missing (give model=ID, or a "model" field on each record)')
                continue
            if not SLUG_RE.match(model):
                once(("model-id", model), src, f'model: "{model}" is not a model id (lowercase letters, digits and inner hyphens, e.g. churn)')
                continue
            mdir = os.path.join(self.path, "models", model)
            if "README.md" not in files(f"models/{model}"):
                once(("no-model", model), src, f'model: no model "{model}" in {self.path} (expected {os.path.join(mdir, "README.md")})')
                continue
            version = rec["version"]
            versions = files(f"models/{model}/versions")
            if not VERSION_RE.match(version) or not (f"{version}.yaml" in versions or f"{version}.yml" in versions):
                once(("version", model, version), src,
                     f'version: model "{model}" has no version "{version}" (expected {os.path.join(mdir, "versions", version + ".yaml")}; add the version file first)')
                continue
            if kind == "metrics" and not new_metric:
                known = names.get(model)
                if known is None:
                    known = names[model] = _MetricNames(mdir)
                metric = rec["metric"]
                if not known.has(metric):
                    body = ""  # the first record of the name words the problem
                    if ("metric", model, metric) not in grouped:
                        all_names = known.sorted_names()
                        near = suggest_metric(metric, all_names)
                        body = (f'metric: model "{model}" has no metric "{metric}" yet' + (f' (did you mean "{near}"?)' if near else "")
                                + f"; it has {', '.join(json.dumps(k, ensure_ascii=False) for k in all_names) if all_names else 'none'}"
                                + " (in its card, versions and metric lines); pass new_metric=True to start a new one,"
                                + " or leave it out (daily_records(metrics=[...]) chooses the metrics it makes)")
                    once(("metric", model, metric), src, body)
                    continue
            if kind == "features" and is_batch(rec):
                lacking = self._edges_lacking(model, rec)
                if lacking:
                    feature, bins, field = lacking
                    once(("edges", model, field, str(bins)), src,
                         f'{field}: a histogram of "{feature}" without edges needs a histogram of {bins} bins for "{feature}" '
                         'in features/reference.json to take them from (give the edges, e.g. "histogram": {"edges": [0, 10, 20], "counts": [4, 7]})')
                    continue
            ms = iso_to_ms(rec["ts"])
            assert ms is not None  # validated
            if ms > now_ms + FUTURE_SLACK_MS:
                errors.append(f"{where}ts: {rec['ts']} is in the future (now is {now_iso(now_ms)})")
                continue
            groups.setdefault(os.path.join(mdir, kind, f"{month_of(ms)}.ndjson"), []).append(sr)
        noun = "records" if kind == "metrics" else "windows"
        for index, sources, body in grouped.values():
            errors[index] = f"{_sources(sources, noun)}  {body}"
        return groups

    def _edges_lacking(self, model: str, b: dict[str, Any]) -> tuple[str, int, str] | None:
        edgeless: list[tuple[str, int, str, str]] = []
        for name, d in b["features"].items():
            if "histogram" in d and "edges" not in d["histogram"]:
                edgeless.append((name, len(d["histogram"]["counts"]), f"features.{name}.histogram.edges", f"f:{name}"))
        p = b.get("prediction")
        if p is not None and "histogram" in p and "edges" not in p["histogram"]:
            edgeless.append(("prediction", len(p["histogram"]["counts"]), "prediction.histogram.edges", "p"))
        if not edgeless:
            return None
        bins = self._reference_bins(model)
        for feature, n, field, key in edgeless:
            if bins.get(key) != n:
                return feature, n, field
        return None


def _canonical(v: Any) -> Any:
    """``v`` with every object's keys sorted, so that two documents compare by content, not key order."""
    if isinstance(v, dict):
        return {k: _canonical(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [_canonical(x) for x in v]
    return v


def _same_json(data: bytes | None, doc: Any) -> bool:
    """The file holds ``doc``: the same JSON after canonical serialisation (keys sorted, numbers as
    JavaScript prints them, so 12 and 12.0 are one number; whitespace and key order do not matter)."""
    if data is None:
        return False
    try:
        return dumps(_canonical(json.loads(data.decode("utf-8")))) == dumps(_canonical(doc))
    except (ValueError, TypeError, RecursionError):
        return False


def _reference_ok(ref: dict[str, Any]) -> bool:
    """The reference validates as spog's ReferenceSchema (only then does spog take edges from it)."""
    allowed = {"$schema", "version", "created_at", "features", "prediction", "by_month"}
    if not set(ref) <= allowed or "version" not in ref or "features" not in ref:
        return False
    if not isinstance(ref["version"], str) or not VERSION_RE.match(ref["version"]):
        return False
    if "$schema" in ref and not isinstance(ref["$schema"], str):
        return False
    if "created_at" in ref:
        from ._time import is_valid_iso_date
        if not isinstance(ref["created_at"], str) or not is_valid_iso_date(ref["created_at"]):
            return False
    feats = to_js(ref["features"])
    if not isinstance(feats, dict):
        return False
    # Reference histograms must carry their edges (check as single windows of each distribution).
    for name, d in feats.items():
        if name == "" or not _reference_distribution_ok(d):
            return False
    if "prediction" in ref and not _reference_distribution_ok(to_js(ref["prediction"])):
        return False
    bm = ref.get("by_month")
    if bm is not None:
        if not isinstance(bm, dict) or not all(k in {f"{m:02d}" for m in range(1, 13)} for k in bm):
            return False
        for v in bm.values():
            if not isinstance(v, dict) or not set(v) <= {"features", "prediction"} or not isinstance(v.get("features"), dict):
                return False
            if not all(n != "" and _reference_distribution_ok(to_js(d)) for n, d in v["features"].items()):
                return False
            if "prediction" in v and not _reference_distribution_ok(to_js(v["prediction"])):
                return False
    return True


def _reference_distribution_ok(d: Any) -> bool:
    if not isinstance(d, dict) or d.get("type") not in ("numeric", "categorical"):
        return False
    shape = [k for k in d if k != "type"]
    if len(shape) != 1:
        return False
    if d["type"] == "numeric" and shape[0] == "counts" or d["type"] == "categorical" and shape[0] == "histogram":
        return False
    w = {"ts": "2000-01-01", "version": "v", "feature": "x", "type": d["type"], shape[0]: d[shape[0]]}
    ok, _ = check_window(w, "", guard=False)
    if ok is None:
        return False
    # A reference's numeric sample holds numbers only.
    return not (d["type"] == "numeric" and shape[0] == "sample" and not all(isinstance(x, float) for x in d["sample"]))
