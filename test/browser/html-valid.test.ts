/**
 * Every page of the built demo site, and of a registry with a hostile card and broken models, is
 * valid HTML by the W3C Nu HTML Checker (the `vnu-jar` package's vnu.jar, run on the machine's
 * Java 17+): the overview, the teams index, each team page, the alerts page, each model page and
 * each versions page. One Java run checks every file (the checker starts in about 2 s); an error
 * fails the test with its file, line and message. Warnings are not counted: the checker reads the
 * files from disk, so it resolves "/_astro/..." to a file: address and warns that the page's CSP
 * ('self') blocks it, which a served page does not; and marked's `align` on table cells is
 * obsolete but harmless.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInChild } from './build-child.ts';
import { makeHostileRegistry } from './hostile-registry.ts';

const DEMO = 'registry';
/** The vnu-jar package's main export is the path of its jar (a String object). */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** The kind of page a built file is, from its path under the site. */
function pageKind(path: string): string {
  const p = path.split(sep).join('/');
  if (p === 'index.html') return 'overview';
  if (p === 'alerts/index.html') return 'alerts';
  if (p === 'teams/index.html') return 'teams index';
  if (/^teams\/[^/]+\/index\.html$/.test(p)) return 'team';
  if (/^models\/[^/]+\/index\.html$/.test(p)) return 'model';
  if (/^models\/[^/]+\/versions\/index\.html$/.test(p)) return 'versions';
  return `other (${p})`;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Check every file in one Java run; the checker's JSON report goes to stdout. */
async function vnu(files: string[]): Promise<VnuMessage[]> {
  const { stdout } = await promisify(execFile)('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', '--exit-zero-always', '--stdout', ...files], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { messages: VnuMessage[] }).messages;
}

const tmp = mkdtempSync(join(tmpdir(), 'spog-vnu-'));
const sites = { demo: join(tmp, 'demo', 'site'), hostile: join(tmp, 'hostile', 'site') };
/** Each checked file: the site it belongs to, its path there, and its kind of page. */
let pages: { site: keyof typeof sites; file: string; path: string; kind: string }[];
let messages: VnuMessage[];

beforeAll(async () => {
  const reg = join(tmp, 'hostile-registry');
  makeHostileRegistry(reg, DEMO);
  await Promise.all([buildInChild({ registry: DEMO, out: sites.demo }), buildInChild({ registry: reg, out: sites.hostile, base: '/sub/' })]);
  pages = (Object.keys(sites) as (keyof typeof sites)[]).flatMap((site) =>
    htmlFiles(sites[site]).map((file) => ({ site, file, path: relative(sites[site], file), kind: pageKind(relative(sites[site], file)) })),
  );
  messages = await vnu(pages.map((p) => p.file));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** "<site> <path>:<line>: <message>" for each error on the site's pages. */
function errors(site: keyof typeof sites): string[] {
  return messages
    .filter((m) => m.type !== 'info')
    .filter((m) => m.url === undefined || pages.some((p) => p.site === site && m.url!.endsWith(p.file)))
    .map((m) => {
      const page = pages.find((p) => m.url?.endsWith(p.file));
      return `${site} ${page?.path ?? m.url ?? '(no file)'}:${m.lastLine ?? m.firstLine ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ')}` : ''}`;
    });
}

describe('the W3C Nu HTML checker', () => {
  it('checks every kind of page: overview, teams index, each team, alerts, each model and its versions', () => {
    const demoModels = readdirSync(join(DEMO, 'models')).length;
    const count = (kind: string) => pages.filter((p) => p.site === 'demo' && p.kind === kind).length;
    expect(pages.filter((p) => p.kind.startsWith('other'))).toEqual([]);
    expect({ overview: count('overview'), teams: count('teams index'), alerts: count('alerts'), models: count('model'), versions: count('versions') }).toEqual({
      overview: 1,
      teams: 1,
      alerts: 1,
      models: demoModels,
      versions: demoModels,
    });
    expect(count('team')).toBeGreaterThan(1);
  });

  it('finds no error on any page of the demo site', () => {
    expect(errors('demo')).toEqual([]);
  });

  it('finds no error on a site with a hostile card and broken models (a dropped link, skipped card headings, registry errors)', () => {
    expect(pages.filter((p) => p.site === 'hostile' && /broken-(card|version|yaml)\//.test(p.path)).length).toBe(6);
    expect(errors('hostile')).toEqual([]);
  });
});
