/**
 * Load a registry at its evaluation time in one pass: "as of" is resolved from the --as-of flag,
 * the registry's pin (read first, from spog.yaml), SOURCE_DATE_EPOCH or today, and the loader
 * uses it to warn about later timestamps and to keep only the feature windows the drift check
 * compares.
 */
import { resolveAsOf, type AsOf } from '../core/time.ts';
import { loadRegistry, type LoadOptions, type Registry } from './load.ts';

export function loadAt(dir: string, asOfFlag?: string, opts: Omit<LoadOptions, 'asOf'> = {}): { reg: Registry; asOf: AsOf } {
  let asOf: AsOf | undefined;
  const reg = loadRegistry(dir, {
    ...opts,
    asOf: (config) => {
      asOf = resolveAsOf({ flag: asOfFlag, registry: config.as_of, env: process.env.SOURCE_DATE_EPOCH });
      return asOf.endMs;
    },
  });
  // resolveAsOf ran inside the loader; an unreadable spog.yaml still yields a default config.
  return { reg, asOf: asOf ?? resolveAsOf({ flag: asOfFlag, env: process.env.SOURCE_DATE_EPOCH }) };
}
