/**
 * Number formatting for drift reasons and bin labels: short, stable, and never
 * "0.000" for a tiny p-value.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 1e-4 || abs >= 1e7) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** A bin label for equal-width numeric bins: "[a, b)", or "[a, b]" for the last one. */
export function formatBinLabel(lower: number, upper: number, last: boolean): string {
  const f = (v: number) => String(Number(v.toPrecision(6)));
  return `[${f(lower)}, ${f(upper)}${last ? ']' : ')'}`;
}

/** "1 value" / "3 values". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
