/**
 * Building blocks shared by the registry schemas: ids, dates, numbers and thresholds.
 * Every field carries a description: it becomes the JSON Schema documentation editors show.
 */
import { z } from 'zod';
import { DATE_RE, isValidIsoDate } from './dates.ts';

// The date functions live in a module without zod: the browser's chart code reads dates too, and
// zod's JIT probe (new Function) would trip the page's CSP there.
export { fastIsoToMs, isoToMs, isValidIsoDate, quickIsoMs } from './dates.ts';

/** Lowercase URL-safe slug used for model ids, team ids and slice keys. */
export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Version ids may also hold dots and underscores (`v3`, `2015.06`, `gbm_2`). */
export const VERSION_RE = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/**
 * Names that are never a key or a name in the registry: "prototype" and every property every
 * JavaScript object has (Object.prototype's: __proto__, constructor, toString, hasOwnProperty,
 * valueOf, ...). As keys they could reach object prototypes; as a metric, feature or slice name
 * looked up in a plain object they would find Object's function instead of a value.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Length of the longest forbidden name: the line scanners decode a name to check it only up to this length. */
export const FORBIDDEN_KEY_MAX = Math.max(...[...FORBIDDEN_KEYS].map((k) => k.length));

const notPrototypeName = (s: string) => !FORBIDDEN_KEYS.has(s);
const PROTOTYPE_NAME_MESSAGE = (iss: { input?: unknown }) =>
  `"${String(iss.input)}" is a name every JavaScript object has (Object.prototype's), which a lookup by name would find instead of the value; choose another name, e.g. "${String(iss.input)}_1"`;

/** A metric or feature name: not empty, at most `max` characters, and not a name of Object.prototype. */
export function NameSchema(describe: string, max?: number) {
  return (max === undefined ? z.string().min(1) : z.string().min(1).max(max)).refine(notPrototypeName, { error: PROTOTYPE_NAME_MESSAGE }).describe(describe);
}

export const Slug = z
  .string()
  .regex(SLUG_RE, { message: 'must be a lowercase URL-safe slug (a-z, 0-9 and inner hyphens)' })
  // "constructor" is a slug: a team or slice key of that name would find Object in a lookup.
  .refine((s) => !SLUG_RE.test(s) || notPrototypeName(s), { error: PROTOTYPE_NAME_MESSAGE })
  .describe('Lowercase URL-safe slug, e.g. "churn-model".');

export const VersionId = z
  .string()
  .regex(VERSION_RE, { message: 'must be a lowercase version id (a-z, 0-9, ".", "_", "-")' })
  .describe('Version id: lowercase letters, digits, ".", "_" and "-", e.g. "v3".');

/** ISO 8601 date or date-time string, e.g. "2015-06-30" or "2015-06-30T12:00:00Z". */
export const IsoDate = z
  .string()
  .regex(DATE_RE, { message: 'must be an ISO 8601 date or date-time, e.g. "2026-10-31" or "2026-10-31T12:00:00Z"' })
  .refine((s) => !DATE_RE.test(s) || isValidIsoDate(s), { message: 'is not a real calendar date or time, e.g. "2026-10-31" or "2026-10-31T12:00:00Z"' })
  .describe('ISO 8601 date or date-time (UTC when no offset), e.g. "2015-06-30" or "2015-06-30T12:00:00Z".');

export const FiniteNumber = z.number().describe('A finite number (not NaN or Infinity).');
export const Share = z.number().min(0).max(1).describe('A share between 0 and 1, e.g. 0.05 for 5%.');
export const PositiveInt = z.number().int().positive();

export const Direction = z
  .enum(['higher_is_better', 'lower_is_better'])
  .describe('Whether a larger value of the metric is better (AUC, accuracy) or worse (RMSE, MAE, MAPE).');

/** Amber/red limits on how far the primary metric may fall short of its expected value. */
export const Thresholds = z
  .strictObject({
    mode: z
      .enum(['relative', 'absolute'])
      .default('relative')
      .describe('relative: a share of the expected value (0.05 = 5% worse); absolute: metric units.'),
    amber: z.number().nonnegative().describe('Shortfall at which health turns amber, e.g. 0.05.'),
    red: z.number().nonnegative().describe('Shortfall at which health turns red, e.g. 0.10.'),
  })
  .refine((t) => t.red >= t.amber, { message: 'red must be at least amber', path: ['red'] })
  .describe('Degradation thresholds of the primary metric vs its expected value.');

export const Staleness = z
  .strictObject({
    amber_days: z.number().positive().describe('Days without a metric point before health turns amber.'),
    red_days: z.number().positive().describe('Days without a metric point before health turns red.'),
  })
  .refine((t) => t.red_days >= t.amber_days, { message: 'red_days must be at least amber_days', path: ['red_days'] })
  .describe('How long a model may go without production metrics.');

/** Hyper-parameter or free-form scalar value. */
export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The team of a model whose card cannot be read. */
export const UNASSIGNED_TEAM = 'unassigned';
