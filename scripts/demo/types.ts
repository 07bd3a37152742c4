/**
 * What each model module hands the writer. The shapes are the registry schemas' own input
 * types (no hand-written copies), so `tsc` checks every object the generator builds.
 */
import type { z } from 'zod';
import type { CardSchema, ConfigSchema, FeatureWindowSchema, MetricLineSchema, ReferenceSchema, VersionSchema } from '../../src/schema/index.ts';

export type ConfigIn = z.input<typeof ConfigSchema>;
export type CardIn = z.input<typeof CardSchema>;
export type VersionIn = z.input<typeof VersionSchema>;
export type MetricLineIn = z.input<typeof MetricLineSchema>;
export type ReferenceIn = z.input<typeof ReferenceSchema>;
export type FeatureWindowIn = z.input<typeof FeatureWindowSchema>;

/** The state a model is built to show at "as of", checked with spog's engine (check.ts) before anything is written. */
export interface Intended {
  /** Status of the primary-metric check, or "unknown" (too few points). */
  primary?: 'green' | 'amber' | 'red' | 'unknown';
  /** Staleness check on the last primary-metric point of the champion. */
  stale?: 'fresh' | 'amber' | 'red';
  /** The model's health. */
  health?: 'green' | 'amber' | 'red' | 'unknown';
  /** One line for the summary: the state and why. */
  summary: string;
  /** Where the data come from. */
  source: string;
}

/** Everything the generator writes for one model. */
export interface ModelBundle {
  id: string;
  intended: Intended;
  card: CardIn;
  /** Markdown body of README.md (after the front matter). */
  body: string;
  versions: VersionIn[];
  metrics: MetricLineIn[];
  reference?: ReferenceIn;
  windows: FeatureWindowIn[];
}
