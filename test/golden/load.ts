import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Read a golden JSON file written by scripts/golden.py, turning "NaN"/"Infinity" strings back into numbers. */
export function loadGolden<T = any>(name: string): T {
  const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'), (_key, value) => {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    return value;
  }) as T;
}

/** Relative closeness used by every golden comparison: |a − b| <= rtol·|b| (+ a tiny absolute floor). */
export function closeTo(actual: number, expected: number, rtol = 1e-9, atol = 1e-300): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= rtol * Math.abs(expected) + atol;
}
