/**
 * Shared test helpers: repo paths, the evaluation data root, temp folders, and running the real CLI.
 */
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

/** The last JSON line of a command's stdout (`add --json` prints one line per committed batch, then its summary). */
export function lastJson<T = unknown>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
