import { describe, expect, it } from 'vitest';
import { statusTable } from '../../src/cli/status.ts';
import { fleetJson } from '../../src/core/api.ts';
import { isAlarm, worst } from '../../src/core/health.ts';
import { fleetOf } from '../../src/core/snapshot.ts';
import type { Health, ModelIncident, OpenIncident, Snapshot } from '../../src/core/types.ts';
import { fairnessChartView } from '../../src/view/charts.ts';
import { atomFeed } from '../../src/site/feed.ts';
import { alertsJson, alertsView } from '../../src/view/alerts.ts';
import { ago, checkValue, gapWords, href, signedNum, signedPct, sparkPoints } from '../../src/view/format.ts';
import { chartCount, commitUrl, modelView } from '../../src/view/model.ts';
import { ATTENTION_LIMIT, OTHERS_LIMIT, overviewView } from '../../src/view/overview.ts';
import { teamsView, teamView } from '../../src/view/team.ts';
import { ackView } from '../../src/view/incidents.ts';
import { versionsView } from '../../src/view/versions.ts';
import { model, statesSnapshot, syntheticSnapshot } from './fixtures.ts';

const snap = statesSnapshot();

describe('formatting', () => {
  it('says how long ago in words, and "today" without an "ago"', () => {
    expect([ago(0), ago(1), ago(12), ago(null)]).toEqual(['today', '1 day ago', '12 days ago', '–']);
  });

  it('joins links under the base path', () => {
    expect(href('/', 'models/a/')).toBe('/models/a/');
    expect(href('/spog/', 'models/a/')).toBe('/spog/models/a/');
    expect(href('/spog', '/alerts/')).toBe('/spog/alerts/');
    expect(href('/spog/', '')).toBe('/spog/');
  });

  it('shows floating-point noise as zero, not as a signed change', () => {
    expect(signedPct(-1e-16)).toBe('0.0%');
    expect(signedPct(0.0512)).toBe('+5.1%');
    expect(signedPct(-0.125)).toBe('−12.5%');
    expect(signedNum(-1.1e-16)).toBe('0');
    expect(signedNum(0.012)).toBe('+0.012');
  });

  it('says gaps in words', () => {
    expect(gapWords(0.125)).toBe('12.5% worse');
    expect(gapWords(-0.013)).toBe('1.3% better');
    expect(gapWords(1e-17)).toBe('level');
    expect(checkValue('primary_metric', 0.063, { mode: 'relative' })).toBe('6.3% worse');
    // Not judged (too few or stale values): no shortfall to show, whatever the mean was.
    expect(checkValue('primary_metric', null, { mode: 'relative' })).toBe('–');
    expect(checkValue('staleness', 9)).toBe('9 days');
  });

  it('draws a sparkline in its box, a flat one through the middle', () => {
    const pts = sparkPoints([1, 2, 3], 60, 16).split(' ').map((p) => p.split(',').map(Number));
    expect(pts).toEqual([[0, 15], [30, 8], [60, 1]]);
    expect(sparkPoints([0.8, 0.8, 0.8], 60, 16)).toBe('0,8 30,8 60,8');
    expect(sparkPoints([1])).toBe('');
  });
});

describe('better, worse or level: one rule for the arrow, the status table and the words', () => {
  // A model 0.049% and 0.051% either side of expected, for both directions: spog prints the first
  // as 0.0% and calls it level everywhere, the second as 0.1% with a direction everywhere.
  const cases: [string, 'higher_is_better' | 'lower_is_better', number, 'better' | 'worse' | 'level'][] = [
    ['auc up 0.049%', 'higher_is_better', 0.00049, 'level'],
    ['auc down 0.049%', 'higher_is_better', -0.00049, 'level'],
    ['auc up 0.051%', 'higher_is_better', 0.00051, 'better'],
    ['auc down 0.051%', 'higher_is_better', -0.00051, 'worse'],
    ['rmse up 0.049%', 'lower_is_better', 0.00049, 'level'],
    ['rmse down 0.049%', 'lower_is_better', -0.00049, 'level'],
    ['rmse up 0.051%', 'lower_is_better', 0.00051, 'worse'],
    ['rmse down 0.051%', 'lower_is_better', -0.00051, 'better'],
  ];
  it.each(cases)('%s (%s) is %s', (what, direction, change, expected) => {
    const src = model(snap, 'green');
    const e = 0.8;
    const value = e * (1 + change);
    const m = { ...src, id: 'x', primary: { ...src.primary, direction, value, expected: e, delta: value - e, delta_pct: (value - e) / e } };
    const one: typeof snap = { ...snap, models: [m] };
    const row = overviewView(one, '/').groups[0].rows[0];
    expect(row.deltaDir, `overview arrow for ${what}`).toBe(expected);
    expect(modelView(one, m, '/').primary.deltaDir, `model page arrow for ${what}`).toBe(expected);
    const line = statusTable(one, false).split('\n')[1];
    const word = expected === 'level' ? '(level)' : `(0.1% ${expected})`;
    expect(line, `spog status for ${what}`).toContain(word);
    const shortfall = direction === 'higher_is_better' ? -change : change;
    expect(gapWords(shortfall), `the gap in words for ${what}`).toBe(expected === 'level' ? 'level' : `0.1% ${expected}`);
  });
});

describe('overview view model', () => {
  const v = overviewView(snap, '/');

  it('counts models by health, worst first, with words beside the colours', () => {
    expect(v.counts.map((c) => c.health)).toEqual(['red', 'amber', 'green', 'unknown']);
    for (const c of v.counts) expect(c.count).toBe(snap.fleet.by_health[c.health]);
    expect(v.counts.map((c) => c.label)).toEqual(['Red', 'Amber', 'Green', 'Unknown']);
  });

  it('lists the production models that need attention red first, then amber, then unknown, each with its top reason', () => {
    expect(v.attention.map((a) => [a.id, a.health, a.reason.text])).toEqual([
      ['fairness', 'red', 'auc for sex=female is 12.5% worse than overall (limit 5.0%; red since 2026-10-02)'],
      ['latency', 'red', 'latency p95 (ms) 450 is over the limit 200'],
      ['red', 'red', 'auc 0.7 (mean of last 10) is 12.5% worse than expected 0.8'],
      ['stale', 'red', 'no auc value for 9 days (last 2026-10-22)'],
      ['amber', 'amber', 'auc 0.75 (mean of last 10) is 6.3% worse than expected 0.8'],
      ['rmse', 'amber', 'rmse 10.7 (mean of last 10) is 7.0% worse than expected 10'],
      ['too-little', 'unknown', 'auc: too little data (3 points, at least 5 needed)'],
    ]);
  });

  it('lists every model exactly once, grouped by team, worst first', () => {
    const rows = v.groups.flatMap((g) => g.rows);
    expect(rows.map((r) => r.id).sort()).toEqual(snap.models.map((m) => m.id).sort());
    for (const r of rows) expect(r.health).toBe(model(snap, r.id).health);
    const red = model(snap, 'red');
    const row = rows.find((r) => r.id === 'red')!;
    expect(row).toMatchObject({ href: '/models/red/', healthLabel: 'Red', lifecycle: red.lifecycle, deltaDir: 'worse', retrained: red.last_retrained });
    expect(row.now).toBe('0.7');
    expect(row.delta).toBe('−12.5%');
    expect(row.spark.split(' ').length).toBeLessThanOrEqual(20);
  });

  it('offers filters for every team, health, lifecycle and tag in the fleet', () => {
    expect(v.filters.teams.map((t) => t.id)).toEqual(['core']);
    expect(v.filters.lifecycles).toEqual(['offline', 'production']);
    expect(v.filters.health.map((h) => h.value)).toEqual(['red', 'amber', 'green', 'unknown']);
  });

  it('caps the attention list at a thousand models and points to the alerts page for the rest', () => {
    const big = overviewView(syntheticSnapshot(1000), '/spog/');
    expect(big.attention).toHaveLength(ATTENTION_LIMIT);
    const notGreen = big.production.counts.filter((c) => c.health !== 'green').reduce((a, c) => a + c.count, 0);
    expect(big.attentionMore).toBe(notGreen - ATTENTION_LIMIT);
    expect(big.others).toHaveLength(OTHERS_LIMIT);
    expect(big.alertsHref).toBe('/spog/alerts/');
    expect(big.groups.every((g) => !g.open)).toBe(true);
    expect(big.groups.reduce((a, g) => a + g.rows.length, 0)).toBe(1000);
  });
});

describe('model page view model', () => {
  it('shows every check with its value, threshold and reason', () => {
    const m = model(snap, 'red');
    const v = modelView(snap, m, '/');
    expect(v.health).toBe('red');
    // Every check, then each check that has not had the data to run yet, greyed and labelled so.
    expect(v.checks).toHaveLength(m.checks.length + m.not_judged.length);
    for (const x of m.not_judged) expect(v.checks.find((c) => c.check === x.check)).toMatchObject({ healthLabel: 'Not judged yet', reason: x.reason });
    const primary = v.checks.find((c) => c.check === 'primary_metric')!;
    expect(primary).toMatchObject({ health: 'red', healthLabel: 'Red', value: '12.5% worse' });
    expect(primary.threshold).toContain('red when >= 10.0%');
    expect(v.reasons).toEqual(['auc 0.7 (mean of last 10) is 12.5% worse than expected 0.8']);
  });

  it('charts the primary metric with its expected line and bands', () => {
    const m = model(snap, 'red');
    const v = modelView(snap, m, '/');
    expect(v.charts.primary).not.toBeNull();
    expect(v.charts.primary!.legend.map((l) => l.kind)).toEqual(expect.arrayContaining(['line', 'expected', 'amber', 'red']));
    expect(chartCount(v)).toBeGreaterThanOrEqual(1);
  });

  it('shows champion vs challenger with the recommendation in words', () => {
    const m = model(snap, 'challenger');
    const v = modelView(snap, m, '/');
    expect(v.comparisons).toHaveLength(m.comparisons.length);
    const c = m.comparisons[0];
    expect(v.comparisons[0].evidence).toBe(c.evidence);
    expect(v.comparisons[0].recommendationLabel).toMatch(/Promote|Keep|Not enough/);
  });

  it('marks fairness slices over the limit the same way the core judged them', () => {
    const m = model(snap, 'fairness');
    const v = modelView(snap, m, '/');
    const female = v.fairness!.rows.find((r) => r.slice === 'sex=female')!;
    expect(female).toMatchObject({ over: true, gap: '12.5% worse', verdict: 'gap over limit' });
    expect(m.checks.find((c) => c.check === 'fairness')!.status).toBe('red');
  });

  it('agrees with the core on every fairness slice: the row, the chart and the check read one verdict', () => {
    const m = model(snap, 'fairness');
    const f = m.fairness!;
    const rows = modelView(snap, m, '/').fairness!.rows;
    for (const [i, s] of f.slices.entries()) {
      const core = isAlarm(s.gap_status) || isAlarm(s.ratio_status);
      expect(rows[i].over, `${s.slice_key}=${s.slice_value}: the page says over=${rows[i].over}, the core's verdicts are gap ${s.gap_status}, ratio ${s.ratio_status}`).toBe(core);
    }
    const check = m.checks.find((c) => c.check === 'fairness')!;
    const verdicts = f.slices.flatMap((s) => [s.gap_status, s.ratio_status]).filter((h): h is Health => h !== null);
    expect(check.status, 'the fairness check is the worst of its slices\' verdicts').toBe(worst(verdicts));
    // The limit line sits where a slice is max_gap worse than overall: AUC, higher is better.
    expect(m.primary.direction).toBe('higher_is_better');
    expect(f.gap_limit_at, `limit at ${f.gap_limit_at}, overall ${f.overall}, max gap ${f.max_gap}`).toBeCloseTo(f.overall! * (1 - f.max_gap), 12);
    const chart = fairnessChartView(m)!;
    expect(chart.caption).toContain(`${f.slices.filter((s) => isAlarm(s.gap_status)).length} slice(s) over the limit`);
  });

  it('renders the model card sanitised', () => {
    const m = { ...model(snap, 'green'), card_markdown: '# Card\n\n<script>alert(1)</script><a href="javascript:alert(1)">x</a>' };
    const v = modelView(snap, m, '/');
    expect(v.cardHtml).toContain('<h3>Card</h3>');
    expect(v.cardHtml).not.toMatch(/script|javascript/i);
  });

  it('shows the audit trail from git history, and says plainly when it is missing or shallow', () => {
    const m = model(snap, 'green');
    const entry = { commit: 'a'.repeat(40), short: 'aaaaaaa', author: 'Ana', email: 'ana@example.org', date: '2026-10-30T10:00:00+00:00', subject: 'Promote v2 (#12)', pr: 12, merge: false, areas: ['card' as const], files: [] };
    const full = modelView(snap, m, '/', { available: true, shallow: false, byModel: new Map([['green', [entry]]]) }).audit;
    expect(full).toEqual({ available: true, note: '', entries: [{ date: '2026-10-30', author: 'Ana', commit: 'aaaaaaa', message: 'Promote v2 (#12)', pr: 12, areas: 'card' }], more: 0 });
    const shallow = modelView(snap, m, '/', { available: true, shallow: true, byModel: new Map() }).audit;
    expect(shallow.note).toBe("This build ran on a shallow clone, so older changes may be missing. No commits touch this model's files yet.");
    const none = modelView(snap, m, '/', { available: false, reason: 'history unavailable: the registry is not in a git repository (no .git directory)', shallow: false, byModel: new Map() }).audit;
    expect(none).toMatchObject({ available: false, note: 'No audit trail: history unavailable: the registry is not in a git repository (no .git directory).' });
  });

  it('links a commit only for known forges', () => {
    expect(commitUrl('github.com/acme/churn', 'abc1234')).toBe('https://github.com/acme/churn/commit/abc1234');
    expect(commitUrl('https://gitlab.com/acme/x.git', 'abc1234')).toBe('https://gitlab.com/acme/x/commit/abc1234');
    expect(commitUrl('git.internal/acme', 'abc1234')).toBeNull();
  });
});

describe('versions, teams, alerts', () => {
  it('compares versions side by side against the champion', () => {
    const m = model(snap, 'challenger');
    const v = versionsView(snap, m, '/');
    expect(v.columns.map((c) => c.version)).toEqual(['v2', 'v1']);
    expect(v.reference).toBe('v1');
    const trained = v.sections[0].rows.find((r) => r.label === 'trained')!;
    expect(trained.cells).toHaveLength(2);
  });

  it('lists each team with its models', () => {
    const t = teamView(snap, 'core', '/');
    expect(t.total).toBe(snap.models.length);
    expect(teamsView(snap, '/').teams.map((x) => x.team.id)).toEqual(['core']);
    expect(() => teamView(snap, 'nope', '/')).toThrow(/no team/);
  });

  it('lists on a team page the models the overview says need attention: red or amber, not retired', () => {
    const models = snap.models.map((m) => (m.id === 'red' ? { ...m, lifecycle: 'retired' } : m));
    const fleet = { ...snap, models, fleet: fleetOf(models, snap.as_of.date) };
    const team = teamView(fleet, 'core', '/').attention.map((a) => a.name).sort();
    const overview = overviewView(fleet, '/').attention.map((a) => a.name).sort();
    expect(team, 'the team page and the overview list different models').toEqual(overview);
    expect(team, 'a retired red model asks for no one\'s attention').not.toContain(model(snap, 'red').name);
    expect(team.length).toBeGreaterThan(0);
    // The same rows as the overview's: the top reason linked to its section, since when, the rest behind "+N more".
    const byName = new Map(overviewView(fleet, '/').attention.map((a) => [a.name, a]));
    for (const a of teamView(fleet, 'core', '/').attention) {
      expect(a.reason.href, a.name).toMatch(new RegExp(`^/models/${a.id}/#`));
      expect(a.since, a.name).toMatch(/ since /);
      expect(a).toEqual(byName.get(a.name));
    }
  });

  it('lists every non-green model on the alerts page, and the transitions newest first', () => {
    const v = alertsView(snap, '/');
    expect(v.total).toBe(snap.models.filter((m) => m.health !== 'green').length);
    expect(v.groups.map((g) => g.health)).toEqual(['red', 'amber', 'unknown'].filter((h) => v.groups.some((g) => g.health === h)));
    const dates = v.transitions.map((t) => t.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const json = alertsJson(snap) as { not_green: unknown[]; transitions: unknown[] };
    expect(json.not_green).toHaveLength(v.total);
    expect(json.transitions).toHaveLength(snap.transitions.length);
  });

  it('leaves retired models out of the alerts page, as spog alerts does, while the overview still lists them', async () => {
    const { computeSnapshot } = await import('../../src/site/snapshot.ts');
    const { alertsSinceDate } = await import('../../src/workflow/alerts.ts');
    const demo = computeSnapshot('registry');
    const retired = demo.models.filter((m) => m.lifecycle === 'retired' && m.health !== 'green');
    expect(retired.length).toBeGreaterThan(0);
    const v = alertsView(demo, '/');
    expect(v.groups.flatMap((g) => g.models.map((m) => m.id))).not.toContain(retired[0].id);
    const cli = alertsSinceDate(demo, demo, demo.as_of.date);
    expect(v.total).toBe(cli.attention.length);
    expect(demo.fleet.attention.map((a) => a.id)).not.toContain(retired[0].id);
  });

  it('serves the fleet JSON with the same fields as spog status --json', () => {
    const j = fleetJson(snap);
    expect(j.models.map((m) => m.id).sort()).toEqual(snap.models.map((m) => m.id).sort());
  });

  it('gives a pipeline the champion-vs-challenger recommendation to gate a promotion on', async () => {
    const { computeSnapshot } = await import('../../src/site/snapshot.ts');
    const j = fleetJson(computeSnapshot('registry'));
    const flights = j.models.find((m) => m.id === 'flight-delay-risk')!;
    expect(flights.comparisons.map((c) => [c.challenger, c.recommendation])).toEqual([['v4', 'keep']]);
    expect(flights.comparisons[0].ci![0]).toBeLessThan(0);
    // Ahead every month on a 28-day rolling AUC, but overlapping windows are not independent days.
    const rain = j.models.find((m) => m.id === 'seattle-rain-tomorrow')!;
    expect(rain.comparisons.map((c) => [c.challenger, c.recommendation])).toEqual([['v3', 'not_enough_data']]);
    expect(rain.comparisons[0].evidence).toMatch(/worth ~\d+ independent days/);
  });
});

describe('Atom feed', () => {
  const xml = atomFeed(snap, 'https://example.org/spog/');

  it('is an Atom feed with one entry per transition, dated by the transition', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(xml.match(/<entry>/g)?.length ?? 0).toBe(snap.transitions.length);
    expect(xml).toContain(`<updated>${snap.as_of.date}T00:00:00Z</updated>`);
    const t = snap.transitions[0];
    expect(xml).toContain(`<id>urn:spog:spog:${t.model}:status:${t.date}:${t.from}-${t.to}</id>`);
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="https://example.org/spog/models/${t.model}/#status-${t.date}-${t.from}-${t.to}"/>`);
    expect(xml).toContain(`<updated>${t.date}T00:00:00Z</updated>`);
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://example.org/spog/feed.xml"/>');
  });

  it('has unique entry ids and escapes text', () => {
    const ids = [...xml.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const odd = atomFeed({ ...snap, title: 'A & B <fleet>' }, 'https://example.org/');
    expect(odd).toContain('<title>A &amp; B &lt;fleet&gt;: model status changes</title>');
  });

  it('stays well-formed XML 1.0 when the title and a reason hold control characters or a lone surrogate', () => {
    // Every character of the document must be an XML 1.0 Char (https://www.w3.org/TR/xml/#charsets).
    const XML_CHARS = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
    const t = snap.transitions[0];
    const hostile = atomFeed({ ...snap, title: 'Acme\u0001\u000b fleet \uD800', transitions: [{ ...t, reason: 'bad\u0000 value\uFFFE' }, ...snap.transitions.slice(1)] }, 'https://example.org/');
    expect(XML_CHARS.test(hostile)).toBe(true);
    expect(hostile).toContain('<title>Acme\uFFFD\uFFFD fleet \uFFFD: model status changes</title>');
    expect(hostile).toContain('bad\uFFFD value\uFFFD');
  });

  it('keeps its ids when the site moves to another host or base path: only the links change', () => {
    const ids = (x: string) => [...x.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    const moved = atomFeed(snap, 'https://ml.acme.example/dash/');
    expect(ids(moved)).toEqual(ids(xml));
    expect(moved).not.toBe(xml);
    expect(ids(atomFeed(snap, 'https://example.org/spog/', 'acme-ml'))[0]).toBe('urn:spog:acme-ml:feed');
  });

  it('is the same bytes every time for the same snapshot (no build clock)', () => {
    expect(atomFeed(snap, 'https://example.org/spog/')).toBe(xml);
  });
});

describe('feed entry links', () => {
  it('point at the transition row of the model page (same id scheme)', () => {
    const t = snap.transitions[0];
    const m = model(snap, t.model);
    const v = modelView(snap, m, '/');
    const row = v.history.transitions.find((x) => x.date === t.date && x.from === t.from && x.to === t.to);
    expect(row).toBeDefined();
    expect(atomFeed(snap, 'https://example.org/')).toContain(`models/${t.model}/#status-${row!.date}-${row!.from}-${row!.to}`);
  });
});

describe('chart views', () => {
  it('give every chart of the states fixture a unique id, a caption equal to its spec\'s description, and the same spec each time it is read', async () => {
    const { allChartViews } = await import('../../src/view/charts.ts');
    const snap = statesSnapshot();
    let charts = 0;
    for (const m of snap.models) {
      const views = allChartViews(m, snap.as_of.date);
      expect(new Set(views.map((v) => v.id)).size).toBe(views.length);
      for (const v of views) {
        expect(v.caption.length).toBeGreaterThan(10);
        expect(v.spec.description).toBe(v.caption);
        const first = v.spec; // a getter: every read builds the spec again
        expect(v.spec).toEqual(first);
        charts++;
      }
    }
    expect(charts).toBeGreaterThan(10);
  });
});

describe('an acknowledged problem on the pages', () => {
  // The red model of the states fixture, acknowledged on 2026-10-29 until 2026-11-06, with one
  // incident resolved in September. As of 2026-10-31 (the fixture's pin) or a later day.
  const open: OpenIncident = {
    id: '2026-10-29-1', file: 'models/red/incidents/2026-10-29-1.yaml', status: 'acknowledged', opened: '2026-10-29', by: '@maria',
    note: 'retraining on October data', until: '2026-11-06', updated: '2026-10-31', updated_by: '@li',
    health_at_ack: { as_of: '2026-10-29', status: 'amber', reasons: ['auc 0.75 is 6.3% worse than expected 0.8'] }, resolved: null, resolution: null, expired: false,
  };
  const past: ModelIncident = {
    ...open, id: '2026-09-02-1', file: 'models/red/incidents/2026-09-02-1.yaml', status: 'resolved', opened: '2026-09-02', by: '@li', note: 'upstream feed late',
    until: null, updated: null, updated_by: null, health_at_ack: null, resolved: '2026-09-05', resolution: 'feed back; backfilled',
  };
  const acked = (o: OpenIncident): Snapshot => ({ ...snap, models: snap.models.map((m) => (m.id === 'red' ? { ...m, incidents: { open: o, history: [past] } } : m)) });
  const withAck = acked(open);
  const expired = acked({ ...open, expired: true });

  it('the model page answers "who is on it" with who acknowledged it, when, what is being done and until when; an expired one says so', () => {
    const v = modelView(withAck, model(withAck, 'red'), '/');
    expect(v.health).toBe('red');
    expect(v.plain.who).toBe('@maria is on it since 2026-10-29: retraining on October data. Expected to be fixed by 2026-11-06.');
    expect(v.plain.ack).toEqual({ expired: false, details: ['Updated by @li on 2026-10-31', 'Amber when acknowledged (2026-10-29)'] });
    const gone = modelView(expired, model(expired, 'red'), '/').plain;
    expect(gone.who).toBe('@maria is on it since 2026-10-29: retraining on October data. It was due to be fixed by 2026-11-06, which has passed.');
    expect(gone.ack?.expired).toBe(true);
    expect(modelView(snap, model(snap, 'red'), '/').plain.ack).toBeNull();
    // The lists (Needs attention, the alerts page) say it in one line.
    expect(ackView(model(withAck, 'red'))?.text).toBe('Acknowledged by @maria on 2026-10-29: retraining on October data, until 2026-11-06');
    expect(ackView(model(expired, 'red'))?.text).toBe('Acknowledged by @maria on 2026-10-29: retraining on October data. Expired: it was due by 2026-11-06');
  });

  it('the Incidents section lists the open one first, then the resolved ones', () => {
    const rows = modelView(expired, model(expired, 'red'), '/').incidents;
    expect(rows.map((r) => [r.opened, r.by, r.statusLabel, r.note, r.until, r.healthLabel, r.resolved, r.resolution])).toEqual([
      ['2026-10-29', '@maria', 'open, expired', 'retraining on October data', '2026-11-06', 'Amber', '–', '–'],
      ['2026-09-02', '@li', 'resolved', 'upstream feed late', '–', '–', '2026-09-05', 'feed back; backfilled'],
    ]);
  });

  it('the overview shows it beside the model in Needs attention and tags its row in the model table', () => {
    const v = overviewView(withAck, '/');
    expect(v.attention.find((a) => a.id === 'red')?.ack?.text).toBe('Acknowledged by @maria on 2026-10-29: retraining on October data, until 2026-11-06');
    expect(v.attention.filter((a) => a.ack).map((a) => a.id)).toEqual(['red']);
    const rows = v.groups.flatMap((g) => g.rows);
    expect(rows.filter((r) => r.ack).map((r) => [r.id, r.ackExpired])).toEqual([['red', false]]);
    expect(overviewView(expired, '/').groups.flatMap((g) => g.rows).find((r) => r.id === 'red')?.ackExpired).toBe(true);
  });

  it('the alerts page, /api/alerts.json and /api/models.json carry it; the model stays red among the red', () => {
    const red = alertsView(withAck, '/').groups.find((g) => g.health === 'red')!;
    expect(red.models.find((m) => m.id === 'red')?.ack?.text).toBe('Acknowledged by @maria on 2026-10-29: retraining on October data, until 2026-11-06');
    const json = alertsJson(withAck) as { not_green: { id: string; acknowledged: OpenIncident | null }[] };
    expect(json.not_green.find((m) => m.id === 'red')?.acknowledged).toMatchObject({ by: '@maria', until: '2026-11-06', expired: false });
    expect(fleetJson(withAck).models.find((m) => m.id === 'red')?.acknowledged?.note).toBe('retraining on October data');
    expect(fleetJson(snap).models.every((m) => m.acknowledged === null)).toBe(true);
  });

  it("the feed says it once, in the model's newest entry", () => {
    const xml = atomFeed(withAck, 'https://example.org/');
    const entries = xml.split('<entry>').slice(1).filter((e) => e.includes('/models/red/'));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toContain('Acknowledged by @maria on 2026-10-29: retraining on October data, until 2026-11-06.</summary>');
    expect(entries.slice(1).some((e) => e.includes('Acknowledged'))).toBe(false);
    expect(atomFeed(snap, 'https://example.org/')).not.toContain('Acknowledged');
  });
});
