/**
 * Issue 18, "how did we get here": on the demo overview, under the tiles, a small chart of the
 * production models by health over the last 90 days, its sentence and its table saying what
 * /api/models.json's `fleet.history` says, drawn with one path per colour and no script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetJson } from '../../src/core/api.ts';
import type { FleetDay, Health, Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { bandPath } from '../../src/view/fleet-history.ts';
import { pageRenderer, type PageRenderer } from './render.ts';

const demo: Snapshot = computeSnapshot('registry');
const api = fleetJson(demo);
const days: FleetDay[] = api.fleet.history;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The area a path of M, H and V commands encloses (the shoelace formula over its corners). */
function area(d: string): number {
  const pts: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([MHVZ])\s*(-?[\d.]+)?(?:\s+(-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'H') x = Number(a);
    else if (cmd === 'V') y = Number(a);
    else continue;
    pts.push([x, y]);
  }
  let twice = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

describe('the stacked steps', () => {
  it('enclose, for each health, exactly its count on each day (one unit wide a day)', () => {
    const lo = [0, 2, 2, 1, 0];
    const counts = [3, 0, 1, 1, 4];
    const hi = lo.map((l, i) => l + counts[i]);
    expect(area(bandPath(lo, hi))).toBe(9);
    expect(bandPath([0, 0, 0], [2, 2, 2]), 'a run of equal days is one segment').toBe('M0 2H3V0H0Z');
  });
});

describe('the fleet over 90 days on the demo overview', () => {
  let r: PageRenderer;
  let html: string;
  let chart: string;
  beforeAll(async () => {
    r = await pageRenderer();
    html = await r.render('/src/pages/index.astro', demo);
    chart = /<div class="fh">[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
  });
  afterAll(() => r?.close());

  it('comes after Needs attention (what to act on first, the trend next) and before the list of every model', () => {
    expect(chart).not.toBe('');
    const at = html.indexOf('<div class="fh">');
    expect(at).toBeGreaterThan(html.indexOf('class="tiles"'));
    expect(at).toBeGreaterThan(html.indexOf('id="attn-h"'));
    expect(at).toBeLessThan(html.indexOf('id="models-h"'));
    expect(text(chart)).toContain('Production models by health, the last 90 days');
  });

  it('says in one sentence what /api/models.json says: each health from the first day to today, the reds at their fewest, who had no data yet', () => {
    expect(days).toHaveLength(90);
    const first = days[0];
    const last = days[89];
    const sentence = text(/<p class="fh-sum">([\s\S]*?)<\/p>/.exec(chart)![1]);
    expect(sentence.startsWith(`From ${first.date} to today, ${last.date}: `)).toBe(true);
    for (const h of ['red', 'amber', 'green', 'unknown'] as Health[]) expect(sentence).toContain(`${h} from ${first[h]} to ${last[h]}`);
    const fewest = Math.min(...days.map((d) => d.red));
    expect(fewest).toBeLessThan(Math.min(first.red, last.red));
    expect(sentence).toContain(`red from ${first.red} to ${last.red} (as few as ${fewest} on ${days.find((d) => d.red === fewest)!.date})`);
    expect(first.no_data).toBe(4);
    expect(sentence).toContain(`; ${first.no_data} of the ${api.fleet.production.total} had no data yet on ${first.date}.`);
    expect(sentence).toBe(`From 2026-08-03 to today, 2026-10-31: red from 3 to 4 (as few as 1 on 2026-10-01), amber from 0 to 4, green from 6 to 4, unknown from 0 to 1; 4 of the 13 had no data yet on 2026-08-03. Of today's, 2 models are amber or red by data or prediction drift alone, which the days before today do not judge: that part of the last day's change is not a trend.`);
  });

  it('ends on the tiles, two ambers set by drift on the last day alone', () => {
    const tiles = Object.fromEntries([...html.matchAll(/<li class="tile t-(\w+)">\s*<a [^>]*><span class="n">(\d+)<\/span>/g)].map((m) => [m[1], Number(m[2])]));
    const { date: _d, no_data: _n, ...last } = days[89];
    expect(last).toEqual(tiles);
    expect(days[88].amber, 'the day before: replayed, no drift').toBe(2);
  });

  it('draws one path per health in the tiles\' order, red at the bottom, each enclosing that health\'s model-days', () => {
    expect(chart).toContain('viewBox="0 0 90 13"');
    const paths = [...chart.matchAll(/<path class="fh-(\w+)" d="([^"]+)"/g)];
    expect(paths.map((p) => p[1])).toEqual(['red', 'amber', 'green', 'unknown']);
    for (const [, h, d] of paths) expect(area(d), h).toBe(days.reduce((a, day) => a + day[h as Health], 0));
    expect(html).not.toContain('vega');
  });

  it('names every colour in the legend, the hatched "no data yet" too, with the y-axis from 0 to the production total', () => {
    expect(text(/<ul class="fh-key">[\s\S]*?<\/ul>/.exec(chart)![0])).toBe('Red (act now) Amber (watch) Green (all checks pass) Unknown (too little data to judge) No data yet (its data starts later)');
    expect(text(/<div class="fh-c"[\s\S]*?<\/svg>\s*<span class="fh-y0">0<\/span>/.exec(chart)![0])).toBe('13 0');
    expect(chart).toContain('<span>2026-08-03</span><span>2026-10-31 (today)</span>');
  });

  it('holds every day\'s numbers in a closed table, newest first, each row adding up to the production total', () => {
    expect(chart).toMatch(/<details class="fh-t">\s*<summary>/);
    const rows = [...chart.matchAll(/<tr><th scope="row">([\d-]+)<\/th>((?:<td>\d+<\/td>)+)<\/tr>/g)].map((m) => [m[1], ...[...m[2].matchAll(/\d+/g)].map(Number)] as [string, ...number[]]);
    expect(rows).toEqual([...days].reverse().map((d) => [d.date, d.red, d.amber, d.green, d.unknown, d.no_data]));
    for (const [, ...c] of rows) expect(c.reduce((a, b) => a + b, 0)).toBe(13);
  });
});
