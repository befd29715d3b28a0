/**
 * Shared test helpers: repo paths, the evaluation data root, temp folders, and running the real CLI.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run from dist/test/…). */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
export const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
/** Model cache shared by the test run (the default model converts once). */
export const TEST_CACHE_DIR = process.env['EMBEDKIT_CACHE_DIR'] ?? join(REPO_ROOT, '.cache', 'test');

/** Evaluation data root: $EMBEDKIT_DATA_DIR, else ../shared/data next to the repo. */
export function dataDir(): string {
  return process.env['EMBEDKIT_DATA_DIR'] ?? resolve(REPO_ROOT, '..', 'shared', 'data');
}

export function tempDir(prefix = 'embedkit-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `embedkit ARGS` as a child process (the real CLI). */
export function runCli(args: readonly string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR, EMBEDKIT_NO_PROGRESS: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** A CLI failure: exactly one `embedkit: error: …` line on stderr, no stack trace. */
export function oneErrorLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, /^embedkit: error: /);
  assert.doesNotMatch(stderr, /\s+at .*\.js:\d+/);
}

/** A `.npy` file as numpy writes it (format 1.0, header padded to 64 bytes): `descr` `<f8`, `<f4` …, `shape` `(3,)`, `(2, 4)`. */
export function numpyBytes(descr: string, shape: string, body: Buffer): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), body]);
}

/** Little-endian float64 bytes (numpy's default dtype). */
export function float64Bytes(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeDoubleLE(v, i * 8));
  return b;
}

/** Runs `prefix ARGS` for every case and expects exit 1 with one error line matching the case's pattern. */
export async function expectCliErrors(prefix: readonly string[], cases: readonly (readonly [readonly string[], RegExp])[]): Promise<void> {
  for (const [args, re] of cases) {
    const r = await runCli([...prefix, ...args]);
    const what = [...prefix, ...args].join(' ');
    assert.equal(r.code, 1, what);
    oneErrorLine(r.stderr);
    assert.match(r.stderr, re, what);
  }
}

/** The last JSON line of a command's stdout (`add --json` prints one line per committed batch, then its summary). */
export function lastJson<T = unknown>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
