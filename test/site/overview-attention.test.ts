/**
 * Issue 18, "the overview answers everything in 30 seconds": on the demo, a reader of the overview
 * can name every production model that is not green, its reasons, since when, and who is on it;
 * and the overview, `spog status` and /api/models.json give the same counts.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetJson } from '../../src/core/api.ts';
import { fleetCounts } from '../../src/core/counts.ts';
import { healthSince, HISTORY_DAYS, notGreenSince } from '../../src/core/history.ts';
import type { Health, Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { overviewView } from '../../src/view/overview.ts';
import { teamView } from '../../src/view/team.ts';
import { pageRenderer, type PageRenderer } from './render.ts';

const demo: Snapshot = computeSnapshot('registry');
const v = overviewView(demo, '/');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

function spog(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/spog.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout };
}

describe('since when: the run of days that ends the day history', () => {
  const day = (i: number) => `2026-10-${String(i).padStart(2, '0')}`;
  const history = (healths: Health[]) => ({ days: healths.map((health, i) => ({ date: day(i + 1), health })) });

  it('a model amber for three days, then red for the last two, is red since the 4th (1 day) and not green since the 2nd (3 days)', () => {
    const h = history(['green', 'amber', 'amber', 'red', 'red']);
    expect(healthSince(h, 'red')).toEqual({ date: '2026-10-04', days: 1, earlier: false });
    expect(notGreenSince(h)).toEqual({ date: '2026-10-02', days: 3, earlier: false });
  });

  it('a model red on every kept day was red on the first of them or earlier', () => {
    const h = { days: Array.from({ length: HISTORY_DAYS }, (_, i) => ({ date: new Date(Date.UTC(2026, 7, 3 + i)).toISOString().slice(0, 10), health: 'red' as Health })) };
    expect(healthSince(h, 'red')).toEqual({ date: '2026-08-03', days: 89, earlier: true });
  });

  it('cannot date a health the last day of the history does not have (set by today\'s drift)', () => {
    expect(healthSince(history(['green', 'green']), 'amber')).toBeNull();
  });
});

describe('Needs attention on the demo', () => {
  const production = demo.models.filter((m) => m.lifecycle === 'production' && m.health !== 'green');

  it('lists every production model that is not green, the unknown ones included, worst first, and nothing else', () => {
    expect(production.some((m) => m.health === 'unknown')).toBe(true);
    expect(v.attention.map((a) => a.id).sort()).toEqual(production.map((m) => m.id).sort());
    expect(v.attention.map((a) => a.health)).toEqual([...production.map((m) => m.health)].sort((a, b) => ['red', 'amber', 'unknown'].indexOf(a) - ['red', 'amber', 'unknown'].indexOf(b)));
    expect(v.attention.find((a) => a.id === 'flight-severe-delay')).toMatchObject({ healthLabel: 'Unknown', reason: { text: 'ROC AUC (daily): too little data (3 points, at least 5 needed)', href: '/models/flight-severe-delay/#check-primary_metric' } });
  });

  it('says since when each has had its health, with the date and the days, or why the day history cannot date it', () => {
    for (const a of v.attention) expect(a.since, a.id).toMatch(/^(Red|Amber|Unknown) since( \d{4}-\d{2}-\d{2} (\(today\)|\(\d+ days? ago\)|or earlier \(\d+\+ days ago\))|: not dated \(set by today's (data|prediction)-drift check)/);
    const line = (id: string) => v.attention.find((a) => a.id === id)!.since;
    expect(line('nyc-temp-max')).toBe('Red since 2026-10-30 (1 day ago); not green since 2026-10-29 (2 days ago)');
    expect(line('seattle-rain-tomorrow')).toBe('Red since 2026-10-31 (today); not green since 2026-08-03 or earlier (89+ days ago)');
    expect(line('flight-severe-delay')).toBe('Unknown since 2026-10-29 (2 days ago)');
    expect(line('card-fraud')).toBe("Amber since: not dated (set by today's data-drift check, which is judged on the latest window only)");
  });

  it('shows "+3 more" for a model with four reasons, and the three behind it', () => {
    const income = demo.models.find((m) => m.id === 'income-estimate')!;
    expect(income.reasons).toHaveLength(4);
    const a = v.attention.find((x) => x.id === 'income-estimate')!;
    expect(a.reason.text).toBe(income.reasons[0]);
    expect(a.moreLabel).toBe('+3 more');
    expect(a.more.map((r) => r.text)).toEqual(income.reasons.slice(1));
    expect(v.attention.find((x) => x.id === 'flight-delay-minutes')!.moreLabel).toBeNull();
  });

  it('shows who acknowledged a model, their note and until when', () => {
    const a = v.attention.find((x) => x.id === 'seattle-rain-tomorrow')!;
    expect(a.ack).toMatchObject({ by: 'mei.chen@example.org', until: '2026-11-06', expired: false });
    expect(a.ack!.text).toMatch(/^Acknowledged by mei\.chen@example\.org on 2026-10-28: .*, until 2026-11-06$/);
  });

  it('lists staging, retraining and development models apart, after production, and leaves retired ones out', () => {
    expect(v.others.map((a) => [a.id, a.lifecycle])).toEqual([['match-outcome', 'retraining'], ['seattle-weather-type', 'staging'], ['seattle-hourly-temp', 'development']]);
    expect(v.othersLifecycles).toEqual(['retraining', 'staging', 'development']);
    expect(v.attention.every((a) => a.lifecycle === null)).toBe(true);
  });
});

describe('the overview page on the demo, JavaScript off', () => {
  let r: PageRenderer;
  let html: string;
  beforeAll(async () => {
    r = await pageRenderer();
    html = await r.render('/src/pages/index.astro', demo);
  });
  afterAll(() => r?.close());

  it('names every non-green production model in Needs attention with its top reason and since when, before the other lifecycles', () => {
    const page = text(html);
    const attn = page.slice(page.indexOf('Needs attention: production'), page.indexOf('Not in production: retraining, staging, development'));
    expect(attn.length).toBeGreaterThan(0);
    for (const a of v.attention) {
      expect(attn, a.id).toContain(a.name);
      expect(attn, a.id).toContain(a.reason.text);
      expect(attn, a.id).toContain(a.since);
    }
    expect(attn).not.toContain('Match outcome');
  });

  it('opens "+3 more" without a script (a details element) and shows who is on it', () => {
    expect(html).toMatch(/<details class="more"[^>]*><summary[^>]*>\+3 more<\/summary>/);
    expect(text(html)).toContain('Acknowledged by mei.chen@example.org on 2026-10-28');
  });

  it('gives the same counts on the tiles, in spog status, spog status --json and /api/models.json', () => {
    const counts = fleetCounts(demo.models);
    expect(counts.production).toEqual({ total: 13, by_health: { red: 4, amber: 4, green: 4, unknown: 1 } });
    const tiles = Object.fromEntries([...html.matchAll(/<li class="tile t-(\w+)">\s*<a [^>]*><span class="n">(\d+)<\/span>/g)].map((m) => [m[1], Number(m[2])]));
    expect(tiles).toEqual(counts.production.by_health);
    const line = '18 models: production 13 (4 red, 4 amber, 4 green, 1 unknown); other lifecycles 5 (2 red, 1 green, 2 unknown), of which development 1, offline 1, retired 1, retraining 1, staging 1';
    expect(text(html)).toContain(`${line}.`);
    expect(spog('status').out).toContain(`as of 2026-10-31 (registry): ${line}\n`);
    const cli = JSON.parse(spog('status', '--json').out);
    const api = fleetJson(demo);
    for (const j of [cli, api]) {
      expect(j.fleet.production).toEqual(counts.production);
      expect(j.fleet.other).toEqual(counts.other);
    }
  });
});

describe('the model table on the demo', () => {
  const rows = v.groups.flatMap((g) => g.rows);
  it('marks a primary value that is not current with the day of its last value, and does not colour its change better or worse', () => {
    // seattle-precip-amount has had no MAE for 12 days: its old value must not read as today's, in green.
    expect(rows.find((r) => r.id === 'seattle-precip-amount')).toMatchObject({ stale: { text: '12 d old', title: 'last value 2026-10-19' }, deltaDir: null });
    // A current model keeps its colour and has no mark.
    expect(rows.find((r) => r.id === 'nyc-temp-max')).toMatchObject({ stale: null, deltaDir: 'worse' });
    for (const r of rows) if (r.stale) expect(r.deltaDir, r.id).toBeNull();
  });
});

describe('a team page on the demo', () => {
  it('counts its production models in the tiles, the other lifecycles apart, as the overview counts the fleet', () => {
    const t = teamView(demo, 'weather-science', '/');
    const mine = demo.models.filter((m) => m.team === 'weather-science');
    // The team has a staging red model: it is not one of the production reds.
    expect(mine.some((m) => m.lifecycle !== 'production' && m.health === 'red')).toBe(true);
    const prod = mine.filter((m) => m.lifecycle === 'production');
    expect(t.production.total).toBe(prod.length);
    expect(Object.fromEntries(t.production.counts.map((c) => [c.health, c.count]))).toEqual(fleetCounts(prod).production.by_health);
    expect(t.countsLine).toMatch(/^8 models: production 6 \(\d+ red, .*\); other lifecycles 2 /);
  });
});
