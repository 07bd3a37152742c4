import type { Card } from '../schema/card.ts';
import type { Config } from '../schema/config.ts';

/** Lifecycles whose models should be sending production data: silence from them is a problem. */
export const REPORTING_LIFECYCLES: ReadonlySet<string> = new Set(['production', 'retraining', 'staging']);

/**
 * Days without a value after which a check's input is too old to vouch for the model (the check
 * is unknown, never green): the staleness amber days for a model that should be reporting; never
 * for one that is not, which keeps the verdict of its last values.
 */
export function staleAfterDays(card: Card, config: Config): number {
  return REPORTING_LIFECYCLES.has(card.lifecycle) ? (card.staleness ?? config.defaults.staleness).amber_days : Infinity;
}
