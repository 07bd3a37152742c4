/**
 * Load a registry directory: read (files.ts) -> parse (parse.ts) -> cross-file rules (rules.ts).
 * Every problem is collected; nothing throws for bad input. A model with broken files is still
 * returned, with its diagnostics, so the build can show it as a registry error.
 */
import type { Diagnostic, LoadedIncident, LoadedWindow, ModelData, Registry, RegistryCounts } from '../core/input.ts';
import { resolveAsOf, type AsOf } from '../core/time.ts';
import { formatMsg, inputMsg, msg, outputMsg } from '../messages.ts';
import { CARD_OPTIONAL, CardSchema, type Card } from '../schema/card.ts';
import { isoToMs, SLUG_RE, UNASSIGNED_TEAM, VERSION_RE } from '../schema/common.ts';
import { ConfigSchema, FORMAT_VERSION, RawConfigSchema, salvageConfig, type Config } from '../schema/config.ts';
import { ReferenceSchema } from '../schema/features.ts';
import { INCIDENT_FILE_RE, IncidentSchema } from '../schema/incident.ts';
import { VersionSchema } from '../schema/version.ts';
import { diag, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';
import { LIMITS } from './files.ts';
import { monthRange, readModelLines, referenceEdges, type LinesJob } from './lines.ts';
import { frontMatterScalars, parseFrontMatter, parseJsonDocument, parseYaml, type Locator } from './parse.ts';
import { checkModel, checkRegistry, failedVersions } from './rules.ts';
import type { DirEntry } from './files.ts';
import { fsSource, openSource, type Source, type SourceSpec } from './source.ts';

const MONTH_FILE = /^(\d{4})-(\d{2})\.ndjson$/;

/**
 * spog.yaml, and its errors. A spog.yaml that cannot be read or does not validate gives errors;
 * the config is then its valid part (salvageConfig), for the checks that can still run on it
 * (spog validate), and the commands that evaluate refuse it (requireConfig; docs/decisions.md): the
 * built-in defaults and today's date in place of a misspelt field or the pinned as-of would
 * change every colour without a word.
 */
function loadConfig(source: Source, diagnostics: Diagnostic[]): { config: Config; errors: Diagnostic[] } {
  const fallback = ConfigSchema.parse({});
  const r = source.read('spog.yaml', LIMITS.yaml);
  const text = r.ascii ? r.ascii.toString('latin1') : r.text;
  const errorsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
  if (text === undefined) {
    diagnostics.push(...(r.missing ? [diag('warning', 'spog.yaml', msg.missingConfig())] : r.diagnostics));
    return { config: fallback, errors: r.missing ? [] : errorsOf(r.diagnostics) };
  }
  const p = parseYaml(text, 'spog.yaml', ConfigSchema);
  diagnostics.push(...p.diagnostics);
  if (p.value && p.value.format_version < FORMAT_VERSION) {
    // Written for an older format: its fields may mean something else now (workflow/migrate.ts).
    const old = diag('error', 'spog.yaml', { message: formatMsg.olderThanSpog(p.value.format_version, FORMAT_VERSION) }, { field: 'format_version' });
    diagnostics.push(old);
    return { config: p.value, errors: [old] };
  }
  if (p.value) return { config: p.value, errors: [] };
  const raw = parseYaml(text, 'spog.yaml', RawConfigSchema).value;
  const salvaged = raw ? salvageConfig(raw) : { value: fallback, dropped: ['everything'] };
  diagnostics.push(diag('warning', 'spog.yaml', outputMsg.configSalvaged(salvaged.dropped)));
  return { config: salvaged.value, errors: errorsOf(p.diagnostics) };
}

/** spog.yaml has errors: the commands that evaluate (build, status, alerts) refuse to run on it. */
export class ConfigError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(command: string, diagnostics: Diagnostic[]) {
    super(outputMsg.configRefused(command, diagnostics.map(formatDiagnostic)));
    this.diagnostics = diagnostics;
  }
}

/** Throw ConfigError when the plan's spog.yaml has errors (see loadConfig). */
export function requireConfig(plan: Pick<RegistryPlan, 'configErrors'>, command: string): void {
  if (plan.configErrors?.length) throw new ConfigError(command, plan.configErrors);
}

/** A file's text, whether the source gave bytes (ASCII) or text. */
function readText(source: Source, rel: string, limit: number, model?: string): { text?: string; diagnostics: Diagnostic[] } {
  const r = source.read(rel, limit, model);
  return { text: r.ascii ? r.ascii.toString('latin1') : r.text, diagnostics: r.diagnostics };
}

interface ModelLoadOptions {
  asOf?: number;
  /** Read the card, versions and reference only, not the metric and window lines. */
  headsOnly?: boolean;
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

/** The name, team and lifecycle of a card that cannot be used, each kept when its own schema accepts it. */
function salvageCard(text: string): ModelData['salvaged'] {
  const shape = CardSchema.shape;
  const raw = frontMatterScalars(text, ['name', 'team', 'lifecycle']);
  const out: NonNullable<ModelData['salvaged']> = {};
  const name = shape.name.safeParse(raw.name);
  if (name.success) out.name = name.data;
  const team = shape.team.safeParse(raw.team);
  if (team.success) out.team = team.data;
  const lifecycle = shape.lifecycle.safeParse(raw.lifecycle);
  if (lifecycle.success) out.lifecycle = lifecycle.data;
  return out;
}

/** What a listed entry that is not a regular file is, for a message. */
const whatIs = (e: DirEntry) => (e.kind === 'dir' ? 'folder' : (e.special ?? 'special file'));

/**
 * An entry named as a registry file that is not a regular file (a folder, a FIFO): an error, not
 * a warning about its name, because the data it should hold is missing.
 */
function notAFile(e: DirEntry, expected: string, id: string): Diagnostic {
  return diag('error', e.rel, inputMsg.notAFile(e.name, whatIs(e), expected), { model: id });
}

/** What a registry file of one kind is: the content it holds, the folder's layout and an example name. */
interface FileKind {
  what: string;
  layout: string;
  example: string;
}

/**
 * A folder entry read as a registry file named by `pattern`: the name's match; 'not-a-file' for a
 * folder, FIFO, socket or device with such a name (an error); null for any other name (a warning).
 */
function named(e: DirEntry, pattern: RegExp, kind: FileKind, id: string, ds: Diagnostic[]): RegExpExecArray | 'not-a-file' | null {
  const m = pattern.exec(e.name);
  if (m && e.kind !== 'file') {
    ds.push(notAFile(e, kind.what, id));
    return 'not-a-file';
  }
  if (e.kind !== 'file' || !m) {
    ds.push(diag('warning', e.rel, msg.badFileName(e.name, kind.layout, kind.example), { model: id }));
    return null;
  }
  return m;
}

/** A model's card from its README.md (`names`: the model folder's entries). */
function readCard(source: Source, id: string, names: Map<string, DirEntry>): { card: Card | null; salvaged?: ModelData['salvaged']; body: string; diagnostics: Diagnostic[]; rel?: string; locate?: Locator } {
  const readme = names.get('README.md');
  if (!readme) return { card: null, body: '', diagnostics: [diag('error', `models/${id}/README.md`, msg.missingCard(), { model: id })] };
  if (readme.kind !== 'file') return { card: null, body: '', diagnostics: [notAFile(readme, 'the model card README.md', id)], rel: readme.rel };
  const r = readText(source, readme.rel, LIMITS.markdown, id);
  if (r.text === undefined) return { card: null, body: '', diagnostics: r.diagnostics, rel: readme.rel };
  const p = parseFrontMatter(r.text, readme.rel, CardSchema, id, CARD_OPTIONAL);
  return { card: p.value ?? null, ...(p.value ? {} : { salvaged: salvageCard(r.text) }), body: p.body, diagnostics: [...r.diagnostics, ...p.diagnostics], rel: readme.rel, locate: p.locate };
}

/**
 * The team a model's snapshot will name: its card's, the `team:` line of a card that does not
 * validate, or "unassigned" (src/core/model.ts brokenModel). Reads the card only (the site lists
 * team pages early).
 */
export function modelTeam(plan: RegistryPlan, id: string): string {
  const listing = plan.source.list(`models/${id}`, id);
  const c = readCard(plan.source, id, new Map(listing.entries.map((e) => [e.name, e])));
  return c.card?.team ?? c.salvaged?.team ?? UNASSIGNED_TEAM;
}

/** A model's card alone (null when it cannot be read), e.g. for its owners. */
export function modelCard(source: Source, id: string): Card | null {
  const listing = source.list(`models/${id}`, id);
  return readCard(source, id, new Map(listing.entries.map((e) => [e.name, e]))).card;
}

/** Incident files sort by the day they were opened, then their number that day ("-2" before "-10"). */
const incidentOrder = (a: LoadedIncident, b: LoadedIncident) => {
  const [da, na] = [a.id.slice(0, 10), Number(a.id.slice(11))];
  const [db, nb] = [b.id.slice(0, 10), Number(b.id.slice(11))];
  return da < db ? -1 : da > db ? 1 : na - nb;
};

/** A model's incidents/*.yaml, each checked against the incident schema; at most one may be open. */
function readIncidents(source: Source, id: string, entries: DirEntry[], files: string[], locators: Map<string, Locator>, ds: Diagnostic[]): LoadedIncident[] {
  const out: LoadedIncident[] = [];
  for (const e of entries) {
    const m = named(e, INCIDENT_FILE_RE, { what: 'an incident', layout: 'incidents/<YYYY-MM-DD>-<n>.yaml', example: 'incidents/2026-10-29-1.yaml' }, id, ds);
    if (!m || m === 'not-a-file') continue;
    files.push(e.rel);
    const r = readText(source, e.rel, LIMITS.yaml, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) continue;
    const p = parseYaml(r.text, e.rel, IncidentSchema, { model: id });
    ds.push(...p.diagnostics);
    if (p.locate) locators.set(e.rel, p.locate);
    if (p.value) out.push({ ...p.value, id: e.name.replace(/\.yaml$/, ''), file: e.rel });
  }
  out.sort(incidentOrder);
  const open = out.filter((x) => x.status === 'acknowledged');
  for (const later of open.slice(1)) {
    const pos = locators.get(later.file)?.(['status']) ?? {};
    ds.push(diag('error', later.file, msg.twoOpenIncidents(open[0].file), { ...pos, field: 'status', model: id }));
  }
  return out;
}

/** A metric name as written in a line, `"metric": "<name>"` (JSON string escapes allowed). */
const METRIC_FIELD = /"metric"\s*:\s*("(?:[^"\\]|\\.)*")/g;

/**
 * The metric names a model has: its card's (primary metric, fairness selection metric, software
 * and data-quality limits), its versions' evaluations, and the names in its metric lines. For
 * `spog log`, which refuses a name the model does not have yet. `wanted` stops the reading at the
 * first place that has it (the newest month, then card and versions, then older months), so
 * logging a known metric reads little even after years of lines; only a name that is nowhere
 * reads every line, and only the name field of each (spog validate checks the lines themselves).
 */
export function modelMetricNames(source: Source, id: string, wanted?: string): { found: boolean; names: string[] } {
  const dir = `models/${id}`;
  const names = new Set<string>();
  const done = () => wanted !== undefined && names.has(wanted);
  const result = () => ({ found: done(), names: [...names].sort() });
  const months = source.list(`${dir}/metrics`, id).entries.filter((e) => e.kind === 'file' && MONTH_FILE.test(e.name)).sort((a, b) => (a.name < b.name ? 1 : -1));
  const readLines = (e: DirEntry) => {
    const r = readText(source, e.rel, LIMITS.ndjson, id);
    for (const m of r.text?.matchAll(METRIC_FIELD) ?? []) {
      try {
        names.add(JSON.parse(m[1]) as string);
      } catch {
        // Not a JSON string: the line's own problem, reported by spog validate.
      }
    }
  };
  // The newest month first: a metric logged every day is there, and a regular expression over
  // one month of lines is quicker than parsing the card's YAML.
  if (months.length) readLines(months[0]);
  if (done()) return result();
  const listing = source.list(dir, id);
  const card = readCard(source, id, new Map(listing.entries.map((e) => [e.name, e]))).card;
  if (card) {
    names.add(card.primary_metric.name);
    if (card.fairness) names.add(card.fairness.selection_metric);
    for (const k of Object.keys(card.software ?? {})) names.add(k);
    for (const k of Object.keys(card.data_quality ?? {})) names.add(k);
  }
  for (const e of source.list(`${dir}/versions`, id).entries) {
    if (e.kind !== 'file' || !/\.ya?ml$/.test(e.name)) continue;
    const r = readText(source, e.rel, LIMITS.yaml, id);
    const v = r.text === undefined ? undefined : parseYaml(r.text, e.rel, VersionSchema, { model: id }).value;
    for (const k of [...Object.keys(v?.metrics ?? {}), ...Object.keys(v?.expected ?? {}), ...Object.values(v?.slices ?? {}).flatMap((sl) => Object.keys(sl))]) names.add(k);
  }
  for (const e of months.slice(1)) {
    if (done()) break;
    readLines(e);
  }
  return result();
}

/** The card, versions and reference of a model, and the job of reading its metric and window lines. */
function loadModelHead(source: Source, id: string, opts: ModelLoadOptions): { model: ModelData; job: LinesJob } {
  const dir = `models/${id}`;
  const ds: Diagnostic[] = [];
  const files: string[] = [];
  const failed: string[] = [];
  const locators = new Map<string, Locator>();
  const model: ModelData = {
    id, dir, card: null, body: '', versions: [], series: [], points: 0, duplicates: 0,
    reference: null, windows: [], windowCount: 0, incidents: [], files, failed, diagnostics: ds,
    locate: locatorOf(locators),
  };
  const list = (rel: string) => {
    const l = source.list(rel, id);
    ds.push(...l.diagnostics);
    return l.entries;
  };
  if (!SLUG_RE.test(id)) ds.push(diag('error', dir, msg.badSlug('model id', id), { model: id }));

  const listing = source.list(dir, id);
  ds.push(...listing.diagnostics);
  const names = new Map(listing.entries.map((e) => [e.name, e]));

  // The model card.
  const card = readCard(source, id, names);
  ds.push(...card.diagnostics);
  if (card.rel) {
    files.push(card.rel);
    if (!card.card) failed.push(card.rel);
    if (card.locate) locators.set(card.rel, card.locate);
  }
  model.card = card.card;
  if (card.salvaged) model.salvaged = card.salvaged;
  model.body = card.body;

  for (const e of listing.entries) {
    if (!['README.md', 'versions', 'metrics', 'features', 'incidents'].includes(e.name)) ds.push(diag('warning', e.rel, msg.unknownFile(e.name), { model: id }));
  }

  // Versions.
  const seenVersions = new Map<string, string>();
  for (const e of list(`${dir}/versions`)) {
    const m = named(e, /^(.+)\.ya?ml$/, { what: 'a version', layout: 'versions/<version>.yaml', example: 'versions/v3.yaml' }, id, ds);
    if (m === 'not-a-file') {
      files.push(e.rel);
      failed.push(e.rel);
      continue;
    }
    if (!m) continue;
    files.push(e.rel);
    const stem = m[1];
    if (!VERSION_RE.test(stem)) ds.push(diag('error', e.rel, msg.badSlug('version id', stem), { model: id }));
    const r = readText(source, e.rel, LIMITS.yaml, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) {
      failed.push(e.rel);
      continue;
    }
    const p = parseYaml(r.text, e.rel, VersionSchema, { model: id });
    ds.push(...p.diagnostics);
    if (p.locate) locators.set(e.rel, p.locate);
    if (!p.value) {
      failed.push(e.rel);
      continue;
    }
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

  // Incidents (small, read also for heads only: spog ack validates its edit through them).
  model.incidents = readIncidents(source, id, list(`${dir}/incidents`), files, locators, ds);

  // The metric and feature-window files: listed here, read by readModelLines (here or in a worker thread).
  const metricFiles: { rel: string; month: string }[] = [];
  for (const e of opts.headsOnly ? [] : list(`${dir}/metrics`)) {
    const m = named(e, MONTH_FILE, { what: "a month's metric lines", layout: 'metrics/<YYYY-MM>.ndjson', example: 'metrics/2026-10.ndjson' }, id, ds);
    if (!m || m === 'not-a-file') continue;
    files.push(e.rel);
    metricFiles.push({ rel: e.rel, month: `${m[1]}-${m[2]}` });
  }
  const knownVersions = new Set(model.versions.map((v) => v.version));
  const featureEntries = opts.headsOnly ? [] : list(`${dir}/features`);
  // The reference first: a batch line may take its histogram edges.
  const refEntry = featureEntries.find((e) => e.name === 'reference.json');
  if (refEntry && refEntry.kind !== 'file') {
    ds.push(notAFile(refEntry, 'the training reference', id));
    files.push(refEntry.rel);
    failed.push(refEntry.rel);
  } else if (refEntry) {
    files.push(refEntry.rel);
    const r = readText(source, refEntry.rel, LIMITS.json, id);
    ds.push(...r.diagnostics);
    if (r.text === undefined) failed.push(refEntry.rel);
    else {
      const p = parseJsonDocument(r.text, refEntry.rel, ReferenceSchema, { model: id });
      ds.push(...p.diagnostics);
      if (p.locate) locators.set(refEntry.rel, p.locate);
      model.reference = p.value ?? null;
      if (!p.value) failed.push(refEntry.rel);
      if (p.value && !knownVersions.has(p.value.version) && !failedVersions(model).includes(p.value.version)) {
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
    const m = named(e, MONTH_FILE, { what: "a month's feature windows", layout: 'features/reference.json or features/<YYYY-MM>.ndjson', example: 'features/2026-10.ndjson' }, id, ds);
    if (!m || m === 'not-a-file') continue;
    files.push(e.rel);
    const month = `${m[1]}-${m[2]}`;
    // Evaluating reads only the months around the drift window: at two years of daily windows
    // the other 23 months are ~60% of a registry's bytes (spog validate still reads them all).
    if (keepWindows && !opts.everyFeatureFile && !monthMayHold(month, keepWindows)) continue;
    featureFiles.push({ rel: e.rel, month });
  }
  const job: LinesJob = {
    source, id, dir, metricFiles, featureFiles, knownVersions: [...knownVersions], failedVersions: failedVersions(model),
    asOf: opts.asOf, keepWindows, edges: referenceEdges(model.reference),
  };
  return { model, job };
}

function loadModel(source: Source, id: string, opts: ModelLoadOptions): ModelData {
  const { model, job } = loadModelHead(source, id, opts);
  if (opts.headsOnly) return model;
  const r = readModelLines(job);
  model.diagnostics.push(...r.diagnostics);
  model.series = r.series;
  model.points = r.points;
  model.duplicates = r.duplicates;
  model.windows = r.windows;
  model.windowCount = r.windowCount;
  return model;
}

/**
 * A registry load, decided once before any model is read: where from, its config (spog.yaml, read
 * once), the models to read, the evaluation time (resolved once) and what to keep. Every command
 * reads models from a plan, on this thread (loadRegistry, loadPlannedModel) or in the worker pool
 * (src/compute), which opens the same source from `spec`.
 */
export interface RegistryPlan {
  source: Source;
  config: Config;
  /** Registry-level diagnostics: spog.yaml, the models/ listing and cross-model rules. */
  diagnostics: Diagnostic[];
  /** The errors of spog.yaml itself (the config is then only its valid part: requireConfig). */
  configErrors?: Diagnostic[];
  /** Model directory names that are model ids (slugs), in listing order; any other folder is a registry error. */
  ids: string[];
  /** The evaluation time, when there is one (without it every feature window is kept). */
  asOf?: AsOf;
  /** Keep feature windows with from < t <= to (the drift window before asOf); all when absent. */
  keepWindows?: { from: number; to: number };
  /**
   * Read every feature file (spog validate, spog diff); otherwise, with an evaluation time, only
   * the months that can hold a window to keep are read.
   */
  everyFeatureFile?: boolean;
  /** Read cards, versions and references only (codeowners; promote and retire validating an edit). */
  headsOnly?: boolean;
  /** Only some of the registry's models are read (selectModels). */
  partial?: boolean;
}

/** What a worker needs of a plan to read one of its models: plain data. */
export interface PlanContext {
  spec: SourceSpec;
  config: Config;
  asOf?: AsOf;
  keepWindows?: { from: number; to: number };
  everyFeatureFile?: boolean;
  headsOnly?: boolean;
}

/** The evaluation time of a registry: the --as-of flag, else its spog.yaml pin, SOURCE_DATE_EPOCH or today. */
export function asOfOf(config: Config, flag?: string): AsOf {
  return resolveAsOf({ flag, registry: config.as_of, env: process.env.SOURCE_DATE_EPOCH });
}

export interface OpenOptions {
  everyFeatureFile?: boolean;
  headsOnly?: boolean;
}

/** Read spog.yaml and list the model directories: a plan without an evaluation time yet (see at()). */
export function openRegistry(source: Source, opts: OpenOptions = {}): RegistryPlan {
  const diagnostics: Diagnostic[] = [];
  const { config, errors } = loadConfig(source, diagnostics);
  const plan: RegistryPlan = { source, config, diagnostics, ...(errors.length ? { configErrors: errors } : {}), ids: [], ...(opts.everyFeatureFile ? { everyFeatureFile: true } : {}), ...(opts.headsOnly ? { headsOnly: true } : {}) };
  if (!source.exists()) {
    diagnostics.push(diag('error', '.', msg.noRegistry(source.label)));
  } else {
    const listing = source.list('models');
    diagnostics.push(...listing.diagnostics);
    if (!source.isDir('models')) diagnostics.push(diag('error', 'models', msg.noModels()));
    // A model's id is its folder's name and its pages' address: a folder named "%2e%2e", "a b#c"
    // or with a newline cannot be either, so it is a registry error, and not a model to read.
    for (const e of listing.entries) {
      // A hidden file (.gitkeep, which keeps an empty models/ in git; .DS_Store) is no mistake to warn about.
      if (e.kind !== 'dir') {
        if (!e.name.startsWith('.')) diagnostics.push(diag('warning', e.rel, msg.unknownFile(e.name)));
      } else if (SLUG_RE.test(e.name)) plan.ids.push(e.name);
      else diagnostics.push(diag('error', `models/${JSON.stringify(e.name).slice(1, -1)}`, inputMsg.modelFolderNotSlug(e.name)));
    }
  }
  diagnostics.push(...checkRegistry(config));
  return plan;
}

/** The plan evaluated at `asOf`: later timestamps are warned about, and only the drift window's feature windows kept. */
export function at(plan: RegistryPlan, asOf: AsOf): RegistryPlan {
  return { ...plan, asOf, keepWindows: { from: asOf.endMs - plan.config.defaults.drift.window_days * 86_400_000, to: asOf.endMs } };
}

/** Open a registry and resolve its evaluation time (asOfOf; a malformed flag throws before any model is read). */
export function planRegistry(source: Source, opts: OpenOptions & { asOfFlag?: string } = {}): RegistryPlan {
  const plan = openRegistry(source, opts);
  return at(plan, asOfOf(plan.config, opts.asOfFlag));
}

/** Keep only the models `only` (all when empty); the ids that are not in the registry are returned. */
export function selectModels(plan: RegistryPlan, only: string[] | undefined): string[] {
  if (!only?.length) return [];
  const unknown = only.filter((id) => !plan.ids.includes(id));
  if (!unknown.length) {
    plan.ids = plan.ids.filter((id) => only.includes(id));
    plan.partial = true;
  }
  return unknown;
}

/** The plain-data part of a plan, for a worker thread. */
export function planContext(plan: RegistryPlan): PlanContext {
  const { config, asOf, keepWindows, everyFeatureFile, headsOnly } = plan;
  return { spec: plan.source.spec, config, asOf, keepWindows, everyFeatureFile, headsOnly };
}

/** A plan's context with its source opened (in a worker thread, once per thread). */
export function openContext(ctx: PlanContext): PlanContext & { source: Source } {
  return { ...ctx, source: openSource(ctx.spec) };
}

/** Read and check one model of a plan on this thread; its diagnostics sorted. */
export function loadPlannedModel(plan: Pick<RegistryPlan, 'source' | 'config' | 'asOf' | 'keepWindows' | 'everyFeatureFile' | 'headsOnly'>, id: string): ModelData {
  const m = loadModel(plan.source, id, { asOf: plan.asOf?.endMs, keepWindows: plan.keepWindows, everyFeatureFile: plan.everyFeatureFile, headsOnly: plan.headsOnly });
  checkModel(m, plan.config);
  m.diagnostics = sortDiagnostics(m.diagnostics);
  return m;
}

/** What a loaded model adds to the registry's counts. */
export type ModelCounts = Omit<RegistryCounts, 'models'>;

export function modelCounts(m: ModelData): ModelCounts {
  let errors = 0;
  for (const d of m.diagnostics) if (d.severity === 'error') errors++;
  return { versions: m.versions.length, metricPoints: m.points, featureWindows: m.windowCount, errors, warnings: m.diagnostics.length - errors };
}

/** The registry's diagnostics (sorted) and counts, from its plan and its models' diagnostics and counts. */
export function registryTotals(plan: RegistryPlan, models: { diagnostics: Diagnostic[]; counts: ModelCounts }[]): { diagnostics: Diagnostic[]; counts: RegistryCounts } {
  const all = sortDiagnostics([...plan.diagnostics, ...models.flatMap((m) => m.diagnostics)]);
  let errors = 0;
  for (const d of all) if (d.severity === 'error') errors++;
  const sum = (k: keyof ModelCounts) => models.reduce((s, m) => s + m.counts[k], 0);
  return {
    diagnostics: all,
    counts: { models: models.length, versions: sum('versions'), metricPoints: sum('metricPoints'), featureWindows: sum('featureWindows'), errors, warnings: all.length - errors },
  };
}

/**
 * Read, parse and check every model of a plan on this thread. Never throws for bad input. For
 * small registries and tests; commands read large ones in the worker pool (src/compute).
 */
export function loadPlan(plan: RegistryPlan, onModel?: (index: number, total: number, id: string) => void): Registry {
  const models = plan.ids.map((id, i) => {
    const m = loadPlannedModel(plan, id);
    onModel?.(i + 1, plan.ids.length, id);
    return m;
  });
  const { diagnostics, counts } = registryTotals(plan, models.map((m) => ({ diagnostics: m.diagnostics, counts: modelCounts(m) })));
  return { root: plan.source.label, config: plan.config, models, diagnostics, counts };
}

/** Load the registry folder `root` on this thread (tests, scripts, small registries); with `asOf`, evaluated at that time. */
export function loadRegistry(root: string, opts: OpenOptions & { asOf?: AsOf } = {}): Registry {
  const plan = openRegistry(fsSource(root), opts);
  return loadPlan(opts.asOf ? at(plan, opts.asOf) : plan);
}

/** Load the registry folder `root` at its evaluation time (asOfOf), on this thread. */
export function loadAt(root: string, asOfFlag?: string, opts: OpenOptions = {}): { reg: Registry; asOf: AsOf } {
  const plan = planRegistry(fsSource(root), { ...opts, asOfFlag });
  return { reg: loadPlan(plan), asOf: plan.asOf! };
}
