/** Every registry file kind with its schema; the JSON Schemas in public/schema/ are generated from this list. */
import { CardSchema } from './card.ts';
import { ConfigSchema } from './config.ts';
import { FeatureBatchSchema, FeatureWindowSchema, ReferenceSchema } from './features.ts';
import { IncidentSchema } from './incident.ts';
import { MetricLineSchema } from './metric.ts';
import { VersionSchema } from './version.ts';

export const FILE_KINDS = {
  config: { schema: ConfigSchema, file: 'spog.schema.json', pattern: 'spog.yaml' },
  card: { schema: CardSchema, file: 'model-card.schema.json', pattern: 'models/<id>/README.md (front matter)' },
  version: { schema: VersionSchema, file: 'version.schema.json', pattern: 'models/<id>/versions/<version>.yaml' },
  metric: { schema: MetricLineSchema, file: 'metric-line.schema.json', pattern: 'models/<id>/metrics/<YYYY-MM>.ndjson (each line)' },
  reference: { schema: ReferenceSchema, file: 'reference.schema.json', pattern: 'models/<id>/features/reference.json' },
  featureWindow: { schema: FeatureWindowSchema, file: 'feature-window.schema.json', pattern: 'models/<id>/features/<YYYY-MM>.ndjson (a line of one feature)' },
  featureBatch: { schema: FeatureBatchSchema, file: 'feature-batch.schema.json', pattern: 'models/<id>/features/<YYYY-MM>.ndjson (a line of many features)' },
  incident: { schema: IncidentSchema, file: 'incident.schema.json', pattern: 'models/<id>/incidents/<YYYY-MM-DD>-<n>.yaml' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;
export * from './card.ts';
export * from './common.ts';
export * from './config.ts';
export * from './features.ts';
export * from './incident.ts';
export * from './metric.ts';
export * from './version.ts';
