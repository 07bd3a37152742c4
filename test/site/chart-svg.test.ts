/**
 * The charts' static SVG (src/charts/svg.ts and the xxxSvg function beside each spec builder),
 * checked against Vega's own rendering of the same spec (tick labels, line vertices, bars) and
 * on what a reader would notice: marks where the numbers say, hostile text escaped, degenerate
 * inputs drawn without NaN, a document that scales.
 */
import { scale } from 'vega';
import { describe, expect, it } from 'vitest';
import { comparisonChart, comparisonSvg, type ComparisonChartInput } from '../../src/charts/comparison.ts';
import { distributionChart, distributionSvg, type DistributionChartInput } from '../../src/charts/distribution.ts';
import { fairnessChart, fairnessSvg, type FairnessChartInput } from '../../src/charts/fairness.ts';
import { metricsChart, metricsData, metricsSvg, type MetricsChartInput } from '../../src/charts/metrics.ts';
import { primaryChart, primaryData, primarySvg, type PrimaryChartInput } from '../../src/charts/primary.ts';
import { chartStats, esc, nice, ticks, tickFormat, truncate, utcLabel, utcTicks } from '../../src/charts/svg.ts';
import { versionsChart, versionsSvg, type VersionsChartInput } from '../../src/charts/versions.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { modelView, type ModelView } from '../../src/view/model.ts';
import { allChartViews, drawn, type ChartView } from '../../src/view/charts.ts';
import { staticBars, staticLabels, staticLines, staticTickCounts, svgSize, vegaBars, vegaLabels, vegaLines, vertices, xmlProblem } from './chart-read.ts';
import { renderSvg } from './chart-vega.ts';

const DAY = 86_400_000;
const days = (n: number, from = Date.UTC(2026, 0, 1), step = DAY) => Array.from({ length: n }, (_, i) => new Date(from + i * step).toISOString());
const wave = (n: number, base: number, amp: number) => Array.from({ length: n }, (_, i) => base + Math.sin(i / 5) * amp + (i % 7) * amp * 0.1);

const primary: PrimaryChartInput = {
  label: 'ROC AUC',
  direction: 'higher_is_better',
  series: { t: days(400), value: wave(400, 0.85, 0.02).map((v, i) => (i > 350 ? v - 0.06 : v)) },
  expected: 0.85,
  amberAt: 0.8075,
  redAt: 0.765,
  detections: [{ date: '2027-01-20', detector: 'adwin' }, { date: '2026-06-01', detector: 'page-hinkley' }],
  markers: [{ date: '2026-03-01', kind: 'retrain', label: 'trained v2' }, { date: '2026-03-05T00:00:00Z', kind: 'deploy', label: 'deployed v2' }, { date: '2027-01-30', kind: 'deploy', label: 'deployed v3' }],
  asOf: '2027-02-04',
};

const hostile = `<script>alert("x")</script> & 'q' ]]> \u0000\uD800`;

const metrics: MetricsChartInput = {
  panels: [
    { metric: 'latency_p95_ms', series: { t: days(300), value: wave(300, 1200, 300) } },
    { metric: 'accuracy', series: { t: days(20), value: wave(20, 0.8, 0.01) } },
    { metric: 'bias', series: { t: days(90), value: wave(90, -1.2, 0.6) } },
  ],
};

const distribution: DistributionChartInput = { feature: 'income', bins: { labels: ['<10k', '10k-20k', '20k+'], reference: [0.2, 0.5, 0.3], current: [0.1, 0.4, 0.5] }, verdict: 'drifted (p-value 0.001)' };
const manyBins: DistributionChartInput = {
  feature: 'temp',
  bins: { labels: Array.from({ length: 20 }, (_, i) => `[${(i * 3.21987).toFixed(5)}, ${((i + 1) * 3.21987).toFixed(5)})`), reference: Array.from({ length: 20 }, (_, i) => Math.exp(-((i - 8) ** 2) / 20) / 8), current: Array.from({ length: 20 }, (_, i) => Math.exp(-((i - 11) ** 2) / 10) / 6) },
  verdict: 'drifted',
};
const versions: VersionsChartInput = { label: 'RMSE', versions: [{ version: 'v1', evaluation: 2.7, production: 3.05 }, { version: 'v2', evaluation: 3.6, production: null }, { version: 'v3', evaluation: null, production: 2.9 }] };
const fairness: FairnessChartInput = {
  label: 'ROC AUC',
  overall: 0.702,
  limit: 0.667,
  minSelectionRatio: 0.8,
  slices: [
    { slice: 'sex=female', metric: 0.64, selectionRatio: 0.65, over: true, ratioUnder: true },
    { slice: 'sex=male', metric: 0.75, selectionRatio: 1, over: false, ratioUnder: false },
    { slice: 'age-band=50-plus', metric: 0.71, selectionRatio: 0.98, over: false, ratioUnder: false },
  ],
};
const comparison: ComparisonChartInput = {
  label: 'ROC AUC',
  confidence: 0.95,
  rows: [
    { pair: 'v3 vs v2', improvement: 0.084, lo: 0.075, hi: 0.093, recommendation: 'promote' },
    { pair: 'v4 vs v2', improvement: -0.012, lo: -0.03, hi: 0.004, recommendation: 'keep champion' },
  ],
};

/** Every chart kind: the spec, the static SVG, and what its axes are. */
const kinds: { name: string; spec: () => Parameters<typeof renderSvg>[0]; svg: () => string; quantitative: 'x' | 'y'; time?: boolean }[] = [
  { name: 'primary metric, 400 days', spec: () => primaryChart(primary), svg: () => primarySvg(primary), quantitative: 'y', time: true },
  { name: 'primary metric, lower is better, 30 points, no expected value', spec: () => primaryChart(p30), svg: () => primarySvg(p30), quantitative: 'y', time: true },
  { name: 'primary metric, hourly for three days', spec: () => primaryChart(hourly), svg: () => primarySvg(hourly), quantitative: 'y', time: true },
  { name: 'other metrics', spec: () => metricsChart(metrics), svg: () => metricsSvg(metrics), quantitative: 'y', time: true },
  { name: 'distribution, 3 bins', spec: () => distributionChart(distribution), svg: () => distributionSvg(distribution), quantitative: 'y' },
  { name: 'distribution, 20 slanted bins', spec: () => distributionChart(manyBins), svg: () => distributionSvg(manyBins), quantitative: 'y' },
  { name: 'versions', spec: () => versionsChart(versions), svg: () => versionsSvg(versions), quantitative: 'y' },
  { name: 'fairness', spec: () => fairnessChart(fairness), svg: () => fairnessSvg(fairness), quantitative: 'x' },
  { name: 'champion vs challenger', spec: () => comparisonChart(comparison), svg: () => comparisonSvg(comparison), quantitative: 'x' },
];
const p30: PrimaryChartInput = { ...primary, direction: 'lower_is_better', series: { t: days(30), value: wave(30, 3.1, 0.4) }, expected: null, amberAt: 3.2, redAt: 3.4, detections: [], markers: [], asOf: '2026-01-30' };
const hourly: PrimaryChartInput = { ...primary, series: { t: days(60, Date.UTC(2026, 9, 29), 3_600_000), value: wave(60, 12, 3) }, expected: 12, amberAt: null, redAt: null, detections: [], markers: [], asOf: '2026-10-31' };

/** Is `sub` a subsequence of `all`? */
const subsequence = (sub: string[], all: string[]) => {
  let k = 0;
  for (const s of all) if (k < sub.length && s === sub[k]) k++;
  return k === sub.length;
};

describe('static chart SVG against Vega rendering the same spec', () => {
  for (const kind of kinds) {
    describe(kind.name, () => {
      it('has the tick labels Vega writes on its quantitative axes', async () => {
        const svg = kind.svg();
        const vega = (await renderSvg(kind.spec())).svg;
        const q = kind.quantitative;
        const mine = staticLabels(svg, q);
        const theirs = vegaLabels(vega, q);
        expect(mine.length).toBe(theirs.length);
        expect(staticTickCounts(svg, q)).toEqual(theirs.map((t) => t.length));
        // Vega hides labels it estimates to overlap with text 0.8 em a character wide; the static
        // SVG measures text closer to real fonts, so it may show more of the same labels.
        mine.forEach((labels, i) => expect(subsequence(labels, theirs[i].map((t) => t.text)), `${labels} within ${theirs[i].map((t) => t.text)}`).toBe(true));
        if (q === 'y') expect(mine).toEqual(theirs.map((a) => a.filter((t) => t.shown).map((t) => t.text)));
      });

      if (kind.time) {
        it('puts its time ticks where Vega does, with the same labels', async () => {
          const svg = kind.svg();
          const vega = (await renderSvg(kind.spec())).svg;
          const theirs = vegaLabels(vega, 'x');
          expect(staticTickCounts(svg, 'x')).toEqual(theirs.map((t) => t.length));
          staticLabels(svg, 'x').forEach((labels, i) => {
            expect(labels.length).toBeGreaterThan(1);
            expect(subsequence(labels, theirs[i].map((t) => t.text))).toBe(true);
          });
        });
      }
    });
  }

  it('draws the primary line through the same vertices as Vega (LTTB-downsampled to 300)', async () => {
    const mine = vertices(staticLines(primarySvg(primary))[0]);
    const theirs = vertices(vegaLines((await renderSvg(primaryChart(primary))).svg)[0]);
    expect(mine).toHaveLength(300);
    expect(theirs).toHaveLength(300);
    // Vega's coordinates were cut to one decimal, the static ones rounded to one.
    mine.forEach(([x, y], i) => {
      expect(Math.abs(x - theirs[i][0])).toBeLessThan(0.21);
      expect(Math.abs(y - theirs[i][1])).toBeLessThan(0.21);
    });
  });

  it('draws each metric panel with as many vertices as its downsampled series, where Vega does', async () => {
    const mine = staticLines(metricsSvg(metrics)).map(vertices);
    const theirs = vegaLines((await renderSvg(metricsChart(metrics))).svg).map(vertices);
    expect(mine.map((v) => v.length)).toEqual(metricsData(metrics).map((p) => p.t.length));
    expect(mine.map((v) => v.length)).toEqual([150, 20, 90]);
    mine.forEach((line, p) => line.forEach(([x, y], i) => {
      expect(Math.abs(x - theirs[p][i][0])).toBeLessThan(0.21);
      expect(Math.abs(y - theirs[p][i][1])).toBeLessThan(0.21);
    }));
  });

  it('draws the distribution bars where Vega does', async () => {
    for (const input of [distribution, manyBins]) {
      const mine = staticBars(distributionSvg(input));
      const theirs = vegaBars((await renderSvg(distributionChart(input))).svg);
      expect(mine).toHaveLength(input.bins.labels.length * 2);
      expect(theirs).toHaveLength(mine.length);
      // Same bars, same order (reference then current in each bin).
      mine.forEach((bar, i) => bar.forEach((v, k) => expect(Math.abs(v - theirs[i][k]), `bar ${i} ${['x', 'y', 'w', 'h'][k]}`).toBeLessThan(0.25)));
    }
  });

  it('draws the fairness bars where Vega does', async () => {
    const mine = staticBars(fairnessSvg(fairness));
    const theirs = vegaBars((await renderSvg(fairnessChart(fairness))).svg);
    // The first panel's bars (the static SVG groups each panel's bars).
    expect(mine).toHaveLength(3);
    mine.forEach((bar, i) => bar.forEach((v, k) => expect(Math.abs(v - theirs[i][k])).toBeLessThan(0.25)));
  });
});

describe('the drawing kit computes what d3 and Vega compute', () => {
  const domains: [number, number][] = [[0.7574, 0.8676], [2.07, 4.239], [-2.2, -0.31], [0, 1], [0, 0.3], [1150, 1530], [-0.03, 0.093], [3e-5, 9e-5], [12, 12.000004], [-5, 5e6]];
  it('ticks, nice domains and tick labels equal d3-scale as Vega uses it', () => {
    for (const [lo, hi] of domains) {
      for (const count of [3, 4, 6, 11, 16]) {
        const d3 = scale('linear')().domain([lo, hi]);
        expect(ticks(lo, hi, count), `${lo}..${hi} /${count}`).toEqual(d3.ticks(count));
        const f = tickFormat(lo, hi, count);
        const g = d3.tickFormat(count);
        expect(ticks(lo, hi, count).map(f)).toEqual(d3.ticks(count).map(g));
        const pct = tickFormat(lo, hi, count, '.0%');
        expect(ticks(lo, hi, count).map(pct)).toEqual(d3.ticks(count).map(d3.tickFormat(count, '.0%')));
      }
      expect(nice(lo, hi, 10)).toEqual(scale('linear')().domain([lo, hi]).nice(10).domain());
    }
  });

  it('UTC time ticks equal d3-scale utc ticks for spans from minutes to decades', () => {
    const start = Date.UTC(2026, 4, 17, 13, 7, 11);
    for (const span of [90_000, 3_600_000, 86_400_000, 3 * DAY, 20 * DAY, 153 * DAY, 400 * DAY, 4 * 365 * DAY, 30 * 365 * DAY]) {
      for (const count of [4, 7, 16]) {
        const d3 = scale('utc')().domain([new Date(start), new Date(start + span)]).ticks(count).map(Number);
        expect(utcTicks(start, start + span, count), `span ${span} /${count}`).toEqual(d3);
      }
    }
  });

  it('labels time ticks as TIME_AXIS asks: the year on 1 January, month and day, hours', () => {
    expect(utcLabel(Date.UTC(2027, 0, 1))).toBe('2027');
    expect(utcLabel(Date.UTC(2026, 5, 7))).toBe('Jun 07');
    expect(utcLabel(Date.UTC(2026, 5, 7, 18))).toBe('18:00');
    expect(utcLabel(Date.UTC(2026, 5, 7, 18, 30, 15))).toBe('18:30:15');
  });

  it('escapes text for XML and drops characters XML cannot hold', () => {
    expect(esc(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(esc('a\u0000b\uD800c\uD83D\uDE00')).toBe('a\uFFFDb\uFFFDc\uD83D\uDE00');
  });

  it('truncates long labels with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('short', 180)).toBe('short');
    const t = truncate('a-very-long-slice-name=with-a-value-nobody-can-read', 90);
    expect(t.endsWith('…')).toBe(true);
    expect(t.length).toBeLessThan(20);
    expect(truncate('😀'.repeat(40), 50)).toMatch(/^(😀)+…$/u);
  });
});

/** Pixel positions in a static SVG, for the behaviour tests. */
const attrs = (el: string) => Object.fromEntries([...el.matchAll(/ ([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const elements = (svg: string, tag: string, cls: string) => [...svg.matchAll(new RegExp(`<${tag} class="${cls}"[^>]*>`, 'g'))].map((m) => attrs(m[0]));

describe('what a reader sees in the static SVG', () => {
  it('puts a value that equals a band edge on that edge', () => {
    const input: PrimaryChartInput = { ...primary, series: { t: days(10), value: [0.85, 0.84, 0.8075, 0.83, 0.765, 0.8, 0.86, 0.82, 0.81, 0.85] }, detections: [], markers: [], asOf: '2026-01-10' };
    const svg = primarySvg(input);
    const red = elements(svg, 'rect', 'band-red')[0];
    const amber = elements(svg, 'rect', 'band-amber')[0];
    const v = vertices(staticLines(svg)[0]);
    // red_at: the top of the red band and the bottom of the amber band; amber_at: the amber band's top.
    expect(v[4][1]).toBeCloseTo(Number(red.y), 1);
    expect(Number(amber.y) + Number(amber.height)).toBeCloseTo(Number(red.y), 1);
    expect(v[2][1]).toBeCloseTo(Number(amber.y), 1);
    // The expected value's dashed rule sits where a point of the same value does.
    expect(Number(elements(svg, 'line', 'expected')[0].y1)).toBeCloseTo(v[0][1], 1);
    // Few points: each value is marked.
    expect(svg.match(/<circle /g)).toHaveLength(10);
  });

  it('keeps detections and markers inside the plot, markers labelled, and lower-is-better bands above', () => {
    const svg = primarySvg(primary);
    const xs = [...elements(svg, 'line', 'detection'), ...elements(svg, 'line', 'marker')].map((l) => Number(l.x1));
    expect(xs).toHaveLength(primaryData(primary).detections.length + primaryData(primary).markers.length);
    for (const x of xs) expect(x >= 0 && x <= 640).toBe(true);
    expect(svg.match(/class="marker-label"/g)).toHaveLength(3);
    // A label near the right edge runs leftwards.
    expect(svg).toMatch(/text-anchor="end">deployed v3<\/text>/);
    const lower = primarySvg({ ...primary, direction: 'lower_is_better', amberAt: 0.86, redAt: 0.87 });
    expect(Number(elements(lower, 'rect', 'band-red')[0].y)).toBe(0);
  });

  it('escapes hostile text from user files in every chart kind, and every SVG parses as XML', () => {
    const svgs = [
      primarySvg({ ...primary, label: hostile, markers: [{ date: '2026-03-01', kind: 'retrain', label: `trained ${hostile}` }] }),
      metricsSvg({ panels: [{ metric: hostile, series: metrics.panels[1].series }] }),
      distributionSvg({ ...distribution, feature: hostile, bins: { ...distribution.bins, labels: [hostile, '"&"', "'"] } }),
      versionsSvg({ label: hostile, versions: [{ version: hostile, evaluation: 0.8, production: 0.7 }, { version: '&amp;', evaluation: 0.9, production: null }] }),
      fairnessSvg({ ...fairness, label: hostile, slices: [{ slice: hostile, metric: 0.5, selectionRatio: 0.5, over: true, ratioUnder: true }] }),
      comparisonSvg({ ...comparison, label: hostile, rows: [{ ...comparison.rows[0], pair: hostile }] }),
    ];
    for (const svg of svgs) {
      expect(xmlProblem(svg)).toBeNull();
      expect(svg).not.toContain('<script');
      expect(svg).toContain('&lt;script&gt;');
    }
    expect(svgs[3]).toContain('&amp;amp;');
  });

  it('finds the problems the XML check is there for', () => {
    expect(xmlProblem('<svg><text>a < b</text></svg>')).not.toBeNull();
    expect(xmlProblem('<svg><text>a & b</text></svg>')).not.toBeNull();
    expect(xmlProblem('<svg><g></svg>')).not.toBeNull();
    expect(xmlProblem('<svg a="1" a="2"/>')).not.toBeNull();
    expect(xmlProblem('<svg a="x"y="2"/>')).not.toBeNull();
    expect(xmlProblem('<svg><text>\u0001</text></svg>')).not.toBeNull();
    expect(xmlProblem('<svg><text a="&quot;&#39;">&lt;&amp;</text></svg>')).toBeNull();
  });

  const degenerate: [string, () => string][] = [
    ['primary: one point', () => primarySvg({ ...primary, series: { t: days(1), value: [0.8] }, detections: [], markers: [] })],
    ['primary: all values equal, no thresholds', () => primarySvg({ ...primary, series: { t: days(50), value: Array(50).fill(0.8) }, expected: null, amberAt: null, redAt: null })],
    ['primary: all zero', () => primarySvg({ ...primary, series: { t: days(50), value: Array(50).fill(0) }, expected: 0, amberAt: 0, redAt: 0 })],
    ['primary: NaN and infinite values in the series', () => primarySvg({ ...primary, series: { t: days(6), value: [0.8, Number.NaN, 0.82, Infinity, -Infinity, 0.81] } })],
    ['primary: empty series', () => primarySvg({ ...primary, series: { t: [], value: [] }, detections: [], markers: [] })],
    ['primary: as-of before the series', () => primarySvg({ ...primary, asOf: '2025-01-01' })],
    ['metrics: no panels', () => metricsSvg({ panels: [] })],
    ['metrics: two points at the same time, same value', () => metricsSvg({ panels: [{ metric: 'x', series: { t: [days(1)[0], days(1)[0]], value: [5, 5] } }] })],
    ['metrics: a panel of zeros, a panel of NaN', () => metricsSvg({ panels: [{ metric: 'z', series: { t: days(5), value: [0, 0, 0, 0, 0] } }, { metric: 'n', series: { t: days(3), value: [Number.NaN, Number.NaN, Number.NaN] } }] })],
    ['distribution: no bins', () => distributionSvg({ ...distribution, bins: { labels: [], reference: [], current: [] } })],
    ['distribution: all shares zero, missing current', () => distributionSvg({ ...distribution, bins: { labels: ['a', 'b'], reference: [0, 0], current: [] } })],
    ['versions: one version, nothing measured', () => versionsSvg({ label: 'AUC', versions: [{ version: 'v1', evaluation: null, production: null }] })],
    ['versions: equal values', () => versionsSvg({ label: 'AUC', versions: [{ version: 'v1', evaluation: 0.8, production: 0.8 }, { version: 'v2', evaluation: 0.8, production: 0.8 }] })],
    ['fairness: null metrics and ratios', () => fairnessSvg({ ...fairness, overall: null, limit: null, slices: fairness.slices.map((s) => ({ ...s, metric: null, selectionRatio: null })) })],
    ['fairness: ratios only', () => fairnessSvg({ ...fairness, slices: fairness.slices.map((s) => ({ ...s, metric: null })) })],
    ['comparison: zero everywhere', () => comparisonSvg({ ...comparison, rows: [{ pair: 'v2 vs v1', improvement: 0, lo: 0, hi: 0, recommendation: 'keep' }] })],
    ['comparison: no rows', () => comparisonSvg({ ...comparison, rows: [] })],
  ];
  for (const [name, draw] of degenerate) {
    it(`draws something sensible without NaN: ${name}`, () => {
      const svg = draw();
      expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);
      expect(xmlProblem(svg)).toBeNull();
      const { width, height, viewBox } = svgSize(svg);
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(0);
      expect(viewBox).toEqual([0, 0, width, height]);
    });
  }

  it('draws a flat series as a flat line in the middle, one point as a dot', () => {
    const flat = vertices(staticLines(metricsSvg({ panels: [{ metric: 'x', series: { t: days(5), value: [5, 5, 5, 5, 5] } }] }))[0]);
    expect(new Set(flat.map((v) => v[1]))).toEqual(new Set([55]));
    // Its one tick is labelled with the value (d3 would round 0.8 to "1" with no tick step to go by).
    expect(staticLabels(metricsSvg({ panels: [{ metric: 'x', series: { t: days(5), value: [0.8, 0.8, 0.8, 0.8, 0.8] } }] }), 'y')).toEqual([['0.8']]);
    expect(staticLabels(metricsSvg({ panels: [{ metric: 'x', series: { t: days(2), value: [-1234, -1234] } }] }), 'y')).toEqual([['\u22121,234']]);
    const one = primarySvg({ ...primary, series: { t: days(1), value: [0.8] }, detections: [], markers: [] });
    expect(one.match(/<circle /g)).toHaveLength(1);
  });
});

describe('the demo registry', () => {
  const snap = computeSnapshot('registry');
  const views: ModelView[] = snap.models.map((m) => modelView(snap, m, '/'));
  // With their specs (the pages' views carry the drawn charts only).
  const charts: ChartView[] = snap.models.flatMap((m) => allChartViews(m, snap.as_of.date));

  it("shows on the model pages exactly the charts the interactive view upgrades", () => {
    const shown = views.flatMap((v) => [v.charts.primary, v.charts.metrics, ...v.charts.features, v.charts.prediction, v.charts.versions, v.charts.fairness, v.charts.comparison].filter((c) => c !== null));
    expect(shown).toEqual(charts.map((c) => drawn(c)));
  });

  it('has every kind of chart, each a well-formed SVG that scales (viewBox) with no NaN', () => {
    expect(new Set(charts.map((c) => c.id.replace(/-\d+$/, '')))).toEqual(new Set(['chart-primary', 'chart-metrics', 'chart-feature', 'chart-prediction', 'chart-versions', 'chart-fairness', 'chart-comparison']));
    for (const c of charts) {
      expect(xmlProblem(c.svg), c.id).toBeNull();
      expect(c.svg).not.toMatch(/NaN|Infinity|undefined/);
      const { width, height, viewBox } = svgSize(c.svg);
      expect(viewBox).toEqual([0, 0, width, height]);
      expect(width).toBeLessThan(900);
    }
  });

  it('draws each chart once per model view, and counts it for the build report', () => {
    // What the build does per chart: the view prepares the data the spec and the SVG share, and
    // the SVG is drawn (and counted and timed, for the build report) from it. How fast is
    // `npm run bench`'s business, not a unit test's.
    const stats = chartStats;
    const drawn = Array.from({ length: 2 }, () => {
      const before = stats();
      for (const m of snap.models) modelView(snap, m, '/');
      return stats().charts - before.charts;
    });
    expect(drawn).toEqual([charts.length, charts.length]);
  });
});
