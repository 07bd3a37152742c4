/**
 * Load a registry directory: read (files.ts) -> parse (parse.ts) -> cross-file rules (rules.ts).
 * Every problem is collected; nothing throws for bad input. A model with broken files is still
 * returned, with its diagnostics, so the build can show it as a registry error.
 */
import { msg } from '../messages.ts';
import { CardSchema, type Card } from '../schema/card.ts';
import { isoToMs, SLUG_RE, UNASSIGNED_TEAM, VERSION_RE } from '../schema/common.ts';
import { ConfigSchema, type Config } from '../schema/config.ts';
import { ReferenceSchema, type FeatureWindow, type Reference } from '../schema/features.ts';
import { VersionSchema, type Version } from '../schema/version.ts';
import { diag, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { isDirectory, LIMITS, listRegistryDir, readRegistryText } from './files.ts';
import { monthRange, readModelLines, referenceEdges, type LinesJob, type LinesResult } from './lines.ts';
import { parseFrontMatter, parseJsonDocument, parseYaml, type Locator } from './parse.ts';
import { LinesPool, threadsFor } from './pool.ts';
import { checkModel, checkRegistry } from './rules.ts';
import type { MetricSeries } from './series.ts';

export interface LoadedVersion extends Version {
  /** File the version was read from, relative to the registry root. */
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
  files: string[];
  /** This model's diagnostics (also included in the registry's list). */
  diagnostics: Diagnostic[];
  /** Line/column of a field in one of this model's YAML files (for cross-file diagnostics). */
  locate: (file: string, path: PropertyKey[]) => { line?: number; col?: number };
}

export interface Registry {
  root: string;
  config: Config;
  models: ModelData[];
  diagnostics: Diagnostic[];
  counts: { models: number; versions: number; metricPoints: number; featureWindows: number; errors: number; warnings: number };
}

export interface LoadOptions {
  /**
   * Evaluation time in ms (or a function of the registry's config giving it); timestamps after
   * it are warned about, and only the production feature windows the drift check compares
   * (the `drift.window_days` before it) are kept in memory; feature files of months that cannot
   * hold such a window are not read, unless `everyFeatureFile`. Without it every window is kept.
   */
  asOf?: number | ((config: Config) => number);
  /** Read and check every feature file even with an evaluation time (spog validate, spog diff). */
  everyFeatureFile?: boolean;
  /** Called after each model, for progress output. */
  onModel?: (index: number, total: number, id: string) => void;
  /**
   * Worker threads reading metric and window lines (default: threadsFor(models), which honours
   * SPOG_THREADS); 0 reads everything on this thread. The result is the same either way.
   */
  threads?: number;
}

const MONTH_FILE = /^(\d{4})-(\d{2})\.ndjson$/;

function loadConfig(root: string, diagnostics: Diagnostic[]): Config {
  const fallback = ConfigSchema.parse({});
  const r = readRegistryText(root, 'spog.yaml', LIMITS.yaml);
  if (r.text === undefined) {
    const missing = r.diagnostics.some((d) => d.message.includes('ENOENT'));
    diagnostics.push(...(missing ? [diag('warning', 'spog.yaml', msg.missingConfig())] : r.diagnostics));
    return fallback;
  }
  const p = parseYaml(r.text, 'spog.yaml', ConfigSchema);
  diagnostics.push(...p.diagnostics);
  return p.value ?? fallback;
}

interface ModelLoadOptions {
  asOf?: number;
  /** Keep feature windows with from < t <= to; all when absent. */
  keepWindows?: { from: number; to: number };
  /** Read every feature file, also the months that hold no window to keep (spog validate). */
  everyFeatureFile?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Whether a feature file of `month` (YYYY-MM) can hold a window to keep: windows are filed by the
 * month of their timestamp (`spog validate` warns about any that is not), and a day either side
 * lets a timestamp with a UTC offset stay in its local month's file.
 */
export function monthMayHold(month: string, keep: { from: number; to: number }): boolean {
  const { start, end } = monthRange(month);
  return end + DAY_MS > keep.from && start - DAY_MS <= keep.to;
}

/**
 * The model's locator, made outside loadModel: a closure made inside would keep every variable
 * of loadModel that any of its closures uses (V8 shares one context), and with them the caches
 * of the line scanners, which hold slices of whole files.
 */
function locatorOf(locators: Map<string, Locator>): ModelData['locate'] {
  return (file, path) => locators.get(file)?.(path) ?? {};
}

/** A model's card from its README.md (`names`: the model folder's entries). */
/**
 * The card's optional fields: when one of them (or an unknown key) is wrong, the rest of the card
 * is still used without it, so the model is still evaluated, its page shown and a red model still
 * fails `spog status --fail-on red`, with the error reported and the registry check unknown. A
 * wrong required field (name, owners, team, task, lifecycle, primary_metric) sets the card aside.
 */
const CARD_OPTIONAL: ReadonlySet<string> = new Set(['summary', 'expected', 'thresholds', 'staleness', 'deployments', 'fairness', 'software', 'data_quality', 'tags', 'consumers', 'links']);

function readCard(root: string, id: string, names: Map<string, { rel: string; kind: string }>): { card: Card | null; body: string; diagnostics: Diagnostic[]; rel?: string; locate?: Locator } {
  const readme = names.get('README.md');
  if (!readme || readme.kind !== 'file') return { card: null, body: '', diagnostics: [diag('error', `models/${id}/README.md`, msg.missingCard(), { model: id })] };
  const r = readRegistryText(root, readme.rel, LIMITS.markdown, id);
  if (r.text === undefined) return { card: null, body: '', diagnostics: r.diagnostics, rel: readme.rel };
  const p = parseFrontMatter(r.text, readme.rel, CardSchema, id, CARD_OPTIONAL);
  return { card: p.value ?? null, body: p.body, diagnostics: [...r.diagnostics, ...p.diagnostics], rel: readme.rel, locate: p.locate };
}

/**
 * The team a model's snapshot will name: its card's, or "unassigned" when the card cannot be
 * read (src/core/model.ts brokenModel). Reads the card only (the site lists team pages early).
 */
export function modelTeam(root: string, id: string): string {
  const listing = listRegistryDir(root, `models/${id}`, id);
  return readCard(root, id, new Map(listing.entries.map((e) => [e.name, e]))).card?.team ?? UNASSIGNED_TEAM;
}

/** The card, versions and reference of a model, and the job of reading its metric and window lines. */
function loadModelHead(root: string, id: string, opts: ModelLoadOptions): { model: ModelData; job: LinesJob } {
  const dir = `models/${id}`;
  const ds: Diagnostic[] = [];
  const files: string[] = [];
  const locators = new Map<string, Locator>();
  const model: ModelData = {
    id, dir, card: null, body: '', versions: [], series: [], points: 0, duplicates: 0,
    reference: null, windows: [], windowCount: 0, files, diagnostics: ds,
    locate: locatorOf(locators),
  };
  const list = (rel: string) => {
    const l = listRegistryDir(root, rel, id);
    ds.push(...l.diagnostics);
    return l.entries;
  };
  if (!SLUG_RE.test(id)) ds.push(diag('error', dir, msg.badSlug('model id', id), { model: id }));

  const listing = listRegistryDir(root, dir, id);
  ds.push(...listing.diagnostics);
  const names = new Map(listing.entries.map((e) => [e.name, e]));

  // The model card.
  const card = readCard(root, id, names);
  ds.push(...card.diagnostics);
  if (card.rel) {
    files.push(card.rel);
    if (card.locate) locators.set(card.rel, card.locate);
  }
  model.card = card.card;
  model.body = card.body;

  for (const e of listing.entries) {
    if (!['README.md', 'versions', 'metrics', 'features'].includes(e.name)) ds.push(diag('warning', e.rel, msg.unknownFile(e.name), { model: id }));
  }

  // Versions.
  const seenVersions = new Map<string, string>();
  for (const e of list(`${dir}/versions`)) {
    const m = /^(.+)\.ya?ml$/.exec(e.name);
    if (e.kind !== 'file' || !m) {
      ds.push(diag('warning', e.rel, msg.badFileName(e.name, 'versions/<version>.yaml', 'versions/v3.yaml'), { model: id }));
      continue;
    }
    files.push(e.rel);
    const stem = m[1];
    if (!VERSION_RE.test(stem)) ds.push(diag('error', e.rel, msg.badSlug('version id', stem), { model: id }));
    const r = readRegistryText(root, e.rel, LIMITS.yaml, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) continue;
    const p = parseYaml(r.text, e.rel, VersionSchema, { model: id });
    ds.push(...p.diagnostics);
    if (p.locate) locators.set(e.rel, p.locate);
    if (!p.value) continue;
    if (p.value.version !== stem) ds.push(diag('error', e.rel, msg.versionNameMismatch(p.value.version, stem), { ...model.locate(e.rel, ['version']), field: 'version', model: id }));
    const other = seenVersions.get(p.value.version);
    if (other) {
      ds.push(diag('error', e.rel, msg.duplicateVersion(p.value.version, other), { field: 'version', model: id }));
      continue;
    }
    seenVersions.set(p.value.version, e.rel);
    model.versions.push({ ...p.value, file: e.rel });
  }
  model.versions.sort((a, b) => isoToMs(a.trained_at) - isoToMs(b.trained_at) || (a.version < b.version ? -1 : 1));

  // The metric and feature-window files: listed here, read by readModelLines (here or in a worker thread).
  const metricFiles: { rel: string; month: string }[] = [];
  for (const e of list(`${dir}/metrics`)) {
    const m = MONTH_FILE.exec(e.name);
    if (e.kind !== 'file' || !m) {
      ds.push(diag('warning', e.rel, msg.badFileName(e.name, 'metrics/<YYYY-MM>.ndjson', 'metrics/2026-10.ndjson'), { model: id }));
      continue;
    }
    files.push(e.rel);
    metricFiles.push({ rel: e.rel, month: `${m[1]}-${m[2]}` });
  }
  const knownVersions = new Set(model.versions.map((v) => v.version));
  const featureEntries = list(`${dir}/features`);
  // The reference first: a batch line may take its histogram edges.
  const refEntry = featureEntries.find((e) => e.kind === 'file' && e.name === 'reference.json');
  if (refEntry) {
    files.push(refEntry.rel);
    const r = readRegistryText(root, refEntry.rel, LIMITS.json, id);
    ds.push(...r.diagnostics);
    if (r.text !== undefined) {
      const p = parseJsonDocument(r.text, refEntry.rel, ReferenceSchema, { model: id });
      ds.push(...p.diagnostics);
      if (p.locate) locators.set(refEntry.rel, p.locate);
      model.reference = p.value ?? null;
      if (p.value && !knownVersions.has(p.value.version)) {
        ds.push(diag('error', refEntry.rel, msg.missingVersion(p.value.version, 'the reference', [...knownVersions]), { ...model.locate(refEntry.rel, ['version']), field: 'version', model: id }));
      }
    }
  }
  // A card may widen the drift window (drift.window_days): keep what its check compares.
  const cardDays = model.card?.drift?.window_days;
  const keepWindows = opts.keepWindows && cardDays !== undefined
    ? { from: Math.min(opts.keepWindows.from, opts.keepWindows.to - cardDays * 86_400_000), to: opts.keepWindows.to }
    : opts.keepWindows;
  const featureFiles: { rel: string; month: string }[] = [];
  for (const e of featureEntries) {
    if (e === refEntry) continue;
    const m = MONTH_FILE.exec(e.name);
    if (e.kind !== 'file' || !m) {
      ds.push(diag('warning', e.rel, msg.badFileName(e.name, 'features/reference.json or features/<YYYY-MM>.ndjson', 'features/2026-10.ndjson'), { model: id }));
      continue;
    }
    files.push(e.rel);
    const month = `${m[1]}-${m[2]}`;
    // Evaluating reads only the months around the drift window: at two years of daily windows
    // the other 23 months are ~60% of a registry's bytes (spog validate still reads them all).
    if (keepWindows && !opts.everyFeatureFile && !monthMayHold(month, keepWindows)) continue;
    featureFiles.push({ rel: e.rel, month });
  }
  const job: LinesJob = {
    root, id, dir, metricFiles, featureFiles, knownVersions: [...knownVersions],
    asOf: opts.asOf, keepWindows, edges: referenceEdges(model.reference),
  };
  return { model, job };
}

/** Take the result of readModelLines into the model. */
function mergeLines(model: ModelData, r: LinesResult): void {
  model.diagnostics.push(...r.diagnostics);
  model.series = r.series;
  model.points = r.points;
  model.duplicates = r.duplicates;
  model.windows = r.windows;
  model.windowCount = r.windowCount;
}

function loadModel(root: string, id: string, opts: ModelLoadOptions): ModelData {
  const { model, job } = loadModelHead(root, id, opts);
  mergeLines(model, readModelLines(job));
  return model;
}

/**
 * Where a registry load starts: its config, the model directories to read and what to keep.
 * loadRegistry reads the models on this thread (with line-reading workers); src/compute reads
 * and evaluates them in worker threads from the same plan.
 */
export interface RegistryPlan {
  root: string;
  config: Config;
  /** Registry-level diagnostics: spog.yaml, the models/ listing and cross-model rules. */
  diagnostics: Diagnostic[];
  /** Model directory names, in listing order. */
  ids: string[];
  /** Evaluation time in ms, when one was given. */
  asOf?: number;
  /** Keep feature windows with from < t <= to (the drift window before asOf); all when absent. */
  keepWindows?: { from: number; to: number };
  /**
   * Read every feature file (spog validate, spog diff); otherwise, with an evaluation time, only
   * the months that can hold a window to keep are read.
   */
  everyFeatureFile?: boolean;
}

/** A registry's spog.yaml (defaults when it is missing or invalid; the diagnostics are loadRegistry's to give). */
export function readConfig(root: string): Config {
  return loadConfig(root, []);
}

/** Read spog.yaml and list the model directories. */
export function planRegistry(root: string, asOfOpt?: LoadOptions['asOf'], opts: Pick<LoadOptions, 'everyFeatureFile'> = {}): RegistryPlan {
  const diagnostics: Diagnostic[] = [];
  const config = loadConfig(root, diagnostics);
  const plan: RegistryPlan = { root, config, diagnostics, ids: [], ...(opts.everyFeatureFile ? { everyFeatureFile: true } : {}) };
  if (!isDirectory(root)) {
    diagnostics.push(diag('error', '.', { message: `registry directory "${root}" does not exist`, example: 'spog validate ./registry' }));
  } else {
    const listing = listRegistryDir(root, 'models');
    diagnostics.push(...listing.diagnostics);
    if (!isDirectory(`${root}/models`)) diagnostics.push(diag('error', 'models', msg.noModels()));
    plan.ids = listing.entries.filter((e) => e.kind === 'dir').map((e) => e.name);
    for (const e of listing.entries) if (e.kind !== 'dir') diagnostics.push(diag('warning', e.rel, msg.unknownFile(e.name)));
    const asOf = typeof asOfOpt === 'function' ? asOfOpt(config) : asOfOpt;
    if (asOf !== undefined) {
      plan.asOf = asOf;
      plan.keepWindows = { from: asOf - config.defaults.drift.window_days * 86_400_000, to: asOf };
    }
  }
  diagnostics.push(...checkRegistry(config));
  return plan;
}

/** Read and check one model of a plan on this thread; its diagnostics sorted. */
export function loadPlannedModel(plan: Pick<RegistryPlan, 'root' | 'config' | 'asOf' | 'keepWindows' | 'everyFeatureFile'>, id: string): ModelData {
  const m = loadModel(plan.root, id, { asOf: plan.asOf, keepWindows: plan.keepWindows, everyFeatureFile: plan.everyFeatureFile });
  checkModel(m, plan.config);
  m.diagnostics = sortDiagnostics(m.diagnostics);
  return m;
}

/** What a loaded model adds to the registry's counts. */
export interface ModelCounts {
  versions: number;
  metricPoints: number;
  featureWindows: number;
  errors: number;
  warnings: number;
}

export function modelCounts(m: ModelData): ModelCounts {
  let errors = 0;
  for (const d of m.diagnostics) if (d.severity === 'error') errors++;
  return { versions: m.versions.length, metricPoints: m.points, featureWindows: m.windowCount, errors, warnings: m.diagnostics.length - errors };
}

/** The registry's diagnostics (sorted) and counts, from its plan and its models' diagnostics and counts. */
export function registryTotals(plan: RegistryPlan, models: { diagnostics: Diagnostic[]; counts: ModelCounts }[]): { diagnostics: Diagnostic[]; counts: Registry['counts'] } {
  const all = sortDiagnostics([...plan.diagnostics, ...models.flatMap((m) => m.diagnostics)]);
  let errors = 0;
  for (const d of all) if (d.severity === 'error') errors++;
  const sum = (k: keyof ModelCounts) => models.reduce((s, m) => s + m.counts[k], 0);
  return {
    diagnostics: all,
    counts: { models: models.length, versions: sum('versions'), metricPoints: sum('metricPoints'), featureWindows: sum('featureWindows'), errors, warnings: all.length - errors },
  };
}

/** Read, parse and check a whole registry. Never throws for bad input. */
export function loadRegistry(root: string, opts: LoadOptions = {}): Registry {
  const plan = planRegistry(root, opts.asOf, opts);
  const { ids } = plan;
  const models: ModelData[] = [];
  const threads = opts.threads ?? threadsFor(ids.length);
  const pool = threads > 0 && ids.length > 0 ? LinesPool.start(threads) : undefined;
  if (!pool) {
    ids.forEach((id, i) => {
      models.push(loadPlannedModel(plan, id));
      opts.onModel?.(i + 1, ids.length, id);
    });
  } else {
    // The main thread reads cards, versions and references while the workers read the lines.
    try {
      const heads: ModelData[] = [];
      let done = 0;
      const finish = ([i, lines]: [number, LinesResult]) => {
        const m = heads[i];
        mergeLines(m, lines);
        checkModel(m, plan.config);
        m.diagnostics = sortDiagnostics(m.diagnostics);
        models[i] = m;
        opts.onModel?.(++done, ids.length, m.id);
      };
      ids.forEach((id, i) => {
        const { model, job } = loadModelHead(root, id, { asOf: plan.asOf, keepWindows: plan.keepWindows, everyFeatureFile: plan.everyFeatureFile });
        heads[i] = model;
        while (pool.outstanding >= threads * 3) finish(pool.take());
        pool.submit(i, job);
      });
      while (pool.outstanding > 0) finish(pool.take());
    } finally {
      pool.close();
    }
  }
  const { diagnostics, counts } = registryTotals(plan, models.map((m) => ({ diagnostics: m.diagnostics, counts: modelCounts(m) })));
  return { root, config: plan.config, models, diagnostics, counts };
}
