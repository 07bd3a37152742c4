/**
 * The model page: health with every check behind it, the primary metric and its charts, drift,
 * fairness, champion vs challenger, deployments, versions, status history, the model card and
 * registry diagnostics. Everything shown is read from the snapshot; nothing is recomputed.
 */
import type { AuditTrails } from '../core/audit.ts';
import type { Health, ModelSnapshot, Snapshot } from '../core/types.ts';
import { movesTogether } from '../core/comparison.ts';
import { pValueComparison } from '../core/drift/index.ts';
import { MIN_PSI } from '../core/drift/health.ts';
import { renderMarkdown } from './markdown.ts';
import { modelCharts, ratioUnder, sliceOver, type ModelCharts } from './charts.ts';
import { asOfView, deltaDirection, teamRef, type AsOfView, type TeamRef } from './common.ts';
import { ago, CHECK_LABEL, checkValue, date, gapWords, HEALTH_LABEL, href, modelHealthLabel, n, NOT_JUDGED_LABEL, num, pct, plural, signedNum, signedPct } from './format.ts';
import { historyView, type HistoryView } from './history.ts';
import { incidentRows, type IncidentRow } from './incidents.ts';
import { termsIn, type Term } from './glossary.ts';
import { checkRowId, linkedReasons, type LinkedReason } from './reasons.ts';
import { summaryView, type SummaryView } from './summary.ts';

export interface CheckRow {
  check: string;
  /** The row's id, which reasons link to. */
  id: string;
  label: string;
  health: Health;
  healthLabel: string;
  value: string;
  threshold: string;
  reason: string;
}

export interface DriftRow {
  feature: string;
  role: string;
  method: string;
  score: string;
  pValue: string;
  /** Population stability index (the health check's measure of size), or "–". */
  psi: string;
  threshold: string;
  verdict: string;
  drifted: boolean | null;
  reason: string;
  sizes: string;
}

export interface AuditView {
  available: boolean;
  /** What is missing or may be incomplete, in plain words; empty when the history is complete. */
  note: string;
  entries: { date: string; author: string; commit: string; message: string; pr: number | null; areas: string }[];
  /** Entries not shown (the page lists the newest). */
  more: number;
}

export interface ModelView {
  id: string;
  name: string;
  summary: string | null;
  href: string;
  team: TeamRef;
  owners: string[];
  task: string;
  lifecycle: string;
  tags: string[];
  consumers: { name: string; contact: string | null }[];
  links: { name: string; url: string }[];
  health: Health;
  healthLabel: string;
  registryError: boolean;
  /** The card could not be read: only the health, the card's text and the diagnostics are shown. */
  cardUnreadable: boolean;
  reasons: string[];
  /** The reasons, each linked to the section of the page that explains it. */
  reasonLinks: LinkedReason[];
  /** The summary in plain words for the model's users, shown before any table. */
  plain: SummaryView;
  /** The statistical terms each table uses, defined once (view/glossary.ts), for the line under it. */
  glossary: { checks: Term[]; detectors: Term[]; drift: Term[]; fairness: Term[] };
  /** What a reader should know that does not change the colour. */
  notes: string[];
  /** Open and resolved incidents, the open one first. */
  incidents: IncidentRow[];
  checks: CheckRow[];
  asOf: AsOfView;
  primary: {
    label: string;
    name: string;
    direction: string;
    now: string;
    expected: string;
    expectedSource: string;
    delta: string;
    deltaPct: string;
    deltaDir: 'better' | 'worse' | 'level' | null;
    latest: string;
    latestDate: string;
    window: string;
    thresholds: string;
  };
  lastData: string;
  lastRetrained: string;
  retrainedAgo: string;
  champion: string | null;
  challengers: string[];
  charts: ModelCharts;
  /** The change detectors on the primary metric: the one that decides the performance-drift check, and River's, run for reference. */
  detectors: { deciding: DetectorRow[]; reference: DetectorRow[] };
  dataDrift: null | {
    window: string;
    summary: string;
    shareThreshold: string;
    datasetDrift: string;
    rows: DriftRow[];
    hiddenCharts: number;
  };
  prediction: DriftRow | null;
  fairness: null | {
    overall: string;
    limits: string;
    rows: { slice: string; metric: string; gap: string; selectionRate: string; selectionRatio: string; points: number; verdict: string; over: boolean }[];
  };
  comparisons: {
    title: string;
    mode: string;
    recommendation: 'promote' | 'keep' | 'not_enough_data';
    recommendationLabel: string;
    evidence: string;
    window: string;
    /** "30 paired days", with what they are worth when they move together. */
    pairs: string;
    championMean: string;
    challengerMean: string;
    improvement: string;
    ci: string;
  }[];
  deployments: { version: string; role: string; mode: string; traffic: string; environment: string; since: string }[];
  versions: {
    version: string;
    role: string;
    trainedAt: string;
    author: string;
    parent: string;
    code: string;
    codeUrl: string | null;
    data: string[];
    params: string;
    evaluation: string;
    production: string;
    retired: boolean;
    notes: string | null;
  }[];
  versionsHref: string;
  history: HistoryView;
  cardHtml: string;
  diagnostics: { severity: string; where: string; message: string; expected: string | null; example: string | null }[];
  audit: AuditView;
}

const RECOMMENDATION: Record<string, string> = { promote: 'Promote the challenger', keep: 'Keep the champion', not_enough_data: 'Not enough data yet' };

/** Link to a commit when the repository looks like a GitHub/GitLab address. */
export function commitUrl(repo: string, commit: string): string | null {
  const m = /^(?:https?:\/\/)?((?:github\.com|gitlab\.com)\/[\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(repo);
  return m ? `https://${m[1]}/commit/${commit}` : null;
}

export interface DetectorRow {
  detector: string;
  role: string;
  params: string;
  detections: number;
  last: string;
  recent: string[];
}

/** Detector names as the model page shows them. */
const DETECTOR_LABEL: Record<string, string> = { change: 'lasting change for the worse (spog)', adwin: 'ADWIN', 'page-hinkley': 'Page-Hinkley', 'rolling-mean': 'rolling mean vs expected' };

function detectorRow(r: ModelSnapshot['performance_drift'][number]): DetectorRow {
  return {
    detector: DETECTOR_LABEL[r.detector] ?? r.detector,
    role: r.decides_health ? 'decides health' : 'for reference',
    params: Object.entries(r.params).map(([k, v]) => `${k} ${v}`).join(', '),
    detections: r.detections.length,
    last: r.detections.length ? date(r.detections[r.detections.length - 1]) : '–',
    recent: r.detections.slice(-5).map((d) => date(d)),
  };
}

function driftRow(f: NonNullable<ModelSnapshot['data_drift']>['features'][number]): DriftRow {
  // The health check's calibrated test reports its p-value adjusted over the model's features and a PSI.
  const calibrated = f.p_adjusted !== undefined;
  return {
    feature: f.feature,
    role: f.role,
    method: f.method,
    score: f.statistic !== null ? num(f.statistic) : '–',
    pValue: f.p_value !== null ? `${num(f.p_value)}${calibrated && f.p_adjusted !== f.p_value ? ` (adjusted ${num(f.p_adjusted!)})` : ''}` : '–',
    psi: f.psi !== undefined ? num(f.psi) : '–',
    // Each test's own rule: KS drifts at p <= threshold, chi-square and z at p < threshold.
    threshold: calibrated ? `p ≤ ${num(f.threshold)} and PSI ≥ ${MIN_PSI}` : `${f.p_value !== null ? `p ${pValueComparison(f.method) === '<=' ? '≤' : '<'}` : '≥'} ${num(f.threshold)}`,
    verdict: f.drifted === null ? (f.status === 'insufficient_data' ? 'too little data' : 'not tested') : f.drifted ? 'drifted' : 'stable',
    drifted: f.drifted,
    reason: f.reason,
    sizes: `${f.reference_size} / ${f.current_size}`,
  };
}

const AUDIT_ROWS = 25;

/** The model's git history for the page: who changed its files, when, and in which pull request. */
export function auditView(trails: AuditTrails | undefined, id: string): AuditView {
  if (!trails) return { available: false, note: 'The audit trail from git history was not read for this build.', entries: [], more: 0 };
  if (!trails.available) return { available: false, note: `No audit trail: ${trails.reason ?? 'git history is unavailable'}.`, entries: [], more: 0 };
  const all = trails.byModel.get(id) ?? [];
  const note = [trails.shallow ? 'This build ran on a shallow clone, so older changes may be missing.' : '', all.length === 0 ? 'No commits touch this model\'s files yet.' : '']
    .filter(Boolean).join(' ');
  return {
    available: true,
    note,
    entries: all.slice(0, AUDIT_ROWS).map((e) => ({ date: e.date.slice(0, 10), author: e.author, commit: e.short, message: e.subject, pr: e.pr, areas: e.areas.join(', ') })),
    more: Math.max(0, all.length - AUDIT_ROWS),
  };
}

/** The terms each technical table of the model page uses, from the text it shows. */
function glossaryOf(m: ModelSnapshot): ModelView['glossary'] {
  const dd = m.data_drift;
  const driftRows = dd ? [...dd.features, ...(dd.prediction ? [dd.prediction] : [])] : [];
  return {
    checks: termsIn(m.checks.flatMap((c) => [c.reason, String(c.threshold ?? '')])),
    detectors: termsIn(m.performance_drift.map((r) => DETECTOR_LABEL[r.detector] ?? r.detector)),
    drift: termsIn(driftRows.flatMap((f) => [f.method, f.reason, 'p-value PSI', f.p_adjusted !== undefined ? 'adjusted' : ''])),
    fairness: termsIn(m.fairness ? ['Ratio to highest', ...m.fairness.slices.flatMap((s) => (s.gap_noise ? ['±'] : []))] : []),
  };
}

/** `snap`: only its evaluation date and teams are read (a model's page renders before the fleet is done). */
export function modelView(snap: Pick<Snapshot, 'as_of' | 'teams'>, m: ModelSnapshot, base: string, audit?: AuditTrails, charts: ModelCharts = modelCharts(m, snap.as_of.date)): ModelView {
  const p = m.primary;
  const mode = p.thresholds.mode;
  const fmtTh = (x: number) => (mode === 'relative' ? pct(x) : num(x));
  const dd = m.data_drift;
  const driftedWithBins = dd ? dd.features.filter((f) => f.drifted === true && f.bins && f.bins.labels.length > 0).length : 0;
  const team = teamRef(snap, m.team, base);
  return {
    id: m.id,
    name: m.name,
    summary: m.summary,
    href: href(base, `models/${m.id}/`),
    team,
    owners: m.owners,
    task: m.task.replaceAll('_', ' '),
    lifecycle: m.lifecycle,
    tags: m.tags,
    consumers: m.consumers.map((c) => ({ name: c.name, contact: c.contact ?? null })),
    links: Object.entries(m.links)
      .filter(([, url]) => /^https?:\/\//i.test(url))
      .map(([name, url]) => ({ name, url })),
    health: m.health,
    healthLabel: modelHealthLabel(m),
    registryError: m.registry_error,
    // The card could not be read at all (src/core/model.ts brokenModel): nothing was evaluated.
    cardUnreadable: m.registry_error && m.primary.name === '',
    reasons: m.reasons,
    reasonLinks: linkedReasons(m),
    plain: summaryView(m, team.name),
    glossary: glossaryOf(m),
    notes: m.notes,
    incidents: incidentRows(m),
    checks: m.checks.map((c) => ({
      check: c.check,
      id: checkRowId(c.check),
      label: CHECK_LABEL[c.check] ?? c.check,
      health: c.status,
      healthLabel: HEALTH_LABEL[c.status],
      value: checkValue(c.check, c.value, { mode }),
      threshold: c.threshold === null ? '–' : String(c.threshold),
      reason: c.reason,
    })).concat(m.not_judged.map((x) => ({
      // A check that has never had the data to run: listed, greyed, not part of the health.
      check: x.check,
      id: checkRowId(x.check),
      label: CHECK_LABEL[x.check] ?? x.check,
      health: 'unknown' as const,
      healthLabel: NOT_JUDGED_LABEL,
      value: '–',
      threshold: '–',
      reason: x.reason,
    }))),
    asOf: asOfView(snap),
    primary: {
      label: p.label,
      name: p.name,
      direction: p.direction === 'higher_is_better' ? 'higher is better' : 'lower is better',
      now: n(p.value),
      expected: n(p.expected),
      expectedSource: p.expected_source,
      delta: signedNum(p.delta),
      deltaPct: signedPct(p.delta_pct),
      deltaDir: deltaDirection(m),
      latest: n(p.latest),
      latestDate: date(p.latest_ts),
      window: `mean of the last ${plural(p.points_in_window, 'value')} (window ${p.window})`,
      thresholds: `amber at a ${fmtTh(p.thresholds.amber)} shortfall${p.amber_at !== null ? ` (${num(p.amber_at)})` : ''}, red at ${fmtTh(p.thresholds.red)}${p.red_at !== null ? ` (${num(p.red_at)})` : ''}, ${mode}`,
    },
    lastData: date(m.last_data),
    lastRetrained: date(m.last_retrained),
    retrainedAgo: ago(m.retrained_days_ago),
    champion: m.champion,
    challengers: m.challengers,
    charts,
    detectors: {
      deciding: m.performance_drift.filter((r) => r.decides_health).map(detectorRow),
      reference: m.performance_drift.filter((r) => !r.decides_health).map(detectorRow),
    },
    dataDrift: dd
      ? {
          window: `${date(dd.window.from)} to ${date(dd.window.to)}`,
          summary: `${dd.drifted} of ${plural(dd.total, 'input feature')} drifted${dd.share !== null ? ` (${pct(dd.share)})` : ''}`,
          shareThreshold: pct(dd.share_threshold),
          datasetDrift: dd.dataset_drift === null ? 'cannot tell' : dd.dataset_drift ? 'yes' : 'no',
          rows: dd.features.map(driftRow),
          hiddenCharts: Math.max(0, driftedWithBins - charts.features.length),
        }
      : null,
    prediction: dd?.prediction ? driftRow(dd.prediction) : null,
    fairness: m.fairness
      ? {
          overall: n(m.fairness.overall),
          limits: `gap at most ${pct(m.fairness.max_gap)} worse than overall; selection-rate ratio at least ${num(m.fairness.min_selection_ratio)}`,
          rows: m.fairness.slices.map((s) => {
            const over = sliceOver(s);
            const lowRatio = ratioUnder(s);
            return {
              slice: `${s.slice_key}=${s.slice_value}`,
              metric: n(s.metric),
              // A noise that rounds to nothing is not worth a sign.
              gap: `${gapWords(s.gap)}${s.gap_noise && pct(s.gap_noise) !== pct(0) ? ` ±${pct(s.gap_noise)}` : ''}`,
              selectionRate: s.selection_rate === null ? '–' : pct(s.selection_rate),
              selectionRatio: n(s.selection_ratio),
              points: s.points,
              verdict: over && lowRatio ? 'gap and selection ratio over limit' : over ? 'gap over limit' : lowRatio ? 'selection ratio under limit' : 'within limits',
              over: over || lowRatio,
            };
          }),
        }
      : null,
    comparisons: m.comparisons.map((c) => ({
      title: `${c.challenger} (challenger) vs ${c.champion} (champion)`,
      mode: `${c.mode}${c.traffic !== null ? `, ${pct(c.traffic)} of traffic` : ''}`,
      recommendation: c.recommendation,
      recommendationLabel: RECOMMENDATION[c.recommendation] ?? c.recommendation,
      evidence: c.evidence,
      window: c.window ? `${date(c.window.from)} to ${date(c.window.to)}` : '–',
      pairs: `${plural(c.paired_points, 'paired day')}${c.effective_n !== null && movesTogether(c.paired_points, c.effective_n) ? `, worth ~${Math.round(c.effective_n)} independent` : ''}`,
      championMean: n(c.champion_mean),
      challengerMean: n(c.challenger_mean),
      improvement: signedNum(c.improvement),
      ci: c.ci ? `${signedNum(c.ci[0])} and ${signedNum(c.ci[1])} (each bound ${Math.round(c.confidence * 100)}% one-sided; days that move together counted)` : '',
    })),
    deployments: m.deployments.map((d) => ({
      version: d.version,
      role: d.role,
      mode: d.mode,
      traffic: d.traffic === null ? '–' : pct(d.traffic),
      environment: d.environment ?? '–',
      since: date(d.since),
    })),
    versions: [...m.versions].reverse().map((v) => ({
      version: v.version,
      role: v.role ?? (v.retired ? 'retired' : ''),
      trainedAt: date(v.trained_at),
      author: v.author ?? '–',
      parent: v.parent ?? '–',
      code: v.code ? `${v.code.repo}@${v.code.commit.slice(0, 10)}${v.code.path ? ` (${v.code.path})` : ''}` : '–',
      codeUrl: v.code ? commitUrl(v.code.repo, v.code.commit) : null,
      data: v.data.map((d) => `${d.name}: ${d.uri}${d.rows !== undefined ? ` (${d.rows.toLocaleString('en-US')} rows)` : ''}${d.hash ? ` ${d.hash.slice(0, 19)}` : ''}`),
      params: Object.entries(v.params).map(([k, val]) => `${k}=${val}`).join(', ') || '–',
      evaluation: n(v.metrics[p.name]),
      production: n(v.production_primary),
      retired: v.retired,
      notes: v.notes,
    })),
    versionsHref: href(base, `models/${m.id}/versions/`),
    history: historyView(m),
    cardHtml: renderMarkdown(m.card_markdown),
    diagnostics: m.diagnostics.map((d) => ({
      severity: d.severity,
      where: `${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ''}` : ''}${d.field ? ` (${d.field})` : ''}`,
      message: d.message,
      expected: d.expected ?? null,
      example: d.example ?? null,
    })),
    audit: auditView(audit, m.id),
  };
}

/** Total charts a model page renders. */
export function chartCount(v: ModelView): number {
  const c = v.charts;
  return [c.primary, c.metrics, c.prediction, c.versions, c.fairness, c.comparison].filter(Boolean).length + c.features.length;
}
