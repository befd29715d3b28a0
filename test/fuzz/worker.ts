/**
 * The fuzz worker thread: writes each case's files to a fresh temporary folder, runs the parser's target and
 * reports how it ended. Runs only when started by runner.ts (the test runner also loads this file).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isEmbedkitError } from '../../src/errors.js';
import type { FuzzCase } from './cases.js';
import { caseInput, TARGETS } from './targets.js';

export type RawOutcome =
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  | { readonly kind: 'accepted'; readonly problem?: string; readonly warnings: number }
  | { readonly kind: 'crash'; readonly message: string };

async function runCase(c: FuzzCase): Promise<RawOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-fuzz-'));
  try {
    for (const f of c.files) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.bytes);
    }
    let warnings = 0;
    const problem = await TARGETS[c.parser](dir, c, caseInput(dir, c), () => warnings++);
    return problem === undefined ? { kind: 'accepted', warnings } : { kind: 'accepted', problem, warnings };
  } catch (e) {
    if (isEmbedkitError(e)) return { kind: 'error', code: e.code, message: e.message };
    return { kind: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!isMainThread && (workerData as { fuzzWorker?: boolean } | undefined)?.fuzzWorker === true) {
  parentPort!.on('message', (c: FuzzCase) => {
    void runCase(c).then((outcome) => parentPort!.postMessage({ id: c.id, outcome }));
  });
}
