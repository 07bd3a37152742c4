/** Schema of the YAML front matter of `models/<id>/README.md` (the model card). */
import { z } from 'zod';
import { Direction, IsoDate, NameSchema, Share, Slug, Staleness, Thresholds, VersionId } from './common.ts';

export const LIFECYCLES = ['development', 'staging', 'production', 'retraining', 'offline', 'retired'] as const;
export const Lifecycle = z.enum(LIFECYCLES).describe('What the model is doing now (health says how well it does it).');

export const TASKS = ['binary_classification', 'multiclass_classification', 'regression', 'forecasting', 'ranking', 'other'] as const;

export const PrimaryMetricSchema = z
  .strictObject({
    name: NameSchema('Metric name as written in metric lines and version evaluations, e.g. "auc" or "rmse".'),
    direction: Direction,
    label: z.string().optional().describe('Display label, e.g. "ROC AUC".'),
  })
  .describe('The one metric that decides performance health.');

export const ExpectedSchema = z
  .strictObject({
    source: z
      .enum(['champion_evaluation', 'fixed', 'reference_window'])
      .default('champion_evaluation')
      .describe("champion_evaluation: the champion version's evaluation (or its `expected` block); fixed: `value`; reference_window: mean of the first `window_days` days of production after the champion was deployed."),
    value: z.number().optional().describe('The expected value when source is fixed, e.g. 0.82.'),
    window_days: z.number().int().positive().default(14).describe('Length of the reference production window (source reference_window).'),
  })
  .refine((e) => e.source !== 'fixed' || e.value !== undefined, { message: 'source fixed needs a value', path: ['value'] })
  .describe('How the expected (baseline) performance is set.');

export const DeploymentSchema = z
  .strictObject({
    version: VersionId.describe('Deployed version id; a file versions/<version>.yaml must exist.'),
    role: z.enum(['champion', 'challenger']).describe('champion serves decisions; a challenger is compared against it.'),
    mode: z
      .enum(['production', 'shadow', 'canary', 'blue', 'green'])
      .default('production')
      .describe('production: serves all traffic; shadow: scored but not served; canary: a share of traffic; blue/green: two live stacks.'),
    traffic: Share.optional().describe('Share of traffic served, e.g. 0.1 for a 10% canary.'),
    environment: z.string().optional().describe('Where it runs, e.g. "prod-eu".'),
    since: IsoDate.optional().describe('When this deployment started.'),
    endpoint: z.string().optional().describe('Serving endpoint or job name.'),
  })
  .describe('One deployment of a version.');

export const FairnessSchema = z
  .strictObject({
    slices: z.array(Slug).min(1).describe('Slice keys to compare, as written in metric lines, e.g. ["sex", "age-band"].'),
    max_gap: z.number().nonnegative().optional().describe('Largest allowed relative gap of a slice vs overall in the primary metric (default from spog.yaml).'),
    min_selection_ratio: Share.optional().describe('Smallest allowed selection-rate ratio (disparate impact), default 0.8.'),
    selection_metric: NameSchema('Metric holding the share of positive decisions per slice.').default('selection_rate'),
  })
  .describe('Fairness slices to watch.');

export const SoftwareSchema = z
  .strictObject({
    latency_p95_ms: z.number().positive().optional().describe('Limit on the p95 latency in milliseconds (metric "latency_p95_ms").'),
    error_rate: Share.optional().describe('Limit on the share of failed requests (metric "error_rate").'),
  })
  .describe('Software-metric limits.');

export const DataQualitySchema = z
  .strictObject({
    null_rate: Share.optional().describe('Limit on the share of missing input values (metric "null_rate").'),
    out_of_range_rate: Share.optional().describe('Limit on the share of inputs outside the training range (metric "out_of_range_rate").'),
  })
  .describe('Data-quality limits.');

export const CardDriftSchema = z
  .strictObject({
    reference: z
      .enum(['whole', 'seasonal'])
      .default('whole')
      .describe("whole: compare production with the whole reference; seasonal: with the same calendar month of a year-long reference (features/reference.json by_month), for inputs that follow the seasons."),
    window_days: z.number().int().positive().optional().describe('Override of spog.yaml defaults.drift.window_days for this model, e.g. 28 for weekly windows of a few values.'),
  })
  .describe('How this model\'s data drift is judged (overrides spog.yaml defaults.drift where given).');

export const ConsumerSchema = z.strictObject({
  name: z.string().min(1).describe('Who relies on the model, e.g. "Loan approvals".'),
  contact: z.string().optional().describe('How to reach them.'),
});

export const CardSourceSchema = z
  .strictObject({
    tool: z.enum(['mlflow', 'dvc', 'gto']).describe('The tracker the model is imported from by spog import.'),
    uri: z.string().min(1).describe('Where that tracker is, e.g. "https://mlflow.acme.org" or a git repository URL.'),
    name: z.string().min(1).describe('The model\'s name there, e.g. "Fraud Detector" (the model id is its slug).'),
  })
  .describe('Where spog import reads this model from; the importer updates only this field, the deployments and the versions it imports, and refuses to import another tracker\'s model over it.');

export const CardSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    name: z.string().min(1).describe('Display name, e.g. "Churn propensity".'),
    summary: z.string().optional().describe('One line on what the model decides.'),
    owners: z
      .array(z.string().min(1).regex(/^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$/, { message: 'must be one line without control characters (a line break would write a rule of its own into CODEOWNERS)' }))
      .min(1)
      .describe('People accountable for the model, e.g. ["ana@example.org"]; GitHub handles (@user, @org/team) or e-mail addresses become the code owners of its files (spog codeowners).'),
    team: Slug.describe('Owning team id from spog.yaml teams.'),
    task: z.enum(TASKS).describe('Kind of prediction.'),
    lifecycle: Lifecycle,
    primary_metric: PrimaryMetricSchema,
    expected: ExpectedSchema.optional(),
    thresholds: Thresholds.optional().describe('Overrides spog.yaml defaults.thresholds.'),
    staleness: Staleness.optional().describe('Overrides spog.yaml defaults.staleness.'),
    deployments: z.array(DeploymentSchema).default([]).describe('Where versions run; at most one champion.'),
    drift: CardDriftSchema.optional(),
    fairness: FairnessSchema.optional(),
    software: SoftwareSchema.optional(),
    data_quality: DataQualitySchema.optional(),
    tags: z.array(Slug).default([]).describe('Free tags for filtering, e.g. ["pricing", "tier-1"].'),
    consumers: z.array(ConsumerSchema).default([]).describe('Who relies on the model and should hear when it degrades.'),
    links: z.record(z.string(), z.string()).default({}).describe('Named links, e.g. {dashboard: "https://..."}.'),
    source: CardSourceSchema.optional(),
  })
  .describe('Model card front matter (models/<id>/README.md).');

export type Card = z.output<typeof CardSchema>;
export type Deployment = z.output<typeof DeploymentSchema>;
export type LifecycleName = z.output<typeof Lifecycle>;

/**
 * The card's optional fields: when one of them (or an unknown key) is wrong, the rest of the card
 * is still used without it, so the model is still evaluated, its page shown and a red model still
 * fails `spog status --fail-on red`, with the error reported and the registry check unknown. A
 * wrong required field (name, owners, team, task, lifecycle, primary_metric) sets the card aside.
 */
export const CARD_OPTIONAL: ReadonlySet<string> = new Set(['summary', 'expected', 'thresholds', 'staleness', 'deployments', 'fairness', 'software', 'data_quality', 'tags', 'consumers', 'links', 'source']);
