/** Schema of one line of `models/<id>/metrics/<YYYY-MM>.ndjson`: one production observation. */
import { z } from 'zod';
import { IsoDate, NameSchema, VersionId } from './common.ts';
import { METRIC_NAME_MAX, RUN_MAX, SLICE_KEY_RE } from './line-rules.ts';

export const SliceSchema = z
  .record(z.string().regex(SLICE_KEY_RE, { message: 'slice keys must be lowercase slugs' }), z.string())
  .describe('The subgroup this value is for, e.g. {"sex": "female"}; absent for the whole population.');

export const MetricLineSchema = z
  .strictObject({
    ts: IsoDate.describe('Time of the observation or the end of its window, e.g. "2015-06-30T00:00:00Z".'),
    version: VersionId.describe('Version that produced the predictions.'),
    metric: NameSchema('Metric name, e.g. "auc", "rmse", "latency_p95_ms".', METRIC_NAME_MAX),
    value: z.number().describe('The observed value.'),
    n: z.number().int().nonnegative().optional().describe('Number of predictions behind the value.'),
    slice: SliceSchema.optional(),
    run: z.string().max(RUN_MAX).optional().describe('Pipeline run id, e.g. "airflow-2015-06-30".'),
  })
  .describe('One production metric observation (a line of metrics/<YYYY-MM>.ndjson).');

export type MetricLine = z.output<typeof MetricLineSchema>;
