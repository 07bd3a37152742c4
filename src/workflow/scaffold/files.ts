/**
 * The small text files of a registry repository that `spog init` writes: the registry's
 * .gitattributes (also the demo's, scripts/demo/writer.ts), .gitignore, and the README for the
 * organisation.
 */

/**
 * registry/.gitattributes: metric and feature files merge line by line (merge=union: two
 * branches that both appended keep both sides' lines), and every registry text file keeps LF
 * line endings (docs/registry.md, "Line endings").
 */
export const REGISTRY_GITATTRIBUTES =
  '# Pipelines only append lines to metric and feature files; a union merge keeps the lines of both\n# branches instead of raising a conflict (duplicates are dropped on read).\n*.ndjson merge=union\n' +
  '# Stored and checked out with LF line endings, on Windows too (spog reads CRLF, but one ending\n# keeps diffs and union merges line for line).\n' +
  '*.md text eol=lf\n*.yaml text eol=lf\n*.yml text eol=lf\n*.ndjson text eol=lf\n*.json text eol=lf\n';

/** .gitignore: installed packages, the built site, spog's cache of evaluated models. */
export const GITIGNORE = '# Installed by npm ci\nnode_modules/\n# Built by spog build\ndist/\n# Evaluated models, reused by the next spog build (safe to delete)\n.cache/\n';

export interface ReadmeFacts {
  title: string;
  siteUrl?: string;
  /** The example model's id, when there is one. */
  example?: { id: string; team: string; metric: string };
  teams: string[];
  /** Where package.json installs spog from (its spec), for the Python client's install line. */
  spog?: string;
}

/**
 * Where pip installs spog-client from: the same git repository and ref as package.json's spog
 * (the client lives in its python/ folder), or undefined when spog comes from a tarball or a
 * registry (a wheel of the same release is then the source). Never the bare name: spog-client
 * is not on PyPI, and anyone could publish a package of that name there.
 */
export function pipSource(spec: string | undefined): string | undefined {
  const git = spec ? /^git\+([^#\s]+?)(?:#([^\s]+))?$/.exec(spec) : null;
  const github = spec ? /^github:([\w.-]+\/[\w.-]+?)(?:\.git)?(?:#([^\s]+))?$/.exec(spec) : null;
  const [url, ref] = git ? [`git+${git[1]}`, git[2]] : github ? [`git+https://github.com/${github[1]}.git`, github[2]] : [undefined, undefined];
  if (!url || ref?.startsWith('semver:')) return undefined;
  return `${url}${ref ? `@${ref}` : ''}#subdirectory=python`;
}

/** README.md: what the repository is, how to add a model and log metrics, build and preview, where the site is. */
export function readme(f: ReadmeFacts): string {
  const team = f.example?.team ?? f.teams[0] ?? 'TEAM';
  const model = f.example?.id ?? 'churn-model';
  const metric = f.example?.metric ?? 'auc';
  const site = f.siteUrl
    ? `The dashboard is published at <${f.siteUrl}> by \`.github/workflows/main.yml\` on every push to \`main\` and once a day.`
    : 'The dashboard is published to GitHub Pages by `.github/workflows/main.yml` on every push to `main` and once a day: enable Pages with "Source: GitHub Actions" (Settings > Pages); the address shows in the workflow\'s deploy step. Then set `site.url` in `registry/spog.yaml` so the feed and alerts link to it.';
  const source = pipSource(f.spog);
  const pip = source
    ? `installed from the same release as spog: \`pip install "spog-client @ ${source}"\` (add \`[pandas]\` or \`[spark]\` after spog-client for the aggregation helpers)`
    : 'installed from a wheel of the same release as spog (`pip wheel ./python` in spog\'s repository makes one). Never `pip install spog-client` from PyPI: that name is not this project';
  return `# ${f.title}

This repository is the registry of our machine-learning models, and the source of their
dashboard. Every model has a folder in \`registry/models/\`: its card (\`README.md\`: owners, team,
lifecycle, primary metric, deployments), its trained versions (\`versions/\`), and the metrics its
pipelines log in production (\`metrics/\`, one JSON line each). spog (a development dependency
in \`package.json\`) turns it into a static site that shows the health of every model (green, amber, red, and why),
and checks every pull request.

${site}

## Set up

\`\`\`sh
npm install                          # installs spog from package.json (never from elsewhere)
npx --no-install spog validate       # checks every file of registry/
npm run build                        # the site, in dist/
\`\`\`

Preview the built site with any static file server, e.g. \`python3 -m http.server 4321 -d dist\`
and <http://localhost:4321/>.

## Add a model

\`\`\`sh
npx --no-install spog new model churn-model --team ${team} --owner @your-handle \\
  --task binary_classification --primary-metric ${metric} --version v1
npx --no-install spog codeowners     # its owners approve changes to its files
\`\`\`

Edit the new \`README.md\` (what the model decides, its data, its limits) and the version's
evaluation metrics, then open a pull request: CI validates it and comments what the change does.
A new trained version: \`npx --no-install spog new version ${model} v2 --parent v1 --metric ${metric}=0.84\`,
made the champion with \`npx --no-install spog promote ${model} v2\`.

## Log production metrics

From a Python pipeline, with the \`spog-client\` package, ${pip}:

\`\`\`python
from spog import Registry

Registry("registry").log_metrics([
    {"model": "${model}", "version": "v1", "metric": "${metric}", "value": 0.83, "n": 12000,
     "ts": "2026-10-31T06:00:00Z", "run": "nightly-2026-10-31"},
])
\`\`\`

or from a shell step: \`npx --no-install spog log --model ${model} --version v1 --metric ${metric} --value 0.83 --n 12000 --ts 2026-10-31T06:00:00Z --run nightly-2026-10-31\`
(with the day's \`--ts\` and the run's id, a retried step is kept once).
Commit the changed \`registry/models/*/metrics/*.ndjson\` files and push: the dashboard is rebuilt.
Lines are only ever appended, and \`registry/.gitattributes\` merges them line by line, so two
pipelines never conflict.

## Everyday commands

| command | does |
|---|---|
| \`npm run validate\` | check every registry file (also run on every pull request) |
| \`npm run status\` | the health of every model, in the terminal |
| \`npm run build\` | build the site into \`dist/\` |
| \`npm run diff\` | what this branch changes, as the pull-request comment shows it |
| \`npx --no-install spog ack MODEL --note "..."\` | say you are acting on a red or amber model |

Run spog as \`npx --no-install spog\` or \`npm run\`: both use this repository's spog, and never
download a package named spog from the public npm registry.
`;
}
