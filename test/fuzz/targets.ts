/**
 * What each fuzzed parser runs (in the fuzz worker): the same library calls the CLI commands make, on the
 * case's files, and the invariants an accepted result must hold (finite float32 values, distinct keys, no
 * U+FFFD or NUL that was not in the input, no lone surrogates, JSON-safe metadata, scores finite or null).
 * A target returns `undefined` for a sound result, or a sentence naming the broken invariant.
 */
import { readFileSync } from 'node:fs';
import { EmbedkitError } from '../../src/errors.js';
import { join } from 'node:path';
import { createCollection } from '../../src/collections/collection-embedder.js';
import { ingest } from '../../src/collections/ingest/ingest.js';
import { openSource } from '../../src/collections/ingest/read-source.js';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { loadCommonComponents } from '../../src/embedders/common-components.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { readFrequencyFile } from '../../src/embedders/word-probabilities.js';
import { evaluateTasks } from '../../src/eval/evaluate.js';
import { compareJson, compareTable, readResultFolder } from '../../src/eval/results.js';
import { adHocTask } from '../../src/eval/select-tasks.js';
import type { TaskType } from '../../src/eval/types.js';
import { readNpy } from '../../src/io/npy.js';
import { readTableRows } from '../../src/analysis/matching/table.js';
import { readAdapterData } from '../../src/analysis/adapters/adapter-data.js';
import { readAllRecords } from '../../src/io/records.js';
import { TextCorpus } from '../../src/train/corpus.js';
import { readVectors } from '../../src/vectors/formats/index.js';
import { readWinkJson } from '../../src/vectors/formats/wink-json.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { SEED_DIM, VOCAB, type FuzzCase, type ParserName } from './cases.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REPLACEMENT_BYTES = Buffer.from('\ufffd', 'utf8');

/** Problems of a string read from `input`: U+FFFD or NUL not in the input, lone surrogates. */
function textProblem(s: unknown, input: Buffer, what: string): string | undefined {
  if (typeof s !== 'string') return `${what} is ${typeof s}, not a string`;
  if (s.includes('\ufffd') && !input.includes(REPLACEMENT_BYTES)) return `${what} holds U+FFFD that is not in the input`;
  if (s.includes('\u0000')) return `${what} holds a NUL character`;
  if (LONE_SURROGATE.test(s)) return `${what} holds a lone surrogate`;
  return undefined;
}

function tinyVectors(): KeyedVectors {
  const data = new Float32Array(VOCAB.length * SEED_DIM);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 1.7) + 0.1 * ((i % SEED_DIM) + 1);
  return new KeyedVectors(VOCAB, data, SEED_DIM);
}

function vectorsProblem(kv: KeyedVectors, input: Buffer): string | undefined {
  if (kv.size < 1 || kv.dim < 1) return `${kv.size} × ${kv.dim} vectors`;
  const bad = kv.vectors.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) return `non-finite value ${kv.vectors[bad]} at ${bad}`;
  const keys = new Set<string>();
  for (let i = 0; i < kv.size; i++) {
    const k = kv.keyAt(i);
    if (k.length === 0) return `empty key at row ${i}`;
    if (keys.has(k)) return `duplicate key ${JSON.stringify(k)}`;
    keys.add(k);
    const p = textProblem(k, input, `key ${i}`);
    if (p !== undefined) return p;
  }
  return undefined;
}

function matrixProblem(data: Float32Array, what: string): string | undefined {
  const bad = data.findIndex((x) => !Number.isFinite(x));
  return bad >= 0 ? `${what}: non-finite value ${data[bad]} at ${bad}` : undefined;
}

async function runEval(dir: string, c: FuzzCase, type: TaskType, warn: (m: string) => void): Promise<string | undefined> {
  const o = c.options ?? {};
  let train: string | undefined;
  if (typeof o['train'] === 'string') {
    train = join(dir, 'train.tsv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(train, o['train']);
  }
  const task = adHocTask({ type, file: join(dir, c.main), ...(train !== undefined ? { train } : {}) });
  const kv = tinyVectors();
  const embedder = new StaticEmbedder(kv, { model: 'fuzz', onWarning: warn });
  const results = await evaluateTasks([task], { embedder, vectors: kv }, {
    dataDir: dir,
    warn,
    ...(o['skipBadRows'] === true ? { skipBadRows: true } : {}),
    ...(typeof o['folds'] === 'number' ? { folds: o['folds'] } : {}),
    ...(typeof o['restarts'] === 'number' ? { restarts: o['restarts'] } : {}),
  });
  for (const r of results) {
    if (r.mainScore !== null && !Number.isFinite(r.mainScore)) return `main score ${r.mainScore}`;
    if (c.expect === 'meaningless' && r.mainScore !== null) return `a confident score ${r.mainScore} on data where no score means anything`;
    const json = JSON.stringify(r.metrics);
    if (json.includes('NaN') || json.includes('Infinity')) return `metrics hold NaN/Infinity: ${json}`;
  }
  return undefined;
}

async function runIngest(dir: string, c: FuzzCase, input: Buffer): Promise<string | undefined> {
  const store = new SqliteStore(join(dir, 'db'));
  const embedder = new StaticEmbedder(tinyVectors(), { model: 'fuzz' });
  try {
    const collection = await createCollection(store, 'fuzz', embedder);
    // as `add --skip-bad-rows` when the case says so
    const skip = c.options?.['skipBadRows'] === true;
    const source = await openSource(join(dir, c.main), skip ? { skipBadRows: true } : {});
    const ids: string[] = [];
    const res = await ingest(collection, embedder, source.records, { onBatch: (a) => ids.push(...a.ids), ...(skip ? { onBadRecord: () => {} } : {}) });
    if (res.read === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts to add'); // as `add` does
    const stored = await collection.get(ids);
    if (stored.length !== res.added) return `${res.added} added but ${stored.length} stored`;
    for (const r of stored) {
      for (const [what, s] of [['id', r.id], ['text', r.text]] as const) {
        const p = textProblem(s, input, `stored ${what} ${JSON.stringify(r.id)}`);
        if (p !== undefined) return p;
      }
      if (r.id.includes('[object')) return `id ${JSON.stringify(r.id)}`;
      const meta = JSON.stringify(r.metadata);
      if (LONE_SURROGATE.test(meta)) return `metadata of ${JSON.stringify(r.id)} holds a lone surrogate`;
      if (meta.includes('\\ufffd') || (meta.includes('\ufffd') && !input.includes(REPLACEMENT_BYTES))) return `metadata of ${JSON.stringify(r.id)} holds U+FFFD`;
    }
    return undefined;
  } finally {
    await store.close();
  }
}

type Target = (dir: string, c: FuzzCase, input: Buffer, warn: (m: string) => void) => Promise<string | undefined>;

const vectors: Target = async (dir, c, input, warn) => vectorsProblem(await readVectors(join(dir, c.main), { onWarning: warn }), input);

const records: Target = async (dir, c, input) => {
  const enc = c.options?.['encoding'];
  // as `embed --id-field id` (JSONL, CSV) reads them
  const rs = await readAllRecords(join(dir, c.main), { ...(enc === 'latin1' ? { encoding: 'latin1' } : {}), ...(c.parser === 'records-lines' ? {} : { idField: 'id' }) });
  for (const r of rs) {
    const p = textProblem(r.text, input, `text of line ${r.line}`) ?? (r.id !== undefined ? textProblem(r.id, input, `id of line ${r.line}`) : undefined);
    if (p !== undefined && !(enc === 'latin1' && p.includes('U+FFFD'))) return p;
    if (r.id !== undefined && (r.id.length === 0 || r.id.includes('[object'))) return `id ${JSON.stringify(r.id)} at line ${r.line}`;
  }
  return undefined;
};

export const TARGETS: Readonly<Record<ParserName, Target>> = {
  'word2vec-text': vectors,
  'glove-text': vectors,
  'word2vec-bin': vectors,
  ekv: vectors,
  'vectors-gzip': vectors,
  'wink-json': async (dir, c, input, warn) => vectorsProblem(await readWinkJson(join(dir, c.main), { onWarning: warn }), input),
  'records-lines': records,
  'records-jsonl': records,
  'records-csv': records,
  'ingest-jsonl': (dir, c, input) => runIngest(dir, c, input),
  'ingest-csv': (dir, c, input) => runIngest(dir, c, input),
  'eval-word-similarity': (dir, c, _i, warn) => runEval(dir, c, 'word-similarity', warn),
  'eval-analogy': (dir, c, _i, warn) => runEval(dir, c, 'analogy', warn),
  'eval-sts': (dir, c, _i, warn) => runEval(dir, c, 'sts', warn),
  'eval-pair-classification': (dir, c, _i, warn) => runEval(dir, c, 'pair-classification', warn),
  'eval-classification': (dir, c, _i, warn) => runEval(dir, c, 'classification', warn),
  'eval-clustering': (dir, c, _i, warn) => runEval(dir, c, 'clustering', warn),
  'eval-retrieval': (dir, c, _i, warn) => runEval(dir, c, 'retrieval', warn),
  'eval-reranking': (dir, c, _i, warn) => runEval(dir, c, 'reranking', warn),
  'eval-results': async (dir, c) => {
    const a = await readResultFolder(join(dir, c.main));
    const rows = compareJson(a, a);
    compareTable(a, a, 'a', 'b');
    for (const r of rows) if (r.a !== null && typeof r.a !== 'number') return `main score ${JSON.stringify(r.a)}`;
    return undefined;
  },
  'sif-reference': async (dir, c) => {
    const cc = loadCommonComponents(join(dir, c.main));
    const p = matrixProblem(cc.components, 'components') ?? matrixProblem(cc.weights, 'weights');
    if (p !== undefined) return p;
    const e = new StaticEmbedder(tinyVectors(), { pooling: cc.pooling, reference: cc });
    return matrixProblem((await e.embed(['the cat', 'a dog on the road', 'sun and moon'])).data, 'embeddings');
  },
  frequencies: async (dir, c, input) => {
    const probs = await readFrequencyFile(join(dir, c.main));
    for (const w of VOCAB) {
      const p = probs.get(w);
      if (!Number.isFinite(p) || p < 0 || p > 1) return `p(${w}) = ${p}`;
    }
    const e = new StaticEmbedder(tinyVectors(), { pooling: 'sif', probabilities: probs });
    void input;
    return matrixProblem((await e.embed(['the cat', 'a dog on the road'])).data, 'embeddings');
  },
  npy: async (dir, c) => {
    const m = readNpy(join(dir, c.main));
    return m.data.length === m.rows * m.dim ? undefined : `${m.data.length} values for ${m.rows} × ${m.dim}`;
  },
  'train-corpus': async (dir, c, input) => {
    const enc = c.options?.['encoding'];
    const corpus = new TextCorpus(join(dir, c.main), enc === 'latin1' ? { encoding: 'latin1' } : {});
    for await (const doc of corpus) {
      for (const t of doc) {
        const p = textProblem(t, input, 'token');
        if (p !== undefined && !(enc === 'latin1' && p.includes('U+FFFD'))) return p;
      }
    }
    return undefined;
  },
  'match-table': async (dir, c, input) => {
    const rows = await readTableRows(join(dir, c.main));
    const ids = new Set<string>();
    for (const r of rows) {
      if (ids.has(r.id)) return `id ${JSON.stringify(r.id)} twice`;
      ids.add(r.id);
      for (const [col, v] of r.cells) {
        const p = textProblem(col, input, `column of ${r.id}`) ?? textProblem(v, input, `cell of ${r.id}`);
        if (p !== undefined) return p;
      }
    }
    return undefined;
  },
  'adapter-data': async (dir, c, input) => {
    const d = await readAdapterData(join(dir, c.main));
    if (d.anchors.length === 0 || d.anchors.length !== d.positives.length) return `${d.anchors.length} anchors, ${d.positives.length} positives`;
    for (const t of [...d.anchors, ...d.positives, ...(d.negatives ?? [])]) {
      const p = textProblem(t, input, 'text');
      if (p !== undefined) return p;
    }
    if (d.scores !== undefined && d.scores.some((x) => !Number.isFinite(x))) return 'a non-finite score';
    return undefined;
  },
};

/** The bytes of the file a case mutated (for the invariants that compare with the input). */
export function caseInput(dir: string, c: FuzzCase): Buffer {
  const f = c.files[c.files.length - 1]!;
  try {
    return readFileSync(join(dir, f.name));
  } catch {
    return Buffer.alloc(0);
  }
}
