/**
 * Bearer authentication with a constant-time comparison (SHA-256 digests of equal length compared with
 * `timingSafeEqual`, so neither the key's content nor its length leaks through timing).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-errors.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

export function bearerChecker(apiKey: string): (authorization: string | undefined) => void {
  const want = digest(apiKey);
  return (authorization) => {
    const m = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
    const ok = m !== null && timingSafeEqual(digest(m[1]!), want);
    if (!ok) {
      throw new HttpError(401, authorization === undefined ? 'missing API key: send "Authorization: Bearer KEY"' : 'invalid API key', 'invalid_api_key', null, { 'www-authenticate': 'Bearer' });
    }
  };
}

/** Loopback addresses: the only ones a server may bind without an API key. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
