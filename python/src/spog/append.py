"""Append-only NDJSON writes that lose nothing and never leave half a line (src/workflow/append.ts).

For each target file, under its lock (lock.py), in sorted file order: read the file and drop
records already present (same identity and payload; another payload is a conflict that refuses
the whole batch); cut off a torn last line (a tail that is not a JSON object) or give a complete
one its newline; write the whole new content to ``<file>.spog-tmp``; and only when every file of
the batch is written, rename each into place. All locks are taken and all files checked before
anything is written. ``SPOG_FSYNC=1`` fsyncs each file before its rename and the folder after it.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from typing import Callable

from .errors import ConflictError, WriteFailure
from .lock import Lock, acquire_lock, release_lock
from .records import Identify, StoreRecord, parse_line

__all__ = ["FileOutcome", "append_records"]

_REFUSED = {errno.ENOSPC: "ENOSPC", errno.EDQUOT: "EDQUOT", errno.EROFS: "EROFS", errno.EACCES: "EACCES",
            errno.EPERM: "EPERM", errno.EIO: "EIO", errno.EFBIG: "EFBIG"}
_CAUSE = {
    "ENOSPC": "the disk is full (ENOSPC)",
    "EDQUOT": "the disk quota is exceeded (EDQUOT)",
    "EROFS": "the file system is read-only (EROFS)",
    "EACCES": "permission denied (EACCES)",
    "EPERM": "the operation is not permitted (EPERM)",
    "EIO": "an input/output error (EIO)",
    "EFBIG": "the file would exceed the largest file size allowed (EFBIG)",
}


@dataclass
class FileOutcome:
    """What happened to one month file: lines written, records already present, bytes of a torn tail cut off."""

    file: str
    written: int
    duplicates: int
    repaired_bytes: int = 0


@dataclass
class _Plan:
    file: str
    kept: bytes
    lines: list[str] = field(default_factory=list)
    duplicates: int = 0
    needs_newline: bool = False
    repaired_bytes: int = 0
    mode: int | None = None
    owner: tuple[int, int] | None = None


def _as_write_failure(e: BaseException, file: str, what: str, via: str | None = None) -> BaseException:
    if isinstance(e, WriteFailure):
        return e
    code = _REFUSED.get(getattr(e, "errno", None) or -1)
    if code is None:
        return e
    return WriteFailure(f"cannot write {file}{f' ({via})' if via else ''}: {_CAUSE[code]}; {what}", code)


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(parse_line(text), dict)
    except ValueError:
        return False


def _plan_file(file: str, records: list[StoreRecord], identify: Identify, conflicts: list[str], display: Callable[[str], str]) -> _Plan:
    try:
        st = os.stat(file)
        with open(file, "rb") as f:
            buf = f.read()
        mode: int | None = st.st_mode & 0o7777
        owner: tuple[int, int] | None = (st.st_uid, st.st_gid)
    except FileNotFoundError:
        buf, mode, owner = b"", None, None
    plan = _Plan(file, buf, mode=mode, owner=owner)
    if buf and not buf.endswith(b"\n"):
        cut = buf.rfind(b"\n") + 1
        if _is_json_object(buf[cut:].decode("utf-8", "replace").strip()):
            plan.needs_newline = True
        else:
            plan.repaired_bytes = len(buf) - cut
            buf = buf[:cut]
            plan.kept = buf
    # Lines as in the file: a new record's exact line, and the lines that share its date (hint).
    lines = buf.split(b"\n")
    whole: set[bytes] | None = None
    by_hint: dict[str, dict[str, tuple[str, int]]] = {}

    def index_for(hint: str) -> dict[str, tuple[str, int]]:
        idx = by_hint.get(hint)
        if idx is not None:
            return idx
        idx = {}
        needle = hint.encode("utf-8")
        for no, raw in enumerate(lines, start=1):
            if needle not in raw:
                continue
            try:
                found = identify(parse_line(raw.decode("utf-8", "replace")))
            except (ValueError, RecursionError):
                found = None
            if found is not None and found[0] not in idx:
                idx[found[0]] = (found[1], no)
        by_hint[hint] = idx
        return idx

    seen: dict[str, StoreRecord] = {}
    for r in records:
        earlier = seen.get(r.identity)
        if earlier is not None:
            if earlier.payload == r.payload:
                plan.duplicates += 1
            else:
                conflicts.append(f"{r.source}: repeats the record of {earlier.source} with a different value")
            continue
        seen[r.identity] = r
        if whole is None:
            # Complete lines only (the last element after a final newline is b"", a tail has no newline).
            whole = set(lines[:-1])
        if r.line.encode("utf-8") in whole:
            plan.duplicates += 1
            continue
        existing = index_for(r.hint).get(r.identity)
        if existing is None:
            plan.lines.append(r.line)
        elif existing[0] == r.payload:
            plan.duplicates += 1
        else:
            conflicts.append(
                f"{r.source}: {display(file)}:{existing[1]} already holds this record (same ts, version, name, slice and run) "
                "with a different value; give the new one its own run id, or correct the existing line"
            )
    return plan


def _new_content(p: _Plan) -> bytes | None:
    if not p.lines and not p.repaired_bytes and not p.needs_newline:
        return None
    body = ("\n" if p.needs_newline else "") + "".join(f"{line}\n" for line in p.lines)
    return p.kept + body.encode("utf-8")


def _unlink_quiet(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _write_temp(p: _Plan, data: bytes, durable: bool) -> str:
    tmp = f"{p.file}.spog-tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        if p.mode is not None:
            os.fchmod(fd, p.mode)
        if p.owner is not None and hasattr(os, "geteuid") and os.geteuid() == 0:
            try:
                os.fchown(fd, *p.owner)
            except OSError:
                pass
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quiet(tmp)
        raise
    try:
        os.close(fd)
    except OSError:
        _unlink_quiet(tmp)
        raise
    return tmp


def _fsync_dir(d: str) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _execute(plans: list[_Plan], durable: bool, display: Callable[[str], str]) -> None:
    todo = [(p, d) for p in plans if (d := _new_content(p)) is not None]
    temps: list[str] = []
    at = ""
    try:
        for p, data in todo:
            at = p.file
            temps.append(_write_temp(p, data, durable))
    except OSError as e:
        for t in temps:
            _unlink_quiet(t)
        raise _as_write_failure(e, display(at), "nothing was written") from e
    done: list[str] = []
    for i, (p, _) in enumerate(todo):
        try:
            os.rename(temps[i], p.file)
        except OSError as e:
            _unlink_quiet(temps[i])
            for t in temps[i + 1 :]:
                _unlink_quiet(t)
            what = f"already written, each whole: {', '.join(done)}; the other files are unchanged" if done else "nothing was written"
            raise _as_write_failure(e, display(p.file), what) from e
        if durable:
            _fsync_dir(os.path.dirname(p.file))
        done.append(display(p.file))


def append_records(groups: dict[str, list[StoreRecord]], identify: Identify, *, timeout: float = 30.0,
                   display: Callable[[str], str] = lambda f: f, fsync: bool | None = None) -> list[FileOutcome]:
    """Append records to NDJSON files (file path -> records): every file gets its new lines, or none does.

    Raises ConflictError (every conflict listed), LockTimeout or WriteFailure; nothing is written then.
    """
    files = sorted(groups, key=lambda f: f.encode("utf-16-be", "surrogatepass"))
    durable = os.environ.get("SPOG_FSYNC") == "1" if fsync is None else fsync
    locks: list[Lock] = []
    try:
        for f in files:
            d = os.path.dirname(f)
            try:
                os.makedirs(d, exist_ok=True)
            except OSError as e:
                raise _as_write_failure(e, display(f), "nothing was written", f"creating its folder {display(d)}") from e
            try:
                locks.append(acquire_lock(f, timeout=timeout, display=display(f)))
            except OSError as e:
                raise _as_write_failure(e, display(f), "nothing was written", f"taking its lock {display(f + '.lock')}") from e
        conflicts: list[str] = []
        plans = [_plan_file(f, groups[f], identify, conflicts, display) for f in files]
        if conflicts:
            raise ConflictError(conflicts)
        _execute(plans, durable, display)
        return [FileOutcome(p.file, len(p.lines), p.duplicates, p.repaired_bytes) for p in plans]
    finally:
        for lk in reversed(locks):
            release_lock(lock=lk)
