/** Schema of `registry/spog.yaml`: site title, evaluation time, fleet-wide defaults and teams. */
import { z } from 'zod';
import { IsoDate, Share, Slug, Staleness, Thresholds } from './common.ts';
import { formatMsg } from '../messages.ts';
import { DRIFT_METHODS } from './drift-methods.ts';

export const DriftDefaultsSchema = z
  .strictObject({
    method: z
      .enum(['auto', ...DRIFT_METHODS])
      .default('auto')
      .describe("Test per feature. auto: spog's calibrated test (two-sample KS or chi-square, p-values adjusted for the number of features, and a PSI of at least 0.1), which holds its false-alarm rate day after day; a method name: that Evidently-equivalent test and its verdict on the whole window, as Evidently reports it."),
    threshold: z.number().positive().optional().describe("Override of a named method's default threshold (not used by auto)."),
    share: Share.default(0.5).describe('Dataset drift (red) when at least this share of input features, and at least two, drift.'),
    window_days: z.number().int().positive().default(7).describe('Production windows within this many days of "as of" can be compared to the reference; auto takes the newest days until they hold 1,000 rows.'),
  })
  .describe('How data and prediction drift are tested.');

export const FairnessDefaultsSchema = z
  .strictObject({
    max_gap: z.number().nonnegative().default(0.05).describe('Largest allowed gap in the primary metric between a slice and the overall value (relative).'),
    min_selection_ratio: Share.default(0.8).describe('Smallest allowed ratio of a slice selection rate to the highest one (four-fifths rule).'),
  })
  .describe('Fairness limits applied to the slices a model card watches.');

export const ComparisonDefaultsSchema = z
  .strictObject({
    window_days: z.number().int().positive().default(60).describe('Champion vs challenger: every day both versions reported the primary metric within this many days of "as of" is paired.'),
  })
  .describe('How a challenger is compared with the champion.');

export const DefaultsSchema = z
  .strictObject({
    thresholds: Thresholds.default({ mode: 'relative', amber: 0.05, red: 0.1 }),
    staleness: Staleness.default({ amber_days: 3, red_days: 7 }),
    drift: DriftDefaultsSchema.default({ method: 'auto', share: 0.5, window_days: 7 }),
    fairness: FairnessDefaultsSchema.default({ max_gap: 0.05, min_selection_ratio: 0.8 }),
    comparison: ComparisonDefaultsSchema.default({ window_days: 60 }),
    min_points: z.number().int().positive().default(5).describe('Fewer primary-metric points than this in the rolling window gives "unknown" health.'),
    rolling_window: z.number().int().positive().default(10).describe('Number of latest primary-metric values averaged by the rolling-mean tracker.'),
  })
  .describe('Fleet-wide defaults; a model card may override each of them.');

export const TeamSchema = z.strictObject({
  id: Slug.describe('Team id used in model cards, e.g. "credit-risk".'),
  name: z.string().min(1).describe('Display name, e.g. "Credit Risk".'),
  contact: z.string().optional().describe('Where to reach the team, e.g. "#risk-ml" or an e-mail address.'),
  description: z.string().optional().describe('One line on what the team does.'),
});

export const SiteSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).optional().describe('Absolute address the site is published at (its links in the feed and alerts), e.g. "https://acme.github.io/models/"; its path is the sub-path the site is served under unless base says otherwise. The environment variable SPOG_SITE overrides it.'),
    base: z.string().regex(/^\/(.*\/)?$/, 'must start and end with "/"').optional().describe('Sub-path the site is served under, e.g. "/spog/" (default: the path of url, else "/"). The environment variable SPOG_BASE overrides it.'),
    id: Slug.optional().describe('Stable id of this registry in the feed\'s entry ids, which name no host so that moving the site does not make every entry new to feed readers, e.g. "acme-ml" (default "spog").'),
  })
  .describe('Where the site is published.');

/**
 * The registry file format this spog reads and writes. It rises when a file's meaning changes in
 * a way older registries must be rewritten for; `spog migrate` rewrites them (workflow/migrate.ts).
 */
export const FORMAT_VERSION = 1;

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    format_version: z
      .number()
      .int()
      .min(1)
      .max(FORMAT_VERSION, formatMsg.newerThanSpog(FORMAT_VERSION))
      .default(1)
      .describe(`The registry's file format. A spog that reads an older format says to run \`spog migrate\`, which rewrites the files; a newer one says to upgrade spog. Unset: 1, the format of spog 0.1 and 0.2. Current: ${FORMAT_VERSION}.`),
    title: z.string().min(1).default('spog').describe('Site title, e.g. "Acme ML fleet".'),
    description: z.string().optional().describe('One line shown under the title.'),
    as_of: IsoDate.optional().describe('Pins the evaluation time ("as of") so the site shows the same states whenever it is built. Unset: today (UTC), or --as-of / SOURCE_DATE_EPOCH.'),
    defaults: DefaultsSchema.default(DefaultsSchema.parse({})),
    teams: z.array(TeamSchema).default([]).describe('Teams that own models.'),
    site: SiteSchema.default({}),
  })
  .describe('spog registry configuration (registry/spog.yaml).');

export type Config = z.output<typeof ConfigSchema>;
export type Defaults = z.output<typeof DefaultsSchema>;
export type Team = z.output<typeof TeamSchema>;

/** What the loader reads of spog.yaml before the schema: any mapping (salvageConfig's input). */
export const RawConfigSchema = z.record(z.string(), z.unknown());

type Path = PropertyKey[];

function remove(root: unknown, path: Path): boolean {
  let node = root as Record<PropertyKey, unknown> | undefined;
  for (const k of path.slice(0, -1)) {
    node = node?.[k] as Record<PropertyKey, unknown> | undefined;
    if (node === null || typeof node !== 'object') return false;
  }
  const last = path[path.length - 1];
  if (node === undefined || !(last in node)) return false;
  delete node[last];
  return true;
}

/**
 * The valid part of a spog.yaml that does not validate, for the checks that can still run on it
 * (spog validate's cross-file rules: unknown teams, duplicate team ids): each field with a
 * problem is left out, so its default applies, and a team entry with a problem keeps only its id
 * when that is valid (models naming it are not also reported). `dropped` names what was left out.
 * The commands that evaluate never use it: they refuse a spog.yaml with errors (docs/decisions.md).
 */
export function salvageConfig(input: Record<string, unknown>): { value: Config; dropped: string[] } {
  const current = structuredClone(input);
  const dropped = new Set<string>();
  for (let round = 0; round < 100; round++) {
    const r = ConfigSchema.safeParse(current);
    if (r.success) return { value: r.data, dropped: [...dropped].filter((d) => ![...dropped].some((o) => d.startsWith(`${o}.`))) };
    const teams = new Set<number>();
    for (const issue of r.error.issues) {
      const paths: Path[] = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of paths) {
        if (path[0] === 'teams' && typeof path[1] === 'number') {
          teams.add(path[1]);
          continue;
        }
        // A missing required field: leave out the object that needs it.
        for (let p = path; p.length; p = p.slice(0, -1)) {
          if (remove(current, p)) {
            dropped.add(p.map(String).join('.'));
            break;
          }
        }
        if (!path.length) return { value: ConfigSchema.parse({}), dropped: ['everything'] };
      }
    }
    if (teams.size && Array.isArray(current.teams)) {
      current.teams = current.teams.flatMap((t: unknown, i) => {
        if (!teams.has(i)) return [t];
        dropped.add(`teams.${i}`);
        const id = Slug.safeParse((t as { id?: unknown } | null)?.id);
        return id.success ? [{ id: id.data, name: id.data }] : [];
      });
    } else if (teams.size) {
      delete current.teams;
      dropped.add('teams');
    }
  }
  return { value: ConfigSchema.parse({}), dropped: ['everything'] };
}
