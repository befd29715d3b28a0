/**
 * Every embedder kind, created through the registry (`createEmbedder`), runs the conformance suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import type { Embedder } from '../../src/embedders/embedder.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { readVectors } from '../../src/vectors/formats/index.js';
import { FIXTURES } from '../helpers.js';
import { closeLoopback, loopbackServer } from '../server/loopback.js';
import { embedderConformance } from './conformance.js';

const VECTORS = join(FIXTURES, 'static', 'vectors.txt');
const SENTENCES = readFileSync(join(FIXTURES, 'static', 'sentences.txt'), 'utf8').split('\n').filter((l) => l.trim().length > 0);

/** SIF/uSIF with common components fitted once on a reference corpus, as a collection or a model stores them. */
async function fitted(pooling: 'sif' | 'usif'): Promise<Embedder> {
  const vectors = await readVectors(VECTORS);
  const probe = new StaticEmbedder(vectors, { pooling, model: VECTORS });
  const reference = probe.fit(SENTENCES);
  return new StaticEmbedder(vectors, { pooling, model: VECTORS, reference });
}

embedderConformance('static mean (vectors file)', () => createEmbedder(VECTORS, { pooling: 'mean' }), { tolerance: 0 });
embedderConformance('static mean, normalized', () => createEmbedder(VECTORS, { pooling: 'mean', normalize: true }), { tolerance: 0 });
embedderConformance('static sif (fitted reference)', () => fitted('sif'), { tolerance: 1e-6 });
embedderConformance('static usif (fitted reference)', () => fitted('usif'), { tolerance: 1e-6 });
embedderConformance('onnx encoder (tiny BERT, mean pooling)', () => createEmbedder(join(FIXTURES, 'onnx', 'tiny-bert'), { batchSize: 3 }), { prompts: true });
embedderConformance('onnx encoder, cls pooling, Matryoshka 16', () => createEmbedder(join(FIXTURES, 'onnx', 'tiny-bert'), { pooling: 'cls', truncateDim: 16, batchSize: 2 }), { prompts: true });
embedderConformance('onnx decoder (tiny decoder, last-token pooling)', () => createEmbedder(join(FIXTURES, 'onnx', 'tiny-decoder'), { batchSize: 3 }), { prompts: true });
embedderConformance('remote (openai:tiny from embedkit serve on loopback)', async () => createEmbedder('openai:tiny', { baseUrl: (await loopbackServer()).base, batchSize: 2 }), { prompts: true });
after(closeLoopback);
