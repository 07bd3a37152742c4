import type { DriftMethod } from './types.ts';
import type { DriftTestDefinition } from './definition.ts';
import { chiSquareDriftTest } from './chisquare.ts';
import { chiSquareHomogeneityTest } from './chisquare-homogeneity.ts';
import { jensenShannonTest } from './jensenshannon.ts';
import { klTest } from './kl.ts';
import { ksTest } from './ks.ts';
import { psiTest } from './psi.ts';
import { wassersteinTest } from './wasserstein.ts';
import { zTest } from './ztest.ts';

const registry = new Map<DriftMethod, DriftTestDefinition>();

/**
 * Register a drift test under its method name, once. Mirrors Evidently's
 * `register_stattest`, except that a second registration under the same name is an
 * error instead of a silent overwrite.
 *
 * @throws Error when the name is already taken.
 */
export function registerDriftTest(def: DriftTestDefinition): void {
  if (registry.has(def.method)) throw new Error(`drift test '${def.method}' is already registered`);
  registry.set(def.method, def);
}

for (const def of [ksTest, wassersteinTest, psiTest, klTest, jensenShannonTest, chiSquareDriftTest, zTest, chiSquareHomogeneityTest]) registerDriftTest(def);

/** Every registered drift test, in registration order. */
export function listDriftTests(): readonly DriftTestDefinition[] {
  return [...registry.values()];
}

/**
 * The drift test registered as `method`.
 *
 * @throws Error naming the valid methods when `method` is unknown.
 */
/** How a p-value test's threshold is read ('<=' for KS, '<' for chi-square and z); '<' for anything else. */
export function pValueComparison(method: string): '<=' | '<' {
  return registry.get(method as DriftMethod)?.pValueComparison ?? '<';
}

export function getDriftTest(method: string): DriftTestDefinition {
  const def = registry.get(method as DriftMethod);
  if (!def) throw new Error(`unknown drift method '${method}'; valid methods: ${[...registry.keys()].join(', ')}`);
  return def;
}
