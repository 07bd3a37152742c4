/**
 * Schemas of feature distributions: `features/reference.json` (training time) and the lines of
 * `features/<YYYY-MM>.ndjson` (production windows). A distribution is a raw sample, a histogram
 * (edges + counts) or categorical counts; large pipelines send histograms, not rows. A line holds
 * either one window of one feature, or (the compact form for large fleets) one window of many
 * features at once, shaped like reference.json, whose histograms may leave out the edges they
 * share with the reference.
 */
import { z } from 'zod';
import { MAX_SAMPLE, RUN_MAX } from './line-rules.ts';
import { IsoDate, NameSchema, VersionId } from './common.ts';

const Histogram = z
  .strictObject({
    edges: z.array(z.number()).min(2).describe('Bin edges, ascending; one more than counts.'),
    counts: z.array(z.number().nonnegative()).min(1).describe('Count per bin.'),
  })
  .refine((h) => h.edges.length === h.counts.length + 1, { message: 'edges must have one more entry than counts', path: ['edges'] })
  .refine((h) => h.edges.every((e, i) => i === 0 || e > h.edges[i - 1]), { message: 'edges must be strictly ascending', path: ['edges'] });


export const DistributionSchema = z.union([
  z.strictObject({ type: z.literal('numeric'), sample: z.array(z.number()).max(MAX_SAMPLE).describe('Raw numeric values.') }),
  z.strictObject({ type: z.literal('numeric'), histogram: Histogram }),
  z.strictObject({ type: z.literal('categorical'), sample: z.array(z.union([z.string(), z.number(), z.boolean()])).max(MAX_SAMPLE).describe('Raw categories.') }),
  z.strictObject({ type: z.literal('categorical'), counts: z.record(z.string(), z.number().nonnegative()).describe('Category to count, e.g. {"rain": 12, "sun": 30}.') }),
]).describe('A distribution: {type: numeric, sample | histogram} or {type: categorical, sample | counts}.');

export const ReferenceSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    version: VersionId.describe('Version whose training data this describes.'),
    created_at: IsoDate.optional(),
    features: z.record(z.string().min(1), DistributionSchema).describe('Input feature name to its training distribution.'),
    prediction: DistributionSchema.optional().describe('Distribution of the model output on the training/validation data.'),
    by_month: z
      .partialRecord(
        z.enum(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']),
        z.strictObject({
          features: z.record(z.string().min(1), DistributionSchema).describe('Input feature name to its distribution in this calendar month of the training data.'),
          prediction: DistributionSchema.optional().describe('Distribution of the model output in this month.'),
        }),
      )
      .optional()
      .describe('The same distributions per calendar month ("01" to "12") of a year-long training set, for models whose card asks for a seasonal reference (drift: {reference: seasonal}).'),
  })
  .describe('Training-time distributions of inputs and predictions (features/reference.json).');

export const FeatureWindowSchema = z
  .strictObject({
    ts: IsoDate.describe('End of the production window.'),
    version: VersionId.describe('Version serving during the window.'),
    feature: NameSchema('Input feature name, or "prediction" with role prediction.'),
    role: z.enum(['input', 'prediction']).default('input').describe('input feature or model output.'),
    type: z.enum(['numeric', 'categorical']),
    sample: z.array(z.union([z.number(), z.string(), z.boolean()])).max(MAX_SAMPLE).optional(),
    histogram: Histogram.optional(),
    counts: z.record(z.string(), z.number().nonnegative()).optional(),
    run: z.string().max(RUN_MAX).optional().describe('Pipeline run id.'),
  })
  .refine((w) => [w.sample, w.histogram, w.counts].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of sample, histogram or counts',
  })
  .describe('One production window of one feature (a line of features/<YYYY-MM>.ndjson).');

/** A histogram in a batch window: edges may be left out when they are the reference's. */
const WindowHistogram = z
  .strictObject({
    edges: z.array(z.number()).min(2).optional().describe("Bin edges, ascending; one more than counts. Leave out to use this feature's edges in reference.json."),
    counts: z.array(z.number().nonnegative()).min(1).describe('Count per bin, e.g. [12, 40, 31, 9].'),
  })
  .refine((h) => h.edges === undefined || h.edges.length === h.counts.length + 1, { message: 'edges must have one more entry than counts', path: ['edges'] })
  .refine((h) => h.edges === undefined || h.edges.every((e, i) => i === 0 || e > h.edges![i - 1]), { message: 'edges must be strictly ascending', path: ['edges'] });

/** A distribution in a batch window: as in reference.json, but a histogram may omit its edges. */
export const WindowDistributionSchema = z.union([
  z.strictObject({ type: z.literal('numeric'), sample: z.array(z.number()).max(MAX_SAMPLE).describe('Raw numeric values.') }),
  z.strictObject({ type: z.literal('numeric'), histogram: WindowHistogram }),
  z.strictObject({ type: z.literal('categorical'), sample: z.array(z.union([z.string(), z.number(), z.boolean()])).max(MAX_SAMPLE).describe('Raw categories.') }),
  z.strictObject({ type: z.literal('categorical'), counts: z.record(z.string(), z.number().nonnegative()).describe('Category to count, e.g. {"rain": 12, "sun": 30}.') }),
]).describe('A distribution: {type: numeric, sample | histogram (edges optional)} or {type: categorical, sample | counts}.');

export const FeatureBatchSchema = z
  .strictObject({
    ts: IsoDate.describe('End of the production window.'),
    version: VersionId.describe('Version serving during the window.'),
    features: z
      .record(z.string().min(1), WindowDistributionSchema)
      .describe('Input feature name to its distribution in this window, e.g. {"age": {"type": "numeric", "histogram": {"counts": [3, 9, 4]}}}.'),
    prediction: WindowDistributionSchema.optional().describe('Distribution of the model output in this window.'),
    run: z.string().max(RUN_MAX).optional().describe('Pipeline run id.'),
  })
  .describe('One production window of many features at once, shaped like reference.json (a line of features/<YYYY-MM>.ndjson); a histogram without edges uses the reference\'s edges for that feature.');

/** Either kind of line of `features/<YYYY-MM>.ndjson`: a batch has `features`, a single window has `feature`. */
export function isFeatureBatch(line: object): boolean {
  return Object.prototype.hasOwnProperty.call(line, 'features') && !Object.prototype.hasOwnProperty.call(line, 'feature');
}

export type Distribution = z.output<typeof DistributionSchema>;
export type Reference = z.output<typeof ReferenceSchema>;
export type FeatureWindow = z.output<typeof FeatureWindowSchema>;
export type WindowDistribution = z.output<typeof WindowDistributionSchema>;
export type FeatureBatch = z.output<typeof FeatureBatchSchema>;
