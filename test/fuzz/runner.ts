/**
 * Runs fuzz cases in a worker thread, one at a time, so that a hang (a case that does not finish within the
 * time bound) or a crash that takes the thread down is recorded and the run goes on with a fresh worker.
 * Classifies each case: a clean error, a correct acceptance, a crash, a hang, or a wrong verdict.
 */
import { Worker } from 'node:worker_threads';
import type { FuzzCase, ParserName } from './cases.js';
import type { RawOutcome } from './worker.js';

export type Verdict = 'clean-error' | 'accepted' | 'crash' | 'hang' | 'wrongly-accepted' | 'wrongly-rejected';

export interface CaseResult {
  readonly c: FuzzCase;
  readonly verdict: Verdict;
  readonly detail: string;
}

const WORKER = new URL('./worker.js', import.meta.url);

function classify(c: FuzzCase, o: RawOutcome): CaseResult {
  switch (o.kind) {
    case 'crash':
      return { c, verdict: 'crash', detail: o.message };
    case 'error':
      if (o.message.includes('\n')) return { c, verdict: 'crash', detail: `error message spans lines: ${o.message.slice(0, 200)}` };
      return { c, verdict: c.expect === 'accept' ? 'wrongly-rejected' : 'clean-error', detail: `${o.code}: ${o.message.slice(0, 240)}` };
    case 'accepted':
      if (o.problem !== undefined) return { c, verdict: 'wrongly-accepted', detail: o.problem };
      return { c, verdict: c.expect === 'reject' ? 'wrongly-accepted' : 'accepted', detail: c.expect === 'reject' ? 'accepted, expected an error' : `${o.warnings} warning(s)` };
  }
}

export interface RunOptions {
  /** A case running longer than this is a hang (default 20 s: a loaded 2-core machine, tiny inputs). */
  readonly timeoutMs?: number;
  readonly onResult?: (r: CaseResult, done: number, total: number) => void;
}

export async function runCases(cases: readonly FuzzCase[], opts: RunOptions = {}): Promise<CaseResult[]> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const out: CaseResult[] = [];
  let worker: Worker | undefined;
  const start = (): Worker => new Worker(WORKER, { workerData: { fuzzWorker: true }, resourceLimits: { maxOldGenerationSizeMb: 1024 }, stdout: true, stderr: true });
  try {
    for (const c of cases) {
      worker ??= start();
      const w = worker;
      const result = await new Promise<CaseResult>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          void w.terminate();
          worker = undefined;
          resolve({ c, verdict: 'hang', detail: `no result after ${timeoutMs / 1000} s` });
        }, timeoutMs);
        const onMessage = (m: { id: string; outcome: RawOutcome }): void => {
          if (m.id !== c.id) return;
          cleanup();
          resolve(classify(c, m.outcome));
        };
        const onError = (e: Error): void => {
          cleanup();
          worker = undefined;
          resolve({ c, verdict: 'crash', detail: `worker died: ${e.message}`.slice(0, 300) });
        };
        const onExit = (code: number): void => {
          cleanup();
          worker = undefined;
          resolve({ c, verdict: 'crash', detail: `worker exited with ${code}` });
        };
        function cleanup(): void {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        }
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage(c);
      });
      out.push(result);
      opts.onResult?.(result, out.length, cases.length);
    }
  } finally {
    await worker?.terminate();
  }
  return out;
}

export const VERDICTS: readonly Verdict[] = ['clean-error', 'accepted', 'crash', 'hang', 'wrongly-accepted', 'wrongly-rejected'];

/** Counts per parser and verdict. */
export function countByParser(results: readonly CaseResult[]): Map<ParserName, Record<Verdict, number>> {
  const m = new Map<ParserName, Record<Verdict, number>>();
  for (const r of results) {
    let row = m.get(r.c.parser);
    if (row === undefined) m.set(r.c.parser, (row = { 'clean-error': 0, accepted: 0, crash: 0, hang: 0, 'wrongly-accepted': 0, 'wrongly-rejected': 0 }));
    row[r.verdict]++;
  }
  return m;
}

/** A markdown table of the counts (with a total row). */
export function countTable(results: readonly CaseResult[]): string {
  const m = countByParser(results);
  const total: Record<Verdict, number> = { 'clean-error': 0, accepted: 0, crash: 0, hang: 0, 'wrongly-accepted': 0, 'wrongly-rejected': 0 };
  const lines = [`| parser | cases | ${VERDICTS.join(' | ')} |`, `|---|---:|${VERDICTS.map(() => '---:').join('|')}|`];
  for (const [p, row] of m) {
    const n = VERDICTS.reduce((s, v) => s + row[v], 0);
    for (const v of VERDICTS) total[v] += row[v];
    lines.push(`| ${p} | ${n} | ${VERDICTS.map((v) => row[v]).join(' | ')} |`);
  }
  lines.push(`| **all** | ${results.length} | ${VERDICTS.map((v) => total[v]).join(' | ')} |`);
  return lines.join('\n');
}
