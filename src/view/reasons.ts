/**
 * Where on a model's page each check is explained, and a model's reasons linked there (issue 18):
 * the model page's summary and Health section, the overview's Needs attention and the alerts page
 * all link a reason to the same place. A reason is the `reason` of a check that is not green
 * (core/health.ts combine), so the check behind it is found by that text, never guessed.
 */
import type { CheckName, FleetModel } from '../core/types.ts';
import { href } from './format.ts';

/** The id of a check's row in the model page's Checks table (it exists for every check the model has). */
export function checkRowId(check: string): string {
  return `check-${check}`;
}

/**
 * The section of the model page that explains a check: the drift section, fairness, performance,
 * the registry diagnostics; else the check's own row. Each is shown whenever the check has a
 * verdict (test/site/model-summary.test.ts checks every link of the demo against its page).
 */
export function checkAnchor(check: CheckName | string, m: Pick<FleetModel, 'diagnostics' | 'fairness'>): string {
  switch (check) {
    case 'primary_metric':
      return checkRowId(check);
    case 'performance_drift':
      return 'performance';
    case 'data_drift':
      return 'drift';
    case 'prediction_drift':
      return 'prediction-drift';
    case 'fairness':
      return m.fairness ? 'fairness' : checkRowId(check);
    case 'registry':
      return m.diagnostics.length ? 'diagnostics' : checkRowId(check);
    default:
      return checkRowId(check);
  }
}

export interface LinkedReason {
  text: string;
  /** The check behind it, or null (no check could run). */
  check: CheckName | null;
  /** "#drift" on the model page itself, or the model page's address with it elsewhere. */
  href: string;
}

/**
 * A model's reasons, worst first as the core ordered them, each with the check behind it and a link
 * to the section that explains it. `page`: the model page's address ("" on the model page itself).
 */
export function linkedReasons(m: Pick<FleetModel, 'reasons' | 'checks' | 'diagnostics' | 'fairness'>, page = ''): LinkedReason[] {
  return m.reasons.map((text) => {
    const c = m.checks.find((x) => x.status !== 'green' && x.reason === text) ?? null;
    return { text, check: c?.check ?? null, href: `${page}#${c ? checkAnchor(c.check, m) : 'why'}` };
  });
}

/** The same with the model page's address, for the fleet pages. */
export function linkedReasonsAt(m: Pick<FleetModel, 'id' | 'reasons' | 'checks' | 'diagnostics' | 'fairness'>, base: string): LinkedReason[] {
  return linkedReasons(m, href(base, `models/${m.id}/`));
}
