"""JSON text exactly as JavaScript's ``JSON.stringify`` writes it, and JavaScript's own orders.

spog's Node writer produces every line with ``JSON.stringify``; a Python writer that must produce
the same bytes needs three things the standard ``json`` module does differently:

- numbers as ECMAScript ``Number::toString`` prints them (``5.0`` is ``5``, ``1e-7`` is ``1e-7``,
  ``1e21`` is ``1e+21``, ``-0.0`` is ``0``), from the same shortest round-trip digits ``repr`` gives;
- strings escaped as ``JSON.stringify`` escapes them: ``"``, ``\\``, the control characters
  (``\\b \\f \\n \\r \\t`` by name, the rest as lowercase ``\\u00XX``) and lone surrogates
  (``\\udXXX``); everything else, non-ASCII included, kept as is;
- object keys in JavaScript's property order: integer-like keys ("0", "10") first in numeric
  order, then the others in insertion order.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["js_number", "dumps", "js_keys", "utf16_len", "js_sorted"]

_ARRAY_INDEX_MAX = 2**32 - 2


def _is_array_index(key: str) -> bool:
    # A canonical uint32 below 2**32 - 1: "0", "7", "10" (not "01", "-1", "1.0").
    return key.isdigit() and key.isascii() and (key == "0" or key[0] != "0") and int(key) <= _ARRAY_INDEX_MAX


def js_keys(obj: Mapping[str, Any]) -> list[str]:
    """The keys of ``obj`` in the order a JavaScript object holding them enumerates them."""
    keys = list(obj.keys())
    index = [k for k in keys if _is_array_index(k)]
    if not index:
        return keys
    index.sort(key=int)
    return index + [k for k in keys if not _is_array_index(k)]


def js_number(x: float) -> str:
    """ECMAScript Number::toString(x) (radix 10), e.g. 5.0 -> "5", 1e21 -> "1e+21", -0.0 -> "0"."""
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_number(-x)
    r = repr(float(x))
    mantissa, _, exp = r.partition("e")
    e = int(exp) if exp else 0
    intpart, _, frac = mantissa.partition(".")
    if frac == "0":
        frac = ""
    digits = (intpart + frac).lstrip("0")
    # Position of the decimal point relative to the first significant digit: x = 0.d1d2... * 10**n.
    lead_zeros = len(intpart + frac) - len((intpart + frac).lstrip("0"))
    n = len(intpart) - lead_zeros + e
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    exp_text = f"e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
    return digits[0] + ("." + digits[1:] if k > 1 else "") + exp_text


_ESCAPE_RE = re.compile("[\x00-\x1f\"\\\\\ud800-\udfff]")
_NAMED = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    return _NAMED.get(c) or f"\\u{ord(c):04x}"


def _js_string(s: str) -> str:
    if _SURROGATE_RE.search(s):
        # Two surrogate code points that form a pair are one character in JavaScript: join them.
        s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return '"' + _ESCAPE_RE.sub(_escape, s) + '"'


def dumps(value: Any) -> str:
    """``JSON.stringify(value)`` for values built of dict, list/tuple, str, float/int, bool and None.

    Raises ValueError for NaN and infinities (spog refuses them before writing; JSON.stringify
    would write ``null``) and TypeError for any other type.
    """
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def _write(v: Any, out: list[str]) -> None:
    if isinstance(v, str):
        out.append(_js_string(v))
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif v is None:
        out.append("null")
    elif isinstance(v, (int, float)):
        f = float(v)
        if not math.isfinite(f):
            raise ValueError(f"{v!r} is not a finite number")
        out.append(js_number(f))
    elif isinstance(v, Mapping):
        out.append("{")
        first = True
        for k in js_keys(v):
            if not first:
                out.append(",")
            first = False
            out.append(_js_string(k))
            out.append(":")
            _write(v[k], out)
        out.append("}")
    elif isinstance(v, Sequence):
        out.append("[")
        for i, x in enumerate(v):
            if i:
                out.append(",")
            _write(x, out)
        out.append("]")
    else:
        raise TypeError(f"cannot write {type(v).__name__} as JSON")


def utf16_len(s: str) -> int:
    """Length of ``s`` as JavaScript counts it (UTF-16 code units): "😀" is 2."""
    if s.isascii():
        return len(s)
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def js_sorted(items: list[str]) -> list[str]:
    """Sorted as JavaScript's default ``Array.prototype.sort`` sorts strings (by UTF-16 code units)."""
    if all(s.isascii() for s in items):
        return sorted(items)
    return sorted(items, key=lambda s: s.encode("utf-16-be", "surrogatepass"))
