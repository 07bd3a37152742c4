/**
 * Issue 18, "a model page an end user understands": on the demo, a model page starts with a summary
 * in plain words (can I rely on it today, what is wrong, since when, who is on it) before any
 * table; every reason on the model page, the overview and the alerts page links to a section of the
 * model page that exists; the statistical terms of the tables are defined under them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { termsIn } from '../../src/view/glossary.ts';
import { reliance, summaryView } from '../../src/view/summary.ts';
import { pageRenderer, type PageRenderer } from './render.ts';

const demo: Snapshot = computeSnapshot('registry');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
/** The links of `html` that point at a model page's section: [model id, fragment]. */
const sectionLinks = (html: string) => [...html.matchAll(/href="\/models\/([^/"]+)\/#([^"]+)"/g)].map((m) => [m[1], m[2]] as const);
/** Words a user should not meet in the summary. */
const JARGON = /Wasserstein|Jensen|Shannon|Page-Hinkley|ADWIN|\bKS\b|\bPSI\b|chi-square|p-value|p ≤|>=|noise|±|four-fifths|rolling mean/i;

let r: PageRenderer;
const pages = new Map<string, string>();
async function modelPage(id: string): Promise<string> {
  if (!pages.has(id)) pages.set(id, await r.render('/src/pages/models/[id]/index.astro', demo, `https://example.org/models/${id}/`, { id }));
  return pages.get(id)!;
}
/** The summary block and what comes before it on the page. */
function summaryOf(html: string): { before: string; block: string } {
  const start = html.indexOf('<section class="plain');
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</section>', start);
  return { before: html.slice(0, start), block: html.slice(start, end) };
}

beforeAll(async () => {
  r = await pageRenderer();
}, 60_000);
afterAll(async () => r?.close());

describe('the summary comes first, in plain words', () => {
  it('a red model (nyc-temp-max) cannot be relied on, says what is wrong with links to sections on its page, since when and whom to ask', async () => {
    const html = await modelPage('nyc-temp-max');
    const { before, block } = summaryOf(html);
    expect(before).not.toContain('<table');
    const t = text(block);
    expect(t).toContain('Can I rely on it today? No.');
    expect(t).toContain('What is wrong Its RMSE');
    expect(t).toMatch(/worse than expected/);
    expect(t).toContain('The data it receives no longer looks like the data it was built on');
    expect(t).toMatch(/Since when Red since 2026-\d\d-\d\d \(\d+ days? ago\)/);
    expect(t).toContain('Who is on it Nobody has said so yet. Ask the owners: lena.ortiz@example.org');
    expect(t).not.toMatch(JARGON);
    const targets = [...block.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toEqual(['check-primary_metric', 'drift', 'prediction-drift']);
    const onPage = ids(html);
    for (const id of targets) expect(onPage.has(id), id).toBe(true);
  }, 60_000);

  it('an acknowledged model (seattle-rain-tomorrow) says who is on it, what they do and until when', async () => {
    const t = text(summaryOf(await modelPage('seattle-rain-tomorrow')).block);
    expect(t).toContain('Can I rely on it today? No.');
    expect(t).toMatch(/Who is on it mei\.chen@example\.org is on it since 2026-10-28: .*v4 training started.* Expected to be fixed by 2026-11-06\./);
  }, 60_000);

  it('a green production model (seattle-temp-max) says yes, nothing is wrong, and names its owners', async () => {
    const t = text(summaryOf(await modelPage('seattle-temp-max')).block);
    expect(t).toContain('Can I rely on it today? Yes.');
    expect(t).toContain('What is wrong Nothing: every check passes.');
    expect(t).toMatch(/Since when Green since 2026-\d\d-\d\d/);
    expect(t).toContain('Owners: ana.lima@example.org');
  }, 60_000);

  it('no summary of the demo uses statistics jargon, and every one of its links lands on its page', async () => {
    for (const m of demo.models) {
      const html = await modelPage(m.id);
      const { block } = summaryOf(html);
      expect(text(block), m.id).not.toMatch(JARGON);
      const onPage = ids(html);
      for (const [, id] of block.matchAll(/href="#([^"]+)"/g)) expect(onPage.has(id), `${m.id} #${id}`).toBe(true);
    }
  }, 120_000);
});

describe('can I rely on it today: one rule from health and lifecycle', () => {
  it.each([
    ['green', 'production', 'yes'],
    ['green', 'staging', 'care'],
    ['amber', 'production', 'care'],
    ['red', 'production', 'no'],
    ['unknown', 'production', 'unknown'],
    ['green', 'retired', 'no'],
  ] as const)('%s in %s: %s', (health, lifecycle, answer) => {
    expect(reliance(health, lifecycle).answer).toBe(answer);
  });
});

describe('every reason links to the section that explains it', () => {
  it('on every model page of the demo, each reason in the Health section links to an id on the page', async () => {
    for (const m of demo.models) {
      const html = await modelPage(m.id);
      const why = html.slice(html.indexOf('id="why"'), html.indexOf('<table'));
      const links = [...why.matchAll(/<li><a href="#([^"]+)"/g)].map((x) => x[1]);
      expect(links.length, m.id).toBe(m.reasons.length);
      for (const id of links) expect(ids(html).has(id), `${m.id} #${id}`).toBe(true);
    }
  }, 120_000);

  it.each([['the overview', '/src/pages/index.astro'], ['the alerts page', '/src/pages/alerts.astro']])('on %s, every reason links to a section that exists on its model page', async (_, page) => {
    const html = await r.render(page, demo);
    const links = sectionLinks(html);
    expect(links.length).toBeGreaterThan(5);
    for (const [id, fragment] of links) expect(ids(await modelPage(id)).has(fragment), `${id} #${fragment}`).toBe(true);
  }, 120_000);
});

describe('statistical terms are defined where they appear', () => {
  it('names only the terms a table uses', () => {
    expect(termsIn(['ks', 'p-value PSI']).map((t) => t.term)).toEqual(['p-value', 'KS', 'PSI']);
    expect(termsIn(['Wasserstein (normed) 0.452 >= 0.1']).map((t) => t.term)).toEqual(['Wasserstein']);
    expect(termsIn(['Page-Hinkley', 'ADWIN', 'rolling mean vs expected']).map((t) => t.term)).toEqual(['Page-Hinkley', 'ADWIN', 'rolling mean']);
  });

  it('the red model\'s page defines Page-Hinkley, ADWIN, KS and PSI under its tables', async () => {
    const html = await modelPage('nyc-temp-max');
    const defined = [...html.matchAll(/<dfn>([^<]+)<\/dfn>/g)].map((m) => m[1]);
    for (const term of ['Page-Hinkley', 'ADWIN', 'PSI', 'p-value']) expect(defined).toContain(term);
  }, 60_000);
});

describe('a green model too new for one of its checks', () => {
  it('is relied on "as far as its checks can tell", naming what it is too new to check, not "every check passes"', () => {
    const green = demo.models.find((m) => m.health === 'green' && m.lifecycle === 'production' && m.not_judged.length === 0)!;
    const young = { ...green, not_judged: [{ check: 'performance_drift' as const, reason: 'performance drift not judged yet: ...' }] };
    const s = summaryView(young, 'Team');
    const metric = green.primary.label || green.primary.name;
    expect(s.rely).toEqual({ answer: 'yes', text: `Yes, as far as its checks can tell: every check that could run passes, but it is too new to check whether its ${metric} is getting worse.` });
    expect(s.nothingWrong).not.toMatch(/every check passes/);
    expect(summaryView(green, 'Team').rely.text).toBe('Yes. Every check passes.');
  });
});


describe('a retired model', () => {
  it('asks no one to act: "Nothing to act on", not "Nobody has said so yet"', () => {
    const retired = demo.models.find((m) => m.lifecycle === 'retired' && m.health !== 'green' && !m.incidents.open)!;
    expect(retired).toBeDefined();
    expect(summaryView(retired, 'Team').who).toMatch(/^Nothing to act on\. Owners: /);
  });
});
