/**
 * One embedkit server on loopback shared by a test file, started on first use (for suites such as the
 * embedder conformance suite that create embedders through a factory). Close it with `closeLoopback` in
 * the file's `after`.
 */
import { startServer, type TestServer } from './server-fixture.js';

let shared: Promise<TestServer> | undefined;

export function loopbackServer(): Promise<TestServer> {
  shared ??= startServer();
  return shared;
}

export async function closeLoopback(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (s !== undefined) await (await s).close();
}
