/**
 * What the engine takes in: a registry as the loader (src/registry) hands it over. The types
 * live here, in the core, so that the engine imports nothing from the loader, and the loader
 * builds exactly what the engine reads.
 */
import type { Card } from '../schema/card.ts';
import type { Config } from '../schema/config.ts';
import type { FeatureWindow, Reference } from '../schema/features.ts';
import type { Incident } from '../schema/incident.ts';
import type { Version } from '../schema/version.ts';

export type Severity = 'error' | 'warning';

/** One problem found in a registry file, with where it is, what was expected and an example. */
export interface Diagnostic {
  severity: Severity;
  /** Path relative to the registry root, with forward slashes, e.g. "models/churn/versions/v2.yaml". */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  col?: number;
  /** Dotted field path, e.g. "deployments.0.version". */
  field?: string;
  message: string;
  expected?: string;
  example?: string;
  /** The model the file belongs to, when it belongs to one. */
  model?: string;
}

/** One metric's observations for one version and one slice, sorted by time. */
export interface MetricSeries {
  metric: string;
  version: string;
  /** Slice as key/value pairs, or null for the whole population. */
  slice: Record<string, string> | null;
  /** Canonical slice key: "sex=female,age=young" (keys sorted), "" for the whole population. */
  sliceKey: string;
  /** Milliseconds since the epoch. */
  t: number[];
  value: number[];
  /** Number of predictions behind each value; NaN when not given. */
  n: number[];
}

export interface LoadedVersion extends Version {
  /** File the version was read from, relative to the registry root. */
  file: string;
}

/** An incident file as read: its content, its id (the file name without .yaml) and where it is. */
export interface LoadedIncident extends Incident {
  /** "2026-10-29-1": the day it was opened and its number that day. */
  id: string;
  /** File it was read from, relative to the registry root. */
  file: string;
}

export interface LoadedWindow extends FeatureWindow {
  t: number;
}

export interface ModelData {
  id: string;
  /** Directory relative to the registry root, e.g. "models/churn". */
  dir: string;
  card: Card | null;
  /**
   * When the card cannot be used: its name, team and lifecycle as far as they can still be read
   * (each valid on its own), so the model stays in its team and its lifecycle's counts.
   */
  salvaged?: Partial<Pick<Card, 'name' | 'team' | 'lifecycle'>>;
  /** Model card Markdown (unsanitised source). */
  body: string;
  /** Sorted by trained_at, then id. */
  versions: LoadedVersion[];
  series: MetricSeries[];
  /** Metric points kept after dropping duplicates. */
  points: number;
  duplicates: number;
  reference: Reference | null;
  /**
   * Production feature windows, sorted by time: all of them, or with an evaluation time only
   * those the drift check compares. A batch line gives one window per feature.
   */
  windows: LoadedWindow[];
  /** Valid feature windows read, kept or not. */
  windowCount: number;
  /** The valid files of incidents/ (acknowledgements and their resolutions), sorted by id. */
  incidents: LoadedIncident[];
  files: string[];
  /**
   * Files that exist but could not be read, parsed or validated: their own error is the root
   * cause, and the cross-file rules say nothing that only follows from it (a champion whose
   * version file has a tab is not "a version with no file").
   */
  failed?: string[];
  /** This model's diagnostics (also included in the registry's list). */
  diagnostics: Diagnostic[];
  /** Line/column of a field in one of this model's YAML files (for cross-file diagnostics). */
  locate: (file: string, path: PropertyKey[]) => { line?: number; col?: number };
}

export interface RegistryCounts {
  models: number;
  versions: number;
  metricPoints: number;
  featureWindows: number;
  errors: number;
  warnings: number;
}

export interface Registry {
  /** Where it was read from: its folder, or "<folder> at <commit>". */
  root: string;
  config: Config;
  models: ModelData[];
  diagnostics: Diagnostic[];
  counts: RegistryCounts;
}
