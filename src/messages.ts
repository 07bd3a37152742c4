/**
 * Every user-facing message, in one place (as vega-lite's log/message.ts). `msg`: the registry's
 * diagnostics, each returning the message and, where it helps, what was expected and a valid
 * example. `cliMsg`, `logMsg`, `editMsg` and `webhookMsg`: what the commands say, each a
 * finished sentence (the caller adds only the "spog: " prefix and line breaks).
 */

export interface MessageParts {
  message: string;
  expected?: string;
  example?: string;
}

export const msg = {
  notUtf8: (): MessageParts => ({ message: 'file is not valid UTF-8', expected: 'UTF-8 text', example: 'save the file as UTF-8' }),
  tooLarge: (bytes: number, limit: number): MessageParts => ({
    message: `file is ${bytes} bytes, over the ${limit}-byte limit`,
    expected: `at most ${limit} bytes`,
    example: 'split metrics into monthly files metrics/<YYYY-MM>.ndjson',
  }),
  lineTooLong: (chars: number, limit: number): MessageParts => ({
    message: `line is ${chars} characters, over the ${limit}-character limit`,
    expected: `at most ${limit} characters per line`,
    example: 'send a histogram instead of a raw sample',
  }),
  symlinkOutside: (target: string): MessageParts => ({
    message: `symbolic link points outside the registry (${target}); refused`,
    expected: 'a regular file inside the registry',
  }),
  symlinkRefused: (): MessageParts => ({ message: 'symbolic links are not followed inside the registry', expected: 'a regular file' }),
  unreadable: (why: string): MessageParts => ({ message: `cannot read file: ${why}` }),
  yamlSyntax: (why: string): MessageParts => ({ message: `YAML syntax error: ${why}`, expected: 'valid YAML', example: 'key: value' }),
  yamlTabIndent: (line: number, text: string): MessageParts => {
    // The line as it should read: each tab of its indentation as two spaces.
    const fixed = text.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '  '));
    return {
      message: `the file uses a tab for indentation on line ${line}; YAML indents with spaces only: replace the tab with spaces (most editors: "convert indentation to spaces")`,
      expected: 'spaces before the key',
      example: `"${fixed.length > 60 ? `${fixed.slice(0, 60)}...` : fixed}"`,
    };
  },
  yamlAliases: (): MessageParts => ({
    message: 'too many YAML aliases (possible alias bomb); refused',
    expected: 'at most 100 alias uses',
  }),
  salvaged: (keys: string[]): MessageParts => ({
    message: `the rest of the file is used without ${keys.map((k) => `"${k}"`).join(', ')}, which ${keys.length === 1 ? 'has' : 'have'} errors (listed with their lines)`,
  }),
  yamlNotMapping: (): MessageParts => ({ message: 'the document must be a mapping of keys to values', example: 'name: Churn propensity' }),
  jsonSyntax: (why: string): MessageParts => ({ message: `JSON syntax error: ${why}`, expected: 'one JSON object per line', example: '{"ts":"2026-10-01","version":"v1","metric":"auc","value":0.81}' }),
  jsonNotObject: (): MessageParts => ({ message: 'each line must be a JSON object', example: '{"ts":"2026-10-01","version":"v1","metric":"auc","value":0.81}' }),
  forbiddenKey: (key: string): MessageParts => ({
    message: `key "${key}" is not allowed (it could alter object prototypes)`,
    expected: 'an ordinary key name',
  }),
  frontMatterMissing: (): MessageParts => ({
    message: 'the model card has no YAML front matter',
    expected: 'the file to start with a --- line, YAML fields, and a closing --- line',
    example: '---\\nname: Churn propensity\\nowners: [ana@example.org]\\n...\\n---',
  }),
  frontMatterLanguage: (lang: string): MessageParts => ({
    message: `front matter language "${lang}" is refused (only YAML is read; code is never run)`,
    expected: 'front matter opened by a plain --- line',
  }),
  unknownKey: (key: string, suggestion: string | undefined, allowed: string[]): MessageParts => ({
    message: `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    expected: allowed.length ? `one of ${allowed.map((a) => `"${a}"`).join(', ')}` : undefined,
  }),
  badSlug: (what: string, id: string): MessageParts => ({
    message: `${what} "${id}" is not a lowercase URL-safe slug`,
    expected: 'lowercase letters, digits and inner hyphens',
    example: 'churn-model',
  }),
  badFileName: (name: string, expected: string, example: string): MessageParts => ({
    message: `unexpected file name "${name}"`,
    expected,
    example,
  }),
  unknownFile: (name: string): MessageParts => ({
    message: `"${name}" is not a registry file and is ignored`,
    expected: 'README.md, versions/<version>.yaml, metrics/<YYYY-MM>.ndjson, features/reference.json or features/<YYYY-MM>.ndjson',
  }),
  missingCard: (): MessageParts => ({ message: 'model has no README.md model card', expected: 'models/<id>/README.md with YAML front matter' }),
  missingConfig: (): MessageParts => ({ message: 'no spog.yaml; defaults are used', example: 'title: Acme ML fleet' }),
  noModels: (): MessageParts => ({ message: 'the registry has no models/ directory', expected: 'models/<model-id>/README.md' }),
  versionNameMismatch: (field: string, file: string): MessageParts => ({
    message: `version "${field}" does not match the file name "${file}"`,
    expected: `version: ${file}`,
  }),
  duplicateVersion: (v: string, other: string): MessageParts => ({ message: `version "${v}" is defined twice (also in ${other})` }),
  duplicateTeam: (t: string): MessageParts => ({ message: `team "${t}" is defined twice` }),
  unknownTeam: (t: string, known: string[], suggestion?: string): MessageParts => ({
    message: `team "${t}" is not defined in spog.yaml${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    expected: known.length ? `one of ${known.map((k) => `"${k}"`).join(', ')}` : 'a team listed under teams: in spog.yaml',
  }),
  missingVersion: (v: string, what: string, known: string[]): MessageParts => ({
    message: `${what} refers to version "${v}", which has no versions/${v}.yaml`,
    expected: known.length ? `one of ${known.map((k) => `"${k}"`).join(', ')}` : 'a version file under versions/',
  }),
  twoChampions: (a: string, b: string): MessageParts => ({
    message: `two champions ("${a}" and "${b}"); a model has at most one`,
    expected: 'one deployment with role: champion, the others role: challenger',
  }),
  retiredDeployed: (v: string): MessageParts => ({
    message: `version "${v}" is retired but still deployed`,
    expected: 'remove the deployment, or set retired: false in the version file',
  }),
  productionWithoutChampion: (): MessageParts => ({
    message: 'lifecycle is production but no deployment has role: champion',
    example: 'deployments: [{version: v3, role: champion, mode: production}]',
  }),
  unknownVersionLines: (v: string, count: number, known: string[]): MessageParts => ({
    message: `${count} line(s) refer to version "${v}", which has no versions/${v}.yaml`,
    expected: known.length ? `one of ${known.map((k) => `"${k}"`).join(', ')}` : 'a version file under versions/',
  }),
  wrongMonth: (count: number, month: string, first: string): MessageParts => ({
    message: `${count} line(s) fall outside ${month}, first ${first}`,
    expected: `lines whose ts falls in the file's month`,
    example: `metrics/${first.slice(0, 7)}.ndjson`,
  }),
  wrongMonthWindows: (count: number, month: string, first: string): MessageParts => ({
    message: `${count} window line(s) fall outside ${month}, first ${first}: evaluations read a window only from the file of its month`,
    expected: `lines whose ts falls in the file's month`,
    example: `features/${first.slice(0, 7)}.ndjson`,
  }),
  conflictingRecords: (count: number): MessageParts => ({
    message: `${count} record(s) repeat a ts, version, metric, slice and run with a different value; all are kept`,
  }),
  futureTimestamps: (count: number, first: string): MessageParts => ({ message: `${count} line(s) are after the evaluation time, first ${first}` }),
  edgelessHistograms: (feature: string, count: number, bins: number): MessageParts => ({
    message: `${count} line(s) give a histogram of "${feature}" without edges, and features/reference.json has no histogram of ${bins} bins for "${feature}" to take them from`,
    expected: 'edges in the line, or a reference histogram with one more edge than the counts',
    example: '"histogram": {"edges": [0, 10, 20], "counts": [4, 7]}',
  }),
  twoOpenIncidents: (other: string): MessageParts => ({
    message: `a second open incident: ${other} is acknowledged too`,
    expected: 'at most one incident with status acknowledged per model (spog ack updates the open one)',
    example: 'status: resolved',
  }),
  unknownModels: (unknown: string[], known: string[]): MessageParts => ({ message: `unknown model(s): ${unknown.join(', ')} (known: ${known.join(', ')})` }),
  requiredMissing: (expected: string | undefined, example: string | undefined): MessageParts => ({ message: 'required field is missing', expected, example }),
  wrongType: (expected: string | undefined, got: string, example: string | undefined): MessageParts => ({ message: `expected ${String(expected)}, got ${got}`, example }),
  noRegistry: (where: string): MessageParts => ({ message: `registry directory "${where}" does not exist`, example: 'spog validate ./registry' }),
  primaryNotEvaluated: (metric: string, version: string, suggestion?: string): MessageParts => ({
    message: `champion "${version}" has no evaluation of the primary metric "${metric}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    example: `metrics: {${metric}: 0.85}`,
  }),
  seasonalWithoutMonths: (hasReference: boolean): MessageParts => ({
    message: hasReference
      ? 'the card asks for a seasonal drift reference, but features/reference.json has no by_month: the whole reference is used'
      : 'the card asks for a seasonal drift reference, but the model has no features/reference.json',
    expected: 'features/reference.json with by_month: {"01": {features: {...}}, ..., "12": {...}}',
  }),
  metricNotLogged: (metric: string, role: string, version: string, logged: string[], suggestion?: string): MessageParts => ({
    message: `the ${role} "${metric}" has no production lines for ${version}${suggestion ? `; did you mean "${suggestion}", which ${version}'s lines use?` : ''} (the check cannot judge it)`,
    expected: logged.length ? `metric lines named "${metric}", or the card to name one of ${logged.slice(0, 8).map((l) => `"${l}"`).join(', ')}${logged.length > 8 ? ', ...' : ''}` : `metric lines named "${metric}"`,
    example: `{"ts":"2026-10-01","version":"${version}","metric":"${metric}","value":0.81}`,
  }),
  linesMisnamed: (metric: string, near: string, role: string, version: string): MessageParts => ({
    message: `${version}'s production lines are named "${near}" where the card's ${role} and ${version}'s evaluation say "${metric}"; did the pipeline mean "${metric}"? (the check cannot judge it)`,
    expected: `metric lines named "${metric}" (rename "${near}" in the pipeline that writes them)`,
    example: `{"ts":"2026-10-01","version":"${version}","metric":"${metric}","value":0.81}`,
  }),
};

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const flagList = (names: readonly string[]) => names.map((k) => `--${k}`).join(', ');

/** The evaluation time (src/core/time.ts). */
export const timeMsg = {
  badAsOf: (flag: string) => `--as-of "${flag}" is not a date (expected YYYY-MM-DD, e.g. --as-of 2026-10-31)`,
  badSourceDateEpoch: (env: string) => `SOURCE_DATE_EPOCH "${env}" is not a number of seconds`,
};

/** A fleet's counts, as core/counts.ts decides them, in one line: the site's sentence under the tiles and the `spog status` footer. */
export const fleetMsg = {
  /**
   * "18 models: production 13 (4 red, 4 amber, 4 green, 1 unknown); other lifecycles 5 (2 red,
   * 1 green, 2 unknown), of which staging 1, ...": production's four counts always, the others'
   * non-zero ones, in `order`.
   */
  counts: <H extends string>(
    c: { total: number; production: { total: number; by_health: Record<H, number> }; other: { total: number; by_health: Record<H, number>; by_lifecycle: Record<string, number> } },
    order: readonly H[],
  ) => {
    const prod = c.production.total ? ` (${order.map((h) => `${c.production.by_health[h]} ${h}`).join(', ')})` : '';
    const other = c.other.total
      ? `; other lifecycles ${c.other.total} (${order.filter((h) => c.other.by_health[h] > 0).map((h) => `${c.other.by_health[h]} ${h}`).join(', ')}), of which ${Object.entries(c.other.by_lifecycle).map(([l, k]) => `${l} ${k}`).join(', ')}`
      : '';
    return `${c.total} ${c.total === 1 ? 'model' : 'models'}: production ${c.production.total}${prod}${other}`;
  },
};

/** The command line itself: registry, build, drift, detect, alerts. */
export const cliMsg = {
  noRegistryDir: (dir: string) => `registry directory "${dir}" does not exist (run from the project root, or pass --registry DIR, e.g. --registry ./registry)`,
  notANumber: (v: string) => `"${v}" is not a number`,
  /** `counts`: the fleet's counts line (fleetMsg.counts). */
  built: (pages: number, outDir: string, seconds: number, counts: string, asOf: string) =>
    `built ${pages} pages into ${outDir} in ${seconds.toFixed(1)} s: ${counts}, as of ${asOf}`,
  noSiteUrl: () => 'warning: no site address: the feed and alert links point at https://example.org; set site.url in spog.yaml (e.g. site: {url: "https://acme.github.io", base: "/spog/"}) or SPOG_SITE',
  registryErrorsNotGated: (level: string, ids: string[]) =>
    `warning: ${ids.length} model(s) have registry errors and cannot be judged, so --fail-on ${level} does not fail on them: ${ids.join(', ')} (spog validate exits 1 on them; --fail-on unknown fails on them too)`,
  registryProblemsOutside: (count: number, first: string) => `warning: ${count} registry error(s) outside any model, not in any model's health (first: ${first}); spog validate lists them`,
  registryErrorsShown: (count: number, ids: string[]) => `warning: ${count} model(s) have registry errors and are shown as such: ${ids.join(', ')} (run spog validate for details)`,
  arrayFileUnreadable: (what: string, file: string, why: string) => `${what} file "${file}" cannot be read: ${why}`,
  arrayFileNotJson: (what: string, file: string, why: string) => `${what} file "${file}" is not JSON: ${why} (expected a JSON array, e.g. [0.1, 0.4, 0.35])`,
  arrayFileNotArray: (what: string, file: string, got: string) => `${what} file "${file}" must hold a JSON array (e.g. [0.1, 0.4, 0.35]), got ${got}`,
  paramNotPair: (p: string) => `--param "${p}" must be name=value (e.g. --param delta=0.002)`,
  mixedValues: (side: string, file: string, num: number, numValue: string, other: number, otherValue: string) =>
    `${side} "${file}" mixes numbers and other values (item ${num} is ${numValue}, item ${other} is ${otherValue}): fix the data, or pass --type categorical to compare them as categories`,
  oneSideNumeric: (side: string) => `the ${side} values are numbers and the other side's are not: pass --type categorical to compare them as categories, or fix the data`,
  notFiniteItem: (file: string, i: number, value: string) => `input "${file}" item ${i} is ${value}, expected a finite number`,
  notZeroOne: (detector: string, i: number, value: number) => `${detector} reads 0/1 errors (1 = the prediction was wrong); item ${i} is ${value}`,
  diffTook: (seconds: number) => `diff computed in ${seconds.toFixed(1)} s`,
  webhookTimeoutNotPositive: () => '--webhook-timeout must be a positive number of seconds',
  nothingPosted: () => 'no status change: nothing posted (use --always to post anyway)',
  posted: (where: string, status: number | null, tries: number) => `posted to ${where} (HTTP ${status}, ${tries} ${tries === 1 ? 'try' : 'tries'})`,
};

/** `spog log` and `spog log-features`: reading the input, checking it, appending it. */
export const logMsg = {
  fileUnreadable: (file: string, why: string) => `cannot read --file "${file}": ${why}`,
  lineNotJson: (source: string, why: string) => `${source}  not JSON: ${why} (expected one JSON object per line)`,
  lineNotObject: (source: string) => `${source}  each line must be a JSON object`,
  lineModelNotString: (source: string) => `${source}  model: must be a string model id, e.g. "churn"`,
  lineModelDiffers: (source: string, model: string, flagModel: string) => `${source}  model: "${model}" differs from --model ${flagModel}`,
  noRecords: (name: string) => `${name}: no records (expected one JSON object per line)`,
  sliceNotPair: (p: string) => `--slice: "${p}" must be key=value (e.g. --slice region=eu)`,
  sliceKeyTwice: (key: string) => `--slice: key "${key}" given twice`,
  notFiniteFlag: (name: string, v: string) => `--${name}: "${v}" is not a finite number (e.g. --${name} 0.81)`,
  flagFileUnreadable: (name: string, path: string, why: string) => `--${name}: cannot read ${path}: ${why}`,
  flagNotJson: (name: string, why: string, example: string) => `--${name}: not JSON: ${why} (e.g. --${name} '${example}', or --${name} @file.json)`,
  onlyModelWithFile: (extra: readonly string[]) => `with --file, only --model may be given (not ${flagList(extra)}); put those fields on each line`,
  missingFlags: (missing: readonly string[], file: string) => `missing ${flagList(missing)} (or give --file ${file})`,
  oneDistribution: (given: readonly string[]) => `give exactly one of --sample, --histogram or --counts (got ${given.length ? flagList(given) : 'none'})`,
  /** A slice key that is not a slug (Zod's "invalid_key" issue on the slice record), said in the input's own terms. */
  badSliceKey: (key: string, fromFlags: boolean): MessageParts => ({
    message: `key "${key}" is not a lowercase slug`,
    expected: 'a-z, 0-9, "_" and "-"',
    example: fromFlags ? '--slice region=eu' : '{"slice": {"region": "eu"}}',
  }),
  /** `where` is "file:line  " for a line of --file, "" for flags; `field` is "model" or "--model" accordingly. */
  modelMissing: (where: string) => `${where}model: missing (give --model ID, or a "model" field on each line)`,
  notModelId: (where: string, field: string, model: string) => `${where}${field}: "${model}" is not a model id (lowercase letters, digits and inner hyphens, e.g. churn)`,
  noSuchModel: (where: string, field: string, model: string, registry: string, card: string) => `${where}${field}: no model "${model}" in ${registry} (expected ${card})`,
  noSuchVersion: (where: string, field: string, model: string, version: string, file: string) => `${where}${field}: model "${model}" has no version "${version}" (expected ${file}; add the version file first)`,
  unknownMetric: (where: string, field: string, model: string, metric: string, near: string | undefined, known: readonly string[]) =>
    `${where}${field}: model "${model}" has no metric "${metric}" yet${near ? ` (did you mean "${near}"?)` : ''}; it has ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'none'} (in its card, versions and metric lines); pass --new-metric to start a new one`,
  edgesMissing: (where: string, field: string, feature: string, bins: number) =>
    `${where}${field}: a histogram of "${feature}" without edges needs a histogram of ${bins} bins for "${feature}" in features/reference.json to take them from (give the edges, e.g. "histogram": {"edges": [0, 10, 20], "counts": [4, 7]})`,
  futureTs: (where: string, field: string, ts: string, now: string) => `${where}${field}: ${ts} is in the future (now is ${now})`,
  notARegistry: (registry: string) => `${registry} is not a registry (no models/ directory); pass --registry DIR`,
  appended: (file: string, written: number, noun: string, duplicates: number) => `${file}: ${plural(written, noun)} appended${duplicates ? `, ${duplicates} already present (kept once)` : ''}`,
  written: (written: number, noun: string, duplicates: number) => `${plural(written, noun)} written, ${plural(duplicates, 'duplicate')} skipped`,
  repairedTail: (file: string, bytes: number) => `${file}: cut off ${bytes} bytes of an interrupted earlier write (an incomplete last line)`,
  lockTimedOut: (why: string) => `${why}; nothing written`,
  nothingWritten: () => 'nothing written',
  nothingWrittenProblems: (count: number) => `nothing written (${plural(count, 'problem')})`,
  repeatsInBatch: (source: string, earlier: string) => `${source}: repeats the record of ${earlier} with a different value`,
  conflictsWithLine: (source: string, file: string, line: number) => `${source}: ${file}:${line} already holds this record (same ts, version, name, slice and run) with a different value; give the new one its own --run id, or correct the existing line`,
  lockTimeout: (file: string, seconds: number, lock: string, holder: string) => `could not lock ${file} within ${seconds} s: ${lock} is held${holder ? ` by "${holder}" (pid host token)` : ''}; if no spog process is running, delete it`,
};

/** `spog promote`, `spog retire` and `spog set-lifecycle`: edits of the card and version files. */
export const editMsg = {
  yamlSyntax: (why: string) => `cannot edit: YAML syntax error: ${why}`,
  noFrontMatter: () => 'cannot edit: the model card has no YAML front matter between --- lines',
  deploymentsNotList: () => 'deployments in the model card is not a list; fix it first (spog validate)',
  cardDoesNotLoad: (card: string, errors: string) => `the model card ${card} does not load; fix it first:\n${errors}`,
  wouldBeInvalid: (errors: string) => `the edit would make the registry invalid:\n${errors}`,
  nothingChanged: () => 'nothing changed',
  nothingToChange: (headline: string) => `${headline}: nothing to change`,
  /** What an edit did (or would do, in a dry run): the headline, notes, the files, and what to do next. */
  done: (headline: string, dryRun: boolean, notes: string[], files: string[]) =>
    `${headline}${dryRun ? ' (dry run: nothing written)' : ''}\n${notes.map((n) => `  ${n}\n`).join('')}${dryRun ? 'would change' : 'changed'}:\n${files.map((f) => `  ${f}`).join('\n')}\nnext: review with \`git diff\`, then commit and open a pull request`,
  badDate: (date: string) => `--date "${date}" is not a date (e.g. --date 2026-10-31)`,
  noSuchVersion: (id: string, version: string, known: string[], addFile: boolean) =>
    `model "${id}" has no version "${version}" (known: ${known.join(', ') || 'none'})${addFile ? `; add models/${id}/versions/${version}.yaml first` : ''}`,
  versionRetired: (version: string, file: string) => `version ${version} is retired (${file}: retired: true); a retired version cannot be promoted`,
  modelRetired: (id: string) => `model "${id}" is retired; set its lifecycle first (spog set-lifecycle ${id} production)`,
  alreadyChampion: (version: string, id: string) => `${version} is already the champion of ${id}: nothing to change`,
  promoted: (id: string, version: string, was: string | undefined) => `promoted ${id} ${version} to champion${was ? ` (was ${was})` : ''}`,
  takesOver: (version: string, key: string, to: string, before: string | undefined) => `${version}: ${key} ${to} (the champion's)${before === undefined ? '' : `, was ${before}`}`,
  challengerToChampion: (version: string, from: string, to: string, date: string) => `${version}: challenger (${from}) -> champion (${to}) since ${date}`,
  addedAsChampion: (version: string, date: string) => `${version}: added as champion (production) since ${date}; it had no deployment, so there is no production comparison behind this promotion`,
  championToShadow: (version: string) => `${version}: champion -> challenger (shadow); its version file stays`,
  shadowLosesKey: (version: string, key: string) => `${version}: ${key} removed (it no longer serves it; set its shadow ${key} if it has one)`,
  shadowTakesKey: (version: string, key: string, was: string, promoted: string) => `${version}: ${key} ${was} (${promoted}'s before)`,
  deploymentRemoved: (version: string) => `${version}: deployment removed; its version file (evaluation, lineage) and metrics stay in the registry`,
  stillNotLive: (id: string, lifecycle: string) => `the model's lifecycle is still ${lifecycle}; when it goes live: spog set-lifecycle ${id} production`,
  championCannotRetire: (version: string, id: string, other: string | undefined) =>
    `${version} is the champion of ${id}; promote another version first${other ? ` (e.g. spog promote ${id} ${other})` : ''}, or retire the whole model (spog retire ${id})`,
  versionRetiredNote: (version: string) => `${version}: retired: true`,
  removedFromDeployments: (version: string, deployments: string[]) => `${version}: removed from deployments (${deployments.join(', ')})`,
  retired: (id: string, version: string) => `retired ${id} ${version}`,
  notALifecycle: (lifecycle: string, known: readonly string[]) => `lifecycle "${lifecycle}" is not one of ${known.join(', ')}`,
  alreadyLifecycle: (id: string, lifecycle: string) => `${id} is already ${lifecycle}: nothing to change`,
  deploymentsStay: () => 'its deployments stay listed as they were last run; remove them by hand if the card should show none',
  lifecycleChanged: (id: string, from: string, to: string) => `${id}: lifecycle ${from} -> ${to}`,
};

/** `spog ack` and `spog resolve`: an owner's acknowledgement of a model's problem, and its resolution. */
export const incidentMsg = {
  noteMissing: () => '--note is required: say what is being done (e.g. --note "retraining on October data; v4 expected Friday")',
  noteEmpty: (flag: string) => `${flag} must not be empty (e.g. ${flag} "retraining on October data")`,
  badUntil: (until: string) => `--until "${until}" is not a day (expected YYYY-MM-DD, e.g. --until 2026-11-06)`,
  untilPast: (until: string, today: string) => `--until ${until} is before today (${today}): give the day by which the problem should be fixed`,
  noOwner: () => 'who is acknowledging? pass --owner (e.g. --owner @maria); without it spog takes git config user.name, which is not set here',
  nothingOpen: (id: string, resolved: number) =>
    `${id} has no open incident to resolve${resolved ? ` (${resolved} resolved before)` : ''}; acknowledge a problem first with spog ack ${id} --note TEXT`,
  wouldBeInvalid: (errors: string) => `the incident file would be invalid:\n${errors}`,
  alreadyThere: (file: string) => `${file} was created by someone else meanwhile; run the command again`,
  opened: (id: string, health: string, by: string, note: string, until: string | undefined) =>
    `acknowledged ${id} (${health} now) by ${by}${until ? `, until ${until}` : ''}: ${note}`,
  updated: (id: string, incident: string, by: string, note: string, until: string | undefined) =>
    `updated the open incident ${incident} of ${id} (${by}${until ? `, until ${until}` : ''}): ${note}`,
  resolved: (id: string, incident: string, note: string | undefined) => `resolved incident ${incident} of ${id}${note ? `: ${note}` : ''}`,
  healthWas: (health: string, reasons: string[]) => `health at the acknowledgement: ${health}${reasons.length ? ` (${reasons[0]}${reasons.length > 1 ? `, and ${reasons.length - 1} more` : ''})` : ''}`,
  greenNow: () => 'the model is green now: the acknowledgement is shown, and changes nothing',
  neverChangesHealth: () => 'an acknowledgement never changes health: the model page, the overview and the alerts say who is acting on it',
  done: (headline: string, notes: string[], file: string) =>
    `${headline}\n${notes.map((n) => `  ${n}\n`).join('')}wrote:\n  ${file}\nnext: review with \`git diff\`, then commit it (git add ${file})`,
};

/** Posting alerts to a webhook; `where` is the URL's origin only (its path is a secret). */
export const webhookMsg = {
  notAUrl: (url: string) => `--webhook "${url.slice(0, 12)}…" is not a URL (expected e.g. https://hooks.slack.com/services/T000/B000/XXXX)`,
  notHttp: (protocol: string) => `--webhook must be an http(s) URL, got ${protocol}`,
  refused: (where: string, answer: string) => `webhook POST to ${where} was refused: ${answer} (not retried: check the URL and the payload)`,
  failed: (where: string, tries: number, last: string) => `webhook POST to ${where} failed after ${tries} ${tries === 1 ? 'try' : 'tries'}: ${last}`,
  noAnswer: (seconds: number) => `no answer within ${seconds} s`,
};

/** The input side's guards: nesting, keys given twice, names that are Object.prototype's, files that are not files. */
export const inputMsg = {
  tooDeep: (depth: number | undefined, limit: number): MessageParts => ({
    message: `nested ${depth === undefined ? `more than ${limit}` : depth} levels deep, over the limit of ${limit} levels of objects and arrays`,
    expected: `at most ${limit} levels of {...} and [...]`,
  }),
  duplicateKey: (key: string): MessageParts => ({
    message: `key "${key}" is given twice in one object (JSON would keep the last one silently)`,
    expected: 'each key once per object',
  }),
  /** A key named like a property of every object (schema/common.ts FORBIDDEN_KEYS); replaces msg.forbiddenKey, which named only __proto__'s danger. */
  forbiddenKey: (key: string): MessageParts => ({
    message: `key "${key}" is not allowed: every JavaScript object has it (Object.prototype's), so it could alter object prototypes or be found where no value was given`,
    expected: 'an ordinary key name',
  }),
  /** A name a registry file has that is not a regular file (`what`: folder, FIFO, socket, device). */
  notAFile: (name: string, what: string, expected: string): MessageParts => ({
    message: `"${name}" is a ${what}, not a file: its data cannot be read`,
    expected: `${expected} as a regular file`,
  }),
  /** A folder in models/ whose name is not a model id: it is not read and gets no page. */
  modelFolderNotSlug: (name: string): MessageParts => ({
    message: `model folder ${JSON.stringify(name)} is not a model id: it is not read and gets no page until it is renamed`,
    expected: 'a lowercase URL-safe slug (a-z, 0-9 and inner hyphens), the id in the model\'s address',
    example: 'models/churn-model',
  }),
  /** A `spog log --file` line that is JSON but cannot be taken as it stands. */
  recordRefused: (source: string, col: number, why: string) => `${source}:${col}  ${why} (expected one JSON object per line, each key once)`,
};

/** Writing registry files and taking their locks: a full or read-only disk, a lock that stays held. */
export const writeMsg = {
  /** What an errno code means for the user. */
  cause: (code: string) =>
    (
      ({
        ENOSPC: 'the disk is full (ENOSPC)',
        EDQUOT: 'the disk quota is exceeded (EDQUOT)',
        EROFS: 'the file system is read-only (EROFS)',
        EACCES: 'permission denied (EACCES)',
        EPERM: 'the operation is not permitted (EPERM)',
        EIO: 'an input/output error (EIO)',
        EFBIG: 'the file would exceed the largest file size allowed (EFBIG)',
      }) as Record<string, string>
    )[code] ?? code,
  /** `via` says what was being written for `file` (its lock, its folder), when not the file itself. */
  cannotWrite: (file: string, via: string | undefined, cause: string, what: string) => `cannot write ${file}${via ? ` (${via})` : ''}: ${cause}; ${what}`,
  viaLock: (lock: string) => `taking its lock ${lock}`,
  viaFolder: (dir: string) => `creating its folder ${dir}`,
  nothingWritten: () => 'nothing was written',
  nothingChanged: () => 'nothing changed',
  /** A rename failed after others succeeded (an I/O error): which files already hold the new content, each whole. */
  partlyWritten: (changed: string[]) => `already written, each whole: ${changed.join(', ')}; the other files are unchanged`,
  lockHeld: (file: string, seconds: number, lock: string, holder: string) =>
    `could not lock ${file} within ${seconds} s: ${lock} is held${holder ? ` by "${holder}" (pid host token start)` : ''}; if no spog process is running on that host, delete it`,
};

/** Issue 15, "never crash, never mislead": the outputs (site, reports, CODEOWNERS), spog.yaml and the cache. */
export const outputMsg = {
  markdownTooDeep: (depth: number, line: number, limit: number) =>
    `This description is shown as plain text: it nests quotes or lists ${depth} levels deep (its line ${line}), over the limit of ${limit}.`,
  markdownUnparsable: () => 'This description is shown as plain text: it nests its formatting too deeply to be rendered.',
  configSalvaged: (dropped: string[]): MessageParts => ({
    message: dropped.includes('everything')
      ? 'spog.yaml cannot be used: spog validate checked the registry with the built-in defaults; spog build, status and alerts refuse to run until it is fixed'
      : `spog validate checked the registry with the valid part of spog.yaml, without ${dropped.map((d) => `"${d}"`).join(', ')} (their defaults apply); spog build, status and alerts refuse to run until it is fixed`,
  }),
  configRefused: (command: string, lines: string[]) =>
    `spog.yaml has ${lines.length === 1 ? 'an error' : `${lines.length} errors`}; ${command} does not evaluate the registry with built-in defaults in place of the fields it cannot read:\n${lines.map((l) => `  ${l}`).join('\n')}\nfix spog.yaml (spog validate lists every problem)`,
  baseConfigSalvaged: (ref: string, errors: number) =>
    `spog.yaml at ${ref} has ${errors === 1 ? 'an error' : `${errors} errors`}; the health then is evaluated with its valid part and the defaults for the rest (spog validate on that commit lists them)`,
  codeownersUnsafeId: (id: string) =>
    `model folder ${JSON.stringify(id)} is not a model id (a lowercase slug, e.g. churn) and cannot be a CODEOWNERS path; no rule is written for it (rename the folder; spog validate reports it)`,
};

/** Issue 16, "adopt spog": the registry's file format and `spog migrate`. */
export const formatMsg = {
  newerThanSpog: (current: number) => `is a newer registry format than this spog reads (up to ${current}): upgrade spog (the spog version in the registry repo's package.json), or use the spog that wrote it`,
  olderThanSpog: (found: number, current: number) => `is format ${found}; this spog reads format ${current}: run \`spog migrate\` (it rewrites the files, and says what it changes with --dry-run)`,
  atCurrent: (current: number, written: boolean) =>
    written ? `registry is at format ${current}, the current one; wrote format_version: ${current} into spog.yaml so that later spog versions know` : `registry is at format ${current}, the current one: nothing to migrate`,
  wouldWrite: (files: string[]) => `would change ${files.length === 1 ? '1 file' : `${files.length} files`}: ${files.join(', ')} (run without --dry-run to write them)`,
  migrated: (from: number, to: number, steps: string[], files: number) =>
    `migrated the registry from format ${from} to ${to} (${files === 1 ? '1 file' : `${files} files`} rewritten):\n${steps.map((s) => `  ${s}`).join('\n')}`,
  noPath: (from: number, current: number) => `no migration leads from format ${from} to ${current}: use the spog release that reads format ${from} to migrate first`,
  formatWritten: (current: number, onlyThat: boolean) =>
    `spog.yaml: format_version: ${current}${onlyThat ? ' written where it was unset (unset means format 1; later spog versions read it to know what to migrate)' : ' written'}`,
  notAFormat: () => 'is not a format number (a whole number from 1, e.g. format_version: 1)',
  noConfig: (path: string) => `${path} not found: spog migrate needs a registry folder with a spog.yaml (spog init creates one)`,
};

/** Where spog may come from, for `spog init --spog` and its refusal (examples shown with every mistake). */
const SPOG_SPEC_EXAMPLES = '--spog "git+https://github.com/acme/spog.git#v0.2.0" (a tag of a git repository), --spog ./vendor/spog-0.2.0.tgz (a tarball, path or URL) or --spog npm:@acme/spog@0.2.0 (your private registry)';

/** `spog init`: the answers, the files it writes and keeps, and what to do next. */
export const initMsg = {
  spogMissing: () => `where should the repository install spog from? pass ${SPOG_SPEC_EXAMPLES}`,
  spogFromPublic: (spec: string) =>
    `--spog "${spec}" would install the package named "spog" from the public npm registry, which is not this project; say where your spog comes from: ${SPOG_SPEC_EXAMPLES}`,
  spogEmpty: () => `--spog must not be empty; e.g. ${SPOG_SPEC_EXAMPLES}`,
  spogUnpinned: (spec: string) => `warning: --spog "${spec}" names no tag or commit: every npm install may get a different spog; pin it, e.g. "${spec}#v0.2.0"`,
  spogTarballMissing: (path: string) => `warning: ${path} does not exist yet; npm install will fail until it does`,
  badTeam: (flag: string, suggestion: string) => `--team "${flag}" must be ID or ID:Name with a lowercase id (a-z, 0-9 and inner hyphens), e.g. --team "${suggestion || 'credit-risk'}:${flag.split(':').slice(1).join(':') || 'Credit Risk'}"`,
  teamTwice: (id: string) => `--team ${id} is given twice`,
  badSiteUrl: (url: string) => `--site-url "${url}" is not an http(s) address, e.g. --site-url https://acme.github.io/models/`,
  emptyTitle: () => '--title must not be empty, e.g. --title "Acme ML fleet"',
  badOwner: (owner: string) => `--owner "${owner}" must be one line (a GitHub handle such as @ana or @acme/ml-team, or an e-mail address)`,
  notADirectory: (dir: string) => `${dir} exists and is not a folder`,
  createdMeanwhile: (file: string) => `${file} was created by someone else meanwhile; nothing was written`,
  wouldBeInvalid: (errors: string) => `the registry files would not validate with the files that are there already, so nothing was written (--bare leaves out the example model; --force replaces spog.yaml):\n${errors}`,
  flagsNotApplied: (file: string, flags: string[]) => `${file} exists and was kept, so ${flags.join(', ')} ${flags.length === 1 ? 'was' : 'were'} not applied: edit it, or run again with --force to replace it`,
  defaultTaken: (what: string, value: string, flag: string) => `${what}: ${value}, the default (${flag} sets it)`,
  exampleKept: (folder: string) => `--bare: the example model ${folder} was already there and stays (delete the folder if you do not want it)`,
  notAGitRepo: () => 'not a git repository yet: git init -b main && git add -A && git commit -m "Model registry"',
  packageJsonUnreadable: (file: string, why: string) => `${file} cannot be read as JSON (${why}); fix it or move it away, then run spog init again`,
  /** Notes on a package.json that was there before. */
  keptSpogDependency: (where: string, theirs: string, asked: string | undefined) =>
    `package.json: kept ${where}.spog "${theirs}"${asked !== undefined && asked !== theirs ? ` (not "${asked}": --force replaces it)` : ''}`,
  keptScript: (name: string, theirs: string, ours: string) => `package.json: kept scripts.${name} "${theirs}" (spog init's is "${ours}"; --force replaces it)`,
  ownerGuessed: (owner: string) => `the example model is owned by ${owner} (from git config user.email): --owner sets who`,
  ownerNotCodeOwner: (owner: string) => `owner "${owner}" is not a GitHub handle (@user, @org/team) or e-mail address, so CODEOWNERS names nobody for the example model`,
  ownerPlaceholder: (owner: string) => `the example model is owned by ${owner}, a placeholder: put your GitHub handle in models/example-model/README.md (owners) and run spog codeowners, or use --owner`,
  /** What `spog init` did: files created, updated (package.json), kept, and the next three commands. */
  done: (dir: string, created: string[], updated: string[], kept: string[], notes: string[], next: string[]) =>
    [
      `spog registry repository in ${dir}`,
      ...(created.length ? ['created:', ...created.map((f) => `  ${f}`)] : []),
      ...(updated.length ? ['updated:', ...updated.map((f) => `  ${f}`)] : []),
      ...(kept.length ? ['kept (already there; --force replaces them):', ...kept.map((f) => `  ${f}`)] : []),
      ...notes.map((n) => `note: ${n}`),
      'next:',
      ...next.map((c) => `  ${c}`),
    ].join('\n'),
  /** Prompts (only with a terminal). */
  askTitle: () => 'Title of the dashboard',
  askTeams: () => 'Teams that own models (id:Name, comma-separated)',
  askSiteUrl: () => 'Address the site will be published at (empty: not known yet)',
  askSpog: () => 'Where npm installs spog from (a git URL with a tag, a tarball, or npm:@org/spog@x.y.z)',
  askOwner: () => 'Owner of the example model (GitHub handle or e-mail)',
  askExample: () => 'Add an example model?',
};

/** `spog new model` and `spog new version`: refusals with a suggestion, and what was created. */
export const newMsg = {
  metricCase: (primary: string, evaluated: string) =>
    `--primary-metric ${primary} and --metric ${evaluated}=... differ only in case; metric names are case-sensitive (the pipeline must log the same name): use one spelling, e.g. --primary-metric ${evaluated}`,
  versionFlagsWithoutVersion: (flags: string[]) =>
    `${flags.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} describe${flags.length === 1 ? 's' : ''} the first version: add --version, e.g. --version v1 --metric auc=0.84`,
  badModelId: (id: string, suggestion: string) =>
    `"${id}" is not a model id: lowercase letters, digits and inner hyphens${suggestion ? `; did you mean "${suggestion}"? (spog new model ${suggestion})` : ', e.g. churn-model'}`,
  badVersionId: (v: string, suggestion: string) =>
    `"${v}" is not a version id: lowercase letters, digits, ".", "_" and inner "-"${suggestion ? `; did you mean "${suggestion}"?` : ', e.g. v1 or 2026.10'}`,
  modelExists: (id: string, file: string) => `model "${id}" exists already (${file}); add a version with spog new version ${id} VERSION`,
  modelFolderExists: (id: string, dir: string) => `${dir} exists already but holds no model card; move it away or pick another id than "${id}"`,
  versionExists: (id: string, version: string, file: string) => `model "${id}" has a version "${version}" already (${file}); pick another version id`,
  unknownTeam: (team: string, known: string[], suggestion: string | undefined) =>
    `team "${team}" is not in spog.yaml${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known teams: ${known.join(', ')} (add a team under teams: in spog.yaml first)`,
  noTeams: (team: string) => `spog.yaml lists no teams; add "${team}" first, e.g.\nteams:\n  - id: ${team}\n    name: ${team}`,
  teamMissing: (known: string[]) => `--team is needed: spog.yaml lists ${known.length ? known.join(', ') : 'no teams yet (add one under teams: first)'}`,
  ownerMissing: () => '--owner is needed (a GitHub handle such as @ana or @acme/ml-team, or an e-mail address; repeat it for several); git config user.email is not set here',
  taskMissing: (tasks: readonly string[]) => `--task is needed: one of ${tasks.join(', ')}`,
  badTask: (task: string, tasks: readonly string[], suggestion: string | undefined) => `--task "${task}" is not one of ${tasks.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  primaryMissing: () => '--primary-metric is needed: the metric that decides health, as your pipeline logs it (e.g. --primary-metric auc)',
  /** The missing answers of `spog new model`, all at once, with a whole command to copy. */
  missingFlags: (id: string, missing: string[], e: { team: string; owner: string; task: string; metric: string }) => missing.length === 1
    ? missing[0]
    : `${missing.length} answers are needed:\n  ${missing.join('\n  ')}\nfor example: npx --no-install spog new model ${id} --team ${e.team} --owner ${e.owner} --task ${e.task} --primary-metric ${e.metric}`,
  directionUnknown: (metric: string) => `spog does not know whether a larger "${metric}" is better: pass --direction higher or --direction lower`,
  badDirection: (d: string) => `--direction "${d}" must be higher or lower (higher: a larger value is better, as for AUC; lower: as for RMSE)`,
  badLifecycle: (l: string, known: readonly string[]) => `--lifecycle "${l}" is not one of ${known.join(', ')}`,
  badShare: (flag: string, v: string) => `--${flag} "${v}" must be a number of at least 0 (a relative shortfall, e.g. --${flag} 0.05 for 5% worse)`,
  noSuchModel: (why: string) => `${why}; create it first with spog new model ID`,
  parentMissing: (parent: string, id: string, known: string[]) => `--parent ${parent}: model "${id}" has no version "${parent}" (known: ${known.join(', ') || 'none'})`,
  badPair: (flag: string, v: string, example: string) => `--${flag} "${v}" must be name=value, e.g. --${flag} ${example}`,
  badMetricValue: (v: string) => `--metric "${v}": the value must be a finite number, e.g. --metric auc=0.83`,
  pairTwice: (flag: string, name: string) => `--${flag} ${name} is given twice`,
  badCodeRef: (v: string) => `--code-ref "${v}" must be REPO@COMMIT or REPO@COMMIT:PATH with a 7-40 character hex commit, e.g. --code-ref github.com/acme/churn@3f2a9c1:train.py`,
  badDataRef: (v: string) => `--data-ref "${v}" must be NAME=URI, e.g. --data-ref train=s3://acme/churn/2026-07.parquet`,
  badTrainedAt: (v: string) => `--trained-at "${v}" is not a date or date-time, e.g. --trained-at 2026-10-31 or --trained-at 2026-10-31T06:00:00Z`,
  wouldBeInvalid: (errors: string) => `the new files would not validate, so nothing was written:\n${errors}`,
  alreadyThere: (file: string) => `${file} was created by someone else meanwhile; nothing was written`,
  /** What `spog new` wrote, and what to do next. */
  done: (headline: string, files: string[], warnings: string[], next: string[]) =>
    [headline, 'created:', ...files.map((f) => `  ${f}`), ...warnings.map((w) => `warning: ${w}`), 'next:', ...next.map((n) => `  ${n}`)].join('\n'),
  modelCreated: (id: string, version: string | undefined) => `new model ${id}${version ? ` with version ${version} (its champion)` : ''}`,
  versionCreated: (id: string, version: string) => `new version ${version} of ${id}`,
};

/** `spog import mlflow|dvc|gto`: the tracker's failures, the mapping's warnings, and what was planned or written. */
export const importMsg = {
  // Reading the tracker.
  badTrackingUri: (uri: string) => `--tracking-uri "${uri}" is not an http(s) address of an MLflow tracking server, e.g. --tracking-uri http://127.0.0.1:5000 (a local ./mlruns folder: serve it with mlflow server first)`,
  unreachable: (uri: string, why: string) =>
    `cannot reach the MLflow tracking server at ${uri} (${why === 'ECONNREFUSED' ? 'connection refused' : why === 'ENOTFOUND' ? 'host not found' : why === 'ETIMEDOUT' ? 'no answer in time' : why}): is it running, and is --tracking-uri right? Nothing was written`,
  refused: (uri: string, where: string, status: number, sent: boolean) =>
    `the MLflow tracking server at ${uri} refused access (${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}) to ${where}: ${sent ? 'the credentials given were not accepted; check' : 'set'} MLFLOW_TRACKING_TOKEN (a bearer token) or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD. Nothing was written`,
  httpError: (where: string, status: number, code: string | undefined, detail: string) => `${where} answered ${status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}. Nothing was written`,
  cutShort: (where: string, why: string) => `the answer of ${where} was cut short (${why}): the server or a proxy closed the connection; run the import again. Nothing was written`,
  malformed: (where: string, why: string) => `${where} did not answer the JSON MLflow's REST API gives (${why}); is --tracking-uri an MLflow server, and was the answer cut short? Nothing was written`,
  pagesLoop: (where: string, page: number) => `${where} gave a page token it had given before (page ${page}): its pagination does not end. Nothing was written`,
  noSuchTrackerModel: (wanted: string, uri: string, known: string[]) => `--model ${wanted}: no registered model of that name (or model id) at ${uri}${known.length ? ` (known: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''})` : ' (it has none)'}`,
  badAlias: (flag: string, modes: readonly string[]) => `--alias "${flag}" must be NAME=ROLE or NAME=ROLE:MODE with ROLE champion or challenger and MODE one of ${modes.join(', ')}, e.g. --alias staging=challenger:canary`,
  badSince: (since: string) => `--since "${since}" is not a day, e.g. --since 2026-10-01`,
  noTrainedAt: (model: string, version: string) => `model version ${version} of "${model}" has no creation time and no run: cannot say when it was trained. Nothing was written`,
  // The mapping.
  noIdFor: (name: string) => `"${name}" has no letters or digits to make a model id of; rename it in the tracker`,
  slugged: (name: string, id: string) => `"${name}" is not a model id: imported as ${id} (its card keeps the name "${name}")`,
  sameId: (a: string, b: string, id: string) => `"${a}" and "${b}" would both become the model id ${id}: rename one in the tracker, or import one at a time with --model. Nothing was written`,
  aliasNotMapped: (model: string, alias: string, version: string) => `alias "${alias}" of "${model}" (${version}) is not a deployment spog knows: --alias ${alias}=challenger:canary (or =champion) maps it`,
  stageNotMapped: (model: string, stage: string, version: string) => `stage "${stage}" of "${model}" (${version}) is not a deployment spog knows: --stage ${stage}=challenger:canary (or =champion) maps it`,
  badStage: (flag: string, modes: readonly string[]) => `--stage "${flag}" must be NAME=ROLE or NAME=ROLE:MODE with ROLE champion or challenger and MODE one of ${modes.join(', ')}, e.g. --stage qa=challenger:shadow`,
  runDeletedKept: (model: string, version: string, run: string) =>
    `the run ${run} of "${model}" ${version} was deleted (MLflow still keeps its record): ${version} is imported from that record; restore the run, or purge it, to settle which`,
  runDeleted: (model: string, version: string, run: string) => `the run ${run} of "${model}" ${version} was deleted: ${version} is imported from what the model version says (no params, metrics, code or data)`,
  badVersionName: (model: string, version: string) => `version "${version}" of "${model}" has no letters or digits to make a version id of; it is left out`,
  noVersionAt: (model: string, stage: string, tag: string) => `${tag} assigns "${model}" to ${stage} at a commit with no registered version; left out`,
  lineSkipped: (source: string, why: string) => `a history point of ${source} is not a valid metric line and is left out: ${why}`,
  // Git repositories (gto, dvc).
  notARepo: (dir: string, why: string) => `--repo ${dir} is not a git repository (${why})`,
  noDvcModel: () => '--model is needed: the model id the DVC project trains, e.g. --model churn-model',
  badDvcModel: (id: string, slug: string) => `--model "${id}" is not a model id: lowercase letters, digits and inner hyphens${slug ? `, e.g. ${slug}` : ''}`,
  noDvcVersions: (dir: string) => `${dir} has no git tag whose commit holds a dvc.yaml with metrics or params files, and no commit: nothing to import (tag the commits that are versions, e.g. git tag v1, or pass --exp-show FILE)`,
  dvcHeadOnly: (dir: string, commit: string) => `${dir} has no tags: its HEAD commit is imported as version ${commit} (tag the commits that are versions, e.g. git tag v1, to name them)`,
  expShowUnreadable: (file: string, why: string) => `--exp-show ${file} is not the JSON of dvc exp show --json (${why})`,
  expNoTime: (name: string) => `experiment ${name} has no timestamp in the dvc exp show output; left out`,
  noGtoModels: (dir: string) => `${dir} has no GTO registration tags (NAME@vX.Y.Z): nothing to import`,
  // Planning and writing.
  teamMissing: (model: string, known: string[]) => `--team is needed for the new model "${model}": spog.yaml lists ${known.length ? known.join(', ') : 'no teams yet (add one under teams: first)'}`,
  ownerMissing: (model: string) => `--owner is needed for the new model "${model}": the tracker names no user (a GitHub handle such as @ana, or an e-mail address; repeat it for several)`,
  primaryMissing: (model: string) => `--primary-metric is needed for the new model "${model}": none of its versions has an evaluated metric`,
  directionUnknown: (model: string, metric: string) => `spog does not know whether a larger "${metric}" (the primary metric of "${model}") is better: pass --direction higher or --direction lower, or --primary-metric NAME`,
  taskOther: (id: string) => `models/${id}/README.md: task is "other"; set it there (or import with --task)`,
  otherSource: (card: string, theirs: { tool: string; name: string }, ours: { tool: string; name: string }) =>
    `${card} is imported from ${theirs.tool} "${theirs.name}", not ${ours.tool} "${ours.name}": two trackers would overwrite each other's deployments; rename one, or remove its source field to import it from ${ours.tool}. Nothing was written`,
  lineConflict: (source: string, file: string) => `${file} has a line for ${source} at the same time and run with another value: the run's history changed in the tracker. Nothing was written`,
  linesRefused: (conflicts: string[], written: string[]) => `metric lines were refused (${conflicts.join('; ')}); the registry files were written already: ${written.join(', ') || 'none'}`,
  wouldBeInvalid: (errors: string) => `the imported files would not validate, so nothing was written:\n${errors}`,
  createdMeanwhile: (file: string) => `${file} was created by someone else meanwhile; nothing was written`,
  nothingWritten: () => 'nothing was written',
  source: (tool: string, from: string, models: number, versions: number) => `${tool} ${from} (${models} model${models === 1 ? '' : 's'}, ${versions} version${versions === 1 ? '' : 's'})`,
  nothingToImport: (source: string) => `nothing to import: the registry already holds what ${source} has; nothing was written`,
  dryRunHeadline: (source: string) => `import from ${source}, dry run:`,
  wouldWrite: (file: string, created: boolean) => `${created ? 'would create' : 'would change'} ${file}`,
  wouldAppend: (file: string, n: number) => `would append ${n} metric line${n === 1 ? '' : 's'} to ${file}`,
  dryRunNothingWritten: () => 'nothing was written (--dry-run)',
  appended: (file: string, n: number) => `  ${file} (${n} metric line${n === 1 ? '' : 's'})`,
  done: (source: string, created: string[], changed: string[], appended: string[], notes: string[], next: string[]) =>
    [
      `imported from ${source}`,
      ...(created.length ? ['created:', ...created.map((f) => `  ${f}`)] : []),
      ...(changed.length ? ['changed:', ...changed.map((f) => `  ${f}`)] : []),
      ...(appended.length ? ['appended:', ...appended] : []),
      ...notes.map((n) => `note: ${n}`),
      'next:',
      ...next.map((n) => `  ${n}`),
    ].join('\n'),
};

/**
 * The model page's summary for the people who use a model (issue 18): whether they can rely on it
 * today, what is wrong, since when and who is on it, in plain words with no statistics. The view
 * (view/summary.ts) decides which sentence applies; these only word it.
 */
export const summaryMsg = {
  relyQuestion: () => 'Can I rely on it today?',
  wrongQuestion: () => 'What is wrong',
  sinceQuestion: () => 'Since when',
  whoQuestion: () => 'Who is on it',
  rely: {
    yes: () => 'Yes. Every check passes.',
    /** Green, with checks that have not had the data to run yet ("whether its MAE is getting worse"). */
    yesSoFar: (what: string[]) => `Yes, as far as its checks can tell: every check that could run passes, but it is too new to check ${what.join(' or ')}.`,
    care: () => 'With care. Something is off: read what is wrong below before you depend on it.',
    no: () => 'No. It is not working as it should: read what is wrong below.',
    unknown: () => 'We cannot tell yet: there is too little recent data, or its files have errors, to judge it.',
    retired: () => 'No. It is retired and no longer maintained.',
    notLive: (lifecycle: string) => `With care. Its checks pass, but it is in ${lifecycle}, not in production.`,
  },
  nothingWrong: () => 'Nothing: every check passes.',
  nothingWrongSoFar: () => 'Nothing that its checks can see yet (see the checks not judged yet under Health).',
  /** One check that is amber or red, in plain words; `metric` is the primary metric's name ("MAE"), `worse` "12.5% worse", `age` "9 days", `share` "40.0%". */
  wrong: (check: string, x: { metric: string; worse: string | null; age: string | null; share: string | null }): string => {
    switch (check) {
      case 'primary_metric': return x.worse ? `Its ${x.metric} is ${x.worse} than expected.` : `Its ${x.metric} is worse than expected.`;
      case 'staleness': return x.age ? `It has had no new data for ${x.age}.` : 'It has no recent data.';
      case 'performance_drift': return `Its ${x.metric} has recently got worse and stayed worse.`;
      case 'data_drift': return `The data it receives no longer looks like the data it was built on${x.share ? ` (${x.share} of its inputs changed)` : ''}.`;
      case 'prediction_drift': return 'Its answers are spread differently from before.';
      case 'fairness': return 'It works worse for some groups than for others.';
      case 'data_quality': return 'The data it receives has quality problems (missing or invalid values).';
      case 'software': return 'The service that runs it is outside its limits (for example slow or failing requests).';
      case 'registry': return 'Its registry files have errors, so it cannot be checked.';
      default: return 'One of its checks is not passing.';
    }
  },
  noChecks: () => 'No check could run.',
  /** A check that cannot judge yet. */
  cannotJudge: (what: string) => `There is too little recent data to check ${what}.`,
  cannotJudgeWhat: {
    primary_metric: (metric: string) => `its ${metric}`,
    staleness: () => 'how fresh its data is',
    performance_drift: (metric: string) => `whether its ${metric} is getting worse`,
    data_drift: () => 'whether the data it receives has changed',
    prediction_drift: () => 'whether its answers have changed',
    fairness: () => 'whether it works as well for every group',
    data_quality: () => 'the quality of the data it receives',
    software: () => 'the service that runs it',
  } as Record<string, (metric: string) => string>,
  since: (health: string, since: string, notGreen: string | null) => `${health} since ${since}${notGreen ? `; not fully healthy since ${notGreen}` : ''}.`,
  sinceUndated: (health: string, why: string) => `${health} as of today (${why}).`,
  sinceGreenAlways: () => 'Healthy for as long as the history shows.',
  acknowledged: (by: string, on: string, note: string, until: string | null, expired: boolean) =>
    `${by} is on it since ${on}: ${note.replace(/[.\s]+$/, '')}.${until ? expired ? ` It was due to be fixed by ${until}, which has passed.` : ` Expected to be fixed by ${until}.` : ''}`,
  askOwners: (owners: string[], team: string) => owners.length ? `Nobody has said so yet. Ask the owners: ${owners.join(', ')} (${team}).` : `Nobody has said so yet. Ask the team: ${team}.`,
  owners: (owners: string[], team: string) => `Nothing to act on. Owners: ${owners.length ? owners.join(', ') : 'none named'} (${team}).`,
};

/**
 * Since when a model has had its health, in words: the same on the overview, the alerts page, a
 * model page's summary and `spog alerts` (the day comes from core/history.ts healthSince).
 */
export const sinceMsg = {
  /** A start day and how long ago: "2026-10-30 (1 day ago)", "2026-10-31 (today)", "2026-10-21 (10 days ago)", "2026-08-03 or earlier (89+ days ago)"; "ago", so it never reads as a length that disagrees with the status history's "(2 days)". */
  words: (s: { date: string; days: number; earlier: boolean }): string =>
    s.earlier ? `${s.date} or earlier (${s.days}+ days ago)` : `${s.date} (${s.days <= 0 ? 'today' : s.days === 1 ? '1 day ago' : `${s.days} days ago`})`,
  /** Why a health has no start day: the check that set it is not replayed day by day. */
  undatedBy: {
    data_drift: 'set by today\'s data-drift check, which is judged on the latest window only',
    prediction_drift: 'set by today\'s prediction-drift check, which is judged on the latest window only',
    registry: 'set by registry errors, which the day history does not replay',
  } as Partial<Record<string, string>>,
  undatedDefault: 'the day history does not show it',
  /** Why the health set by `check` (an item's undated_by) has no start day. */
  undatedWhy: (check: string | null): string => (check && sinceMsg.undatedBy[check]) || sinceMsg.undatedDefault,
  /** Needs attention's line: "Red since 2026-10-30 (1 day); not green since 2026-10-29 (2 days)", or why it is not dated. */
  attention: (label: string, since: string | null, notGreen: string | null, undatedWhy: string): string =>
    `${since ? `${label} since ${since}` : `${label} since: not dated (${undatedWhy})`}${notGreen ? `; not green since ${notGreen}` : ''}`,
  /** `spog alerts`, when the day history cannot date the health: the period it began in, or that it was so before the period. */
  alertedBetween: (from: string, to: string) => (from === to ? `${to} (today)` : `between ${from} and ${to}`),
  before: (start: string) => `before ${start}`,
};

/** The overview's chart of the production models by health, day by day (view/fleet-history.ts). */
export const fleetHistoryMsg = {
  title: (days: number) => `Production models by health, the last ${days} days`,
  /** One health's course over the days: "red from 3 to 4 (as few as 1 on 2026-10-12)"; the extremes when beyond both ends. */
  course: (label: string, first: number, last: number, constant: boolean, fewest: { count: number; date: string } | null, most: { count: number; date: string } | null) => {
    const extremes = [fewest && `as few as ${fewest.count} on ${fewest.date}`, most && `as many as ${most.count} on ${most.date}`].filter(Boolean);
    return `${label} ${constant ? `${last} throughout` : `from ${first} to ${last}`}${extremes.length ? ` (${extremes.join(', ')})` : ''}`;
  },
  /** The chart in one sentence, for everyone: the courses in the tiles' order, and the models not yet reporting on the first day. */
  summary: (from: string, to: string, courses: string[], noData: number, total: number) =>
    `From ${from} to today, ${to}: ${courses.join(', ')}${noData > 0 ? `; ${noData} of the ${total} had no data yet on ${from}` : ''}.`,
  /** How many of today's counts come from drift alone, which the earlier days do not judge. */
  driftOnly: (n: number) => `Of today's, ${n} ${n === 1 ? 'model is' : 'models are'} amber or red by data or prediction drift alone, which the days before today do not judge: that part of the last day's change is not a trend.`,
  note: (replayed: string, registryErrors: boolean) =>
    `Counts today's production models on every day (spog keeps no history of lifecycles). The last day is today's health, as on the tiles above; the days before replay the checks that the metric series decide (${replayed}). Data and prediction drift are judged on the evaluation day only, so they show on the last day alone.${registryErrors ? ' A model with registry errors counts as unknown on the days spog cannot replay.' : ''}`,
  noData: 'No data yet',
  noDataMeaning: 'its data starts later',
  /** The date under the chart's last day. */
  today: (date: string) => `${date} (today)`,
  tableOpen: 'The numbers, day by day',
  tableLabel: 'Production models by health each day',
  tableCaption: 'Production models by health each day, newest first',
  day: 'Day',
};

/** The model tables' tools (overview and team pages): search, sort and CSV export, as the browser shows and announces them. */
export const tableToolsMsg = {
  searchLabel: () => 'Search',
  searchHint: () => 'name, id, team, owner or tag',
  shown: (shown: number, total: number) => `${shown} of ${total} models shown`,
  /** A team group's caption while filtering: its whole count, then how many the filters show. */
  groupShown: (all: string, shown: number) => `${all} · ${shown} shown`,
  all: (total: number) => `${total} models`,
  downloadAll: (total: number) => `Download CSV: all ${total} models`,
  exportShown: () => 'Export shown rows as CSV',
  exported: (rows: number, file: string) => `Exported ${rows} ${rows === 1 ? 'row' : 'rows'} to ${file}`,
  exportFailed: (why: string) => `Could not export the rows: ${why}. The link below downloads every model.`,
  exportMissing: (ids: string[]) => `${ids.length} shown ${ids.length === 1 ? 'model is' : 'models are'} not in the site's CSV (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`,
  /** Said beside a sort button whose order is not obvious from its heading. */
  sortNote: {
    change: 'worse than expected first, by how much, whichever way the metric is better; then level, then better; no value or an old value last',
    health: 'worst first (red, amber, unknown, green), as the default order',
    drift: 'most drift checks alarmed first',
    retrained: 'oldest first; never retrained last',
  } as Record<string, string>,
  sorted: (heading: string, dir: 'ascending' | 'descending') => `Sorted by ${heading}, ${dir}.`,
  sortedDefault: () => 'Back to the default order: worst first, then name.',
};
