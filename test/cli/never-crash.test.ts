/**
 * Issue 15, "never crash, never mislead": registries a hostile corpus found, each through the real
 * command a user runs (`spog build`, `status`, `alerts`, `validate`, `codeowners`), asserting what
 * they see.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_DEPTH } from '../../src/view/markdown.ts';

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
