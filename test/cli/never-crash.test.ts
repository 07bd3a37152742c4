/**
 * Issue 15, "never crash, never mislead": registries a hostile corpus found, each through the real
 * command a user runs (`spog build`, `status`, `alerts`, `validate`, `codeowners`), asserting what
 * they see.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, removeStaleWork } from '../../src/site/build.ts';
import { MARKDOWN_MAX_DEPTH } from '../../src/view/markdown.ts';
import type { AlertReport } from '../../src/workflow/alerts.ts';
import type { RegistryDiff } from '../../src/workflow/diff.ts';
import { alertsMarkdown, slackPayload } from '../../src/workflow/alerts-format.ts';
import { commitAll, git, makeRepo, spog as spogHere } from '../workflow/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spog-never-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The minimal fixture (one model, churn; spog.yaml pinned to 2026-10-31), copied to `name`. */
function registry(name: string): string {
  const dir = join(tmp, name);
  cpSync('test/fixtures/minimal', dir, { recursive: true });
  return dir;
}

/** `spog ARGS` in a child process, without the Vite variables Vitest puts into process.env (build-child.ts). */
function spog(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPOG_SITE|SPOG_BASE|BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(k)));
  return spawnSync(process.execPath, ['scripts/spog.ts', ...args], { encoding: 'utf8', env });
}

/** Every character is an XML 1.0 Char (https://www.w3.org/TR/xml/#charsets). */
const XML_CHARS = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('spog build on hostile text', () => {
  it('builds a site whose card nests 10,000 quotes (shown as plain text with a note) and whose title holds control characters (the feed stays XML)', () => {
    const reg = registry('deep-card');
    appendFileSync(join(reg, 'models/churn/README.md'), `\n${'>'.repeat(10_000)} too deep\n`);
    const yaml = readFileSync(join(reg, 'spog.yaml'), 'utf8').replace('title: Minimal fleet', 'title: "Minimal\\x01 fleet\\x0b"');
    writeFileSync(join(reg, 'spog.yaml'), yaml);
    const out = join(tmp, 'site-deep-card');
    const r = spog(['build', '--registry', reg, '--out', out, '--no-cache']);
    expect(r.stderr).not.toContain('RangeError');
    expect(r.status).toBe(0);
    const page = readFileSync(join(out, 'models/churn/index.html'), 'utf8');
    expect(page).toContain(`it nests quotes or lists 10000 levels deep (its line 5), over the limit of ${MARKDOWN_MAX_DEPTH}.`);
    expect(page).toContain('Scores customers weekly.');
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(XML_CHARS.test(feed)).toBe(true);
    expect(feed).toContain('<title>Minimal\uFFFD fleet\uFFFD: model status changes</title>');
  }, 120_000);
});

/** Raw HTML tags in a Markdown text other than those the report itself writes. */
function foreignTags(markdown: string): string[] {
  return [...markdown.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()).filter((t) => !['details', 'summary', 'b', 'sub', 'br', 'code'].includes(t));
}

/** Rows of every Markdown table whose number of cells differs from its header's. */
function brokenRows(markdown: string): string[] {
  const cells = (line: string) => line.split('|').length;
  const bad: string[] = [];
  let header: number | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) header = null;
    else if (header === null) header = cells(line);
    else if (cells(line) !== header) bad.push(line);
  }
  return bad;
}

describe('registry text in the Markdown reports', () => {
  const HOSTILE_LABEL = '<img src=x onerror=alert(1)>';
  const HOSTILE_NAME = 'Churn | `rm -rf` *now* [click](https://evil.example) <script>alert(2)</script>';

  it('spog diff: a card label, a name with "|" and backticks, a version author and a metric name stay text', async () => {
    const repo = makeRepo('minimal');
    try {
      git(repo.dir, ['checkout', '-q', '-b', 'pr']);
      const card = join(repo.registry, 'models/churn/README.md');
      writeFileSync(card, readFileSync(card, 'utf8')
        .replace('name: Churn propensity', `name: ${JSON.stringify(HOSTILE_NAME)}`)
        .replace('primary_metric: {name: auc, direction: higher_is_better}', `primary_metric: {name: auc, direction: higher_is_better, label: ${JSON.stringify(HOSTILE_LABEL)}}`));
      writeFileSync(join(repo.registry, 'models/churn/versions/v3.yaml'), `version: v3\ntrained_at: "2026-10-30"\nparent: v2\nauthor: "<script>alert(3)</script> | x"\nmetrics: {auc: 0.85, "a|b<i>": 1}\n`);
      commitAll(repo.dir, 'Hostile text');
      const r = await spogHere('diff', 'main', 'pr', '--registry', repo.registry);
      expect(r.code).toBe(0);
      expect(foreignTags(r.stdout)).toEqual([]);
      expect(brokenRows(r.stdout)).toEqual([]);
      expect(r.stdout).not.toContain('`rm');
      expect(r.stdout).toContain('&#60;img src=x onerror=alert(1)>');
      expect(r.stdout).toContain('Churn &#124; &#96;rm -rf&#96; &#42;now&#42; &#91;click&#93;(https://evil.example) &#60;script>alert(2)&#60;/script>');
    } finally {
      repo.cleanup();
    }
  });

  const report: AlertReport = {
    as_of: { date: '2026-10-31', source: 'flag' },
    since: { kind: 'ref', value: 'main`<b>|', date: '2026-10-30', commit: 'a'.repeat(40) },
    transitions: [{ model: 'churn', name: HOSTILE_NAME, team: 'growth', date: '2026-10-31', from: 'green', to: 'red', reason: `${HOSTILE_LABEL} 0.7 | is 10% worse\n# heading`, owners: ['@ana', '<!channel>'], changes: 1, acknowledged: null }],
    acknowledged: [],
    attention: [{ model: 'churn', name: HOSTILE_NAME, team: 'growth', health: 'red', lifecycle: 'production', reason: `${HOSTILE_LABEL} | x`, owners: ['a|b'], since: '2026-10-31 (today)', since_day: { date: '2026-10-31', days: 0, earlier: false }, not_green_since: null, undated_by: null, acknowledged: { id: '2026-10-31-1', by: '<!here> `x`', at: '2026-10-31', note: '*urgent* <img src=y>', until: null, health: 'red', expired: false } as never }],
    fleet: { total: 1, production: { total: 1, by_health: { green: 0, amber: 0, red: 1, unknown: 0 } }, other: { total: 0, by_health: { green: 0, amber: 0, red: 0, unknown: 0 }, by_lifecycle: {} } },
    site_url: 'https://dash.example/a|b',
  };

  it('spog alerts: reasons, owners, acknowledgements and the since ref stay text in the Markdown', () => {
    const out = alertsMarkdown(report);
    expect(foreignTags(out)).toEqual([]);
    expect(brokenRows(out)).toEqual([]);
    expect(out).not.toContain('\n# heading');
    expect(out).toContain('&#60;img src=x onerror=alert(1)> 0.7 &#124; is 10% worse # heading');
  });

  it('spog alerts --format slack: no <!channel>, <!here> or link markup comes from registry text', () => {
    const text = JSON.stringify(slackPayload(report));
    expect(text).not.toMatch(/<!(channel|here)>/);
    expect(text).not.toContain('<img');
    expect(text).toContain('acknowledged by &lt;!here&gt;');
    expect(text).not.toContain('\\n# heading');
    expect(text).toContain('<https://dash.example/a%7Cb/models/churn/|churn>');
  });
});

describe('a spog.yaml with errors', () => {
  /** The minimal fixture with a misspelt key, a broken second team entry repeating an id, and a card naming a team with a typo. */
  function brokenConfig(name: string): string {
    const reg = registry(name);
    writeFileSync(join(reg, 'spog.yaml'), 'title: Minimal fleet\nas_of: "2026-10-31"\ndefaults:\n  stalenes: {amber_days: 3, red_days: 7}\nteams:\n  - id: growth\n    name: Growth\n  - id: growth\n    nam: Dup\n');
    const card = join(reg, 'models/churn/README.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace('team: growth', 'team: growht'));
    return reg;
  }
  const REFUSED = [
    '  spog.yaml:4:3  defaults.stalenes: unknown key "stalenes" (did you mean "staleness"?)',
    '  spog.yaml:8:5  teams.1.name: required field is missing',
    '  spog.yaml:9:5  teams.1.nam: unknown key "nam" (did you mean "name"?)',
  ];

  it('spog status, build and alerts exit 2 and print every error as file:line field: message, instead of evaluating with defaults and today', async () => {
    const reg = brokenConfig('broken-config');
    const out = join(tmp, 'site-broken-config');
    for (const [command, args] of [['status', [reg]], ['build', ['--registry', reg, '--out', out]], ['alerts', ['--registry', reg]]] as const) {
      const r = await spogHere(command, ...args);
      expect(r.code, command).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`spog: spog.yaml has 3 errors; spog ${command} does not evaluate the registry with built-in defaults in place of the fields it cannot read:\n`);
      for (const line of REFUSED) expect(r.stderr).toContain(line);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('spog validate still checks the rest against the valid part: an unknown team and a duplicate team id are reported', async () => {
    const r = await spogHere('validate', brokenConfig('broken-config-validate'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('models/churn/README.md:4:7  team: team "growht" is not defined in spog.yaml (did you mean "growth"?)');
    expect(r.stdout).toContain('spog.yaml  teams.1.id: team "growth" is defined twice');
    expect(r.stdout).toContain('spog.yaml  warning spog validate checked the registry with the valid part of spog.yaml, without "defaults.stalenes", "teams.1" (their defaults apply); spog build, status and alerts refuse to run until it is fixed');
    for (const line of REFUSED) expect(r.stdout).toContain(line.trim());
  });
});

describe("spog build's work folders", () => {
  it('a build removes the folders that killed builds left: of processes that no longer run, and any older than a day', () => {
    const cache = mkdtempSync(join(tmp, 'cache-'));
    const dead = 999_999_999;
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    for (const name of [`site-${dead}-a1`, `site-${process.pid}-b2`, `site-${process.pid}-old`, 'site-c3', 'site-d4', 'models']) mkdirSync(join(cache, name));
    for (const name of [`site-${process.pid}-old`, 'site-d4']) utimesSync(join(cache, name), twoDaysAgo, twoDaysAgo);
    expect(removeStaleWork(cache).sort()).toEqual([`site-${dead}-a1`, `site-${process.pid}-old`, 'site-d4'].sort());
    expect(readdirSync(cache).sort()).toEqual(['models', `site-${process.pid}-b2`, 'site-c3'].sort());
  });

  it('a build stopped by SIGTERM removes its work folder', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(k)));
    const child = spawn(process.execPath, ['scripts/spog.ts', 'build', '--registry', 'test/fixtures/minimal', '--out', join(tmp, 'site-killed'), '--no-cache'], { env, stdio: 'ignore' });
    const mine = () => readdirSync(join(PROJECT_ROOT, '.cache')).filter((n) => n.startsWith(`site-${child.pid}-`));
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    for (let i = 0; i < 300 && !mine().length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(mine()).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(mine()).toEqual([]);
    expect(existsSync(join(tmp, 'site-killed'))).toBe(false);
  }, 60_000);
});

describe('spog diff on a working tree with files it cannot read', () => {
  it('reports a symbolic-link loop, a link to a 2.5 GB file outside the registry, a FIFO and a folder where files are expected, and exits 0', async () => {
    const repo = makeRepo('minimal');
    try {
      const model = join(repo.registry, 'models/churn');
      symlinkSync('loop.ndjson', join(model, 'metrics/2026-11.ndjson'));
      symlinkSync('2026-11.ndjson', join(model, 'metrics/loop.ndjson'));
      const big = join(repo.dir, 'big.ndjson');
      writeFileSync(big, '');
      truncateSync(big, 2.5e9);
      mkdirSync(join(model, 'features'));
      symlinkSync(big, join(model, 'features/2026-10.ndjson'));
      // As root, chmod cannot make a file unreadable: a FIFO (no writer: a read would block) and a folder stand in for it.
      execFileSync('mkfifo', [join(model, 'metrics/2026-09.ndjson')]);
      mkdirSync(join(model, 'versions/v3.yaml'));
      const r = await spogHere('diff', 'main', '--registry', repo.registry, '--format', 'json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const d = JSON.parse(r.stdout) as RegistryDiff;
      const errors = d.models.find((m) => m.id === 'churn')!.errors.new;
      // The FIFO and the folder named as registry files are errors saying what they are (decision 54).
      expect(errors).toEqual([
        expect.stringMatching(/^models\/churn\/features\/2026-10\.ndjson {2}symbolic link points outside the registry/),
        'models/churn/metrics/2026-09.ndjson  "2026-09.ndjson" is a FIFO, not a file: its data cannot be read (expected a month\'s metric lines as a regular file)',
        expect.stringMatching(/^models\/churn\/metrics\/2026-11\.ndjson {2}cannot read file: ELOOP/),
        expect.stringMatching(/^models\/churn\/metrics\/loop\.ndjson {2}cannot read file: ELOOP/),
        'models/churn/versions/v3.yaml  "v3.yaml" is a folder, not a file: its data cannot be read (expected a version as a regular file)',
      ]);
      const v = await spogHere('validate', repo.registry);
      expect(v.code).toBe(1);
      expect(v.stdout).toMatch(/^models\/churn\/metrics\/2026-09\.ndjson {2}"2026-09\.ndjson" is a FIFO/m);
      expect(v.stdout).toMatch(/^models\/churn\/versions\/v3\.yaml {2}"v3\.yaml" is a folder/m);
    } finally {
      repo.cleanup();
    }
  }, 60_000);
});

describe('a reader that stops early', () => {
  it('ends spog quietly when the pipe closes (spog status | head -1), not with an EPIPE crash', async () => {
    // The reader is gone before spog writes a byte (as `head` is once it has its lines).
    const child = spawn(process.execPath, ['scripts/spog.ts', 'status', '--registry', 'registry'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(code).toBe(0);
  }, 60_000);
});
