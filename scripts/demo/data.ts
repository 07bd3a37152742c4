/**
 * Reads the real public data sets shipped in the `vega-datasets` npm package. The only file
 * reading the generator does besides writing its output.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package exports only its build/ entry point; the data folder sits beside it.
const DATA_DIR = join(dirname(dirname(require.resolve('vega-datasets'))), 'data');

function text(name: string): string {
  return readFileSync(join(DATA_DIR, name), 'utf8');
}

/** Minimal CSV reader for the vega-datasets files (no quoted fields in the ones used here). */
function csv(name: string): Record<string, string>[] {
  const lines = text(name).trim().split(/\r?\n/);
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    const row: Record<string, string> = {};
    head.forEach((h, i) => (row[h] = cells[i]));
    return row;
  });
}

/** One day of weather at one place (seattle-weather.csv / weather.csv, NOAA GHCN-Daily). */
export interface WeatherDay {
  location: string;
  date: string;
  precipitation: number;
  temp_max: number;
  temp_min: number;
  wind: number;
  weather: string;
}

/** Daily weather for Seattle and New York, 2012-01-01 to 2015-12-31, sorted by location then date. */
export function loadWeather(): WeatherDay[] {
  return csv('weather.csv')
    .map((r) => ({
      location: r.location,
      date: r.date,
      precipitation: Number(r.precipitation),
      temp_max: Number(r.temp_max),
      temp_min: Number(r.temp_min),
      wind: Number(r.wind),
      weather: r.weather,
    }))
    .sort((a, b) => (a.location === b.location ? (a.date < b.date ? -1 : 1) : a.location < b.location ? -1 : 1));
}

/** One US domestic flight (flights-20k.json, BTS on-time data, January-March 2001). */
export interface Flight {
  date: string;
  hour: number;
  delay: number;
  distance: number;
  origin: string;
  destination: string;
}

export function loadFlights(): Flight[] {
  const raw = JSON.parse(text('flights-20k.json')) as { date: string; delay: number; distance: number; origin: string; destination: string }[];
  return raw
    .map((r) => ({
      date: r.date.slice(0, 10).replaceAll('/', '-'),
      hour: Number(r.date.slice(11, 13)) + Number(r.date.slice(14, 16)) / 60,
      delay: r.delay,
      distance: r.distance,
      origin: r.origin,
      destination: r.destination,
    }))
    .sort((a, b) => (a.date === b.date ? a.hour - b.hour : a.date < b.date ? -1 : 1));
}

/** One football match (football.json: five European leagues, 2013-07 to 2017-05). */
export interface Match {
  date: string;
  division: string;
  home: string;
  away: string;
  homeScore: number;
  awayScore: number;
}

export function loadFootball(): Match[] {
  const raw = JSON.parse(text('football.json')) as { date: string; division: string; home_team: string; away_team: string; home_score: number; away_score: number }[];
  return raw
    .map((r) => ({ date: r.date, division: r.division, home: r.home_team, away: r.away_team, homeScore: r.home_score, awayScore: r.away_score }))
    .sort((a, b) => (a.date === b.date ? (a.division + a.home < b.division + b.home ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** Hourly climate normals for Seattle (seattle-weather-hourly-normals.csv, NOAA 1981-2010 normals laid on 2010). */
export interface HourlyNormal {
  time: string;
  pressure: number;
  temperature: number;
  wind: number;
}

export function loadHourlyNormals(): HourlyNormal[] {
  return csv('seattle-weather-hourly-normals.csv').map((r) => ({
    time: r.date,
    pressure: Number(r.pressure),
    temperature: Number(r.temperature),
    wind: Number(r.wind),
  }));
}
