/**
 * Shared helpers of the analysis reports (bench/reports/*.ts): command-line flags, the data root, and the
 * word-similarity / analogy scores of a vectors space measured with the library's evaluator.
 */
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { evaluateTasks } from '../../src/eval/evaluate.js';
import { findTask } from '../../src/eval/tasks.js';
import type { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { dataDir } from '../util.js';

export { dataDir };

/** `--name value` flags (and bare `--flag` → 'true'). */
export function flags(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.set(a.slice(2), next);
      i++;
    } else out.set(a.slice(2), 'true');
  }
  return out;
}

export const WORD_SIM_TASKS = ['WS353', 'WS353-SIM', 'WS353-REL', 'MEN', 'RG65', 'MC30', 'MTurk771'] as const;

/** Main scores (Spearman; analogy accuracy, 3CosAdd, first 300,000 rows) of the word tasks on `kv`. */
export async function wordScores(kv: KeyedVectors, tasks: readonly string[] = [...WORD_SIM_TASKS, 'GoogleAnalogy']): Promise<Record<string, number>> {
  const embedder = new StaticEmbedder(kv);
  const res = await evaluateTasks(tasks.map((t) => findTask(t)), { embedder, vectors: kv }, { dataDir: dataDir(), warn: () => {}, analogyMethods: ['add'] });
  const out: Record<string, number> = {};
  for (const r of res) out[r.task] = r.mainScore ?? NaN;
  return out;
}

export const fmt = (x: number, d = 4): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
export const signed = (x: number, d = 2): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(d)}`;

/** A markdown table. */
export function markdown(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
