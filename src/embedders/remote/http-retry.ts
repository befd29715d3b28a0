/**
 * One JSON POST with retries: 429 and 5xx answers (and connection failures) are retried with exponential
 * backoff and jitter, honouring the server's `Retry-After` (seconds or an HTTP date) and `retry-after-ms`;
 * other answers are returned to the caller. Uses Node's `fetch` (undici).
 */
import { EmbedkitError } from '../../errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries?: number;
  /** First backoff in ms (default 500), doubled each retry, capped at `maxDelayMs` (default 20,000). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Per-attempt timeout in ms (default 60,000). */
  readonly timeoutMs?: number;
  /** Called before each retry (status 0 = no answer). */
  readonly onRetry?: (attempt: number, status: number, delayMs: number) => void;
}

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** The delay a `Retry-After` / `retry-after-ms` header asks for, in ms (undefined: none or unreadable). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const v = headers.get('retry-after');
  if (v === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function postJson(url: string, body: unknown, headers: Readonly<Record<string, string>>, policy: RetryPolicy = {}): Promise<JsonResponse> {
  const maxRetries = policy.maxRetries ?? 5;
  const base = policy.baseDelayMs ?? 500;
  const cap = policy.maxDelayMs ?? 20_000;
  const payload = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    let wait: number | undefined;
    let failure: unknown;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: payload, signal: AbortSignal.timeout(policy.timeoutMs ?? 60_000) });
      const text = await res.text();
      if (!retryable(res.status) || attempt >= maxRetries) {
        let parsed: unknown;
        try {
          parsed = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        return { status: res.status, body: parsed, text };
      }
      status = res.status;
      wait = retryAfterMs(res.headers);
    } catch (e) {
      failure = e;
      if (attempt >= maxRetries) {
        throw new EmbedkitError('IO_ERROR', `no answer from ${url}`, { expected: 'an HTTP response', received: e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e), where: 'baseUrl', cause: e, hint: 'check `baseUrl` and that the server is running' });
      }
    }
    const backoff = Math.min(cap, base * 2 ** attempt) * (0.5 + Math.random() / 2);
    const delay = Math.min(cap, wait ?? backoff);
    policy.onRetry?.(attempt + 1, failure === undefined ? status : 0, delay);
    await sleep(delay);
  }
}
