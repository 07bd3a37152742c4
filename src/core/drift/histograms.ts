import type { NumericHistogram } from './prepare.ts';

export interface AlignedHistograms {
  edges: number[];
  reference: number[];
  current: number[];
  /** True when the two histograms had different edges and were re-binned. */
  rebinned: boolean;
}

/**
 * Spread one histogram's counts over `edges` (a refinement of its own range) in
 * proportion to overlap, i.e. assuming values are uniform within each original bin.
 */
function rebin(h: NumericHistogram, edges: number[]): number[] {
  const out = new Array<number>(edges.length - 1).fill(0);
  const position = new Map(edges.map((e, i) => [e, i]));
  for (let i = 0; i < h.counts.length; i++) {
    const lo = h.edges[i];
    const hi = h.edges[i + 1];
    // The union contains every original edge, so each original bin starts on a union edge.
    for (let k = position.get(lo) ?? 0; k < edges.length - 1 && edges[k] < hi; k++) {
      const a = Math.max(lo, edges[k]);
      const b = Math.min(hi, edges[k + 1]);
      if (b > a) out[k] += (h.counts[i] * (b - a)) / (hi - lo);
    }
  }
  return out;
}

/**
 * Put two histograms on common bins. Identical edges are used as they are; otherwise
 * both are re-binned onto the sorted union of their edges by proportional splitting
 * (each bin's count is shared among the union bins it overlaps, in proportion to the
 * overlap width — the uniform-within-bin assumption). Union bins outside one
 * histogram's range get 0 from it. Totals are preserved.
 */
export function alignHistograms(reference: NumericHistogram, current: NumericHistogram): AlignedHistograms {
  const same = reference.edges.length === current.edges.length && reference.edges.every((e, i) => e === current.edges[i]);
  if (same) return { edges: reference.edges.slice(), reference: reference.counts.slice(), current: current.counts.slice(), rebinned: false };
  const edges = [...new Set([...reference.edges, ...current.edges])].sort((a, b) => a - b);
  return { edges, reference: rebin(reference, edges), current: rebin(current, edges), rebinned: true };
}

/** Bin midpoints (eᵢ + eᵢ₊₁)/2, the representative value of each bin. */
export function midpoints(edges: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) out.push((edges[i] + edges[i + 1]) / 2);
  return out;
}
