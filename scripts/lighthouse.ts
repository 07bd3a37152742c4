#!/usr/bin/env node
/**
 * Lighthouse (mobile) on the built site: `npm run lighthouse [-- --dist DIR] [-- --pages / models/x/]`.
 * Serves dist/ on 127.0.0.1, runs Lighthouse 13 in Debian's chromium for the overview and a model
 * page, prints the scores and every failing audit, and exits 1 when a score is under budget
 * (performance 95, accessibility 100, best practices 100). A measurement, not a unit test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, pages: { type: 'string', multiple: true } } });
const dist = values.dist!;
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`no ${dist}/index.html: run npm run build first`);
  process.exit(2);
}
const firstModel = readFileSync(join(dist, 'index.html'), 'utf8').match(/href="\/(models\/[a-z0-9-]+\/)"/)?.[1] ?? '';
const pages = values.pages ?? ['', firstModel];
const BUDGET: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 100 };
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml' };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const server = createServer((req, res) => {
  let path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  if (path.endsWith('/')) path += 'index.html';
  const file = join(dist, path);
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const out = mkdtempSync(join(tmpdir(), 'spog-lh-'));
let failed = false;
try {
  for (const page of pages) {
    const url = `http://127.0.0.1:${port}/${page}`;
    const report = join(out, 'report.json');
    // Asynchronous: the static server runs in this process and must keep answering.
    const r = await run(process.execPath, [
      'node_modules/lighthouse/cli/index.js', url, '--quiet', '--output=json', `--output-path=${report}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    ], { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
    if (r.status !== 0 || !existsSync(report)) {
      console.error(`lighthouse failed on ${url}: ${r.stderr.slice(-500)}`);
      failed = true;
      continue;
    }
    const lh = JSON.parse(readFileSync(report, 'utf8'));
    const scores = Object.fromEntries(Object.entries(lh.categories as Record<string, { score: number }>).map(([k, c]) => [k, Math.round(c.score * 100)]));
    console.log(`/${page}  ${Object.entries(scores).map(([k, s]) => `${k} ${s}`).join(', ')}`);
    for (const [k, s] of Object.entries(scores)) if (s < BUDGET[k]) failed = true;
    for (const c of Object.values(lh.categories as Record<string, { auditRefs: { id: string; weight: number }[] }>)) {
      for (const a of c.auditRefs) {
        const audit = lh.audits[a.id];
        if (a.weight > 0 && audit.score !== null && audit.score < 1) console.log(`    ${a.id}: ${audit.score} ${audit.displayValue ?? ''}`);
      }
    }
    rmSync(report, { force: true });
  }
} finally {
  server.close();
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
