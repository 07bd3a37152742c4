/**
 * JSON over HTTP for the MLflow importer, with Node's own fetch. Every way a tracker can fail
 * becomes an ImportFailure whose message names the server or the endpoint: a server that does not
 * answer, one that refuses the credentials (naming the environment variables that give them), an
 * error status, a body cut short, JSON that does not parse, and pagination that does not end.
 */
import { importMsg } from '../../messages.ts';

/** Why an import stopped before planning anything; `code` says what kind of failure it is. */
export class ImportFailure extends Error {
  readonly code: 'UNREACHABLE' | 'AUTH' | 'HTTP' | 'MALFORMED' | 'PAGINATION' | 'INPUT';
  constructor(message: string, code: ImportFailure['code']) {
    super(message);
    this.code = code;
  }
}

export interface JsonClient {
  /** The server's address without credentials, for messages. */
  display: string;
  /** GET `endpoint` (e.g. "registered-models/search") with `query`; null for a 404 when `allowMissing`. */
  get: (endpoint: string, query: Record<string, string | number | undefined>, opts?: { allowMissing?: boolean; page?: number }) => Promise<unknown>;
}

/** The address without user:password, query or trailing slash. */
export function displayUri(uri: URL): string {
  const u = new URL(uri.href);
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

/** Authorization for MLflow: MLFLOW_TRACKING_TOKEN (bearer), else MLFLOW_TRACKING_USERNAME and _PASSWORD (basic), else user:password in the URI. */
function authHeader(uri: URL, env: NodeJS.ProcessEnv): string | undefined {
  if (env.MLFLOW_TRACKING_TOKEN) return `Bearer ${env.MLFLOW_TRACKING_TOKEN}`;
  const user = env.MLFLOW_TRACKING_USERNAME ?? (uri.username ? decodeURIComponent(uri.username) : undefined);
  const pass = env.MLFLOW_TRACKING_PASSWORD ?? (uri.password ? decodeURIComponent(uri.password) : undefined);
  if (user !== undefined && pass !== undefined) return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  return undefined;
}

/** The network error's code (ECONNREFUSED, ENOTFOUND, ...) from fetch's TypeError and its causes. */
function errnoOf(e: unknown): string | undefined {
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (c as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return 'ETIMEDOUT';
  }
  return undefined;
}

/** A client of the MLflow REST API (`<uri>/api/2.0/mlflow/<endpoint>`). */
export function mlflowClient(trackingUri: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000): JsonClient {
  let uri: URL;
  try {
    uri = new URL(trackingUri);
  } catch {
    throw new ImportFailure(importMsg.badTrackingUri(trackingUri), 'INPUT');
  }
  if (uri.protocol !== 'http:' && uri.protocol !== 'https:') throw new ImportFailure(importMsg.badTrackingUri(trackingUri), 'INPUT');
  const display = displayUri(uri);
  const auth = authHeader(uri, env);
  const base = `${uri.origin}${uri.pathname.replace(/\/+$/, '')}/api/2.0/mlflow/`;
  return {
    display,
    async get(endpoint, query, opts = {}) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      const url = `${base}${endpoint}${params.size ? `?${params}` : ''}`;
      const where = `${display}/api/2.0/mlflow/${endpoint}${opts.page && opts.page > 1 ? ` (page ${opts.page})` : ''}`;
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'application/json', ...(auth ? { authorization: auth } : {}) }, signal: AbortSignal.timeout(timeoutMs) });
      } catch (e) {
        throw new ImportFailure(importMsg.unreachable(display, errnoOf(e) ?? (e as Error).message), 'UNREACHABLE');
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        throw new ImportFailure(importMsg.cutShort(where, errnoOf(e) ?? (e as Error).message), 'MALFORMED');
      }
      if (res.status === 401 || res.status === 403) throw new ImportFailure(importMsg.refused(display, where, res.status, auth !== undefined), 'AUTH');
      const parse = (): unknown => {
        try {
          return JSON.parse(text);
        } catch (e) {
          throw new ImportFailure(importMsg.malformed(where, (e as Error).message), 'MALFORMED');
        }
      };
      if (!res.ok) {
        let detail = text.slice(0, 200).trim();
        let code: string | undefined;
        try {
          const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
          code = typeof body.error_code === 'string' ? body.error_code : undefined;
          if (typeof body.message === 'string') detail = body.message;
        } catch {
          /* not JSON: the text itself is the detail */
        }
        if (opts.allowMissing && (res.status === 404 || code === 'RESOURCE_DOES_NOT_EXIST')) return null;
        throw new ImportFailure(importMsg.httpError(where, res.status, code, detail), 'HTTP');
      }
      const body = parse();
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ImportFailure(importMsg.malformed(where, 'not a JSON object'), 'MALFORMED');
      return body;
    },
  };
}

/**
 * Every item of a paginated MLflow list: GET `endpoint` again with each `next_page_token` until
 * there is none. An empty list may be left out of a page (protobuf's JSON does); anything else
 * than a list under `key`, a token that repeats, or a page that fails, stops with the endpoint named.
 */
export async function paged(client: JsonClient, endpoint: string, query: Record<string, string | number | undefined>, key: string): Promise<unknown[]> {
  const out: unknown[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const body = (await client.get(endpoint, { ...query, page_token: token }, { page })) as Record<string, unknown>;
    const items = body[key];
    if (items !== undefined && !Array.isArray(items)) throw new ImportFailure(importMsg.malformed(`${client.display}/api/2.0/mlflow/${endpoint}${page > 1 ? ` (page ${page})` : ''}`, `"${key}" is not a list`), 'MALFORMED');
    out.push(...((items as unknown[] | undefined) ?? []));
    const next = body.next_page_token;
    if (next === undefined || next === null || next === '') return out;
    if (typeof next !== 'string') throw new ImportFailure(importMsg.malformed(`${client.display}/api/2.0/mlflow/${endpoint}`, '"next_page_token" is not a string'), 'MALFORMED');
    if (tokens.has(next) || page >= 10_000) throw new ImportFailure(importMsg.pagesLoop(`${client.display}/api/2.0/mlflow/${endpoint}`, page), 'PAGINATION');
    tokens.add(next);
    token = next;
  }
}
