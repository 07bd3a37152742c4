/**
 * The live charts' tooltips in real Chromium: a reader who points at a value of a time chart
 * reads its date as the text the chart builders wrote ("2026-10-30 23:00 UTC", or "2026-09-03"
 * for a day), never epoch milliseconds (decision 72), and the value itself. The pointer goes to
 * a data point as a mouse would get there (a few moves), and the test reads vega-tooltip's box.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOR, dateText } from '../../src/charts/theme.ts';
import type { Snapshot } from '../../src/core/types.ts';
import { demoSite, type DemoSite } from './build-child.ts';
import type { StaticServer } from './server.ts';

/** A tooltip's date: a day, or a day and a UTC time. */
const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2} UTC)?$/;
/** Epoch milliseconds (or seconds) as a tooltip would show them unformatted. */
const EPOCH = /\d{10,}/;

let browser: Browser;
let server: StaticServer;
let snapshot: Snapshot;
let site: DemoSite;

beforeAll(async () => {
  site = await demoSite('spog-tooltip-');
  ({ server, snapshot, browser } = site);
});

afterAll(async () => {
  await site?.close();
});

/** Open a model page and press a chart's "Interactive view"; resolves when vega-embed drew it. */
async function liveChart(page: Page, model: string, chart: string): Promise<Locator> {
  await page.goto(`${server.url}models/${model}/`, { waitUntil: 'load' });
  await page.click(`#${chart} [data-live]`);
  await page.waitForSelector(`#${chart}[data-state="live"] .vega-embed svg.marks`, { timeout: 20_000 });
  return page.locator(`#${chart} .vega-embed svg.marks`);
}

/** Point at the middle of `mark` (coming from the left, as a mouse does) and read the tooltip: its rows as {key: value}, and its whole text. */
async function tooltipOf(page: Page, mark: Locator): Promise<{ rows: Record<string, string>; text: string }> {
  const box = (await mark.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 12, y);
  await page.mouse.move(x, y, { steps: 4 });
  const tip = page.locator('#vg-tooltip-element.visible');
  await tip.waitFor({ timeout: 5_000 });
  const rows = await tip.locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.key')?.textContent ?? '', tr.querySelector('.value')?.textContent ?? ''] as const));
  return { rows: Object.fromEntries(rows), text: (await tip.textContent()) ?? '' };
}

/** A number as vega-tooltip prints it (a typographic minus, thousands commas). */
const numberIn = (s: string) => Number(s.replace('\u2212', '-').replaceAll(',', ''));

describe('the live primary-metric chart', () => {
  it('shows the date and value of the point under the pointer, the date as text, not epoch milliseconds', async () => {
    const m = snapshot.models.find((x) => x.id === 'flight-delay-minutes')!;
    const label = m.primary!.label;
    const page = await browser.newPage();
    const svg = await liveChart(page, m.id, 'chart-primary');
    // More than 40 values: no visible points, but each value has an invisible one that takes the pointer.
    const points = svg.locator('g.mark-symbol.role-mark path');
    await expect(points.count()).resolves.toBe(m.primary_series.t.length);
    const last = await tooltipOf(page, points.last());
    expect(last.rows.date).toBe(dateText(m.primary_series.t.at(-1)!));
    expect(last.rows.date).toMatch(DATE);
    expect(numberIn(last.rows[label])).toBeCloseTo(m.primary_series.value.at(-1)!, 2);
    expect(last.text).not.toMatch(EPOCH);
    // An earlier point shows its own, earlier, date.
    const middle = await tooltipOf(page, points.nth(Math.floor(m.primary_series.t.length / 2)));
    expect(m.primary_series.t.map(dateText)).toContain(middle.rows.date);
    expect(middle.rows.date < last.rows.date).toBe(true);
    expect(middle.text).not.toMatch(EPOCH);
    await page.close();
  });

  it('shows a deploy marker\'s event and day', async () => {
    const page = await browser.newPage();
    const svg = await liveChart(page, 'flight-delay-minutes', 'chart-primary');
    const tip = await tooltipOf(page, svg.locator(`g.mark-rule.role-mark line[stroke="${COLOR.deploy}"]`).first());
    expect(tip.rows).toEqual({ event: 'deployed v2', date: '2026-09-03' });
    await page.close();
  });

  it('with few values, shows the date of a visible point', async () => {
    const m = snapshot.models.find((x) => x.id === 'flight-severe-delay')!;
    const page = await browser.newPage();
    const svg = await liveChart(page, m.id, 'chart-primary');
    const points = svg.locator('g.mark-symbol.role-mark path');
    await expect(points.count()).resolves.toBe(m.primary_series.t.length);
    const first = await tooltipOf(page, points.first());
    expect(first.rows.date).toBe(dateText(m.primary_series.t[0]));
    expect(numberIn(first.rows[m.primary!.label])).toBeCloseTo(m.primary_series.value[0], 2);
    expect(first.text).not.toMatch(EPOCH);
    await page.close();
  });
});

describe('the live "other metrics" chart', () => {
  it('shows the metric, the date as text and the value of the point under the pointer', async () => {
    const m = snapshot.models.find((x) => x.id === 'flight-delay-minutes')!;
    const panel = m.other_metrics.filter((p) => p.series.t.length >= 2)[0];
    const page = await browser.newPage();
    const svg = await liveChart(page, m.id, 'chart-metrics');
    // The facet's cells, one <g> each, in the panels' order.
    const points = svg.locator('g.mark-group.cell > g').first().locator('g.mark-symbol.role-mark path');
    await expect(points.count()).resolves.toBe(panel.series.t.length);
    const tip = await tooltipOf(page, points.last());
    expect(tip.rows.metric).toBe(panel.metric);
    expect(tip.rows.date).toBe(dateText(panel.series.t.at(-1)!));
    expect(tip.rows.date).toMatch(DATE);
    expect(numberIn(tip.rows.value)).toBeCloseTo(panel.series.value.at(-1)!, 2);
    expect(tip.text).not.toMatch(EPOCH);
    await page.close();
  });
});
