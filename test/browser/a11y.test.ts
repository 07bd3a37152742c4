/**
 * Accessibility of the built demo site in real Chromium, checked by axe-core (WCAG 2.0, 2.1 and
 * 2.2, levels A and AA) on every kind of page, at a desktop and two phone widths, in light and
 * dark, before and after a chart turns interactive; and where focus lands after each thing a
 * reader does. Serious and critical violations fail the test; the rest are printed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/core/types.ts';
import { chartCount, modelView } from '../../src/view/model.ts';
import { demoSite, type DemoSite } from './build-child.ts';
import type { StaticServer } from './server.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [1280, 412, 390];
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact: string;
  nodes: string[];
}
interface Run {
  page: string;
  width: number;
  scheme: string;
  state: 'static' | 'interactive';
  violations: Violation[];
}

/** axe's violations on the page as it is now (axe is injected through the driver, so the page's CSP does not apply). */
async function axe(page: Page, rules?: string[]): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const options = rules ? { runOnly: { type: 'rule', values: rules } } : { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] };
  return page.evaluate(async (opts) => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe.run(document, opts);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`) }));
  }, options);
}

/** Press a chart's "Interactive view" button from the keyboard and wait until vega-embed drew it. */
async function goInteractive(page: Page): Promise<string> {
  const fig = page.locator('figure.chart:has([data-live]:visible)').first();
  const id = (await fig.getAttribute('id'))!;
  await fig.locator('[data-live]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#${id}[data-state="live"] .vega-embed svg.marks`, { timeout: 20_000 });
  return id;
}

const runs: Run[] = [];
let browser: Browser;
let server: StaticServer;
let snapshot: Snapshot;
let site: DemoSite;

/** One page of each kind: the overview, a team page, the alerts page, the red model with the most charts, and its versions. */
function pageTypes(): { name: string; path: string; charts: boolean }[] {
  const red = snapshot.models.filter((m) => m.health === 'red' && !m.registry_error);
  const model = red.map((m) => ({ m, n: chartCount(modelView(snapshot, m, '/')) })).sort((a, b) => b.n - a.n)[0].m;
  return [
    { name: 'overview', path: '', charts: false },
    { name: 'team', path: `teams/${model.team}/`, charts: false },
    { name: 'alerts', path: 'alerts/', charts: false },
    { name: 'model', path: `models/${model.id}/`, charts: true },
    { name: 'versions', path: `models/${model.id}/versions/`, charts: true },
  ];
}

beforeAll(async () => {
  site = await demoSite('spog-a11y-');
  ({ server, snapshot, browser } = site);
});

afterAll(async () => {
  await site?.close();
  if (!runs.length) return;
  // The rest (moderate, minor), and a count by rule and impact at each width.
  const counts = new Map<string, number>();
  for (const r of runs) for (const v of r.violations) counts.set(`${r.width} ${v.impact} ${v.id}`, (counts.get(`${r.width} ${v.impact} ${v.id}`) ?? 0) + v.nodes.length);
  const lines = [...counts].sort().map(([k, n]) => `  ${k}: ${n} node(s)`);
  console.info(`axe (${TAGS.join(', ')}), nodes by width, impact and rule over ${runs.length} runs:\n${lines.join('\n') || '  none'}`);
  for (const r of runs) for (const v of r.violations) if (!['serious', 'critical'].includes(v.impact)) console.info(`${r.page} ${r.width}px ${r.scheme} ${r.state}: ${v.impact} ${v.id}\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
  if (process.env.SPOG_A11Y_REPORT) writeFileSync(process.env.SPOG_A11Y_REPORT, `${JSON.stringify(runs, null, 1)}\n`);
});

describe('axe finds no serious or critical WCAG 2.2 AA violation', () => {
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      it(`on every kind of page at ${width} px, ${scheme}, and after a chart turns interactive`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.emulateMedia({ colorScheme: scheme });
        const bad: string[] = [];
        const record = (name: string, state: Run['state'], violations: Violation[]) => {
          runs.push({ page: name, width, scheme, state, violations });
          for (const v of violations) if (['serious', 'critical'].includes(v.impact)) bad.push(`${name} (${state}): ${v.impact} ${v.id}\n    ${v.nodes.join('\n    ')}`);
        };
        for (const t of pageTypes()) {
          await page.goto(`${server.url}${t.path}`, { waitUntil: 'load' });
          record(t.name, 'static', await axe(page));
          if (t.charts) {
            await goInteractive(page);
            // Charts in view upgrade too once the library is loaded; let them settle.
            await page.waitForLoadState('networkidle');
            await page.waitForTimeout(300);
            record(t.name, 'interactive', await axe(page));
          }
        }
        expect(bad).toEqual([]);
        await page.close();
      }, 120_000);
    }
  }
});

describe('every page of the demo site', () => {
  it('has no serious or critical axe violation at 390 px (model cards and versions of every model included)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const paths = ['', 'alerts/', 'teams/', ...new Set(snapshot.models.map((m) => `teams/${m.team}/`)), ...snapshot.models.flatMap((m) => [`models/${m.id}/`, `models/${m.id}/versions/`])];
    const bad: string[] = [];
    for (const path of paths) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      for (const v of await axe(page)) if (['serious', 'critical'].includes(v.impact)) bad.push(`${path || 'overview'}: ${v.impact} ${v.id} ${v.nodes.join('; ')}`);
    }
    expect(bad).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('headings', () => {
  it('go down one level at a time on every kind of page, and a chart heading holds only its title', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    for (const t of pageTypes()) {
      await page.goto(`${server.url}${t.path}`, { waitUntil: 'load' });
      for (const v of await axe(page, ['heading-order', 'page-has-heading-one', 'empty-heading'])) problems.push(`${t.name}: ${v.id} ${v.nodes.join('; ')}`);
      const inHeadings = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.filter((h) => h.querySelector('button, a[href]:not(:only-child)')).map((h) => h.textContent));
      for (const h of inHeadings) problems.push(`${t.name}: a control inside the heading "${h}"`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('focus', () => {
  const activeIn = (page: Page) =>
    page.evaluate(() => {
      const a = document.activeElement;
      return a && a !== document.body ? { tag: a.tagName.toLowerCase(), label: a.getAttribute('aria-label') ?? a.textContent?.trim().slice(0, 40) ?? '', figure: a.closest('figure')?.id ?? null } : null;
    });

  it('stays on the chart after "Interactive view", and the chart menu is a named button that keeps focus when opened', async () => {
    const page = await browser.newPage({ viewport: { width: 412, height: 900 } });
    const [, , , model, versions] = pageTypes();
    for (const t of [model, versions]) {
      await page.goto(`${server.url}${t.path}`, { waitUntil: 'load' });
      const id = await goInteractive(page);
      await expect.poll(() => activeIn(page)).toMatchObject({ figure: id });
      // The next Tab reaches the chart's menu, which has a name and keeps focus when opened.
      const summary = page.locator(`#${id} .vega-embed summary`);
      await summary.focus();
      await page.keyboard.press('Enter');
      await expect(page.locator(`#${id} .vega-embed details`).getAttribute('open')).resolves.not.toBeNull();
      expect(await activeIn(page)).toMatchObject({ tag: 'summary', figure: id });
      expect((await axe(page, ['summary-name', 'target-size'])).map((v) => `${v.id}: ${v.nodes.join('; ')}`)).toEqual([]);
    }
    await page.close();
  });

  it("stays on the overview's filters while a reader uses them", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url, { waitUntil: 'load' });
    const team = page.locator('#filters select[name=team]');
    await team.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('team=');
    expect(await activeIn(page)).toMatchObject({ tag: 'select' });
    await page.locator('#filters button[type=reset]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    expect(await activeIn(page)).toMatchObject({ tag: 'button', label: 'Clear' });
    expect((await axe(page, ['target-size'])).map((v) => `${v.id}: ${v.nodes.join('; ')}`)).toEqual([]);
    await page.close();
  });
});

describe('on a phone and on paper', () => {
  for (const width of [390, 412]) {
    it(`the Checks table and the Alerts page keep every reason on screen at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      for (const [path, cells] of [[pageTypes()[3].path, 'table.checks td.why'], ['alerts/', 'table.stack td.why']]) {
        await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
        const reasons = page.locator(cells);
        expect(await reasons.count(), path).toBeGreaterThan(0);
        const off = await reasons.evaluateAll((tds, w) => tds.filter((td) => { const r = td.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > w; }).map((td) => td.textContent), width);
        expect(off, path).toEqual([]);
      }
      await page.close();
    });
  }

  it('the model cards on the overview and a team page name each model\'s lifecycle at 390 px', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const path of ['', pageTypes()[1].path]) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      const cards = await page.locator('tr[data-h]').evaluateAll((rows) => rows.map((tr) => {
        const l = tr.querySelector<HTMLElement>('td.l')!;
        return { want: tr.getAttribute('data-l'), shown: l.checkVisibility() && l.getBoundingClientRect().width > 0 ? l.textContent : null };
      }));
      expect(cards.length).toBeGreaterThan(0);
      for (const c of cards) expect(c.shown, path || 'overview').toBe(c.want);
    }
    await page.close();
  });

  it('a full-page capture or a print of the overview holds every team table (nothing is left to content-visibility), with closed groups opened to print', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await page.goto(server.url, { waitUntil: 'load' });
    expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => getComputedStyle(e).contentVisibility !== 'visible').map((e) => e.tagName))).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const hiddenRows = () => page.locator('tr[data-h]').evaluateAll((rows) => rows.filter((r) => !r.checkVisibility({ contentVisibilityAuto: true })).length);
    expect(await hiddenRows()).toBe(0);
    // Above 60 models the groups start closed; printing opens them, and closes them again after.
    await page.evaluate(() => document.querySelectorAll('details[data-team]').forEach((d) => ((d as HTMLDetailsElement).open = false)));
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await expect.poll(hiddenRows).toBe(0);
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    expect(await page.locator('details[data-team][open]').count()).toBe(0);
    // On paper a wide table is shown whole, not cut at its scrolling box.
    const cut = await page.locator('.tw').evaluateAll((boxes) => boxes.filter((b) => getComputedStyle(b).overflowX !== 'visible').length);
    expect(cut).toBe(0);
    await page.close();
  });
});
