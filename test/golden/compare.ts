import { closeTo } from './load.ts';

/** One computed number beside its reference, named so a failure says which one was off. */
export interface Compared {
  name: string;
  got: number;
  want: number;
}

/**
 * The numbers that are not close to their reference (closeTo's rtol and atol), with both
 * values: assert `toEqual([])`, and a failure lists every number that was off, by name.
 */
export function mismatches(rows: Compared[], rtol?: number, atol?: number): Compared[] {
  return rows.filter((r) => !closeTo(r.got, r.want, rtol, atol));
}
