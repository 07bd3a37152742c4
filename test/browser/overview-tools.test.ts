/**
 * The model tables' tools in real headless Chromium: search, sortable columns, the address that
 * keeps both, and the CSV export of the rows shown. The site is a copy of the demo registry in
 * which one model has a hostile name (a formula, commas, quotes and a line break) and owners that
 * start like formulas, so that what the export writes can be checked cell by cell.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITY } from '../../src/core/health.ts';
import { deltaDirection, staleSince } from '../../src/view/common.ts';
import type { FleetModel, Health, Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { csvFields, csvRecords } from '../../src/view/csv.ts';
import { buildInChild } from './build-child.ts';
import { launch } from './chromium.ts';
import { serveStatic, type StaticServer } from './server.ts';

const HOSTILE_ID = 'goals-over-2-5';
const HOSTILE_NAME = '=cmd|\' /C calc\'!A0, "Goals" over 2.5\nsecond line';
const HOSTILE_OWNERS = ['@acme/sports', '-marco.rossi@example.org'];

let browser: Browser;
let server: StaticServer;
let snap: Snapshot;
let siteCsv: string;
const tmp = mkdtempSync(join(tmpdir(), 'spog-tools-'));

beforeAll(async () => {
  const reg = join(tmp, 'registry');
  cpSync('registry', reg, { recursive: true });
  const card = join(reg, 'models', HOSTILE_ID, 'README.md');
  const text = readFileSync(card, 'utf8');
  const owners = /^owners:\n(?: {2}- .*\n)+/m;
  expect(text).toMatch(owners);
  writeFileSync(card, text.replace(/^name: .*$/m, `name: ${JSON.stringify(HOSTILE_NAME)}`).replace(owners, `owners:\n${HOSTILE_OWNERS.map((o) => `  - "${o}"\n`).join('')}`));
  const out = join(tmp, 'site');
  await buildInChild({ registry: reg, out });
  server = await serveStatic(out);
  snap = computeSnapshot(reg);
  siteCsv = readFileSync(join(out, 'api', 'models.csv'), 'utf8');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A page that records script errors. */
async function open(path = '', opts: Parameters<Browser['newPage']>[0] = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage(opts);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return { page, errors };
}

/** The model ids of the rows shown (not filtered out), in page order. */
const shownIds = (page: Page) =>
  page.locator('details[data-team]:not([hidden]) tr[data-h]:not([hidden]) th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').at(-2)!));
/** Every row's id, table by table, in page order. */
const idsByTable = (page: Page) => page.locator('table.ml').evaluateAll((ts) => ts.map((t) => [...t.querySelectorAll('tbody tr th a')].map((a) => a.getAttribute('href')!.split('/').at(-2)!)));
const shownCount = (page: Page) => page.locator('#filters output').textContent();

/** What the search should find: every word of the query, case apart, in the name, the id, the team's name, any owner or any tag. */
function found(q: string, among: FleetModel[] = snap.models): string[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const teamName = (id: string) => snap.teams.find((t) => t.id === id)?.name ?? id;
  return among.filter((m) => words.every((w) => [m.name, m.id, teamName(m.team), ...m.owners, ...m.tags].some((f) => f.toLowerCase().includes(w)))).map((m) => m.id);
}
const byId = (id: string) => snap.models.find((m) => m.id === id)!;

describe('search', () => {
  it('finds a model by an owner who is not the first (the one the row shows), case apart, and counts what it shows', async () => {
    const m = snap.models.find((x) => x.owners.length > 1 && !snap.models.some((y) => y.owners[0] === x.owners[1]))
      ?? snap.models.find((x) => x.owners.length > 1)!;
    const q = m.owners[1].split('@')[0].toUpperCase();
    expect(m.owners[0].toLowerCase()).not.toContain(q.toLowerCase());
    const { page, errors } = await open();
    await page.fill('#filters input[name=q]', q);
    const want = found(q);
    expect(want).toContain(m.id);
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual([...want].sort());
    await expect(shownCount(page)).resolves.toBe(`${want.length} of ${snap.models.length} models shown`);
    // The row itself shows only the first owner.
    await expect(page.locator(`tr:has(a[href$="/${m.id}/"]) td.o`).textContent()).resolves.toBe(m.owners[0]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(q);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds the models of a team by its name, and narrows with every further word', async () => {
    const team = snap.teams.find((t) => snap.models.some((m) => m.team === t.id) && t.name.includes(' '))!;
    const { page } = await open();
    await page.fill('#filters input[name=q]', team.name);
    const mine = snap.models.filter((m) => m.team === team.id).map((m) => m.id);
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(found(team.name).sort());
    expect(await shownIds(page)).toEqual(expect.arrayContaining(mine));
    // Two words that are not next to each other anywhere: each must be found, in any field.
    const m = snap.models.find((x) => x.team === team.id)!;
    const q = `${m.id.split('-').at(-1)} ${team.name.split(' ')[0]}`;
    await page.fill('#filters input[name=q]', q);
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(found(q).sort());
    expect(await shownIds(page)).toContain(m.id);
    await page.close();
  });

  it('finds a model by its id, which its name does not contain', async () => {
    const m = snap.models.find((x) => !x.name.toLowerCase().includes(x.id))!;
    const { page } = await open();
    await page.locator('#filters input[name=q]').pressSequentially(m.id);
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(found(m.id).sort());
    expect(await shownIds(page)).toContain(m.id);
    await page.close();
  });

  it('finds models by a tag, combined with the other filters', async () => {
    const tags = [...new Set(snap.models.flatMap((m) => m.tags))];
    // A tag that some model carries without its name, id or owners holding the word.
    const tag = tags.find((t) => snap.models.some((m) => m.tags.includes(t) && ![m.name, m.id, ...m.owners].some((f) => f.toLowerCase().includes(t))))!;
    expect(tag).toBeDefined();
    const { page } = await open();
    await page.fill('#filters input[name=q]', tag);
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(found(tag).sort());
    await page.selectOption('#filters select[name=lifecycle]', 'production');
    const both = found(tag, snap.models.filter((m) => m.lifecycle === 'production'));
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(both.sort());
    await expect(shownCount(page)).resolves.toBe(`${both.length} of ${snap.models.length} models shown`);
    // Each team's caption keeps the team's whole count and says how many of its models are shown.
    const captions = () => page.locator('details[data-team]:not([hidden]) summary .c').allTextContents();
    const shownPerGroup = (await captions()).map((c) => Number(/ · (\d+) shown$/.exec(c)?.[1]));
    expect(shownPerGroup.reduce((a, b) => a + b, 0)).toBe(both.length);
    // Clear empties the search too, and the captions are the team's counts again.
    await page.click('#filters button[type=reset]');
    await expect.poll(() => shownIds(page).then((x) => x.length)).toBe(snap.models.length);
    expect((await captions()).filter((c) => c.includes('shown'))).toEqual([]);
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    await page.close();
  });

  it('is a labelled search field reached from the keyboard', async () => {
    const { page } = await open();
    const input = page.getByRole('searchbox', { name: /Search/ });
    await expect(input.count()).resolves.toBe(1);
    await page.locator('#filters').evaluate((f) => (f.previousElementSibling as HTMLElement).setAttribute('tabindex', '-1'));
    await page.locator('#filters').evaluate((f) => (f.previousElementSibling as HTMLElement).focus());
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('q');
    await page.keyboard.type('loan');
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(found('loan').sort());
    await page.close();
  });
});

/** The sort button of a column, in the first table (every table has the same). */
const sortButton = (page: Page, name: RegExp) => page.locator('table.ml thead th').filter({ has: page.getByRole('button', { name }) }).first().locator('button');
const ariaSorts = (page: Page) => page.locator('table.ml thead th[aria-sort]').evaluateAll((ths) => ths.map((th) => `${th.querySelector('.sl')!.textContent} ${th.getAttribute('aria-sort')}`));
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.querySelector('.sl')?.textContent : null));
const rank = (h: Health) => -SEVERITY[h];

describe('sorting', () => {
  it('sorts every team group by health, worst first then the other way, marks the heading with aria-sort and keeps focus on its button', async () => {
    const { page, errors } = await open();
    const server = await idsByTable(page);
    const button = sortButton(page, /^Health/);
    await button.focus();
    await page.keyboard.press('Enter');
    const tables = await idsByTable(page);
    expect(tables.map((t) => [...t].sort())).toEqual(server.map((t) => [...t].sort()));
    for (const t of tables) {
      const ranks = t.map((id) => rank(byId(id).health));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    // Worst first is the core's severity, the server's own order: a stable sort by it changes nothing.
    expect(tables).toEqual(server);
    expect(await ariaSorts(page)).toEqual(tables.map(() => 'Health ascending'));
    expect(await focusedLabel(page)).toBe('Health');
    expect(new URL(page.url()).search).toBe('?sort=health&dir=asc');

    await page.keyboard.press('Enter');
    for (const t of await idsByTable(page)) {
      const ranks = t.map((id) => rank(byId(id).health));
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    }
    expect(await ariaSorts(page)).toEqual(tables.map(() => 'Health descending'));
    expect(await focusedLabel(page)).toBe('Health');

    // A third press brings back the server's order (worst first, then name) and no heading is marked.
    await page.keyboard.press('Enter');
    expect(await idsByTable(page)).toEqual(server);
    expect(await ariaSorts(page)).toEqual([]);
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('main [aria-live]').last().textContent()).resolves.toContain('default order');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts by the change from expected, worse first whichever way the metric is better; no value or an old value last in both directions', async () => {
    const { page } = await open();
    const button = sortButton(page, /^Primary/);
    await expect(button.getAttribute('title')).resolves.toMatch(/worse than expected first/);
    // The change as the page colours it (view/common.ts deltaDirection): worse negative, better positive.
    const change = (id: string): number | null => {
      const m = byId(id);
      if (m.primary.delta_pct === null || staleSince(m) !== null) return null;
      const dir = deltaDirection(m);
      return dir === 'worse' ? -Math.abs(m.primary.delta_pct) : dir === 'better' ? Math.abs(m.primary.delta_pct) : 0;
    };
    const check = (tables: string[][], sign: 1 | -1) => {
      for (const t of tables) {
        const values = t.map(change);
        const known = values.filter((v): v is number => v !== null);
        // Missing values come last.
        expect(values.slice(known.length).every((v) => v === null), t.join()).toBe(true);
        // The page sorts the change as shown (0.1% steps): neighbours never out of order by more than the rounding.
        for (let i = 1; i < known.length; i++) expect(sign * (known[i] - known[i - 1]), t.join()).toBeGreaterThan(-0.0011);
      }
    };
    await button.click();
    const asc = await idsByTable(page);
    check(asc, 1);
    // A worse rise (an error metric) and a better fall, so that sorting the signed number would differ.
    const ids = snap.models.map((m) => m.id);
    expect(ids.some((id) => (change(id) ?? 0) < 0 && byId(id).primary.delta_pct! > 0)).toBe(true);
    expect(ids.some((id) => (change(id) ?? 0) > 0 && byId(id).primary.delta_pct! < 0)).toBe(true);
    // And an old value, which is left out of the order.
    expect(ids.some((id) => byId(id).primary.delta_pct !== null && staleSince(byId(id)) !== null)).toBe(true);
    await button.click();
    check(await idsByTable(page), -1);
    expect(await ariaSorts(page)).toEqual(asc.map(() => 'Primary now / expected descending'));
    expect(new URL(page.url()).search).toBe('?sort=change&dir=desc');
    await page.close();
  });

  it('keeps sort and filters in the address, and a page opened at that address shows the same rows in the same order', async () => {
    const { page } = await open();
    await page.selectOption('#filters select[name=lifecycle]', 'production');
    await page.fill('#filters input[name=q]', 'o');
    await sortButton(page, /^Model/).click();
    await sortButton(page, /^Model/).click();
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ lifecycle: 'production', q: 'o', sort: 'name', dir: 'desc' });
    const shown = await shownIds(page);
    const want = found('o', snap.models.filter((m) => m.lifecycle === 'production'));
    expect([...shown].sort()).toEqual([...want].sort());
    const again = await browser.newPage();
    await again.goto(page.url(), { waitUntil: 'load' });
    await expect.poll(() => shownIds(again)).toEqual(shown);
    await expect(again.locator('#filters input[name=q]').inputValue()).resolves.toBe('o');
    await expect(again.locator('#filters select[name=lifecycle]').inputValue()).resolves.toBe('production');
    expect(new Set(await ariaSorts(again))).toEqual(new Set(['Model descending']));
    // Names descending within each team.
    for (const t of await idsByTable(again)) {
      const names = t.map((id) => byId(id).name);
      expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
    }
    await again.close();
    await page.close();
  });

  it('works on a team page, which has no filters', async () => {
    const team = byId(HOSTILE_ID).team;
    const { page, errors } = await open(`teams/${team}/?sort=retrained&dir=asc`);
    const ids = (await idsByTable(page))[0];
    const dates = ids.map((id) => byId(id).last_retrained?.slice(0, 10) ?? null);
    const known = dates.filter((d) => d !== null);
    expect(known).toEqual([...known].sort());
    expect(dates.slice(known.length).every((d) => d === null)).toBe(true);
    expect(await ariaSorts(page)).toEqual(['Retrained (age) ascending']);
    await sortButton(page, /^Owner/).click();
    expect(new URL(page.url()).search).toBe('?sort=owner&dir=asc');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('CSV', () => {
  const records = () => csvRecords(siteCsv);
  const recordOf = () => new Map(records().slice(1).map((r) => [csvFields(r)[0], r]));

  async function exportShown(page: Page): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toBe(`fleet-${snap.as_of.date}.csv`);
    return readFileSync((await download.path())!, 'utf8');
  }

  it('exports exactly the rows shown, in the order shown, as the site\'s own records', async () => {
    const { page, errors } = await open('', { acceptDownloads: true });
    await page.selectOption('#filters select[name=lifecycle]', 'production');
    await sortButton(page, /^Primary/).click();
    const shown = await shownIds(page);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(snap.models.length);
    const text = await exportShown(page);
    const got = csvRecords(text);
    expect(got[0]).toBe(records()[0]);
    expect(got.slice(1).map((r) => csvFields(r)[0])).toEqual(shown);
    // Whole records, as the build wrote them: no cell rebuilt.
    const whole = recordOf();
    expect(got.slice(1)).toEqual(shown.map((id) => whole.get(id)));
    expect(text.endsWith('\r\n')).toBe(true);
    await expect(shownCount(page)).resolves.toBe(`Exported ${shown.length} rows to fleet-${snap.as_of.date}.csv`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports the whole file, byte for byte, when nothing is filtered or sorted', async () => {
    const { page } = await open('', { acceptDownloads: true });
    expect(await exportShown(page)).toBe(siteCsv);
    await page.close();
  });

  it('keeps a hostile name whole: the formula guarded, commas, quotes and the line break round-trip; numbers stay numbers', async () => {
    const { page } = await open('', { acceptDownloads: true });
    await page.fill('#filters input[name=q]', 'calc');
    await expect.poll(() => shownIds(page)).toEqual([HOSTILE_ID]);
    const got = csvRecords(await exportShown(page));
    expect(got).toHaveLength(2);
    const header = csvFields(got[0]);
    const cells = csvFields(got[1]);
    const cell = (name: string) => cells[header.indexOf(name)];
    expect(cell('name')).toBe(`'${HOSTILE_NAME}`);
    expect(cell('owners')).toBe(`'${HOSTILE_OWNERS.join('; ')}`);
    const m = byId(HOSTILE_ID);
    expect(Number(cell('primary_delta_pct'))).toBe(m.primary.delta_pct);
    expect(cell('primary_delta_pct')).not.toMatch(/^'/);
    // The page shows the name as text.
    await expect(page.locator(`a[href$="/${HOSTILE_ID}/"]`).first().textContent()).resolves.toBe(HOSTILE_NAME);
    await page.close();
  });

  it('without JavaScript: the link downloads the whole fleet, the table reads in the server\'s order, no filter or sort control shows', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    const link = page.locator('a[data-csv]');
    await expect(link.textContent()).resolves.toBe(`Download CSV: all ${snap.models.length} models`);
    await expect(link.getAttribute('download')).resolves.toBe(`fleet-${snap.as_of.date}.csv`);
    const res = await fetch(new URL((await link.getAttribute('href'))!, server.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(siteCsv);
    await expect(page.locator('#filters').isVisible()).resolves.toBe(false);
    await expect(page.locator('table.ml button').count()).resolves.toBe(0);
    await expect(page.locator('tr[data-h]').count()).resolves.toBe(snap.models.length);
    const firstTable = await page.locator('table.ml').first().locator('thead th').allTextContents();
    expect(firstTable).toEqual(['Model', 'Health', 'Lifecycle', 'Primary now / expected', 'Trend', 'Drift', 'Retrained (age)', 'Owner']);
    // The server's order is the CSV's: teams by name, worst first.
    const ids = await page.locator('tr[data-h] th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').at(-2)));
    expect(ids).toEqual(records().slice(1).map((r) => csvFields(r)[0]));
    await context.close();
  });
});

describe('on a phone (390 px)', () => {
  it('the search, the export and the sort buttons fit the screen and are 24 px targets', async () => {
    const { page } = await open('', { viewport: { width: 390, height: 844 } });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const targets = page.locator('#filters input, #filters select, #filters button, table.ml thead button:visible');
    const sizes = await targets.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { what: e.textContent?.trim() || (e as HTMLInputElement).name, w: r.width, h: r.height, right: r.right }; }));
    expect(sizes.length).toBeGreaterThan(10);
    for (const s of sizes) {
      expect(s.h, s.what).toBeGreaterThanOrEqual(24);
      expect(s.w, s.what).toBeGreaterThanOrEqual(24);
      expect(s.right, s.what).toBeLessThanOrEqual(390);
    }
    // The cards have no heading row, so the sort buttons show above each group's cards.
    await expect(sortButton(page, /^Health/).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('a filtered-out card leaves the screen (a card is a grid, which must not beat `hidden`)', async () => {
    const { page } = await open('?health=red', { viewport: { width: 390, height: 844 } });
    const red = snap.models.filter((m) => m.health === 'red').map((m) => m.id);
    await expect.poll(async () => (await page.locator('tr[data-h]:visible th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').at(-2)!))).sort()).toEqual(red.sort());
    await page.close();
  });
});
