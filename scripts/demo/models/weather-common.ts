/**
 * Shared plumbing of the weather models (NOAA daily weather for Seattle and New York,
 * 2012-2015, from vega-datasets, moved onto the demo timeline by WEATHER_SHIFT).
 *
 * Every weather model forecasts tomorrow from today's observations. A row is keyed by its
 * target day: the day whose weather is predicted and whose outcome the nightly job scores.
 * One station gives one row a day, too few for a daily metric, so each nightly metric is
 * computed on a trailing window of L days (n = L) and emitted daily.
 */
import { loadWeather, type WeatherDay } from '../data.ts';
import { addDays, dayOfYear, shiftDay, weekday, WEATHER_SHIFT } from '../time.ts';

export interface WxRow {
  /** Demo date of the target day (the day forecast). */
  day: string;
  /** Today's observations, the model inputs. */
  cur: WeatherDay;
  /** Tomorrow's observations, the outcome. */
  next: WeatherDay;
}

let cache: WeatherDay[] | undefined;

/** Rows for one station, in date order; real dates are checked to be consecutive. */
export function weatherRows(location: 'Seattle' | 'New York'): WxRow[] {
  cache ??= loadWeather();
  const days = cache.filter((r) => r.location === location);
  const rows: WxRow[] = [];
  for (let i = 0; i + 1 < days.length; i++) {
    if (addDays(days[i].date, 1) !== days[i + 1].date) throw new Error(`gap in ${location} weather after ${days[i].date}`);
    rows.push({ day: shiftDay(WEATHER_SHIFT, days[i + 1].date), cur: days[i], next: days[i + 1] });
  }
  return rows;
}

/** Rows whose real target date lies in [from, to] (real dates). */
export function realPeriod(rows: WxRow[], from: string, to: string): WxRow[] {
  return rows.filter((r) => r.next.date >= from && r.next.date <= to);
}

/** The four raw inputs every weather model reads; these are the monitored features. */
export const WX_INPUTS = ['precipitation', 'temp_max', 'temp_min', 'wind'] as const;
export type WxInput = (typeof WX_INPUTS)[number];

export const xBase = (r: WxRow): number[] => [r.cur.precipitation, r.cur.temp_max, r.cur.temp_min, r.cur.wind];

/** Base inputs plus the annual cycle (sine and cosine of the day of year). */
export const xSeason = (r: WxRow): number[] => {
  const a = (2 * Math.PI * dayOfYear(r.cur.date)) / 365.25;
  return [...xBase(r), Math.sin(a), Math.cos(a)];
};

/** Rows whose target day lies in the L days ending on `day` (demo dates). */
export function trailing(rows: WxRow[], day: string, L: number): WxRow[] {
  const from = addDays(day, -(L - 1));
  return rows.filter((r) => r.day >= from && r.day <= day);
}

/** Demo days from `from` to `to` on which a weekly feature window closes: the weekday of `to`, so the last window ends on it. */
export function weekEnds(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) === weekday(to)) out.push(d);
  return out;
}

/** Precision of the raw NOAA values (0.1 mm, 0.1 degC, 0.1 m/s). */
export const WX_PLACES = 1;

/** Text shared by the weather cards on where the data come from and how dates were moved. */
export function weatherProvenance(extra = ''): string {
  return `Real data: the daily NOAA GHCN observations for Seattle (and New York) shipped as \`weather.csv\` /
\`seattle-weather.csv\` in the [vega-datasets](https://github.com/vega/vega-datasets) package (2012-2015).
The model was trained and scored by \`scripts/gen-demo.ts\`; every number here is computed from those
observations. Dates are moved onto the demo timeline by ${WEATHER_SHIFT.days} days (574 weeks, about eleven
years): real 2015-10-31 is shown as 2026-10-31, and seasons fall in the same months. ${extra}`.trim();
}
