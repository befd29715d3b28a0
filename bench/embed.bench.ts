/**
 * Static sentence embedding throughput (sentences/s) with mean and SIF pooling on glove-100d, over the
 * STS-B sentences from the data root, against a numpy implementation of the same pooling in the same run
 * (numpy side: whitespace/punctuation regex tokenization, dict look-ups, weighted mean, one SVD).
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVectors } from '../src/vectors/load.js';
import { writeVectors } from '../src/vectors/formats/index.js';
import { StaticEmbedder } from '../src/embedders/static-embedder.js';
import { dataDir, runNumpy, table } from './util.js';

const kv = await loadVectors('glove-100d');
const sentences: string[] = [];
for (const split of ['train', 'dev', 'test']) {
  for (const line of readFileSync(join(dataDir(), 'sts-benchmark', `sts-${split}.csv`), 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length >= 7) sentences.push(f[5]!, f[6]!);
  }
}
const results: (string | number)[][] = [['pooling', 'embedkit sent/s', 'numpy sent/s', 'ratio']];
const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
try {
  const vecPath = join(dir, 'glove.txt');
  const { KeyedVectors } = await import('../src/vectors/keyed-vectors.js');
  // numpy reads a text file of the vectors (load time not measured)
  await writeVectors(new KeyedVectors(kv.keys, kv.vectors, kv.dim), vecPath, 'glove');
  const textsPath = join(dir, 'texts.txt');
  writeFileSync(textsPath, sentences.join('\n') + '\n');
  const py = `
import sys, time, re, json, numpy as np
words = []; rows = []
with open(sys.argv[1], encoding='utf8') as f:
    for line in f:
        p = line.rstrip('\\n').split(' ')
        words.append(p[0]); rows.append(np.array(p[1:], dtype=np.float32))
M = np.vstack(rows); index = {w: i for i, w in enumerate(words)}
N = len(words); H = np.sum(1.0 / np.arange(1, N + 1)); prob = 1.0 / (np.arange(1, N + 1) * H)
texts = open(sys.argv[2], encoding='utf8').read().split('\\n')[:-1]
tok = re.compile(r"\\w+|[^\\w\\s]")
out = {}
for pooling in ['mean', 'sif']:
    t = time.perf_counter()
    w = np.ones(N, dtype=np.float32) if pooling == 'mean' else (1e-3 / (1e-3 + prob)).astype(np.float32)
    X = np.zeros((len(texts), M.shape[1]), dtype=np.float32)
    for i, s in enumerate(texts):
        ids = [index[t] for t in tok.findall(s.lower()) if t in index]
        if ids:
            X[i] = (M[ids] * w[ids, None]).mean(axis=0)
    if pooling == 'sif':
        u = np.linalg.svd(X, full_matrices=False)[2][0]
        X = X - np.outer(X @ u, u)
    out[pooling] = len(texts) / (time.perf_counter() - t)
print(json.dumps(out))
`;
  const np = JSON.parse(runNumpy(py, [vecPath, textsPath])) as Record<string, number>;
  for (const pooling of ['mean', 'sif'] as const) {
    const e = new StaticEmbedder(kv, { pooling });
    await e.embed(sentences.slice(0, 500)); // warm-up
    const t = performance.now();
    await e.embed(sentences);
    const ours = sentences.length / ((performance.now() - t) / 1000);
    results.push([pooling, ours, np[pooling]!, ours / np[pooling]!]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${sentences.length} STS-B sentences, glove-100d`);
console.log(table(results));
