/**
 * ISO 8601 dates as the registry writes them: validation and reading to epoch milliseconds.
 * No zod here: the browser's chart code (src/charts/lttb.ts) reads dates too, and zod in the
 * client bundle runs its JIT probe (`new Function('')`), which a strict CSP reports as an eval violation.
 */

/** An ISO 8601 date or date-time, with an optional offset. */
export const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when `s` is an ISO 8601 date or date-time that names a real instant (no 2015-02-30). */
export function isValidIsoDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'));
  if (Number.isNaN(t)) return false;
  // Date.parse rolls 2015-02-30 over to March; compare the calendar day it read back.
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** Milliseconds since the epoch for an IsoDate string (date-only strings are midnight UTC). */
export function isoToMs(s: string): number {
  if (s.length === 10) return Date.parse(`${s}T00:00:00Z`);
  const t = s.replace(' ', 'T');
  return Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at i as a number, or NaN. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * Milliseconds of the timestamp shapes pipelines and spog write, "2026-10-31",
 * "2026-10-31T06:00:00Z" and "2026-10-31T06:00:00.000Z" (toISOString), read by arithmetic
 * (isValidIsoDate and Date.parse cost microseconds, and a registry holds hundreds of thousands of
 * distinct days); undefined for any other shape or an unusual value (years before 1970, hour 24,
 * second 60), which the general path then reads.
 */
export function quickIsoMs(s: string): number | undefined {
  const len = s.length;
  const time = (len === 20 || len === 24) && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && s.charCodeAt(len - 1) === 90;
  if (len !== 10 && !time) return undefined;
  let ms = 0;
  if (len === 24) {
    const a = s.charCodeAt(20) - 48;
    ms = s.charCodeAt(19) === 46 && a >= 0 && a <= 9 ? a * 100 + two(s, 21) : NaN;
    if (!(ms >= 0)) return undefined;
  }
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (!(year >= 1970) || !(month >= 1 && month <= 12) || !(day >= 1)) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  if (len === 10) return Date.UTC(year, month - 1, day);
  const h = two(s, 11);
  const m = two(s, 14);
  const sec = two(s, 17);
  if (!(h <= 23) || !(m <= 59) || !(sec <= 59)) return undefined;
  return Date.UTC(year, month - 1, day, h, m, sec, ms);
}

/** Milliseconds of an IsoDate string: quickIsoMs's arithmetic for the usual shapes, isoToMs for the rest. */
export function fastIsoToMs(s: string): number {
  return quickIsoMs(s) ?? isoToMs(s);
}
