import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook, redact } from '../../src/workflow/webhook.ts';
import { commitAll, FIXTURES, makeRepo, spog, type Repo } from './helpers.ts';

/** A local webhook receiver on 127.0.0.1 (ephemeral port): /ok, /fail (500), /flaky (500 then 200), /bad (400), /hang (never answers). */
let server: Server;
let base = '';
const received: { path: string; body: string }[] = [];
const hanging: import('node:http').ServerResponse[] = [];
let flaky = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      if (req.url === '/ok') res.writeHead(200).end('ok');
      else if (req.url === '/fail') res.writeHead(500).end('internal error');
      else if (req.url === '/flaky') (flaky++ === 0 ? res.writeHead(503).end('busy') : res.writeHead(200).end('ok'));
      else if (req.url === '/bad') res.writeHead(400).end('invalid_payload');
      else if (req.url === '/hang') hanging.push(res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  received.length = 0;
});

const fast = { backoffMs: 10, timeoutMs: 300 };

describe('postWebhook', () => {
  it('posts the JSON payload once when the server accepts it', async () => {
    const r = await postWebhook(`${base}/ok`, { text: 'hi', blocks: [] }, fast);
    expect(r).toEqual({ ok: true, tries: 1, status: 200 });
    expect(received).toEqual([{ path: '/ok', body: '{"text":"hi","blocks":[]}' }]);
  });

  it('retries a server error and succeeds on the second try', async () => {
    const r = await postWebhook(`${base}/flaky`, { text: 'x' }, fast);
    expect(r).toMatchObject({ ok: true, tries: 2, status: 200 });
  });

  it('gives up after 3 tries against a failing server, with a clear error that hides the secret path', async () => {
    const r = await postWebhook(`${base}/fail`, { text: 'x' }, fast);
    expect(received).toHaveLength(3);
    expect(r).toEqual({ ok: false, tries: 3, status: 500, error: `webhook POST to ${base}/… failed after 3 tries: HTTP 500 Internal Server Error: internal error` });
  });

  it('does not retry a 4xx answer (the URL or payload is wrong)', async () => {
    const r = await postWebhook(`${base}/bad`, { text: 'x' }, fast);
    expect(received).toHaveLength(1);
    expect(r.error).toBe(`webhook POST to ${base}/… was refused: HTTP 400 Bad Request: invalid_payload (not retried: check the URL and the payload)`);
  });

  it('times out a server that never answers, three times with a doubling wait between, then fails', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const r = await postWebhook(`${base}/hang`, { text: 'x' }, { backoffMs: 10, timeoutMs: 200, sleep });
    expect(waits).toEqual([10, 20]);
    expect(received).toHaveLength(3);
    expect(r).toMatchObject({ ok: false, tries: 3, status: null, error: `webhook POST to ${base}/… failed after 3 tries: no answer within 0.2 s` });
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const r = await postWebhook(`http://127.0.0.1:${port}/x`, {}, fast);
    expect(r.error).toBe(`webhook POST to http://127.0.0.1:${port}/… failed after 3 tries: ECONNREFUSED`);
  });

  it('shows only the origin of a webhook URL', () => {
    expect(redact('https://hooks.slack.com/services/T000/B000/secret')).toBe('https://hooks.slack.com/…');
  });
});

describe('spog alerts', () => {
  const states = join(FIXTURES, 'workflow/states');

  it('lists transitions since a date and the models that need attention', async () => {
    const r = await spog('alerts', '--registry', states, '--since', '2026-10-01', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.since).toEqual({ kind: 'date', value: '2026-10-01', date: '2026-10-01' });
    expect(j.attention.map((a: { model: string; health: string }) => `${a.model}:${a.health}`)).toEqual(['fairness:red', 'latency:red', 'red:red', 'stale:red', 'amber:amber', 'rmse:amber', 'too-little:unknown']);
    expect(j.transitions.length).toBeGreaterThan(0);
    expect(j.transitions.every((t: { date: string }) => t.date >= '2026-10-01')).toBe(true);
  });

  it('sends one alert per model for a period, however often it went back and forth', async () => {
    const { alertsSinceDate } = await import('../../src/workflow/alerts.ts');
    const { alertsMarkdown } = await import('../../src/workflow/alerts-format.ts');
    const { computeSnapshot } = await import('../../src/site/snapshot.ts');
    const real = computeSnapshot('registry');
    // A model that went back and forth five times in the period (newest first, as snapshots list them).
    const flaps = [
      ['2026-10-20', 'amber', 'red'], ['2026-10-12', 'red', 'amber'], ['2026-10-05', 'amber', 'red'], ['2026-09-28', 'red', 'amber'], ['2026-09-10', 'green', 'red'],
    ].map(([date, from, to]) => ({ model: 'nyc-temp-max', date, from, to, reason: `${from} to ${to}` })) as typeof real.transitions;
    const demo = { ...real, transitions: [...flaps, ...real.transitions.filter((t) => t.model !== 'nyc-temp-max')] };
    const current = real.models.find((m) => m.id === 'nyc-temp-max')!.health;
    expect(current).toBe(flaps[0].to);
    // At the start of the period it was green (the base evaluation); every other model as now.
    const base = { ...real, models: real.models.map((m) => (m.id === 'nyc-temp-max' ? { ...m, health: 'green' as const } : m)) };
    const r = alertsSinceDate(demo, base, '2026-09-01');
    const mine = r.transitions.filter((t) => t.model === 'nyc-temp-max');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ changes: flaps.length, from: 'green', to: current, date: flaps[0].date });
    // Every other model kept its state: nothing to say about it, whatever its replayed history.
    expect(r.transitions.map((t) => t.model)).toEqual(['nyc-temp-max']);
    expect(new Set(r.transitions.map((t) => t.model)).size).toBe(r.transitions.length);
    expect(alertsMarkdown(r)).toContain(`(${flaps.length} changes)`);
  });

  it('alerts on an entry into amber that drift caused, from the full state at the start of the period', async () => {
    // The demo: nyc-temp-min's predictions drifted in the last week of October (not in the replayed
    // history, which covers the checks that series decide); card-fraud's inputs had drifted before.
    const r = await spog('alerts', '--registry', 'registry', '--since', '2026-10-25', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { transitions: { model: string; from: string; to: string; date: string; reason: string }[]; attention: { model: string; health: string; since: string; since_day: { date: string } | null; undated_by: string | null }[] };
    expect(j.transitions.find((t) => t.model === 'nyc-temp-min')).toMatchObject({ from: 'green', to: 'amber', date: '2026-10-31', reason: expect.stringMatching(/^prediction drift: distribution changed/) });
    // Amber by drift already on 2026-10-24: no alert, and the attention list says since when it knows.
    expect(j.transitions.map((t) => t.model)).not.toContain('card-fraud');
    expect(j.attention.find((a) => a.model === 'card-fraud')).toMatchObject({ health: 'amber', since_day: null, undated_by: 'data_drift', since: expect.stringMatching(/^before 2026-10-25; set by today's data-drift check/) });
    // Drift is judged on the evaluation day only: the change is known to lie in the period, not on which day.
    expect(j.attention.find((a) => a.model === 'nyc-temp-min')).toMatchObject({ health: 'amber', since_day: null, since: expect.stringMatching(/^between 2026-10-25 and 2026-10-31; set by today's prediction-drift check/) });
    // A health the day history dates has the site's day (core/history.ts healthSince), with how long
    // ago, and it is the day of the replayed change this report alerts.
    expect(j.attention.find((a) => a.model === 'seattle-precip-amount')).toMatchObject({ health: 'red', since_day: { date: '2026-10-26' }, since: '2026-10-26 (5 days ago)' });
    for (const t of j.transitions) {
      const a = j.attention.find((x) => x.model === t.model);
      if (a?.since_day) expect(a.since_day.date, t.model).toBe(t.date);
    }
    // Every alert agrees with the attention list: the state it reports is the state now.
    const now = new Map(j.attention.map((a) => [a.model, a.health]));
    for (const t of j.transitions) if (t.to !== 'green') expect(now.get(t.model), t.model).toBe(t.to);
    const md = (await spog('alerts', '--registry', 'registry', '--since', '2026-10-25')).stdout;
    expect(md).toMatch(/\| `card-fraud` \| 🟠 amber \| before 2026-10-25; set by today's data-drift check, which is judged on the latest window only \|/);
  });

  it('says nothing about a run over the same states: the registry at its own commit', async () => {
    const r = await spog('alerts', '--registry', 'registry', '--since', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).transitions).toEqual([]);
  });

  it('does not alert again a state the owners acknowledged, until it changes or the acknowledgement expires', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spog-ack-alerts-'));
    try {
      cpSync('registry', dir, { recursive: true });
      // The demo's open incident on seattle-rain-tomorrow was acknowledged while amber; it is red now.
      const before = JSON.parse((await spog('alerts', '--registry', dir, '--since', '2026-10-25', '--format', 'json')).stdout);
      expect(before.transitions.find((t: { model: string }) => t.model === 'seattle-rain-tomorrow')).toMatchObject({ from: 'amber', to: 'red', acknowledged: { by: 'mei.chen@example.org' } });
      // Acknowledge the red state and the next run says nothing new about it.
      rmSync(join(dir, 'models/seattle-precip-amount/incidents'), { recursive: true, force: true });
      expect((await spog('ack', 'seattle-precip-amount', '--registry', dir, '--note', 'gauge feed down; re-ingest Monday', '--until', '2026-11-03', '--owner', 'sam.okafor@example.org')).code).toBe(0);
      const after = JSON.parse((await spog('alerts', '--registry', dir, '--since', '2026-10-25', '--format', 'json')).stdout);
      expect(after.transitions.map((t: { model: string }) => t.model)).not.toContain('seattle-precip-amount');
      expect(after.acknowledged).toEqual([{ model: 'seattle-precip-amount', from: 'amber', to: 'red', by: 'sam.okafor@example.org', until: '2026-11-03' }]);
      expect(after.attention.find((a: { model: string }) => a.model === 'seattle-precip-amount').acknowledged).toMatchObject({ note: 'gauge feed down; re-ingest Monday', expired: false });
      const md = (await spog('alerts', '--registry', dir, '--since', '2026-10-25')).stdout;
      expect(md).toContain('Not alerted again, acknowledged in this state: `seattle-precip-amount` red (by sam.okafor@example.org until 2026-11-03).');
      // Once its until day is over, the state is alerted again.
      const late = JSON.parse((await spog('alerts', '--registry', dir, '--since', '2026-10-25', '--as-of', '2026-11-04', '--format', 'json')).stdout);
      expect(late.acknowledged.map((a: { model: string }) => a.model)).not.toContain('seattle-precip-amount');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with --fail-on when a model is at or beyond the level', async () => {
    expect((await spog('alerts', '--registry', states, '--fail-on', 'red')).code).toBe(1);
    expect((await spog('alerts', '--registry', join(FIXTURES, 'minimal'), '--fail-on', 'amber')).code).toBe(0);
  });

  it('builds a Slack payload with text and blocks', async () => {
    const r = await spog('alerts', '--registry', states, '--since', '2026-10-25', '--format', 'slack', '--site-url', 'https://acme.github.io/models/');
    const p = JSON.parse(r.stdout);
    expect(p.text).toMatch(/^spog: \d+ models? changed status since 2026-10-25; now 10 models: production 9 \(4 red, 2 amber, 2 green, 1 unknown\); other lifecycles 1 \(1 green\), of which offline 1 \(as of 2026-10-31\)$/);
    expect(p.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'context', 'context']);
    expect(p.blocks[2].text.text).toContain(':red_circle: <https://acme.github.io/models/models/red/|red> *red*');
  });

  it('posts to the webhook when something changed, and exits 1 when posting fails', async () => {
    const ok = await spog('alerts', '--registry', states, '--since', '2026-10-01', '--webhook', `${base}/ok`);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(`spog: posted to ${base}/… (HTTP 200, 1 try)\n`);
    expect(JSON.parse(received[0].body)).toMatchObject({ text: expect.stringContaining('changed status'), blocks: expect.any(Array) });
    process.env.SPOG_WEBHOOK_BACKOFF_MS = '5';
    try {
      const fail = await spog('alerts', '--registry', states, '--since', '2026-10-01', '--webhook', `${base}/fail`);
      expect(fail.code).toBe(1);
      expect(fail.stderr).toBe(`spog: webhook POST to ${base}/… failed after 3 tries: HTTP 500 Internal Server Error: internal error\n`);
      const hang = await spog('alerts', '--registry', states, '--since', '2026-10-01', '--webhook', `${base}/hang`, '--webhook-timeout', '0.2');
      expect(hang.code).toBe(1);
      expect(hang.stderr).toContain('no answer within 0.2 s');
    } finally {
      delete process.env.SPOG_WEBHOOK_BACKOFF_MS;
    }
  });

  it('posts nothing when no status changed (unless --always); refuses a non-http URL', async () => {
    const quiet = await spog('alerts', '--registry', states, '--since', '2026-11-01', '--webhook', `${base}/ok`);
    expect(quiet.stderr).toContain('no status change: nothing posted');
    expect(received).toHaveLength(0);
    const bad = await spog('alerts', '--registry', states, '--webhook', 'file:///etc/passwd');
    expect(bad.code).toBe(2);
  });

  describe('since a git ref', () => {
    let repo: Repo;
    beforeAll(() => {
      repo = makeRepo('workflow/states');
    });
    afterAll(() => repo.cleanup());

    it('reports the models whose health differs from that commit', async () => {
      const card = join(repo.registry, 'models/amber/README.md');
      writeFileSync(card, readFileSync(card, 'utf8').replace('deployments:', 'thresholds: {mode: relative, amber: 0.01, red: 0.05}\ndeployments:'));
      commitAll(repo.dir, 'Tighten amber thresholds');
      const r = await spog('alerts', '--registry', repo.registry, '--since', 'HEAD~1', '--format', 'json');
      const j = JSON.parse(r.stdout);
      expect(j.since).toMatchObject({ kind: 'ref', value: 'HEAD~1', date: '2026-10-31' });
      expect(j.transitions).toEqual([expect.objectContaining({ model: 'amber', from: 'amber', to: 'red', date: '2026-10-31' })]);
      const nul = await spog('alerts', '--registry', repo.registry, '--since', '0'.repeat(40), '--format', 'json');
      expect(nul.stderr).toContain('is the null commit (a first push)');
    });
  });
});
