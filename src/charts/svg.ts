/**
 * A small SVG drawing kit for the charts' static pictures: scales, ticks and tick labels computed
 * as Vega computes them (d3's linear ticks, nice domains and number formats; d3-time's UTC tick
 * intervals; the multi-format of TIME_AXIS), axes laid out as Vega lays them out (5 px ticks,
 * 2 px label padding, 4 px title padding, parity label-overlap removal, flush end labels) and
 * a document with a viewBox, so it scales to its container. Every text goes through `esc`.
 *
 * Colours are presentation attributes from theme.ts; the page's CSS recolours axis text, grid
 * and axis lines (classes `gr`, `ax`, `hd`) for dark mode, as it does for Vega's own SVG.
 */
import { COLOR, CONFIG } from './theme.ts';

// ---------------------------------------------------------------------------------------------
// Text

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an XML text node or a quoted attribute value: the five special characters escaped,
 * and the characters XML 1.0 cannot hold (C0 controls but tab and newlines, U+FFFE, U+FFFF,
 * unpaired surrogates) replaced by U+FFFD, so any user string gives a well-formed document.
 */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => ENTITIES[c] ?? '\uFFFD',
  );
}

/**
 * Advance widths of printable ASCII (space to "~") in hundredths of an em, as Chromium measures
 * system-ui on Debian (DejaVu Sans, one of the widest sans-serif fonts): estimates from it leave
 * room for the real text in any common font, and land near the live Vega view's layout, which
 * measures real text (Vega's headless estimate, 0.8 em a character, leaves far more).
 */
const ASCII_WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
  100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
  50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];

/** Estimated width in pixels of a text in the charts' font at `size` pixels. */
export function textWidth(s: string, size = 11): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c < 127) w += ASCII_WIDTHS[c - 32];
    else if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair
    else w += c >= 0x2e80 ? 100 : 84; // wide scripts; other letters, "−", "→", "…"
  }
  return (w * size) / 100;
}

/** Vega's label truncation: the longest prefix that fits `limit` pixels, then an ellipsis. */
export function truncate(s: string, limit: number, size = 11): string {
  if (!(limit > 0) || textWidth(s, size) < limit) return s;
  const chars = Array.from(s);
  const room = limit - textWidth('…', size);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (textWidth(chars.slice(0, mid).join(''), size) < room) lo = mid + 1;
    else hi = mid;
  }
  return chars.slice(0, Math.max(0, lo - 1)).join('') + '…';
}

/** A coordinate for the document: a tenth of a pixel, never "NaN", "Infinity" or "-0". */
export function px(x: number): string {
  if (!Number.isFinite(x)) return '0';
  // Integer arithmetic: formatting small integers is several times faster than fractions.
  let r = Math.round(x * 10);
  if (r === 0) return '0';
  const sign = r < 0 ? '-' : '';
  if (r < 0) r = -r;
  const whole = Math.floor(r / 10);
  const tenth = r - whole * 10;
  return tenth ? `${sign}${whole}.${tenth}` : `${sign}${whole}`;
}

/** Vega's baseline shift for text drawn from its anchor (vega-scenegraph's `offset`). */
export function baselineShift(baseline: 'top' | 'middle' | 'bottom', size = 11): number {
  return Math.round(baseline === 'top' ? 0.79 * size : baseline === 'middle' ? 0.3 * size : -0.21 * size);
}

// ---------------------------------------------------------------------------------------------
// Numbers: d3-array's ticks and d3-scale's nice and tickFormat, which Vega uses

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / Math.pow(10, power);
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  let i1: number;
  let i2: number;
  let inc: number;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** d3.ticks: about `count` round values between lo and hi (lo <= hi). */
export function ticks(lo: number, hi: number, count: number): number[] {
  if (!(count > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const [i1, i2, inc] = tickSpec(lo, hi, count);
  if (!(i2 >= i1)) return [];
  const out: number[] = [];
  for (let k = 0; k <= i2 - i1; k++) out.push(inc < 0 ? (i1 + k) / -inc : (i1 + k) * inc);
  return out;
}

/** d3.tickStep: the signed distance between two ticks. */
export function tickStep(lo: number, hi: number, count: number): number {
  const inc = tickSpec(lo, hi, count)[2];
  return inc < 0 ? 1 / -inc : inc;
}

/** d3-scale's linear `nice(count)`: the domain extended to round values (Vega: count 10). */
export function nice(lo: number, hi: number, count = 10): [number, number] {
  if (!(lo < hi)) return [lo, hi];
  let prestep: number | undefined;
  for (let iter = 0; iter < 10; iter++) {
    const step = tickSpec(lo, hi, count)[2];
    if (step === prestep) break;
    if (step > 0) {
      lo = Math.floor(lo / step) * step;
      hi = Math.ceil(hi / step) * step;
    } else if (step < 0) {
      lo = Math.ceil(lo * step) / step;
      hi = Math.floor(hi * step) / step;
    } else break;
    prestep = step;
  }
  return [lo, hi];
}

/** d3-format's fixed-point ",.Nf" and ".N%" in the default locale (U+2212 minus, comma groups). */
function fixed(x: number, precision: number, percent: boolean): string {
  const v = percent ? x * 100 : x;
  let s = Math.abs(v).toFixed(precision);
  // A negative value that rounds to zero is written without a sign, as d3 does.
  const negative = v < 0 && /[1-9]/.test(s);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  if (!percent && int.length > 3) s = int.replace(/\B(?=(\d{3})+$)/g, ',') + (dot < 0 ? '' : s.slice(dot));
  return (negative ? '\u2212' : '') + s + (percent ? '%' : '');
}

/**
 * d3-scale's linear tickFormat as Vega calls it: without a specifier ",f" with as many decimals
 * as the tick step needs; ".0%" (the only specifier the charts use) as given.
 */
export function tickFormat(lo: number, hi: number, count: number, specifier?: '.0%'): (x: number) => string {
  if (specifier === '.0%') return (x) => fixed(x, 0, true);
  // A domain of one value (a flat series) has one tick: the value, to 6 significant digits.
  if (lo === hi) return (x) => fixed(x, Math.min(20, (String(Number(x.toPrecision(6))).split('.')[1] ?? '').length), false);
  const step = Math.abs(tickStep(lo, hi, count));
  // d3's precisionFixed: as many decimals as the step's decimal exponent asks for.
  const precision = step > 0 && Number.isFinite(step) ? Math.max(0, -Number(step.toExponential().split('e')[1])) : 0;
  return (x) => fixed(x, Math.min(20, precision), false);
}

export interface Linear {
  (x: number): number;
  domain: [number, number];
  ticks: (count: number) => number[];
  format: (count: number, specifier?: '.0%') => (x: number) => string;
}

/**
 * A linear scale from a domain to pixels. A domain of one value maps to the middle of the range
 * (what d3 does), so a flat series draws a flat line in the middle rather than nothing.
 */
export function linear(domain: [number, number], range: [number, number]): Linear {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((x: number) => (span === 0 || !Number.isFinite(span) ? (r0 + r1) / 2 : r0 + ((x - d0) / span) * (r1 - r0))) as Linear;
  f.domain = domain;
  f.ticks = (count) => ticks(Math.min(d0, d1), Math.max(d0, d1), count);
  f.format = (count, specifier) => tickFormat(Math.min(d0, d1), Math.max(d0, d1), count, specifier);
  return f;
}

/**
 * The domain a Vega-Lite quantitative scale gets from its data: the values' extent, with zero
 * when `zero`, made nice (count 10) when `nice`. No finite value gives [0, 1]; a single value
 * stays a single value (drawn in the middle), except zero alone, which becomes [0, 1].
 */
export function dataDomain(values: readonly (number | null | undefined)[], opts: { zero: boolean; nice: boolean }): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  if (opts.zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) return lo === 0 ? [0, 1] : [lo, hi];
  return opts.nice ? nice(lo, hi, 10) : [lo, hi];
}

/** d3's band scale: `n` bands over `range`; `at(i)` is the start of band i. */
export function band(n: number, range: [number, number], paddingInner: number, paddingOuter: number): { step: number; bandwidth: number; at: (i: number) => number } {
  const [a, b] = range;
  const step = (b - a) / Math.max(1, n - paddingInner + paddingOuter * 2);
  const start = a + (b - a - step * (n - paddingInner)) * 0.5;
  return { step, bandwidth: step * (1 - paddingInner), at: (i) => start + step * i };
}

/** d3's point scale with Vega-Lite's padding 0.5: `at(i)` is the position of point i. */
export function points(n: number, range: [number, number], padding = 0.5): (i: number) => number {
  const [a, b] = range;
  const step = (b - a) / Math.max(1, n - 1 + padding * 2);
  const start = a + (b - a - step * (n - 1)) * 0.5;
  return (i) => start + step * i;
}

// ---------------------------------------------------------------------------------------------
// Time: d3-time's UTC tick intervals and the charts' multi-format (TIME_AXIS.format)

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

interface Interval {
  floor: (t: number) => number;
  next: (t: number) => number;
  /** The number d3's `every(k)` tests (`field(t) % k === 0`). */
  field: (t: number) => number;
}

const fixedInterval = (size: number): Interval => ({
  floor: (t) => Math.floor(t / size) * size,
  next: (t) => t + size,
  field: (t) => (size === DAY ? Math.floor(t / DAY) : size === HOUR ? new Date(t).getUTCHours() : size === MINUTE ? new Date(t).getUTCMinutes() : new Date(t).getUTCSeconds()),
});

const INTERVALS = {
  second: fixedInterval(SECOND),
  minute: fixedInterval(MINUTE),
  hour: fixedInterval(HOUR),
  day: fixedInterval(DAY),
  // d3's utcSunday: weeks start on Sunday; `every` is only used with 1.
  week: {
    floor: (t: number) => {
      const d = Math.floor(t / DAY) * DAY;
      return d - new Date(d).getUTCDay() * DAY;
    },
    next: (t: number) => t + WEEK,
    field: () => 0,
  },
  month: {
    floor: (t: number) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    },
    next: (t: number) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    },
    field: (t: number) => new Date(t).getUTCMonth(),
  },
  year: {
    floor: (t: number) => Date.UTC(new Date(t).getUTCFullYear(), 0, 1),
    next: (t: number) => Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1),
    field: (t: number) => new Date(t).getUTCFullYear(),
  },
} satisfies Record<string, Interval>;

type Unit = keyof typeof INTERVALS;

const TICK_INTERVALS: [Unit, number, number][] = [
  ['second', 1, SECOND], ['second', 5, 5 * SECOND], ['second', 15, 15 * SECOND], ['second', 30, 30 * SECOND],
  ['minute', 1, MINUTE], ['minute', 5, 5 * MINUTE], ['minute', 15, 15 * MINUTE], ['minute', 30, 30 * MINUTE],
  ['hour', 1, HOUR], ['hour', 3, 3 * HOUR], ['hour', 6, 6 * HOUR], ['hour', 12, 12 * HOUR],
  ['day', 1, DAY], ['day', 2, 2 * DAY], ['week', 1, WEEK], ['month', 1, MONTH], ['month', 3, 3 * MONTH], ['year', 1, YEAR],
];

/** d3-scale's utc ticks: about `count` round dates from start to stop (epoch milliseconds, inclusive). */
export function utcTicks(start: number, stop: number, count: number): number[] {
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !(count > 0)) return [];
  if (stop < start) [start, stop] = [stop, start];
  const target = (stop - start) / count;
  let i = 0;
  while (i < TICK_INTERVALS.length && TICK_INTERVALS[i][2] <= target) i++;
  let unit: Unit | 'ms';
  let k: number;
  if (i === TICK_INTERVALS.length) {
    unit = 'year';
    k = Math.max(1, Math.floor(tickStep(start / YEAR, stop / YEAR, count)));
  } else if (i === 0) {
    unit = 'ms';
    k = Math.max(1, Math.floor(tickStep(start, stop, count)));
  } else {
    [unit, k] = target / TICK_INTERVALS[i - 1][2] < TICK_INTERVALS[i][2] / target ? TICK_INTERVALS[i - 1] : TICK_INTERVALS[i];
  }
  const end = stop + 1;
  const out: number[] = [];
  if (unit === 'ms') {
    for (let t = Math.ceil(start / k) * k; t < end && out.length < 1000; t += k) out.push(t);
    return out;
  }
  const iv = INTERVALS[unit];
  // interval.ceil(start), then every step that passes the `every(k)` filter, below stop + 1.
  let t = iv.floor(start - 1);
  if (t < start) t = iv.next(t);
  for (let guard = 0; t < end && guard < 5000; guard++, t = iv.next(t)) if (k === 1 || iv.field(t) % k === 0) out.push(t);
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A time-axis label in UTC, as Vega formats TIME_AXIS.format: the year on 1 January, month and
 * day on other midnights, hours and minutes (and seconds when there are any) otherwise.
 */
export function utcLabel(t: number): string {
  const d = new Date(t);
  if (t % DAY !== 0) {
    const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
    return t % MINUTE !== 0 ? `${hm}:${pad2(d.getUTCSeconds())}` : hm;
  }
  if (d.getUTCMonth() === 0 && d.getUTCDate() === 1) return String(d.getUTCFullYear());
  return `${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Axes

/** Axis font size and the spacing Vega's axis config uses. */
const FONT = 11;
const TICK = 5;
const LABEL_PAD = 2;
const TITLE_PAD = 4;
/** Axis, grid and text colours of the theme (the page's CSS overrides them through classes). */
const AXIS_COLOR = String(CONFIG.axis?.domainColor ?? COLOR.reference);
const GRID_COLOR = String(CONFIG.axis?.gridColor ?? '#d0d7de');
const TEXT_COLOR = String(CONFIG.axis?.labelColor ?? COLOR.retrain);

export interface Tick {
  /** Position along the axis, in pixels from the plot's left (bottom axis) or top (left axis). */
  at: number;
  label: string;
}

export interface AxisOptions {
  ticks: Tick[];
  /** Length of the axis: the plot's width (bottom axis) or height (left axis). */
  length: number;
  title?: string | null;
  /** Draw grid lines across the plot, this long (the plot's height or width). */
  grid?: number;
  /** Align the end labels with the axis ends (Vega's labelFlush). */
  flush?: boolean;
  /** Hide every other label until none overlap (Vega's parity strategy). */
  overlap?: boolean;
  /** Label angle in degrees (bottom axis only; Vega's -40 is drawn right-aligned, hanging). */
  angle?: number;
  /** Longest label in pixels before an ellipsis (Vega's labelLimit, 180 by default). */
  limit?: number;
}

export interface DrawnAxis {
  /** Grid lines, drawn before the marks. */
  grid: string;
  /** Ticks, labels, the domain line and the title. */
  axis: string;
  /** How far the axis reaches outside the plot on each side, in pixels. */
  extent: { left: number; right: number; top: number; bottom: number };
}

interface Box {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

const overlaps = (a: Box, b: Box) => 0 > Math.max(b.x1 - a.x2, a.x1 - b.x2, b.y1 - a.y2, a.y1 - b.y2);

/** Vega's Overlap transform, parity method: which labels stay visible. */
function visibleLabels(boxes: Box[]): boolean[] {
  const shown = boxes.map(() => true);
  let items = boxes.map((_, i) => i);
  const hasOverlap = (idx: number[]) => idx.some((i, k) => k > 0 && overlaps(boxes[idx[k - 1]], boxes[i]));
  if (items.length >= 3 && hasOverlap(items)) {
    do {
      items = items.filter((i, k) => (k % 2 ? ((shown[i] = false), false) : true));
    } while (items.length >= 3 && hasOverlap(items));
    const last = boxes.length - 1;
    if (items.length < 3 && !shown[last]) {
      if (items.length > 1) shown[items[items.length - 1]] = false;
      shown[last] = true;
    }
  }
  return shown;
}

const crisp = (x: number) => Math.round(x) + 0.5;

/** A bottom axis for a plot of the given height (the axis sits at y = height). */
export function bottomAxis(o: AxisOptions, height: number): DrawnAxis {
  const limit = o.limit ?? 180;
  const angle = o.angle ?? 0;
  const labels = o.ticks.map((t) => ({ at: t.at, text: truncate(t.label, limit) })).filter((t) => t.text.trim() !== '');
  const widths = labels.map((l) => textWidth(l.text));
  const ly = TICK + LABEL_PAD;
  const rad = (angle * Math.PI) / 180;
  const sin = Math.sin(rad);
  const cos = Math.cos(rad);
  // Horizontal labels: centred, or flush at the ends; rotated ones end at their tick and hang down-left.
  const anchor = labels.map((l) => {
    if (angle !== 0) return 'end';
    if (o.flush) {
      const left = Math.abs(l.at);
      const right = Math.abs(o.length - l.at);
      if (left < right && left <= 1) return 'start';
      if (right <= 1) return 'end';
    }
    return 'middle';
  });
  const boxes: Box[] = labels.map((l, i) => {
    const w = widths[i];
    if (angle === 0) {
      const x1 = anchor[i] === 'start' ? l.at : anchor[i] === 'end' ? l.at - w : l.at - w / 2;
      return { x1, x2: x1 + w, y1: ly, y2: ly + FONT };
    }
    // The text's box from (−w, 0) to (0, FONT), rotated by `angle` about the tick's label point.
    const corners = [[0, 0], [-w, 0], [-w, FONT], [0, FONT]];
    const xs = corners.map(([cx, cy]) => cx * cos - cy * sin);
    const ys = corners.map(([cx, cy]) => cx * sin + cy * cos);
    return { x1: l.at + Math.min(...xs), x2: l.at + Math.max(...xs), y1: ly + Math.min(...ys), y2: ly + Math.max(...ys) };
  });
  const shown = o.overlap ? visibleLabels(boxes) : labels.map(() => true);
  let grid = '';
  if (o.grid) grid = `<g class="gr" stroke="${GRID_COLOR}">${o.ticks.map((t) => `<line x1="${px(crisp(t.at))}" x2="${px(crisp(t.at))}" y1="0" y2="${px(o.grid!)}"/>`).join('')}</g>`;
  const tickLines = o.ticks.map((t) => `<line x1="${px(crisp(t.at))}" x2="${px(crisp(t.at))}" y1="${px(height + 0.5)}" y2="${px(height + TICK + 0.5)}"/>`).join('');
  const domain = `<line x1="0" x2="${px(o.length + 0.5)}" y1="${px(height + 0.5)}" y2="${px(height + 0.5)}"/>`;
  let text = '';
  let bottom = 0;
  let left = 0;
  let right = 0;
  labels.forEach((l, i) => {
    if (!shown[i]) return;
    const b = boxes[i];
    bottom = Math.max(bottom, b.y2);
    left = Math.max(left, -b.x1);
    right = Math.max(right, b.x2 - o.length);
    const ty = height + ly + baselineShift('top');
    if (angle === 0) text += `<text x="${px(l.at)}" y="${px(ty)}"${anchor[i] === 'middle' ? '' : ` text-anchor="${anchor[i]}"`}>${esc(l.text)}</text>`;
    else text += `<text text-anchor="end" transform="translate(${px(l.at)},${px(height + ly)}) rotate(${angle}) translate(0,${baselineShift('top')})">${esc(l.text)}</text>`;
  });
  if (labels.length === 0) bottom = TICK;
  let title = '';
  if (o.title) {
    const t = truncate(o.title, o.length);
    title = `<text class="at" x="${px(o.length / 2)}" y="${px(height + bottom + TITLE_PAD + baselineShift('top'))}">${esc(t)}</text>`;
    bottom += TITLE_PAD + FONT;
  }
  return {
    grid,
    axis: `<g class="ax" stroke="${AXIS_COLOR}">${tickLines}${domain}</g><g class="xl" fill="${TEXT_COLOR}" text-anchor="middle">${text}${title}</g>`,
    extent: { left, right, top: 0, bottom },
  };
}

/** A left axis for a plot of the given width (the axis sits at x = 0). */
export function leftAxis(o: AxisOptions): DrawnAxis {
  const limit = o.limit ?? 180;
  const labels = o.ticks.map((t) => ({ at: t.at, text: truncate(t.label, limit) })).filter((t) => t.text.trim() !== '');
  const widths = labels.map((l) => textWidth(l.text));
  const boxes: Box[] = labels.map((l, i) => ({ x1: -(TICK + LABEL_PAD) - widths[i], x2: -(TICK + LABEL_PAD), y1: l.at - FONT / 2, y2: l.at + FONT / 2 }));
  const shown = o.overlap ? visibleLabels(boxes) : labels.map(() => true);
  let grid = '';
  if (o.grid) grid = `<g class="gr" stroke="${GRID_COLOR}">${o.ticks.map((t) => `<line x1="0" x2="${px(o.grid!)}" y1="${px(crisp(t.at))}" y2="${px(crisp(t.at))}"/>`).join('')}</g>`;
  const tickLines = o.ticks.map((t) => `<line x1="${px(-TICK + 0.5)}" x2="0.5" y1="${px(crisp(t.at))}" y2="${px(crisp(t.at))}"/>`).join('');
  const domain = `<line x1="0.5" x2="0.5" y1="0" y2="${px(o.length + 0.5)}"/>`;
  let text = '';
  let labelWidth = 0;
  let top = 0;
  let bottom = 0;
  labels.forEach((l, i) => {
    if (!shown[i]) return;
    labelWidth = Math.max(labelWidth, widths[i]);
    top = Math.max(top, -boxes[i].y1);
    bottom = Math.max(bottom, boxes[i].y2 - o.length);
    text += `<text x="${-(TICK + LABEL_PAD)}" y="${px(l.at + baselineShift('middle'))}">${esc(l.text)}</text>`;
  });
  let left = TICK + (labelWidth > 0 ? LABEL_PAD + labelWidth : 0);
  let title = '';
  if (o.title) {
    const t = truncate(o.title, o.length);
    const x = Math.round(left + TITLE_PAD);
    title = `<text class="at" text-anchor="middle" transform="translate(${-x},${px(o.length / 2)}) rotate(-90)" y="${baselineShift('bottom')}">${esc(t)}</text>`;
    left = x + FONT;
  }
  return {
    grid,
    axis: `<g class="ax" stroke="${AXIS_COLOR}">${tickLines}${domain}</g><g class="yl" fill="${TEXT_COLOR}" text-anchor="end">${text}${title}</g>`,
    extent: { left, right: 0, top, bottom },
  };
}

/** Ticks of a linear scale along an axis: positions and labels as Vega writes them. */
export function linearTicks(scale: Linear, count: number, specifier?: '.0%'): Tick[] {
  const f = scale.format(count, specifier);
  return scale.ticks(count).map((v) => ({ at: scale(v), label: f(v) }));
}

/** Vega-Lite's default tick count for a continuous axis of this length. */
export const tickCount = (length: number) => Math.ceil(length / 40);

// ---------------------------------------------------------------------------------------------
// Legends (Vega's top legend: 10 px symbols, labels 16 px right of their symbol's left edge)

export interface LegendEntry {
  label: string;
  color: string;
  symbol: 'square' | 'circle';
}

/** A horizontal legend whose top-left corner is at (0, 0); returns the markup and its size. */
export function legend(entries: LegendEntry[]): { svg: string; width: number; height: number } {
  let x = 0;
  let svg = '';
  for (const e of entries) {
    const label = truncate(e.label, 160);
    svg += e.symbol === 'square'
      ? `<rect x="${px(x + 1)}" y="1" width="10" height="10" fill="${e.color}"/>`
      : `<circle cx="${px(x + 6)}" cy="6" r="5" fill="${e.color}"/>`;
    svg += `<text x="${px(x + 16)}" y="${6 + baselineShift('middle')}">${esc(label)}</text>`;
    x += 16 + textWidth(label) + 10;
  }
  return { svg: `<g fill="${TEXT_COLOR}">${svg}</g>`, width: Math.max(0, x - 10), height: 12 };
}

/** Distance from a top legend's top edge to the plot, as in Vega's output (legend offset 18). */
export const LEGEND_SPACE = 29;

// ---------------------------------------------------------------------------------------------
// Marks

/**
 * An SVG path through the points, split where a value is missing or not finite (Vega's line
 * `defined`), as "M x,y L x,y ...". Returns '' when there is nothing to draw.
 */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(x)},${px(y)}`;
    pen = true;
  }
  return d;
}

/** Vega's symbol size (area in square pixels) as a circle radius. */
export const radius = (size: number) => Math.sqrt(size) / 2;

// ---------------------------------------------------------------------------------------------
// The document

/** Space around the chart, as Vega's `padding: 5`. */
export const PADDING = 5;

/**
 * The SVG document: its natural size in width and height and the same viewBox (so CSS can scale
 * it down: max-width 100%, height auto), the chart font, hidden from assistive technology (the
 * figure's container is role="img" with the chart described in words).
 */
export function svgDocument(width: number, height: number, body: string): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sc" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${esc(String(CONFIG.font))}" font-size="${FONT}" aria-hidden="true">${body}</svg>`;
}

/** A group translated to (x, y). */
export const at = (x: number, y: number, body: string) => `<g transform="translate(${px(x)},${px(y)})">${body}</g>`;

// ---------------------------------------------------------------------------------------------
// Build statistics

/** Charts drawn by this copy of the module (this thread) and the time spent. */
const drawn = { charts: 0, ms: 0 };

/** Time `draw` and count it as one chart drawn (for the build report). */
export function timed(draw: () => string): string {
  const t0 = performance.now();
  const svg = draw();
  drawn.charts++;
  drawn.ms += performance.now() - t0;
  return svg;
}

/**
 * Charts drawn so far by this thread's copy of the module and the time spent: the build's report
 * adds up what each model's step measured with it (src/site/model-job.ts).
 */
export function chartStats(): { charts: number; ms: number } {
  return { ...drawn };
}
