"""ISO 8601 timestamps as spog reads them (src/schema/common.ts): which strings are valid, the
instant they name in milliseconds (V8's ``Date.parse``), and the UTC month file they go to."""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timezone

__all__ = ["DATE_RE", "is_valid_iso_date", "iso_to_ms", "month_of", "now_iso", "ts_text"]

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", re.ASCII)
# What V8's Date.parse reads in the shapes DATE_RE admits (after spog turns " " into "T").
_PARTS_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$", re.ASCII)
_DAY_MS = 86_400_000


def _parse_ms(s: str, default_utc: bool) -> int | None:
    """Date.parse for DATE_RE's shapes: None where V8 gives NaN. Day 29-31 of a short month rolls
    over (as V8 does); hour 24 only as 24:00[:00[.0]]; offsets up to 23:59; fractions truncated to ms."""
    m = _PARTS_RE.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if m.group(4) is None:
        hh = mi = sec = ms = 0
        offset_min = 0
    else:
        hh, mi = int(m.group(4)), int(m.group(5))
        sec = int(m.group(6) or 0)
        frac = m.group(7) or ""
        ms = int((frac + "00")[:3]) if frac else 0
        if mi > 59 or sec > 59 or hh > 24 or (hh == 24 and (mi or sec or ms)):
            return None
        if m.group(8) is None:
            if not default_utc:
                return None
            offset_min = 0
        elif m.group(8) == "Z":
            offset_min = 0
        else:
            oh, om = int(m.group(10)), int(m.group(11))
            if oh > 23 or om > 59:
                return None
            offset_min = (oh * 60 + om) * (1 if m.group(9) == "+" else -1)
    # Days from the epoch of the first of the month, then the day as an offset (V8 rolls 02-30 over).
    days = _days_from_civil(y, mo, 1) + d - 1
    return days * _DAY_MS + ((hh * 60 + mi) * 60 + sec) * 1000 + ms - offset_min * 60_000


def _days_from_civil(y: int, m: int, d: int) -> int:
    # Howard Hinnant's days_from_civil: proleptic Gregorian, any year (Python's date stops at year 1).
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def is_valid_iso_date(s: str) -> bool:
    """True when ``s`` is an ISO 8601 date or date-time that names a real instant (no 2015-02-30)."""
    if not DATE_RE.match(s):
        return False
    t = _parse_ms(s.replace(" ", "T", 1) if len(s) != 10 else s, default_utc=True)
    if t is None:
        return False
    y, mo, d = int(s[0:4]), int(s[5:7]), int(s[8:10])
    # spog reads the day back through Date.UTC, which takes years 0-99 as 1900-1999: such a year never matches.
    if y < 100:
        return False
    return d <= calendar.monthrange(y, mo)[1]


def iso_to_ms(s: str) -> int | None:
    """Milliseconds since the epoch of a timestamp (date-only and offset-less ones are UTC); None when
    it names no instant. Only the ISO shapes are read (V8 also reads other date texts; spog never writes them)."""
    if len(s) == 10:
        return _parse_ms(s, default_utc=True)
    return _parse_ms(s.replace(" ", "T", 1), default_utc=True)


def month_of(ms: int) -> str:
    """"YYYY-MM" of an instant in UTC, as ``new Date(ms).toISOString().slice(0, 7)``."""
    days = ms // _DAY_MS
    y, m, _ = _civil_from_days(days)
    if 0 <= y <= 9999:
        return f"{y:04d}-{m:02d}"
    return (f"+{y:06d}" if y > 0 else f"-{-y:06d}")[:7]


def _civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


def now_iso(now_ms: int) -> str:
    """An instant as an ISO date-time without milliseconds, e.g. "2026-10-31T12:00:00Z"."""
    return datetime.fromtimestamp(now_ms // 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def ts_text(ts: object) -> object:
    """A ``datetime`` or ``date`` as spog's text ("2026-10-31T06:00:00Z", "2026-10-31"); anything else as it is.

    An aware datetime is written in UTC (milliseconds when it has any); a naive one is taken as UTC,
    as spog takes a timestamp without an offset.
    """
    if isinstance(ts, datetime):
        t = ts.astimezone(timezone.utc) if ts.tzinfo is not None else ts
        text = t.strftime("%Y-%m-%dT%H:%M:%S")
        if t.microsecond:
            text += f".{t.microsecond // 1000:03d}" if t.microsecond % 1000 == 0 else f".{t.microsecond:06d}"
        return text + "Z"
    if isinstance(ts, date):
        return ts.isoformat()
    return ts
