const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * A port of CPython's `random.Random` core (Mersenne Twister MT19937, seeded the way
 * `random.Random(int)` seeds it) and the parts of `random.py` that River's KSWIN uses:
 * `getrandbits`, `random`, `_randbelow` (the getrandbits rejection method) and `sample`.
 * Same seed, same calls → the same numbers as Python 3.
 *
 * References: Matsumoto, M. & Nishimura, T. (1998), "Mersenne Twister", ACM TOMACS
 * 8(1); CPython `Modules/_randommodule.c` (`init_by_array`, `random_seed`) and
 * `Lib/random.py` (3.11).
 */
export class PythonRandom {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** @param seed a non-negative or negative integer (Python uses |seed|); up to 2^53. */
  constructor(seed: number) {
    this.seed(seed);
  }

  /** Re-seed as `random.seed(seed)` does for an int. */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || !Number.isSafeInteger(seed)) {
      throw new Error(`PythonRandom needs an integer seed within ±2^53 (got ${seed})`);
    }
    let n = Math.abs(seed);
    // Split |seed| into 32-bit words, least significant first; 0 becomes [0].
    const key: number[] = [];
    while (n > 0) {
      key.push(n % 0x100000000);
      n = Math.floor(n / 0x100000000);
    }
    if (key.length === 0) key.push(0);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }

  /** Next raw 32-bit output of MT19937 (`genrand_uint32`). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random.getrandbits(k)` for 0 <= k <= 53, returned as a JS number. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 53) throw new Error(`getrandbits supports 0 <= k <= 53 here (got ${k})`);
    if (k === 0) return 0;
    if (k <= 32) return this.nextUint32() >>> (32 - k);
    // CPython fills 32-bit words least significant first; the last word is shifted.
    const low = this.nextUint32();
    const high = this.nextUint32() >>> (64 - k);
    return high * 0x100000000 + low;
  }

  /** `random.random()`: a 53-bit float in [0, 1). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random._randbelow(n)`: a uniform integer in [0, n) by rejection on bit_length(n) bits. */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`randbelow needs a positive integer (got ${n})`);
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * `random.sample(population, k)`: k distinct elements in selection order, using
   * CPython's two strategies (a shrinking pool for small populations, rejection with a
   * set otherwise) so the draws match Python's exactly.
   */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length;
    if (!Number.isInteger(k) || k < 0 || k > n) throw new Error(`sample larger than population or negative (k=${k}, n=${n})`);
    const result: T[] = new Array(k);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = population.slice();
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = population[j];
      }
    }
    return result;
  }
}

/** Python's int.bit_length() for a non-negative safe integer. */
function bitLength(n: number): number {
  let bits = 0;
  let rest = n;
  while (rest >= 0x100000000) {
    rest = Math.floor(rest / 0x100000000);
    bits += 32;
  }
  return bits + (32 - Math.clz32(rest));
}
