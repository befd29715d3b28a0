/**
 * A generated long-document task as a BEIR folder (`corpus.jsonl`, `queries.jsonl`, `qrels/test.tsv`), so
 * the ordinary retrieval evaluation runs on it (`long: 'truncate'` or `'chunk'`; max-sim needs the windows
 * and runs in `evaluateLongDocuments`).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { LongTaskData } from './long-tasks.js';

/** Writes `data` under `dir/<task>-<length>/`; returns that folder. */
export async function writeLongTaskBeir(dir: string, data: LongTaskData): Promise<string> {
  const folder = join(dir, `${data.task}-${data.length}`);
  await mkdir(join(folder, 'qrels'), { recursive: true });
  const jsonl = (rows: readonly { id: string; text: string }[]): string => rows.map((r) => JSON.stringify({ _id: r.id, text: r.text })).join('\n') + '\n';
  await writeFileAtomic(join(folder, 'corpus.jsonl'), jsonl(data.corpus));
  await writeFileAtomic(join(folder, 'queries.jsonl'), jsonl(data.queries));
  const qrels = ['query-id\tcorpus-id\tscore'];
  for (const [q, judged] of data.qrels) for (const [d, g] of judged) qrels.push(`${q}\t${d}\t${g}`);
  await writeFileAtomic(join(folder, 'qrels', 'test.tsv'), qrels.join('\n') + '\n');
  return folder;
}
