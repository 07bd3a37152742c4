/**
 * Every user-facing diagnostic of the registry, in one place (as vega-lite's log/message.ts).
 * Each returns the message and, where it helps, what was expected and a valid example.
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
  unknownModels: (unknown: string[], known: string[]): MessageParts => ({ message: `unknown model(s): ${unknown.join(', ')} (known: ${known.join(', ')})` }),
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
  fixedExpectedMissing: (): MessageParts => ({ message: 'expected.source is fixed but no value is given', example: 'expected: {source: fixed, value: 0.82}' }),
  tooManyLines: (count: number, limit: number): MessageParts => ({ message: `file has ${count} lines, over the ${limit}-line limit`, expected: `at most ${limit} lines per file` }),
};
