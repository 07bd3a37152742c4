/**
 * What a change to the registry means for the reviewer of a pull request, check by check (decision
 * 43). Every change of a check's status falls into one class:
 *
 * - `hides`: a check that was amber or red becomes unknown or stops running (evidence was lost: a
 *   promotion to a version without production data, slices or features removed, a limit or the
 *   whole check turned off, the model retired while it was amber or red), or turns a better colour
 *   only because a threshold or limit that decides it was loosened in the same change (the metric
 *   did not recover; the rule moved past it);
 * - `worse`: the check's status got worse;
 * - `loosened`: a threshold, limit or window that decides the check was made more permissive,
 *   and no alarm was quieted by it (a status that improved from unknown, or did not move; a
 *   loosened threshold is never "better");
 * - `better`: the same check, under the same thresholds, improved.
 *
 * A loosening in a model's card with no status change is still reported (class `loosened`): the
 * reviewer approves the rule, not only today's colour. A loosening of spog.yaml's defaults is
 * reported once for the fleet, and classes a model only where a check moved under it. The model's
 * class is the first of hides, worse, loosened, better that any of its checks has.
 */
import { compareHealth, isAlarm } from '../core/health.ts';
import type { CheckName, Health } from '../core/types.ts';
import type { Card } from '../schema/card.ts';
import type { Config } from '../schema/config.ts';

export type ReviewClass = 'hides' | 'worse' | 'loosened' | 'better';

/** The order a reviewer reads them in: what needs their eyes first. */
export const REVIEW_ORDER: ReviewClass[] = ['hides', 'worse', 'loosened', 'better'];

/** How each class is written in the report. */
export const REVIEW_LABEL: Record<ReviewClass, string> = {
  hides: '⛔ hides a problem',
  worse: '🔻 worse',
  loosened: '🔓 loosened',
  better: '✅ better',
};

/** The classes that need the reviewer's eyes (all but better). */
export const NEEDS_REVIEW: ReadonlySet<ReviewClass> = new Set(['hides', 'worse', 'loosened']);

/** A setting that decides a check, made more permissive (or removed). */
export interface Loosening {
  check: CheckName;
  /** Where: the model's card, or spog.yaml's defaults (then for every model that uses them). */
  source: 'card' | 'spog.yaml';
  /** The setting, as written in the card or spog.yaml (`thresholds.amber`, `fairness.slices`). */
  setting: string;
  base: string;
  head: string;
}

/** A limit that decides a check: its effective value on one side (card, else spog.yaml), and which way is more permissive. */
interface Limit {
  check: CheckName;
  setting: string;
  value: (card: Card, config: Config) => number | string[] | string | undefined;
  /** Whether `head` is more permissive than `base`. */
  looser: (base: never, head: never) => boolean;
}

const higher = (b: number | undefined, h: number | undefined) => b !== undefined && (h === undefined || h > b);
const lower = (b: number | undefined, h: number | undefined) => b !== undefined && (h === undefined || h < b);
const fewer = (b: string[] | undefined, h: string[] | undefined) => (b ?? []).some((s) => !(h ?? []).includes(s));
const differs = (b: string | undefined, h: string | undefined) => b !== undefined && b !== h;

const thresholds = (card: Card, config: Config) => card.thresholds ?? config.defaults.thresholds;
const staleness = (card: Card, config: Config) => card.staleness ?? config.defaults.staleness;

/** Every limit the reviewer is told about when it is loosened. */
const LIMITS: Limit[] = [
  ...(['primary_metric', 'performance_drift'] as const).flatMap((check): Limit[] => [
    { check, setting: 'thresholds.amber', value: (c, g) => thresholds(c, g).amber, looser: higher },
    { check, setting: 'thresholds.red', value: (c, g) => thresholds(c, g).red, looser: higher },
    // relative and absolute thresholds cannot be compared: the reviewer must look.
    { check, setting: 'thresholds.mode', value: (c, g) => thresholds(c, g).mode, looser: differs },
  ]),
  { check: 'primary_metric', setting: 'expected.value', value: (c) => (c.expected?.source === 'fixed' ? c.expected.value : undefined), looser: () => false },
  { check: 'primary_metric', setting: 'min_points', value: (_c, g) => g.defaults.min_points, looser: higher },
  { check: 'staleness', setting: 'staleness.amber_days', value: (c, g) => staleness(c, g).amber_days, looser: higher },
  { check: 'staleness', setting: 'staleness.red_days', value: (c, g) => staleness(c, g).red_days, looser: higher },
  { check: 'fairness', setting: 'fairness.slices', value: (c) => c.fairness?.slices, looser: fewer },
  { check: 'fairness', setting: 'fairness.max_gap', value: (c, g) => (c.fairness ? c.fairness.max_gap ?? g.defaults.fairness.max_gap : undefined), looser: higher },
  { check: 'fairness', setting: 'fairness.min_selection_ratio', value: (c, g) => (c.fairness ? c.fairness.min_selection_ratio ?? g.defaults.fairness.min_selection_ratio : undefined), looser: lower },
  { check: 'software', setting: 'software.latency_p95_ms', value: (c) => c.software?.latency_p95_ms, looser: higher },
  { check: 'software', setting: 'software.error_rate', value: (c) => c.software?.error_rate, looser: higher },
  { check: 'data_quality', setting: 'data_quality.null_rate', value: (c) => c.data_quality?.null_rate, looser: higher },
  { check: 'data_quality', setting: 'data_quality.out_of_range_rate', value: (c) => c.data_quality?.out_of_range_rate, looser: higher },
  { check: 'data_drift', setting: 'drift.share', value: (_c, g) => g.defaults.drift.share, looser: higher },
];

const shown = (v: unknown) => (v === undefined ? 'none' : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v));

/**
 * The limits of a model made more permissive from base to head. A fixed expected value that moved
 * against the metric's direction (lower for higher-is-better) is a loosening too.
 */
export function loosenings(base: { card: Card | null; config: Config }, head: { card: Card | null; config: Config }): Loosening[] {
  if (!base.card || !head.card) return [];
  const fleet = new Set(configLoosenings(base.config, head.config).map(key));
  return compare(base.card, base.config, head.card, head.config).map((l) => ({ ...l, source: fleet.has(key(l)) ? 'spog.yaml' : 'card' }));
}

/** The defaults of spog.yaml made more permissive: for every model that does not override them. */
export function configLoosenings(base: Config, head: Config): Loosening[] {
  const none = { primary_metric: { name: '', direction: 'higher_is_better' } } as Card;
  return compare(none, base, none, head).map((l) => ({ ...l, source: 'spog.yaml' }));
}

const key = (l: Omit<Loosening, 'source'>) => `${l.check}\0${l.setting}\0${l.base}\0${l.head}`;

function compare(bCard: Card, bConfig: Config, hCard: Card, hConfig: Config): Omit<Loosening, 'source'>[] {
  const out: Omit<Loosening, 'source'>[] = [];
  for (const l of LIMITS) {
    const b = l.value(bCard, bConfig);
    const h = l.value(hCard, hConfig);
    const looser = l.setting === 'expected.value'
      ? typeof b === 'number' && typeof h === 'number' && (hCard.primary_metric.direction === 'higher_is_better' ? h < b : h > b)
      : (l.looser as (x: unknown, y: unknown) => boolean)(b, h);
    if (looser) out.push({ check: l.check, setting: l.setting, base: shown(b), head: shown(h) });
  }
  return out;
}

/** The class of one check's change from base to head (null when its status did not move). */
export function classifyCheck(base: Health | null, head: Health | null, loosened: boolean): ReviewClass | null {
  if (base === head) return null;
  if (base !== null && isAlarm(base) && (head === null || head === 'unknown')) return 'hides';
  if (head === null) return null;
  if (base === null) return isAlarm(head) ? 'worse' : null;
  if (compareHealth(head, base) > 0) return 'worse';
  // An alarm quieted by a looser rule, not by the metric, is hidden from whoever reads the colour.
  if (loosened) return isAlarm(base) ? 'hides' : 'loosened';
  return 'better';
}

/** The model's class: the first of REVIEW_ORDER among its checks' classes (and `loosened` for any loosening). */
export function modelClass(classes: (ReviewClass | null)[], loosened: Loosening[], retiredWhileAlarm: boolean): ReviewClass | null {
  const all = new Set(classes.filter((c): c is ReviewClass => c !== null));
  if (retiredWhileAlarm) all.add('hides');
  if (loosened.length) all.add('loosened');
  return REVIEW_ORDER.find((c) => all.has(c)) ?? null;
}
