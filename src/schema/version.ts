/** Schema of `models/<id>/versions/<version>.yaml`: one trained version (an experiment). */
import { z } from 'zod';
import { IsoDate, Scalar, VersionId } from './common.ts';

export const CodeRefSchema = z
  .strictObject({
    repo: z.string().min(1).describe('Repository holding the training code, e.g. "github.com/acme/churn".'),
    commit: z.string().regex(/^[0-9a-f]{7,40}$/, { message: 'must be a 7-40 character hex commit id' }).describe('Commit id, e.g. "3f2a9c1".'),
    path: z.string().optional().describe('Entry point within the repository, e.g. "train.py".'),
  })
  .describe('The code that trained this version.');

export const DataRefSchema = z.strictObject({
  name: z.string().min(1).describe('Role of the data set, e.g. "train" or "test".'),
  uri: z.string().min(1).describe('Where it lives, e.g. "s3://bucket/churn/2015-06.parquet".'),
  hash: z.string().optional().describe('Content hash, e.g. "sha256:9f86d0...".'),
  rows: z.number().int().nonnegative().optional().describe('Number of rows.'),
  from: IsoDate.optional().describe('Start of the time range covered.'),
  to: IsoDate.optional().describe('End of the time range covered.'),
});

/** Evaluation metrics keyed by metric name, e.g. {auc: 0.87, accuracy: 0.81}. */
export const MetricValues = z.record(z.string().min(1), z.number()).describe('Metric name to value, e.g. {auc: 0.87}.');

export const VersionSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    version: VersionId.describe('Version id; must equal the file name without .yaml.'),
    trained_at: IsoDate.describe('When training finished; the last retraining date comes from here.'),
    author: z.string().optional().describe('Who trained it.'),
    parent: VersionId.optional().describe('Version this one was derived from (lineage).'),
    code: CodeRefSchema.optional(),
    data: z.array(DataRefSchema).default([]).describe('Data sets used for training and evaluation.'),
    params: z.record(z.string(), Scalar).default({}).describe('Hyper-parameters, e.g. {max_depth: 6}.'),
    metrics: MetricValues.default({}).describe('Offline evaluation, overall.'),
    slices: z.record(z.string(), MetricValues).default({}).describe('Offline evaluation per slice, keyed "key=value", e.g. {"sex=female": {auc: 0.85}}.'),
    expected: MetricValues.optional().describe('Expected production performance when it differs from the evaluation, e.g. {auc: 0.84}.'),
    tags: z.record(z.string(), z.string()).default({}).describe('Labels the tracker gave this version (spog import), e.g. {stage: candidate}.'),
    retired: z.boolean().default(false).describe('A retired version must not be deployed.'),
    notes: z.string().optional().describe('Free text.'),
  })
  .describe('One trained model version (models/<id>/versions/<version>.yaml).');

export type Version = z.output<typeof VersionSchema>;
