/**
 * Seeded pseudo-random numbers for the demo generator. Math.random is never used: the
 * registry must come out byte-identical on every run.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

// mulberry32 and the FNV-1a seed are the engine's own (src/core/random.ts): one implementation.
import { hashSeed, mulberry32 } from '../../src/core/random.ts';

export { mulberry32 };

/** A seed derived from a string (FNV-1a), so each model gets its own independent stream. */
export const seedOf = hashSeed;

/** Standard normal draw (Box-Muller). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Bernoulli draw. */
export function bernoulli(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Index drawn from unnormalised weights. */
export function pick(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let u = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Hex string of `len` characters (commit ids, hashes). */
export function hex(rng: Rng, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}
