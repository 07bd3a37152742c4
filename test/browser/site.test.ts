/**
 * The built site in real headless Chromium (Debian's, through playwright-core). The demo site is
 * built once; a second tiny site, served under a sub-path, holds a hostile model card.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { summaryMsg } from '../../src/messages.ts';
import { HEALTH_LABEL } from '../../src/view/format.ts';
import { chartCount, modelView } from '../../src/view/model.ts';
import { buildInChild } from './build-child.ts';
import { HOSTILE_MODEL, makeHostileRegistry } from './hostile-registry.ts';
import { launch } from './chromium.ts';
import { serveStatic, type StaticServer } from './server.ts';

const DEMO = 'registry';

interface Watch {
  errors: string[];
  failed: string[];
  dialogs: string[];
}

/** A page that records console errors, failed or 4xx/5xx requests and dialogs. */
async function watchedPage(browser: Browser, opts: Parameters<Browser['newPage']>[0] = {}): Promise<{ page: Page; seen: Watch }> {
  const page = await browser.newPage(opts);
  const seen: Watch = { errors: [], failed: [], dialogs: [] };
  page.on('console', (m) => {
    // Vega reports data it cannot place (e.g. "Infinite extent") as warnings: they mean an empty chart.
    if (m.type() === 'error' || (m.type() === 'warning' && /extent|invalid|NaN/i.test(m.text()))) seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('requestfailed', (r) => seen.failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.failed.push(`${r.url()} ${r.status()}`);
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, seen };
}

/** Every same-site page reachable from the root, and every internal link that did not resolve. */
async function crawl(root: string): Promise<{ pages: string[]; broken: string[] }> {
  const origin = new URL(root).origin;
  const queue = [root];
  const seen = new Set(queue);
  const pages: string[] = [];
  const broken: string[] = [];
  const bodies = new Map<string, string>();
  const fragments: { from: string; url: string; id: string }[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    const res = await fetch(url, { redirect: 'manual' });
    if (res.status !== 200) {
      broken.push(`${url} -> ${res.status}`);
      continue;
    }
    const type = res.headers.get('content-type') ?? '';
    const body = await res.text();
    if (!type.startsWith('text/html')) continue;
    pages.push(url);
    bodies.set(url, body);
    for (const m of body.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const target = new URL(m[1].replaceAll('&amp;', '&'), url);
      if (target.origin !== origin) continue;
      if (target.hash.length > 1) fragments.push({ from: url, url: target.href.split('#')[0], id: decodeURIComponent(target.hash.slice(1)) });
      target.hash = '';
      target.search = '';
      if (!seen.has(target.href)) {
        seen.add(target.href);
        queue.push(target.href);
      }
    }
  }
  for (const f of fragments) {
    const body = bodies.get(f.url);
    if (body !== undefined && !body.includes(`id="${f.id}"`)) broken.push(`${f.from}: #${f.id} not found on ${f.url}`);
  }
  return { pages, broken };
}

let browser: Browser;
let demo: { server: StaticServer; snapshot: Snapshot; out: string };
let hostile: { server: StaticServer; snapshot: Snapshot; out: string };
const tmp = mkdtempSync(join(tmpdir(), 'spog-browser-'));

beforeAll(async () => {
  const reg = join(tmp, 'hostile-registry');
  makeHostileRegistry(reg, DEMO);
  // Both sites build at once, each in its own process (see build-child.ts).
  const demoOut = join(tmp, 'demo', 'site');
  const hostileOut = join(tmp, 'hostile', 'site');
  await Promise.all([buildInChild({ registry: DEMO, out: demoOut }), buildInChild({ registry: reg, out: hostileOut, base: '/sub/' })]);
  demo = { server: await serveStatic(demoOut), snapshot: computeSnapshot(DEMO), out: demoOut };
  hostile = { server: await serveStatic(hostileOut, '/sub/'), snapshot: computeSnapshot(reg), out: hostileOut };
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await demo?.server.close();
  await hostile?.server.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the overview', () => {
  it('lists every demo model with the health the snapshot gives it', async () => {
    const { page, seen } = await watchedPage(browser);
    await page.goto(demo.server.url, { waitUntil: 'load' });
    expect(demo.snapshot.models.length).toBeGreaterThan(0);
    for (const m of demo.snapshot.models) {
      const row = page.locator(`tr:has(a[href="/models/${m.id}/"])`);
      await expect(row.count()).resolves.toBe(1);
      await expect(row.locator('.b').textContent()).resolves.toBe(HEALTH_LABEL[m.health]);
      await expect(row.getAttribute('data-h')).resolves.toBe(m.health);
    }
    // The tiles count production models (the demo has others too), and link to them filtered.
    const production = demo.snapshot.models.filter((m) => m.lifecycle === 'production');
    expect(production.length).toBeLessThan(demo.snapshot.models.length);
    for (const c of ['red', 'amber', 'green', 'unknown'] as const) {
      await expect(page.locator(`.t-${c} .n`).textContent()).resolves.toBe(String(production.filter((m) => m.health === c).length));
    }
    // The tile's link loads the page again, filtered: wait for the filter, not for the first paint.
    await page.locator('.t-red a').click();
    await expect.poll(() => page.locator('tr[data-h]:visible').count()).toBe(production.filter((m) => m.health === 'red').length);
    expect(await page.locator('h1').count()).toBe(1);
    expect(seen).toEqual({ errors: [], failed: [], dialogs: [] });
    await page.close();
  });

  it('loads no chart library', async () => {
    const { page } = await watchedPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(demo.server.url, { waitUntil: 'networkidle' });
    expect(scripts.filter((s) => /embed|vega/i.test(s))).toEqual([]);
    await page.close();
  });

  it('filters by team: choosing a team leaves only its models visible', async () => {
    const { page, seen } = await watchedPage(browser);
    await page.goto(demo.server.url, { waitUntil: 'load' });
    const team = demo.snapshot.models[0].team;
    await page.selectOption('#filters select[name=team]', team);
    const visible = await page.locator('tr[data-h]:visible a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const expected = demo.snapshot.models.filter((m) => m.team === team).map((m) => `/models/${m.id}/`);
    expect(visible.sort()).toEqual(expected.sort());
    expect(page.url()).toContain(`team=${team}`);
    await page.click('#filters button[type=reset]');
    await expect.poll(() => page.locator('tr[data-h]:visible').count()).toBe(demo.snapshot.models.length);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('filters by health and lifecycle, and reads the filter from the address', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${demo.server.url}?health=red`, { waitUntil: 'load' });
    const red = demo.snapshot.models.filter((m) => m.health === 'red').map((m) => `/models/${m.id}/`);
    await expect.poll(async () => (await page.locator('tr[data-h]:visible a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).sort()).toEqual(red.sort());
    await page.selectOption('#filters select[name=health]', '');
    await page.selectOption('#filters select[name=lifecycle]', 'production');
    const prod = demo.snapshot.models.filter((m) => m.lifecycle === 'production').length;
    await expect.poll(() => page.locator('tr[data-h]:visible').count()).toBe(prod);
    await page.close();
  });
});

describe('model pages', () => {
  it('render their charts as SVG, with no console error and no failed request', async () => {
    const { page, seen } = await watchedPage(browser);
    for (const m of demo.snapshot.models) {
      // networkidle: leaving a page while its favicon is still loading would abort that request.
      await page.goto(`${demo.server.url}models/${m.id}/`, { waitUntil: 'networkidle' });
      const expected = chartCount(modelView(demo.snapshot, m, '/'));
      await expect(page.locator('figure.chart .cv > svg').count(), m.id).resolves.toBe(expected);
      await expect(page.locator('h1').textContent()).resolves.toBe(m.name);
      await expect(page.locator('.mhead .b').textContent()).resolves.toBe(HEALTH_LABEL[m.health]);
    }
    expect(seen).toEqual({ errors: [], failed: [], dialogs: [] });
    await page.close();
  }, 90_000);

  it('fit a phone screen (390 px): wide tables scroll inside their box, the page itself does not scroll sideways', async () => {
    const { page } = await watchedPage(browser, { viewport: { width: 390, height: 844 } });
    const paths = ['', 'alerts/', 'teams/', ...demo.snapshot.models.flatMap((m) => [`models/${m.id}/`, `models/${m.id}/versions/`])];
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(`${demo.server.url}${path}`, { waitUntil: 'load' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path} ${width}px`);
    }
    expect(wide).toEqual([]);
    await page.close();
  }, 90_000);

  it('turns a chart interactive on hover under the strict CSP, without errors', async () => {
    const m = demo.snapshot.models.find((x) => x.primary_series.t.length > 1)!;
    const { page, seen } = await watchedPage(browser);
    await page.goto(`${demo.server.url}models/${m.id}/`, { waitUntil: 'load' });
    // The page embeds no spec: the browser builds them from the model's JSON, linked from the head.
    await expect(page.locator('figure.chart script').count()).resolves.toBe(0);
    const vertices = (sel: string) => page.locator(sel).evaluateAll((els) => Math.max(0, ...els.map((e) => (e.getAttribute('d') ?? '').split(/[LM]/).length - 1)));
    const staticVertices = await vertices('#chart-primary .cv > svg path.line');
    expect(staticVertices).toBeGreaterThan(Math.min(20, m.primary_series.t.length - 1));
    await page.hover('#chart-primary .cv');
    await page.waitForSelector('#chart-primary[data-state="live"] .vega-embed svg.marks', { timeout: 20_000 });
    // The live chart draws the same series: its line has exactly as many vertices as the static one.
    expect(await vertices('#chart-primary .vega-embed path[aria-roledescription="line mark"], #chart-primary .vega-embed g.mark-line path')).toBe(staticVertices);
    // Another chart of the page finds its own spec too.
    const other = page.locator('figure.chart:not(#chart-primary)').first();
    if (await other.count()) {
      const id = await other.getAttribute('id');
      await other.locator('.cv').hover();
      await page.waitForSelector(`#${id}[data-state="live"] .vega-embed svg.marks`, { timeout: 20_000 });
    }
    // Moving over the live chart (tooltips, zoom handlers) raises no error either.
    const box = (await page.locator('#chart-primary .vega-embed svg.marks').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    expect(seen).toEqual({ errors: [], failed: [], dialogs: [] });
    await page.close();
  });

  it('goes interactive with no CSP violation (no eval probe, e.g. zod\'s, in the chart code)', async () => {
    const { page, seen } = await watchedPage(browser);
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${demo.server.url}models/flight-delay-minutes/`, { waitUntil: 'load' });
    await page.click('#chart-primary [data-live]');
    await page.waitForSelector('#chart-primary[data-state="live"] .vega-embed svg.marks', { timeout: 20_000 });
    const other = page.locator('figure.chart:not(#chart-primary)').first();
    await other.locator('.cv').hover();
    await page.waitForSelector(`#${await other.getAttribute('id')}[data-state="live"] .vega-embed svg.marks`, { timeout: 20_000 });
    expect(csp).toEqual([]);
    expect(seen).toEqual({ errors: [], failed: [], dialogs: [] });
    await page.close();
  });

  describe('the live primary-metric chart', () => {
    let page: Page;
    const xLabels = () => page.locator('#chart-primary .vega-embed g.role-axis[aria-label^="X-axis"] g.role-axis-label text').allTextContents();
    beforeAll(async () => {
      page = await browser.newPage();
      await page.goto(`${demo.server.url}models/flight-delay-minutes/`, { waitUntil: 'load' });
      await page.click('#chart-primary [data-live]');
      await page.waitForSelector('#chart-primary[data-state="live"] .vega-embed svg.marks', { timeout: 20_000 });
    });
    afterAll(() => page?.close());

    it('offers "Reset zoom" after a wheel zoom, a real button that brings back the whole period', async () => {
      const before = (await xLabels()).sort();
      const reset = page.getByRole('button', { name: 'Reset zoom' });
      await expect(reset.isVisible()).resolves.toBe(false);
      const box = (await page.locator('#chart-primary .vega-embed svg.marks').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
      await page.mouse.wheel(0, -300);
      await expect.poll(() => reset.isVisible()).toBe(true);
      expect((await xLabels()).sort()).not.toEqual(before);
      const size = (await reset.boundingBox())!;
      expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(24);
      await reset.focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await xLabels()).sort()).toEqual(before);
      await expect(reset.isVisible()).resolves.toBe(false);
    });

    it('shows the last 30 days on "30 days" and the whole period again on "All"', async () => {
      const all = (await xLabels()).sort();
      await page.getByRole('button', { name: '30 days' }).click();
      await expect(page.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).resolves.toBe('true');
      // The as-of day is 2026-10-31: the axis starts in October and ends at Oct 30.
      await expect.poll(async () => (await xLabels())[0]).toMatch(/^Oct 0/);
      expect(await xLabels()).toContain('Oct 30');
      expect(await xLabels()).not.toContain('Sep 20');
      await page.getByRole('button', { name: 'All' }).click();
      await expect.poll(async () => (await xLabels()).sort()).toEqual(all);
    });
  });

  it('read without JavaScript: charts, tables and the card are in the HTML', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const m = demo.snapshot.models.find((x) => x.health === 'red') ?? demo.snapshot.models[0];
    await page.goto(`${demo.server.url}models/${m.id}/`, { waitUntil: 'load' });
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThan(0);
    expect(await page.locator('table th[scope=col]').count()).toBeGreaterThan(0);
    expect(await page.locator('#card ~ .card-md, section:has(#card) .card-md').count()).toBe(1);
    await ctx.close();
  });
});

describe("the demo's acknowledged incident", () => {
  it('answers "who is on it" in the red model page\'s summary, is beside it in Needs attention, and the resolved one is in the Incidents history', async () => {
    const { page, seen } = await watchedPage(browser);
    const acked = demo.snapshot.models.find((m) => m.incidents.open)!;
    const o = acked.incidents.open!;
    await page.goto(`${demo.server.url}models/${acked.id}/`, { waitUntil: 'load' });
    // Said once, in the summary's answer, not again in a box of its own.
    const note = page.locator('.plain dd .ack-text');
    await expect(note.textContent()).resolves.toBe(summaryMsg.acknowledged(o.by, o.opened.slice(0, 10), o.note, o.until, o.expired));
    const above = await page.evaluate(() => {
      const r = document.createRange();
      r.setStart(document.body, 0);
      r.setEndBefore(document.getElementById('incidents')!);
      return r.toString();
    });
    expect(above.split(o.note.replace(/[.\s]+$/, '')).length - 1, 'the note is said once above the Incidents section').toBe(1);
    // Above the health section, and the health is still the model's own.
    const [ackBox, why] = [await note.boundingBox(), await page.locator('h2#why').boundingBox()];
    expect(ackBox!.y).toBeLessThan(why!.y);
    await expect(page.locator('.mhead .b').textContent()).resolves.toBe(HEALTH_LABEL[acked.health]);
    await page.goto(demo.server.url, { waitUntil: 'load' });
    await expect(page.locator(`.attn li:has(a[href="/models/${acked.id}/"]) .ack-line`).textContent()).resolves.toContain(acked.incidents.open!.by);
    await expect(page.locator(`tr:has(a[href="/models/${acked.id}/"]) .ack-tag`).textContent()).resolves.toBe('acknowledged');
    const past = demo.snapshot.models.find((m) => m.incidents.history.length)!;
    await page.goto(`${demo.server.url}models/${past.id}/#incidents`, { waitUntil: 'load' });
    await expect(page.locator(`#incident-${past.incidents.history[0].id} td`).nth(1).textContent()).resolves.toBe('resolved');
    expect(await page.locator('.plain .ack-text').count()).toBe(0);
    expect(seen).toEqual({ errors: [], failed: [], dialogs: [] });
    await page.close();
  });
});

describe('JSON API', () => {
  it('serves every model\'s full snapshot, as computed on one thread, at /api/models/<id>.json', () => {
    for (const m of demo.snapshot.models) {
      const text = readFileSync(join(demo.out, 'api', 'models', `${m.id}.json`), 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.parse(text), m.id).toEqual(m);
    }
  });
});

describe('links', () => {
  it('no internal link is broken anywhere on the demo site', async () => {
    const { pages, broken } = await crawl(demo.server.url);
    expect(broken).toEqual([]);
    // Overview, alerts, teams index, each team, each model and its versions page.
    const teams = new Set(demo.snapshot.models.map((m) => m.team)).size;
    expect(pages.length).toBeGreaterThanOrEqual(3 + teams + 2 * demo.snapshot.models.length);
  });

  it('every feed entry links to a status row on its model page, and its id names no host', async () => {
    const feed = await (await fetch(`${demo.server.url}feed.xml`)).text();
    expect([...feed.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].every((m) => m[1].startsWith('urn:spog:spog-demo:'))).toBe(true);
    const ids = [...feed.matchAll(/<link rel="alternate" type="text\/html" href="https:\/\/spog-demo\.example\.org\/([^"#]+)#([^"]+)"\/>/g)];
    expect(ids.length).toBe(Math.min(200, demo.snapshot.transitions.length));
    for (const [, path, id] of ids) {
      const html = await (await fetch(`${demo.server.url}${path}`)).text();
      expect(html, `${path}#${id}`).toContain(`id="${id}"`);
    }
  });

  it('the site works under a sub-path (every link carries the base)', async () => {
    const { pages, broken } = await crawl(hostile.server.url);
    expect(broken).toEqual([]);
    expect(pages.every((p) => new URL(p).pathname.startsWith('/sub/'))).toBe(true);
  });
});

describe('a hostile model card', () => {
  it('is shown inert: no script runs, no dialog, no handler or javascript: link in the DOM', async () => {
    const { page, seen } = await watchedPage(browser);
    await page.goto(`${hostile.server.url}models/${HOSTILE_MODEL}/`, { waitUntil: 'load' });
    await expect(page.locator('.card-md').textContent()).resolves.toContain('hover me');
    await page.hover('.card-md >> text=hover me');
    const link = page.locator('.card-md a', { hasText: 'click me' });
    if (await link.count()) await link.click({ noWaitAfter: true });
    await page.waitForTimeout(200);
    const globals = await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__pwned')));
    expect(globals).toEqual([]);
    const bad = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name) || (/^(href|src|action|formaction)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)))
          .map((a) => `${el.tagName} ${a.name}=${a.value}`),
      ),
    );
    expect(bad).toEqual([]);
    expect(await page.locator('.card-md script, .card-md iframe, .card-md img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});

describe('a registry with broken models', () => {
  it('still publishes them as registry errors, counted on the overview, each page listing its errors', async () => {
    const { page, seen } = await watchedPage(browser);
    await page.goto(hostile.server.url, { waitUntil: 'load' });
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('3 with registry errors');
    for (const id of ['broken-card', 'broken-version', 'broken-yaml']) {
      const row = page.locator(`tr:has(a[href$="/models/${id}/"])`);
      await expect(row.locator('.b').textContent()).resolves.toBe('Registry error');
    }
    await page.goto(`${hostile.server.url}models/broken-card/`, { waitUntil: 'load' });
    await expect(page.locator('main').textContent()).resolves.toContain('front matter language "js" is refused');
    await page.goto(`${hostile.server.url}models/broken-version/`, { waitUntil: 'load' });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('trained_at');
    expect(text).toContain("<img src=x onerror=alert('name')> Flights");
    expect(seen.dialogs).toEqual([]);
    expect(await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__pwned')))).toEqual([]);
    expect(hostile.snapshot.models.find((m) => m.id === 'broken-card')).toMatchObject({ health: 'unknown', registry_error: true });
    await page.close();
  });
});

describe('a model whose card does not parse', () => {
  it('stays in its team, in the production tiles and in "Needs attention" with its first error', async () => {
    const m = hostile.snapshot.models.find((x) => x.id === 'broken-yaml')!;
    expect(m).toMatchObject({ name: 'Flight on time, broken card', team: 'airport-ops', lifecycle: 'production', health: 'unknown', registry_error: true });
    expect(m.reasons[0]).toMatch(/^registry error: 1 problem in this model's files \(first: models\/broken-yaml\/README\.md:9 YAML syntax error: /);
    const page = await browser.newPage();
    await page.goto(hostile.server.url, { waitUntil: 'load' });
    const production = hostile.snapshot.models.filter((x) => x.lifecycle === 'production');
    await expect(page.locator('.t-unknown .n').textContent()).resolves.toBe(String(production.filter((x) => x.health === 'unknown').length));
    const item = page.locator('.attn li:has(a[href$="/models/broken-yaml/"])');
    await expect(item.locator('.b').textContent()).resolves.toBe('Registry error');
    await expect(item.locator('.who').textContent()).resolves.toContain('Airport Operations Analytics');
    await expect(item.locator('.why').textContent()).resolves.toContain('models/broken-yaml/README.md:9 YAML syntax error');
    const group = page.locator('details.grp[data-team="airport-ops"]');
    await expect(group.locator('a[href$="/models/broken-yaml/"]').count()).resolves.toBe(1);
    await expect(page.locator('details.grp[data-team="unassigned"] a[href$="/models/broken-yaml/"]').count()).resolves.toBe(0);
    await page.close();
  });

  for (const width of [390, 1280]) {
    it(`its "Registry error" badge is whole at ${width} px, in the attention list and in the table`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(hostile.server.url, { waitUntil: 'load' });
      const badges = page.locator('.attn li:has(a[href$="/models/broken-yaml/"]) .b, tr:has(a[href$="/models/broken-yaml/"]) .b');
      await expect(badges.count()).resolves.toBe(2);
      for (const b of await badges.all()) {
        // Nothing of the label is cut off: its box holds its text, and its cell holds the box.
        const fit = await b.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const cell = el.parentElement!.getBoundingClientRect();
          return { clipped: el.scrollWidth > el.clientWidth + 1, outside: box.right > cell.right + 1 || box.left < cell.left - 1 };
        });
        expect(fit).toEqual({ clipped: false, outside: false });
      }
      await page.close();
    });
  }
});

describe('the audit trail', () => {
  it('lists the commits that touched a demo model, with author and change', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.server.url}models/nyc-temp-max/`, { waitUntil: 'load' });
    const rows = page.locator('section[aria-labelledby="audit"] tbody tr');
    const text = (await page.locator('section[aria-labelledby="audit"]').textContent()) ?? '';
    // A shallow clone (as some CI systems make) may hold no commit for this model; the page must say so.
    if (text.includes('shallow clone')) expect(text).toContain('older changes may be missing');
    else expect(await rows.count()).toBeGreaterThan(0);
    await page.close();
  });

  it('says plainly that history is missing when the registry is not in a git repository', async () => {
    const page = await browser.newPage();
    await page.goto(`${hostile.server.url}models/${HOSTILE_MODEL}/`, { waitUntil: 'load' });
    await expect(page.locator('section[aria-labelledby="audit"]').textContent()).resolves.toContain('No audit trail: history unavailable: the registry is not in a git repository');
    await page.close();
  });
});
