/**
 * The demo timeline. Live series end on the pinned "as of" day (2026-10-31; spog evaluates at
 * the end of that day), so the registry shows the same states whenever the site is built. Real data sets are moved onto this
 * timeline by a whole number of weeks, which keeps weekdays (and, for the weather data, the
 * calendar day) of the real observations.
 */

/** Pinned evaluation time written to spog.yaml. */
export const AS_OF = '2026-10-31';
/** Last day with production data for live models: the "as of" day itself. */
export const LAST_DAY = AS_OF;

const DAY_MS = 86_400_000;

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(dayMs(day)).getUTCDay();
}

/** Day of year, 0-based, for seasonal features. */
export function dayOfYear(day: string): number {
  return daysBetween(`${day.slice(0, 4)}-01-01`, day);
}

/**
 * Timestamp of a nightly batch result: the job scores day `day` once its labels are in and
 * writes at 23:00 UTC. A window that ends on `day` carries this time.
 */
export function nightly(day: string): string {
  return `${day}T23:00:00Z`;
}

/**
 * A fixed shift of real dates onto the demo timeline. `days` must be a multiple of 7 so that
 * weekdays survive the move.
 */
export interface Shift {
  /** Days added to every real date. */
  days: number;
  /** How the card explains the mapping. */
  describe: string;
}

export function makeShift(realDay: string, demoDay: string, why: string): Shift {
  const days = daysBetween(realDay, demoDay);
  if (days % 7 !== 0) throw new Error(`shift ${realDay} -> ${demoDay} is ${days} days, not whole weeks`);
  return { days, describe: `real dates + ${days} days (${days / 7} weeks): ${realDay} is shown as ${demoDay}. ${why}` };
}

export function shiftDay(s: Shift, realDay: string): string {
  return addDays(realDay, s.days);
}

/** Weather data 2012-2015: +11 years, 4018 days = 574 weeks, so 2015-10-31 is 2026-10-31 (both Saturdays). */
export const WEATHER_SHIFT = makeShift('2015-10-31', '2026-10-31', 'Eleven years exactly for dates from March 2013 on, so seasons fall in the same months.');
/** Flights January-March 2001: the last day, Saturday 2001-03-31, becomes Saturday 2026-10-31. */
export const FLIGHTS_SHIFT = makeShift('2001-03-31', '2026-10-31', 'The winter 2001 traffic is replayed as autumn 2026; weekdays are kept, seasons are not.');
/** Football 2013-2017: +470 weeks, so the 2016-17 season becomes 2025-26 and its final day Sunday 2026-05-31. */
export const FOOTBALL_SHIFT = makeShift('2017-05-28', '2026-05-31', 'Match days stay on the same weekdays; the calendar moves by nine years and three days.');
