/**
 * The snapshot: one plain JSON document that the site, the API and the CLI render. It is the
 * contract between the core and everything that shows numbers; nothing downstream recomputes.
 */
import type { DriftResult } from './drift/types.ts';
import type { Diagnostic } from './input.ts';

export type Health = 'green' | 'amber' | 'red' | 'unknown';

export type CheckName =
  | 'registry'
  | 'primary_metric'
  | 'staleness'
  | 'performance_drift'
  | 'data_drift'
  | 'prediction_drift'
  | 'fairness'
  | 'data_quality'
  | 'software';

/** One check behind a model's health: its verdict, the value it saw, the threshold it used, and why. */
export interface Check {
  check: CheckName;
  status: Health;
  value: number | null;
  /** The threshold actually used, in words or as a number, e.g. "amber >= 5%, red >= 10%". */
  threshold: string | number | null;
  reason: string;
  /** Something a reader should know that does not change the colour (a shortfall past a threshold but within the noise, a new category too rare to matter yet). */
  note?: string;
}

/** A time series ready to chart: ISO dates and values (already computed, never recomputed by a chart). */
export interface Series {
  t: string[];
  value: number[];
}

export interface PrimaryStatus {
  name: string;
  label: string;
  direction: 'higher_is_better' | 'lower_is_better';
  /** Rolling mean of the latest values (what health is judged on). */
  value: number | null;
  latest: number | null;
  latest_ts: string | null;
  expected: number | null;
  expected_source: string;
  /** value - expected, in metric units. */
  delta: number | null;
  /** (value - expected) / |expected|, a fraction despite the name (-0.021 is 2.1% below expected; kept for API compatibility). The primary_metric check's value is the shortfall, the same size with the sign of "worse". */
  delta_pct: number | null;
  /** Metric values at which health turns amber and red (for chart bands). */
  amber_at: number | null;
  red_at: number | null;
  thresholds: { mode: 'relative' | 'absolute'; amber: number; red: number };
  window: number;
  points_in_window: number;
  /** The noise of `value` the check allowed for: half-width of its one-sided 95% bounds, in the thresholds' units (a fraction when relative); null when not judged. */
  noise: number | null;
}

export interface DetectorRun {
  detector: string;
  /** Whether this detector's detections decide health (the change test) or are shown for reference (ADWIN, Page-Hinkley, the rolling-mean tracker). */
  decides_health: boolean;
  params: Record<string, number | string | boolean>;
  detections: string[];
  warnings: string[];
}

export interface FeatureDrift extends DriftResult {
  feature: string;
  role: 'input' | 'prediction';
}

export interface DataDrift {
  window: { from: string; to: string };
  features: FeatureDrift[];
  drifted: number;
  total: number;
  share: number | null;
  share_threshold: number;
  dataset_drift: boolean | null;
  prediction: FeatureDrift | null;
}

export interface SliceStat {
  slice_key: string;
  slice_value: string;
  metric: number | null;
  /** Relative shortfall vs overall (direction-aware); positive = worse than overall. */
  gap: number | null;
  selection_rate: number | null;
  selection_ratio: number | null;
  points: number;
  /** The fairness check's verdict on this slice's gap and on its selection ratio (null: not judged), from the same rule as the check. */
  gap_status: Health | null;
  ratio_status: Health | null;
  /** Half-widths of the one-sided confidence bounds the verdicts used (the noise), in the gap's and the ratio's units. */
  gap_noise: number | null;
  ratio_noise: number | null;
}

export interface Fairness {
  slices: SliceStat[];
  overall: number | null;
  max_gap: number;
  min_selection_ratio: number;
  /** The metric value at which a slice is `max_gap` worse than overall (direction-aware), for the chart's limit line; null without an overall value. */
  gap_limit_at: number | null;
}

export interface Comparison {
  champion: string;
  challenger: string;
  mode: string;
  traffic: number | null;
  metric: string;
  window: { from: string; to: string } | null;
  paired_points: number;
  /**
   * How many independent days the paired days are worth (they move together when the metric is
   * computed over a rolling window): n (1 - r) / (1 + r), r the lag-1 autocorrelation of the
   * champion's recent days about their trend.
   */
  effective_n: number | null;
  champion_mean: number | null;
  challenger_mean: number | null;
  /** Mean paired improvement of the challenger (positive = better, direction-aware). */
  improvement: number | null;
  /** One-sided lower and upper confidence bounds of the improvement, each at `confidence` (together a two-sided interval at 2 × confidence − 1): promote when the lower one is above zero. */
  ci: [number, number] | null;
  confidence: number;
  recommendation: 'promote' | 'keep' | 'not_enough_data';
  evidence: string;
}

export interface VersionInfo {
  version: string;
  trained_at: string;
  author: string | null;
  parent: string | null;
  code: { repo: string; commit: string; path?: string } | null;
  data: { name: string; uri: string; hash?: string; rows?: number; from?: string; to?: string }[];
  params: Record<string, string | number | boolean | null>;
  metrics: Record<string, number>;
  slices: Record<string, Record<string, number>>;
  expected: Record<string, number> | null;
  retired: boolean;
  notes: string | null;
  role: 'champion' | 'challenger' | null;
  /** Production mean of the primary metric for this version, if it served. */
  production_primary: number | null;
}

export interface Transition {
  model: string;
  date: string;
  from: Health;
  to: Health;
  reason: string;
}

/**
 * An owner's acknowledgement of a model's problem ("we know, we are retraining, until Friday") and
 * its resolution, read from models/<id>/incidents/ as it stood at the evaluation time. It never
 * changes health: it says who is acting on it.
 */
export interface ModelIncident {
  /** The file name without .yaml, e.g. "2026-10-29-1". */
  id: string;
  /** Path relative to the registry root. */
  file: string;
  /** At the evaluation time: an incident resolved after it was still acknowledged then. */
  status: 'acknowledged' | 'resolved';
  /** When it was acknowledged, as written ("2026-10-29" or "2026-10-29T09:12:00Z"). */
  opened: string;
  by: string;
  note: string;
  /** The day by which the owners expect it fixed, or null. */
  until: string | null;
  updated: string | null;
  updated_by: string | null;
  /** The health spog computed when it was acknowledged (a record; null when the file has none). */
  health_at_ack: { as_of: string; status: Health; reasons: string[] } | null;
  resolved: string | null;
  resolution: string | null;
}

/** The incident open at the evaluation time. */
export interface OpenIncident extends ModelIncident {
  status: 'acknowledged';
  /** Its `until` day is over at the evaluation time: the owners' own deadline has passed. */
  expired: boolean;
}

export interface ModelIncidents {
  /** The acknowledged incident open at the evaluation time, or null. Health does not depend on it. */
  open: OpenIncident | null;
  /** Incidents resolved by the evaluation time, newest first. */
  history: ModelIncident[];
}

export interface MetricPanel {
  metric: string;
  version: string;
  series: Series;
}

export interface ModelSnapshot {
  id: string;
  name: string;
  summary: string | null;
  team: string;
  owners: string[];
  task: string;
  lifecycle: string;
  tags: string[];
  consumers: { name: string; contact?: string }[];
  links: Record<string, string>;
  health: Health;
  /** True when the model's registry files have errors; health is then unknown. */
  registry_error: boolean;
  /** Reasons for the health, worst first; empty when green. */
  reasons: string[];
  /** What a reader should know that does not change the colour, from the checks' notes (e.g. "8% worse than expected, within the noise"). */
  notes: string[];
  checks: Check[];
  /** Checks that apply to the model but have never had enough data to run (the change test on a new model): not part of the health, and named so their absence is not read as a pass. */
  not_judged: { check: CheckName; reason: string }[];
  champion: string | null;
  challengers: string[];
  primary: PrimaryStatus;
  last_data: string | null;
  last_retrained: string | null;
  retrained_days_ago: number | null;
  /** Primary metric of the champion over time, overall. */
  primary_series: Series;
  /** Up to 30 latest values for the sparkline. */
  sparkline: number[];
  other_metrics: MetricPanel[];
  performance_drift: DetectorRun[];
  data_drift: DataDrift | null;
  fairness: Fairness | null;
  comparisons: Comparison[];
  deployments: { version: string; role: string; mode: string; traffic: number | null; environment: string | null; since: string | null }[];
  versions: VersionInfo[];
  history: { days: { date: string; health: Health }[]; transitions: Transition[] };
  /** Acknowledged problems: the open one and the resolved ones (never part of health). */
  incidents: ModelIncidents;
  diagnostics: Diagnostic[];
  card_markdown: string;
}

export interface HealthCounts {
  green: number;
  amber: number;
  red: number;
  unknown: number;
}

/**
 * The production models by health on one day (core/fleet-history.ts). The five counts add up to
 * the production total: `no_data` counts the models with no history that day (their data starts later).
 */
export interface FleetDay extends HealthCounts {
  /** The day (YYYY-MM-DD). */
  date: string;
  no_data: number;
}

/**
 * The fleet counted the one way every output states it (core/counts.ts): production by health
 * (the headline), every other lifecycle apart.
 */
export interface FleetCounts {
  total: number;
  /** The models in production, by health: the tiles, the `spog status` footer, the API's headline. */
  production: { total: number; by_health: HealthCounts };
  /** Every other lifecycle (staging, retraining, development, retired, ...): by health, and how many each lifecycle has, most first. */
  other: { total: number; by_health: HealthCounts; by_lifecycle: Record<string, number> };
}

/** The day a model's current health began, from its day history (core/history.ts healthSince). */
export interface HealthSince {
  /** The first day of the current run of this health (YYYY-MM-DD). */
  date: string;
  /** Days from that day to the evaluation day (0: it began today). */
  days: number;
  /** The run fills the whole kept history: it began on `date` or earlier. */
  earlier: boolean;
}

/** A model that needs attention, as the overview, the team pages and /api/alerts.json list it. */
export interface AttentionItem {
  id: string;
  name: string;
  team: string;
  lifecycle: string;
  health: Health;
  /** The top reason (the worst check's). */
  reason: string;
  /** How many other reasons (other checks that are not green) the model has. */
  more: number;
  /** Since when it has had this health, or null when the day history cannot tell (a health set by today's drift or a registry error). */
  since: HealthSince | null;
  /** Since when it has not been green, when that began before `since` (amber for weeks, red since today); else null. */
  not_green_since: HealthSince | null;
  /** When `since` is null: the check that set the health (data_drift, prediction_drift, registry), which the day history does not replay. */
  undated_by: CheckName | null;
}

export interface Fleet {
  total: number;
  /** Every lifecycle together (a fact for pipelines; the headline is `counts.production`). */
  by_health: HealthCounts;
  by_lifecycle: Record<string, number>;
  /** The one count every output shows: production by health, other lifecycles apart. */
  counts: FleetCounts;
  by_team: Record<string, HealthCounts & { total: number }>;
  /** Every model that is not green and not retired (core/snapshot.ts needsAttention): red, then amber, then unknown; each with its top reason. */
  attention: AttentionItem[];
  registry_errors: number;
  /** Today's production models by health on each of the last 90 days, oldest first; the last day equals `counts.production.by_health` (core/fleet-history.ts). */
  history: FleetDay[];
}

/**
 * What the pages about the whole fleet (overview, teams, alerts, feed, /api/models.json) read of
 * a model: everything but its chart series and drift tables, ~10% of its size. `spog build`
 * keeps only this of each model once the model's own pages have it, so that 1,000 models'
 * series are not all held at once.
 */
export type FleetModel = Omit<ModelSnapshot, 'other_metrics' | 'primary_series' | 'data_drift'>;

/** A snapshot whose models may be FleetModels (a full Snapshot is one). */
export type FleetSnapshot = Omit<Snapshot, 'models'> & { models: FleetModel[] };

export interface Snapshot {
  spog: { version: string };
  title: string;
  description: string | null;
  as_of: { date: string; source: string };
  teams: { id: string; name: string; contact: string | null; description: string | null }[];
  fleet: Fleet;
  models: ModelSnapshot[];
  /** All status transitions, newest first. */
  transitions: Transition[];
  registry: { errors: number; warnings: number; models: number; versions: number; metric_points: number };
}
