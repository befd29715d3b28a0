/**
 * Real embedkit servers for tests: in-process (`createServer`, port 0 on 127.0.0.1, a temporary collections
 * folder) or the real CLI (`embedkit serve`, spawned). Models: the tiny static vectors fixture and the tiny
 * ONNX BERT, so nothing large loads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createServer, type EmbedkitServer } from '../../src/server/app.js';
import { CLI, FIXTURES, REPO_ROOT, TEST_CACHE_DIR, tempDir } from '../helpers.js';

export const STATIC_VECTORS = join(FIXTURES, 'static', 'vectors.txt');
export const TINY_BERT = join(FIXTURES, 'onnx', 'tiny-bert');
/** Served as `words` (word vectors) and `tiny` (transformer). */
export const TEST_MODELS = [`words=${STATIC_VECTORS}`, `tiny=${TINY_BERT}`];

export interface TestServer {
  readonly server: EmbedkitServer;
  readonly url: string;
  /** `url` + `/v1`: the OpenAI base URL. */
  readonly base: string;
  readonly db: string;
  readonly warnings: string[];
  close(): Promise<void>;
}

export async function startServer(opts: { models?: readonly string[]; settings?: Record<string, unknown> } = {}): Promise<TestServer> {
  const db = tempDir('embedkit-server-');
  const warnings: string[] = [];
  const server = await createServer({ models: opts.models ?? TEST_MODELS, db: db.path, settings: { host: '127.0.0.1', port: 0, ...opts.settings }, onWarning: (m) => warnings.push(m) });
  const { url } = await server.listen();
  return {
    server,
    url,
    base: `${url}/v1`,
    db: db.path,
    warnings,
    async close() {
      await server.close();
      db.cleanup();
    },
  };
}

/** JSON request; returns status, headers and parsed body. */
export async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (metrics, HTML)
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export interface CliServer {
  readonly child: ChildProcess;
  readonly url: string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `embedkit serve ARGS --port 0 --json`, resolved once it prints its address. */
export function spawnServe(args: readonly string[], env: Record<string, string> = {}): Promise<CliServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json', ...args], { cwd: REPO_ROOT, env: { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR, EMBEDKIT_NO_PROGRESS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        try {
          const { url } = JSON.parse(line) as { url: string };
          resolve({
            child,
            url,
            stderr: () => err,
            stop: async () => {
              child.kill('SIGTERM');
              return exited;
            },
          });
        } catch (e) {
          reject(e);
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
  });
}
