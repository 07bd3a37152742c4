/**
 * Shared plumbing of the flight models: a 20,000-flight sample of US domestic departures,
 * January-March 2001 (BTS on-time data, `flights-20k.json` in vega-datasets), about 220 flights a
 * day, moved onto the demo timeline by FLIGHTS_SHIFT so that Saturday 2001-03-31 is Saturday 2026-10-31.
 */
import { loadFlights, type Flight } from '../data.ts';
import { shiftDay, FLIGHTS_SHIFT, weekday } from '../time.ts';

export interface Dep extends Flight {
  /** Demo date of the departure. */
  day: string;
  /** Stable index in the data set, used to assign flights to the canary. */
  idx: number;
}

let cache: Dep[] | undefined;

/** Every flight of the data set, with its demo date. */
export function departures(): Dep[] {
  cache ??= loadFlights()
    .map((f, idx) => ({ ...f, day: shiftDay(FLIGHTS_SHIFT, f.date), idx }));
  return cache;
}

export function realPeriod(fs: Dep[], from: string, to: string): Dep[] {
  return fs.filter((f) => f.date >= from && f.date <= to);
}

/** Hour, early-morning flag, distance (thousands of miles and its log) and Friday/Saturday flags. */
export const xFlight = (f: Dep): number[] => {
  const wd = weekday(f.date);
  return [f.hour, f.hour < 6 ? 1 : 0, f.distance / 1000, Math.log(f.distance), wd === 5 ? 1 : 0, wd === 6 ? 1 : 0];
};
export const FLIGHT_FEATURES = ['dep_hour', 'early_morning', 'distance_kmi', 'log_distance', 'is_friday', 'is_saturday'];

/** Hubs shown by name in the origin counts; the rest are "other". */
export const HUBS = ['DFW', 'ORD', 'ATL', 'LAX', 'PHX', 'STL', 'LAS', 'DTW', 'MSP', 'DEN', 'CLT', 'EWR'] as const;
export const ORIGINS = [...HUBS, 'other'] as const;
export const originOf = (f: Dep): string => ((HUBS as readonly string[]).includes(f.origin) ? f.origin : 'other');

/** Histogram edges of the monitored inputs (fixed, identical in reference and windows). */
export const HOUR_EDGES = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];
export const DISTANCE_EDGES = [0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2200, 2400, 2600, 2800, 3000, 5000];

export function flightsProvenance(extra = ''): string {
  return `Real data: \`flights-20k.json\` from the [vega-datasets](https://github.com/vega/vega-datasets) package, a sample of
20,000 US domestic departures from January to March 2001 (Bureau of Transportation Statistics on-time data),
about 220 flights a day. The model was trained and scored by \`scripts/gen-demo.ts\`. Dates are moved by
${FLIGHTS_SHIFT.days} days (${FLIGHTS_SHIFT.days / 7} weeks): Saturday 2001-03-31 is shown as Saturday 2026-10-31, so weekdays are kept but the
winter traffic is replayed as autumn. ${extra}`.trim();
}
