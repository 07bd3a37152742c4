/**
 * Shared look of every chart: colours that read on light and dark backgrounds (the page's CSS
 * recolours axis text and grid for dark mode), UTC time axes so a build reads the same in every
 * time zone, and no background so the page colour shows through.
 */
import type { Config } from 'vega-lite';

export const COLOR = {
  line: '#3468c8',
  second: '#c4622d',
  expected: '#6e7781',
  amber: '#f0a32a',
  red: '#e0473e',
  green: '#2da44e',
  detection: '#8250df',
  retrain: '#57606a',
  deploy: '#1b7c83',
  reference: '#8c959f',
  current: '#3468c8',
} as const;

/** Chart width in CSS pixels; the SVG has a viewBox and shrinks to its container. */
export const WIDTH = 640;

export const CONFIG: Config = {
  background: 'transparent',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#57606a', titleColor: '#57606a', gridColor: '#d0d7de', domainColor: '#8c959f', tickColor: '#8c959f' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'bottom', labelColor: '#57606a', titleColor: '#57606a' },
  header: { labelFontSize: 12, titleFontSize: 12, labelColor: '#57606a' },
  line: { strokeWidth: 1.5 },
};

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * A compact ISO date-time for embedded data: midnight UTC becomes "YYYY-MM-DD" (JavaScript
 * parses a date-only ISO string as UTC, so the chart reads the same in every time zone).
 */
export function isoShort(iso: string): string {
  if (iso.length === 10) return iso;
  if (/T00:00(:00(\.000)?)?Z$/.test(iso)) return iso.slice(0, 10);
  return iso.replace(/:00\.000Z$|\.000Z$/, 'Z');
}

/** Round a value for the embedded data: 4 significant digits is finer than any chart shows. */
export function r4(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

/** The y extent that shows every value, line and band edge given, with a little padding. */
export function extent(values: (number | null | undefined)[], pad = 0.08): [number, number] {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return [0, 1];
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (lo === hi) {
    const d = Math.abs(lo) * 0.05 || 1;
    lo -= d;
    hi += d;
  }
  const p = (hi - lo) * pad;
  return [r4(lo - p), r4(hi + p)];
}

/** Time axis shared by the time-series charts. */
export const TIME_AXIS = {
  title: null,
  labelOverlap: true,
  grid: false,
  // Month and day, the year on year boundaries (the scale is UTC, so these format in UTC).
  format: { year: '%Y', quarter: '%b %d', month: '%b %d', week: '%b %d', date: '%b %d', hours: '%H:%M', minutes: '%H:%M', seconds: '%H:%M:%S', milliseconds: '%H:%M:%S' },
} as const;

/**
 * A time value as its tooltip shows it: "2026-10-31", or "2026-10-31 06:00 UTC". The spec carries
 * this text in its own field: the temporal x encoding parses `t` in place, and a tooltip on `t`
 * then shows epoch milliseconds (formatting it in Vega would need a timeUnit, a Vega computation).
 */
export function dateText(iso: string): string {
  const s = isoShort(iso);
  return s.length === 10 ? s : `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/** The tooltip entry of the date text field `d` (see dateText). */
export const DATE_TOOLTIP = { field: 'd', type: 'nominal', title: 'date' } as const;

/**
 * Invisible points on a line, one on each value, that carry its tooltip. Vega shows a line's own
 * tooltip only while the pointer is within the stroke width (1.5 px) of a vertex (vega-scenegraph
 * `pickLine`), so a reader hovering a line without points mostly sees none. A transparent symbol
 * still takes the pointer (SVG's `pointer-events: visiblePainted` ignores opacity); where two
 * overlap, the later one does. `aria: false` keeps them out of the chart's accessible tree.
 */
export const HOVER_POINT = { filled: true, opacity: 0, size: 80, aria: false } as const;
