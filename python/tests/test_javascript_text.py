"""Numbers, strings and timestamps as JavaScript handles them, checked against Node itself on
seeded random values: ``JSON.stringify`` of doubles and strings, and spog's timestamp rules
(isValidIsoDate, isoToMs, the UTC month)."""
from __future__ import annotations

import json
import random
import struct
import subprocess

from spog._jsjson import dumps, js_keys
from spog._time import is_valid_iso_date, iso_to_ms, month_of

from conftest import NODE, REPO


def _node(script: str, data: object) -> object:
    r = subprocess.run([str(NODE), "--input-type=module", "-e", script], input=json.dumps(data), capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(r.stdout)


def _doubles(rng: random.Random, n: int) -> list[float]:
    out = [0.1 + 0.2, 1e-7, 5.0, 1e21, 1e20, -0.0, 0.000001, 1e-6 * 0.99, 123456789012345680000.0, 5e-324, 1.7976931348623157e308, 2.0**53, 1 / 3]
    while len(out) < n:
        kind = rng.random()
        if kind < 0.4:
            bits = rng.getrandbits(64)
            x = struct.unpack("<d", struct.pack("<Q", bits))[0]
            if x != x or x in (float("inf"), float("-inf")):
                continue
        elif kind < 0.7:
            x = round(rng.uniform(-1000, 1000), rng.randint(0, 8))
        else:
            x = rng.uniform(0.5, 10) * 10.0 ** rng.randint(-30, 30)
        out.append(x)
    return out


def test_numbers_are_written_as_json_stringify_writes_them() -> None:
    xs = _doubles(random.Random(16), 20_000)
    hexes = [struct.pack(">d", x).hex() for x in xs]
    js = _node(
        "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const hs=JSON.parse(s);"
        "console.log(JSON.stringify(hs.map(h=>JSON.stringify(Buffer.from(h,'hex').readDoubleBE(0)))))})",
        hexes,
    )
    assert [dumps(x) for x in xs] == js


def test_strings_and_key_order_are_written_as_json_stringify_writes_them() -> None:
    rng = random.Random(4)
    alphabet = ['"', "\\", "\n", "\t", "\b", "\f", "\r", "\x00", "\x01", "\x1f", "\x7f", "é", "\u2028", "\u2029", "😀", "\ud800", "\udfff", "a", "/", "<", "\u0085"]
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    objects = [{k: i for i, k in enumerate(rng.sample(["b", "10", "2", "a", "01", "4294967294", "4294967295", "-1", "1.5", "0"], 6))} for _ in range(200)]
    # Strings travel as lists of UTF-16 code units, so lone surrogates reach Node intact.
    units = [list(struct.unpack(f"<{len(s.encode('utf-16-le', 'surrogatepass')) // 2}H", s.encode("utf-16-le", "surrogatepass"))) for s in strings]
    js = _node(
        "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const [us, os]=JSON.parse(s);"
        "const strs=us.map(u=>String.fromCharCode(...u));"
        "const objs=os.map(o=>Object.fromEntries(o));"
        "console.log(JSON.stringify([strs.map(x=>JSON.stringify(x)), objs.map(o=>JSON.stringify(o))]))})",
        [units, [list(o.items()) for o in objects]],
    )
    assert [dumps(s) for s in strings] == js[0]
    assert [dumps({k: o[k] for k in js_keys(o)}) for o in objects] == js[1]


def test_timestamps_are_read_as_spog_reads_them() -> None:
    rng = random.Random(7)
    fixed = ["2026-10-31", "2026-02-29", "2024-02-29", "2026-02-30", "2026-04-31", "0050-01-01", "0100-03-01T00:00+23:59",
             "2026-10-31T24:00:00Z", "2026-12-31T24:00Z", "2026-10-31T24:01Z", "2026-10-31T23:60Z", "2026-10-31T23:59:60Z",
             "2026-10-31T06:00:00.1239Z", "2026-10-31T06:00:00.123456789Z", "2026-10-31T06:00+0200", "2026-10-31T06:00+24:00",
             "2026-10-31 06:00", "2026-13-01", "2026-00-10", "2026-10-00", "2026-10-32", "2026-10-31T06", "2026-10-31T06:00:00.Z",
             "1969-12-31T23:59:59.999Z", "9999-12-31T23:59-23:59", "2026-11-01T01:00:00+02:00"]
    gen = []
    for _ in range(3000):
        y = rng.choice([1969, 1970, 2000, 2024, 2026, 2100, 150, 9999])
        s = f"{y:04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}"
        if rng.random() < 0.8:
            s += rng.choice("T ") + f"{rng.randint(0, 25):02d}:{rng.randint(0, 60):02d}"
            if rng.random() < 0.7:
                s += f":{rng.randint(0, 60):02d}"
                if rng.random() < 0.4:
                    s += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9)))
            s += rng.choice(["", "Z", f"+{rng.randint(0, 25):02d}:{rng.randint(0, 60):02d}", f"-{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}"])
        gen.append(s)
    cases = fixed + gen
    js = _node(
        f"import {{ isValidIsoDate, isoToMs }} from {json.dumps(str(REPO / 'src/schema/common.ts'))};"
        f"import {{ monthOf }} from {json.dumps(str(REPO / 'src/workflow/records.ts'))};"
        "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const cs=JSON.parse(s);"
        "console.log(JSON.stringify(cs.map(c=>{const v=isValidIsoDate(c);return [v, v?isoToMs(c):null, v?monthOf(c):null]})))})",
        cases,
    )
    for c, (valid, ms, month) in zip(cases, js):
        assert is_valid_iso_date(c) == valid, c
        if valid:
            assert iso_to_ms(c) == ms, c
            assert month_of(iso_to_ms(c)) == month, c
