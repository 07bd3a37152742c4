/**
 * POST a JSON payload to a webhook (Slack incoming webhooks and compatible: Mattermost, Teams
 * workflows, Discord's /slack endpoint) with a timeout per try and exponential backoff. Server
 * errors (5xx), 408, 429 and network failures are retried; other 4xx answers are not (the
 * payload or URL is wrong, trying again cannot help). The URL is a secret: messages show only its
 * origin.
 */
import { webhookMsg } from '../messages.ts';

export interface WebhookOptions {
  /** Total tries (default 3). */
  tries?: number;
  /** Per-try limit in ms, including reading the answer (default 10 s). */
  timeoutMs?: number;
  /** Wait before the second try; doubles each time (default 1 s). */
  backoffMs?: number;
  /** Upper bound on a Retry-After wait (default 30 s). */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface WebhookResult {
  ok: boolean;
  tries: number;
  status: number | null;
  /** Plain-words error when not ok. */
  error?: string;
}

/** The URL's origin only ("https://hooks.slack.com/…"): the path of a webhook URL is its secret. */
export function redact(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/** Null when the URL is usable, else why not. */
export function checkWebhookUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return webhookMsg.notAUrl(url);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return webhookMsg.notHttp(u.protocol);
  return null;
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

export async function postWebhook(url: string, payload: unknown, o: WebhookOptions = {}): Promise<WebhookResult> {
  const tries = Math.max(1, o.tries ?? 3);
  const timeoutMs = o.timeoutMs ?? 10_000;
  const backoffMs = o.backoffMs ?? 1000;
  const maxRetryAfter = o.maxRetryAfterMs ?? 30_000;
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const body = JSON.stringify(payload);
  const where = redact(url);
  let last = '';
  let status: number | null = null;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let wait = backoffMs * 2 ** (attempt - 1);
    try {
      const res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body, signal: controller.signal, redirect: 'error' });
      const text = (await res.text()).slice(0, 200).replace(/\s+/g, ' ').trim();
      status = res.status;
      if (res.ok) return { ok: true, tries: attempt, status };
      last = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${text ? `: ${text}` : ''}`;
      if (!retryable(res.status)) return { ok: false, tries: attempt, status, error: webhookMsg.refused(where, last) };
      const ra = Number(res.headers.get('retry-after'));
      if (res.status === 429 && Number.isFinite(ra) && ra > 0) wait = Math.min(ra * 1000, maxRetryAfter);
    } catch (e) {
      status = null;
      const err = e as Error & { cause?: { code?: string; message?: string } };
      last = controller.signal.aborted ? webhookMsg.noAnswer(timeoutMs / 1000) : `${err.cause?.code ?? err.cause?.message ?? err.message}`;
    } finally {
      clearTimeout(timer);
    }
    if (attempt < tries) await sleep(wait);
  }
  return { ok: false, tries, status, error: webhookMsg.failed(where, tries, last) };
}
