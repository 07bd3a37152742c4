"""spog's lock files, in Python, so a Python writer and a Node writer (``spog log``) exclude each
other (src/workflow/lock.ts; decision 50 in docs/decisions.md).

``<file>.lock`` holds one line, "<pid> <host> <token> <start>", and never exists without it: the
line is written to a temporary file that is then hard-linked to the lock's name (link fails when
the name exists, so exactly one process wins). A waiting process judges the lock on every try and
breaks it when it is abandoned: its holder is on this host and not running (or its pid now belongs
to a process started after the lock was taken); it is empty or unreadable and older than 3 s; it is
held from another host for longer than 10 minutes. Breaking takes ``<file>.lock.break`` (one breaker
at a time), renames the lock aside and checks it moved the very file it judged (same inode); a file
that changed meanwhile is linked back.
"""
from __future__ import annotations

import errno
import os
import random
import re
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from ._time import iso_to_ms
from .errors import LockTimeout

__all__ = ["Lock", "acquire_lock", "release_lock", "stale_reason", "create_exclusive", "HOST"]

HOST = socket.gethostname()
#: A process started this long after the lock was taken cannot be its holder.
REUSE_SLACK_MS = 2_000
EMPTY_STALE_MS = 3_000
OTHER_HOST_STALE_MS = 600_000


@dataclass(frozen=True)
class Lock:
    path: str
    token: str


def _now_ms() -> float:
    return time.time() * 1000


def holder_line(token: str) -> str:
    """The lock's line: pid, host, token and the start time as JavaScript's toISOString writes it."""
    start = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return f"{os.getpid()} {HOST} {token} {start}\n"


def parse_holder(text: str) -> tuple[int, str, str, float | None] | None:
    parts = text.strip().split(" ")
    pid_text = parts[0] if parts else ""
    host = parts[1] if len(parts) > 1 else ""
    token = parts[2] if len(parts) > 2 else ""
    if not re.fullmatch(r"[0-9]+", pid_text) or int(pid_text) <= 0 or not host or not token:
        return None
    started = iso_to_ms(parts[3]) if len(parts) > 3 and parts[3] else None
    return int(pid_text), host, token, started


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # running, as another user
    except OverflowError:
        return False


_boot_ms: float | None | bool = False


def _process_start_ms(pid: int) -> float | None:
    """When process ``pid`` started (Linux /proc; None elsewhere)."""
    global _boot_ms
    try:
        if _boot_ms is False:
            with open("/proc/stat", encoding="utf-8") as f:
                m = re.search(r"^btime (\d+)$", f.read(), re.M)
            _boot_ms = int(m.group(1)) * 1000 if m else None
        if _boot_ms is None:
            return None
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2 :].split(" ")
        # starttime, in clock ticks since boot (USER_HZ, 100 on every Linux architecture; as spog reads it).
        return float(_boot_ms) + int(fields[19]) * 10
    except (OSError, ValueError, IndexError):
        return None


def stale_reason(text: str, mtime_ms: float, *, empty_stale_ms: float = EMPTY_STALE_MS, stale_ms: float = OTHER_HOST_STALE_MS, now_ms: float | None = None) -> str | None:
    """Why the lock is abandoned, or None when its holder may still be working."""
    now = _now_ms() if now_ms is None else now_ms
    age = now - mtime_ms
    h = parse_holder(text)
    if h is None:
        return ("empty" if text.strip() == "" else "unreadable") if age > empty_stale_ms else None
    pid, host, _token, started = h
    if host != HOST:
        return f"held by {host} for {round(age / 1000)} s" if age > stale_ms else None
    if not _pid_running(pid):
        return f"pid {pid} is not running"
    since = _process_start_ms(pid)
    if since is not None and since > (started if started is not None else mtime_ms) + REUSE_SLACK_MS:
        return f"pid {pid} is another process now"
    return None


def _unlink_quiet(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _temp_name(path: str) -> str:
    return f"{path}.{os.getpid()}-{secrets.token_hex(4)}.spog-tmp"


def create_exclusive(path: str, data: str) -> bool:
    """Create ``path`` holding ``data`` only if no file has that name (a temporary file hard-linked to it)."""
    tmp = _temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, data.encode("utf-8"))
    except BaseException:
        os.close(fd)
        _unlink_quiet(tmp)
        raise
    os.close(fd)
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EPERM):
            return _create_by_open(path, data)
        raise
    finally:
        _unlink_quiet(tmp)


def _create_by_open(path: str, data: str) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, data.encode("utf-8"))
        os.close(fd)
    except BaseException:
        try:
            os.close(fd)
        except OSError:
            pass
        _unlink_quiet(path)
        raise
    return True


def _read_lock(path: str) -> tuple[str, os.stat_result] | None:
    """The lock's text and stat from one open file (both describe the same inode); None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError:
        try:
            return "", os.stat(path)
        except OSError:
            return None
    try:
        st = os.fstat(fd)
        chunks = []
        while True:
            b = os.read(fd, 65536)
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks).decode("utf-8", "replace"), st
    finally:
        os.close(fd)


def _remove_if_same(path: str, ino: int) -> None:
    aside = f"{path}.broken-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    try:
        if os.stat(aside).st_ino != ino:
            os.link(aside, path)
    except OSError:
        pass
    finally:
        _unlink_quiet(aside)


def _break_if_stale(path: str, empty_stale_ms: float, stale_ms: float) -> bool:
    """Break the lock at ``path`` if it is abandoned; True when it is gone (try again at once)."""
    lock = _read_lock(path)
    if lock is None:
        return True
    text, st = lock
    if stale_reason(text, st.st_mtime_ns / 1e6, empty_stale_ms=empty_stale_ms, stale_ms=stale_ms) is None:
        return False
    breaking = f"{path}.break"
    if not create_exclusive(breaking, holder_line(secrets.token_hex(8))):
        other = _read_lock(breaking)
        if other is not None and stale_reason(other[0], other[1].st_mtime_ns / 1e6, empty_stale_ms=3_000, stale_ms=10_000) is not None:
            _remove_if_same(breaking, other[1].st_ino)
        return False
    try:
        _remove_if_same(path, st.st_ino)
    finally:
        _unlink_quiet(breaking)
    return True


def acquire_lock(file: str, *, timeout: float = 30.0, display: str | None = None, empty_stale_ms: float = EMPTY_STALE_MS, stale_ms: float = OTHER_HOST_STALE_MS) -> Lock:
    """Take ``<file>.lock``, waiting with exponential backoff and jitter; LockTimeout after ``timeout`` seconds."""
    path = f"{file}.lock"
    token = secrets.token_hex(8)
    started = time.monotonic()
    delay_ms = 1.0
    while True:
        if not os.path.lexists(path) and create_exclusive(path, holder_line(token)):
            return Lock(path, token)
        broken = _break_if_stale(path, empty_stale_ms, stale_ms)
        if time.monotonic() - started > timeout:
            lock = _read_lock(path)
            holder = lock[0].strip() if lock else ""
            shown = display or file
            raise LockTimeout(
                f"could not lock {shown} within {round(timeout)} s: {shown}.lock is held"
                + (f' by "{holder}" (pid host token start)' if holder else "")
                + "; if no spog process is running on that host, delete it"
            )
        if broken:
            continue
        time.sleep(delay_ms * (0.5 + random.random()) / 1000)
        delay_ms = min(delay_ms * 2, 32)


def release_lock(lock: Lock) -> None:
    """Release a lock taken by acquire_lock (only if it is still ours)."""
    try:
        with open(lock.path, encoding="utf-8", errors="replace") as f:
            if lock.token in f.read():
                os.unlink(lock.path)
    except OSError:
        pass
