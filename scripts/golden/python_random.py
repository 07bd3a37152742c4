"""Reference outputs of CPython's random.Random for the TypeScript MT19937 port."""
import random
import sys

SEEDS = [0, 1, 42, 12345, 2**32 + 7, 2**45 + 12345, -42]


def build():
    cases = []
    for seed in SEEDS:
        rng = random.Random(seed)
        uint32 = [rng.getrandbits(32) for _ in range(20)]
        rng = random.Random(seed)
        floats = [rng.random() for _ in range(10)]
        rng = random.Random(seed)
        bits = [[k, rng.getrandbits(k)] for k in (1, 5, 13, 31, 32, 33, 40, 53)]
        rng = random.Random(seed)
        below = [[n, rng._randbelow(n)] for n in (1, 2, 3, 7, 70, 100, 1000, 2**31 - 1, 2**31 + 1)]
        rng = random.Random(seed)
        samples = [
            {"n": 70, "k": 30, "result": rng.sample(range(70), 30)},
            {"n": 70, "k": 30, "result": rng.sample(range(70), 30)},
            {"n": 100, "k": 100, "result": rng.sample(range(100), 100)},
            {"n": 5, "k": 3, "result": rng.sample(range(5), 3)},
            {"n": 1000, "k": 30, "result": rng.sample(range(1000), 30)},
            {"n": 100, "k": 0, "result": rng.sample(range(100), 0)},
        ]
        cases.append(
            {"seed": seed, "getrandbits32": uint32, "random": floats, "getrandbits": bits, "randbelow": below, "samples": samples}
        )
    return {
        "generator": "scripts/golden.py (python_random)",
        "python": sys.version.split()[0],
        "note": "Each list starts from a fresh random.Random(seed) except 'samples', which are consecutive calls on one generator.",
        "cases": cases,
    }
