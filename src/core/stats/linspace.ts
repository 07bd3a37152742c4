/**
 * `num` evenly spaced numbers from `start` to `stop` inclusive, computed exactly as
 * `np.linspace(start, stop, num)` does (i·step + start, with the last point set to
 * `stop`), so that bin edges built from it match numpy bit for bit.
 *
 * @throws Error when num is not a positive integer.
 */
export function linspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 1) throw new Error(`linspace needs a positive integer count (got ${num})`);
  const div = num - 1;
  const delta = stop - start;
  const out: number[] = new Array(num);
  if (div > 0) {
    const step = delta / div;
    for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
    out[num - 1] = stop;
  } else {
    out[0] = start;
  }
  return out;
}
