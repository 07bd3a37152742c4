import { describe, it, expect } from 'vitest';
import { PythonRandom } from '../../../src/core/stats/python-random.ts';
import { loadGolden } from '../../golden/load.ts';

const golden = loadGolden('python-random.json');

describe('PythonRandom reproduces CPython random.Random', () => {
  for (const c of golden.cases) {
    describe(`with seed ${c.seed}`, () => {
      it('yields the same 32-bit words', () => {
        const rng = new PythonRandom(c.seed);
        expect(Array.from({ length: c.getrandbits32.length }, () => rng.getrandbits(32))).toEqual(c.getrandbits32);
      });
      it('yields the same floats from random()', () => {
        const rng = new PythonRandom(c.seed);
        expect(Array.from({ length: c.random.length }, () => rng.random())).toEqual(c.random);
      });
      it('yields the same getrandbits(k) for k up to 53', () => {
        const rng = new PythonRandom(c.seed);
        for (const [k, value] of c.getrandbits) expect(rng.getrandbits(k), `getrandbits(${k})`).toBe(value);
      });
      it('yields the same _randbelow(n)', () => {
        const rng = new PythonRandom(c.seed);
        for (const [n, value] of c.randbelow) expect(rng.randbelow(n), `_randbelow(${n})`).toBe(value);
      });
      it('draws the same random.sample(range(n), k) on consecutive calls', () => {
        const rng = new PythonRandom(c.seed);
        for (const s of c.samples) {
          const population = Array.from({ length: s.n }, (_, i) => i);
          expect(rng.sample(population, s.k)).toEqual(s.result);
        }
      });
    });
  }

  it('rejects a sample larger than the population', () => {
    expect(() => new PythonRandom(1).sample([1, 2], 3)).toThrow(/larger than population/);
  });
});
