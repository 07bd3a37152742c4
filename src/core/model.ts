/** Evaluate one model at the evaluation time: every check, its health and reasons, and the series to chart. */
import type { Config } from '../schema/config.ts';
import { isoToMs, UNASSIGNED_TEAM } from '../schema/common.ts';
import { expectedValue, type Baseline } from './baseline.ts';
import { dataDrift } from './checks/data-drift.ts';
import { fairnessJudge } from './checks/fairness.ts';
import type { Judge } from './checks/judge.ts';
import { dataQualityJudge, softwareJudge } from './checks/limits.ts';
import { changeJudge, changeNotJudgedNote, detectorRuns } from './checks/performance-drift.ts';
import { primaryJudge, primaryStatus } from './checks/primary.ts';
import { freshnessJudge, lastDataMs } from './checks/staleness.ts';
import { compareChallenger } from './comparison.ts';
import { makeContext, type ModelContext } from './context.ts';
import { combine, isAlarm, worst } from './health.ts';
import { walkDays } from './history.ts';
import { modelIncidents } from './incidents.ts';
import { countUpTo, meanRange } from './select.ts';
import { dayOf, daysBefore, type AsOf } from './time.ts';
import type { Check, Comparison, Health, MetricPanel, ModelSnapshot, Series, VersionInfo } from './types.ts';
import type { Diagnostic, ModelData } from './input.ts';

const SPARK_POINTS = 30;
const CHART_DAYS = 365;

/**
 * ISO strings of timestamps, shared across models: a fleet's series mostly fall on the same
 * days, and `toISOString` was the engine's largest single cost (1.8 M calls for 1,000 models).
 */
const isoCache = new Map<number, string>();

function isoOf(ms: number): string {
  let s = isoCache.get(ms);
  if (s === undefined) {
    if (isoCache.size >= 100_000) isoCache.clear();
    s = new Date(ms).toISOString();
    isoCache.set(ms, s);
  }
  return s;
}

function seriesUpTo(s: { t: number[]; value: number[] } | undefined, endMs: number, fromMs = -Infinity): Series {
  if (!s) return { t: [], value: [] };
  const end = countUpTo(s.t, endMs);
  const start = countUpTo(s.t, fromMs);
  const t = new Array<string>(end - start);
  for (let i = start; i < end; i++) t[i - start] = isoOf(s.t[i]);
  return { t, value: s.value.slice(start, end) };
}

/**
 * Why a model with registry errors cannot be judged: how many, and the first one with its file and
 * line (the loader sorts them and leaves out what only follows from a file that failed).
 */
function registryReason(m: ModelData, errors: Diagnostic[]): string {
  const first = errors[0];
  const where = first ? `${first.file}${first.line ? `:${first.line}` : ''}` : `${m.dir}/README.md`;
  return `registry error: ${errors.length} problem${errors.length === 1 ? '' : 's'} in this model's files (first: ${where}${first ? ` ${first.field ? `${first.field}: ` : ''}${first.message}` : ''})`;
}

/**
 * A model whose card could not be read: health unknown, flagged as a registry error, under the
 * name, team and lifecycle the card still gives (ModelData.salvaged), so it stays in its team and
 * its lifecycle's counts.
 */
function brokenModel(m: ModelData, asOf: AsOf): ModelSnapshot {
  const errors = m.diagnostics.filter((d) => d.severity === 'error');
  const reason = registryReason(m, errors);
  const s = m.salvaged ?? {};
  return {
    id: m.id, name: s.name ?? m.id, summary: null, team: s.team ?? UNASSIGNED_TEAM, owners: [], task: 'other', lifecycle: s.lifecycle ?? 'unknown', tags: [], consumers: [], links: {},
    health: 'unknown', registry_error: true, reasons: [reason], notes: [], not_judged: [],
    checks: [{ check: 'registry', status: 'unknown', value: errors.length, threshold: 'no registry errors', reason }],
    champion: null, challengers: [],
    primary: { name: '', label: '', direction: 'higher_is_better', value: null, latest: null, latest_ts: null, expected: null, expected_source: 'model card unreadable', delta: null, delta_pct: null, amber_at: null, red_at: null, thresholds: { mode: 'relative', amber: 0, red: 0 }, window: 0, points_in_window: 0, noise: null },
    last_data: null, last_retrained: null, retrained_days_ago: null, primary_series: { t: [], value: [] }, sparkline: [], other_metrics: [],
    performance_drift: [], data_drift: null, fairness: null, comparisons: [], deployments: [], versions: [],
    history: { days: [{ date: asOf.date, health: 'unknown' }], transitions: [] }, incidents: modelIncidents(m.incidents, asOf), diagnostics: m.diagnostics, card_markdown: m.body,
  };
}

/** The registry check of a model whose files have errors (it is then never green), or null. */
function registryCheck(m: ModelData): Check | null {
  const errors = m.diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) return null;
  return { check: 'registry', status: 'unknown', value: errors.length, threshold: 'no registry errors', reason: registryReason(m, errors) };
}

/** Every check that series alone decide, as judges for the day walk. */
function seriesJudges(ctx: ModelContext, base: Baseline) {
  // The change judge goes first each day: the primary judge reads the change it holds.
  const change = changeJudge(ctx, base.value);
  const primary = primaryJudge(ctx, base, change);
  const fairness = fairnessJudge(ctx, change);
  const judges = [change, primary, freshnessJudge(ctx), fairness, softwareJudge(ctx), dataQualityJudge(ctx)].filter((j): j is Judge => j !== null);
  return { judges, primary, change, fairness };
}

function baselineOf(ctx: ModelContext): Baseline {
  const since = ctx.card.deployments.find((d) => d.role === 'champion')?.since;
  return expectedValue(ctx.card, ctx.champion, ctx.primary, since, ctx.asOf.endMs);
}

/** Staleness raised a level: drift is then judged on old windows (data-drift.ts). */
const isStale = (h: Health | null | undefined) => isAlarm(h ?? null);

export function evaluateModel(m: ModelData, config: Config, asOf: AsOf): ModelSnapshot {
  if (!m.card) return brokenModel(m, asOf);
  const card = m.card;
  const ctx = makeContext(m, card, config, asOf);
  const checks: Check[] = [];
  const registry = registryCheck(m);
  if (registry) checks.push(registry);
  const base = baselineOf(ctx);
  const primary = primaryStatus(ctx, base);
  // Checks that series alone decide are judged day by day: the last day is the current verdict.
  const { judges, primary: primaryJudged, change, fairness } = seriesJudges(ctx, base);
  const walk = walkDays(ctx, judges);
  primary.noise = primaryJudged.noise();
  checks.push(...walk.checks);
  const dd = dataDrift(ctx, isStale(walk.checks.find((c) => c.check === 'staleness')?.status));
  checks.push(...dd.checks);

  const { health, reasons, notes } = combine(checks);
  const notJudged = change && !walk.checks.some((c) => c.check === 'performance_drift')
    ? [{ check: 'performance_drift' as const, reason: changeNotJudgedNote(primary.label || card.primary_metric.name, ctx.primaryEnd) }]
    : [];
  const comparisons = card.deployments.map((d) => compareChallenger(ctx, d)).filter((c): c is Comparison => c !== null);
  const history = walk.history;

  const last = lastDataMs(ctx);
  const retrainedMs = ctx.champion ? isoToMs(ctx.champion.trained_at) : m.versions.length ? isoToMs(m.versions[m.versions.length - 1].trained_at) : null;
  const fromMs = asOf.endMs - CHART_DAYS * 86_400_000;
  const primarySeries = seriesUpTo(ctx.primary, asOf.endMs, fromMs);
  const roles = new Map(card.deployments.map((d) => [d.version, d.role]));

  const versions: VersionInfo[] = m.versions.map((v) => {
    const s = ctx.idx.get(card.primary_metric.name, v.version);
    const end = s ? countUpTo(s.t, asOf.endMs) : 0;
    return {
      version: v.version, trained_at: v.trained_at, author: v.author ?? null, parent: v.parent ?? null,
      code: v.code ?? null, data: v.data, params: v.params, metrics: v.metrics, slices: v.slices, expected: v.expected ?? null,
      retired: v.retired, notes: v.notes ?? null, role: roles.get(v.version) ?? null,
      production_primary: s && end > 0 ? meanRange(s.value, 0, end) : null,
    };
  });

  const otherMetrics: MetricPanel[] = ctx.servingVersion
    ? ctx.idx.metrics(ctx.servingVersion).filter((name) => name !== card.primary_metric.name).map((name) => ({
        metric: name, version: ctx.servingVersion!, series: seriesUpTo(ctx.idx.get(name, ctx.servingVersion!), asOf.endMs, fromMs),
      })).filter((p) => p.series.t.length > 0)
    : [];

  return {
    id: m.id, name: card.name, summary: card.summary ?? null, team: card.team, owners: card.owners, task: card.task,
    lifecycle: card.lifecycle, tags: card.tags, consumers: card.consumers, links: card.links,
    health, registry_error: registry !== null, reasons, notes, checks, not_judged: notJudged,
    champion: ctx.champion?.version ?? null,
    challengers: card.deployments.filter((d) => d.role === 'challenger').map((d) => d.version),
    primary,
    last_data: last !== null ? dayOf(last) : null,
    last_retrained: retrainedMs !== null ? dayOf(retrainedMs) : null,
    retrained_days_ago: retrainedMs !== null ? daysBefore(asOf, retrainedMs) : null,
    primary_series: primarySeries,
    sparkline: primarySeries.value.slice(-SPARK_POINTS),
    other_metrics: otherMetrics,
    performance_drift: detectorRuns(ctx, base.value, change?.events ?? []),
    data_drift: dd.drift,
    fairness: fairness ? fairness.fairness() : null,
    comparisons,
    deployments: card.deployments.map((d) => ({ version: d.version, role: d.role, mode: d.mode, traffic: d.traffic ?? null, environment: d.environment ?? null, since: d.since ?? null })),
    versions,
    history,
    incidents: modelIncidents(m.incidents, asOf),
    diagnostics: m.diagnostics,
    card_markdown: m.body,
  };
}

/**
 * A model's health on each of the last `days` days up to `asOf`, the same as `evaluateModel`
 * gives evaluated on each of those days (one day walk instead of one per day, and the drift
 * checks of each day): for the alarm benchmark, which checks the equality on sampled days.
 * Each day lists the checks that were not green.
 */
export function healthByDay(m: ModelData, config: Config, asOf: AsOf, days: number): { date: string; health: Health; notGreen: string[] }[] {
  if (!m.card) return [{ date: asOf.date, health: 'unknown', notGreen: ['registry'] }];
  const card = m.card;
  const ctx = makeContext(m, card, config, asOf);
  const registry = registryCheck(m);
  const { judges } = seriesJudges(ctx, baselineOf(ctx));
  const staleAt = judges.findIndex((j) => j.check === 'staleness');
  const out: { date: string; health: Health; notGreen: string[] }[] = [];
  walkDays(ctx, judges, days, (dayEnd, statuses) => {
    const date = dayOf(dayEnd);
    const dayCtx = makeContext(m, card, config, { date, endMs: dayEnd, source: 'flag' });
    const dd = dataDrift(dayCtx, staleAt >= 0 && isStale(statuses[staleAt]));
    const all: { check: string; status: Health }[] = [
      ...(registry ? [registry] : []),
      ...judges.flatMap((j, i) => (statuses[i] === null ? [] : [{ check: j.check, status: statuses[i]! }])),
      ...dd.checks,
    ];
    const health = all.length ? worst(all.map((c) => c.status)) : 'unknown';
    out.push({ date, health, notGreen: all.filter((c) => c.status !== 'green').map((c) => `${c.check}:${c.status}`) });
  });
  return out;
}
