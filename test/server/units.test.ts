/**
 * Server building blocks with real components: the micro-batcher over a real static embedder (rows go back
 * to the right requests, large requests are split, the queue is bounded, close drains), and JSON schemas
 * derived from option declarations (they accept and refuse what the core's validator does).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { SEARCH_OPTIONS } from '../../src/collections/search-options.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { EMBEDDER_OPTIONS } from '../../src/embedders/embedder-options.js';
import { validateOptions } from '../../src/options/validate.js';
import { MicroBatcher, QueueFullError } from '../../src/server/micro-batcher.js';
import { acceptedNames, propertiesFromOptions } from '../../src/server/schema-from-options.js';
import { STATIC_VECTORS } from './server-fixture.js';

const TEXTS = ['the cat sat', 'of the and', 'here that here', 'to and is', 'she was here', 'the', 'a of to', 'when from the'];

describe('micro-batcher', () => {
  it('coalesces concurrent requests, gives each its own rows, splits calls at maxBatch', async () => {
    const e = await createEmbedder(STATIC_VECTORS);
    const calls: number[] = [];
    const b = new MicroBatcher(e, { windowMs: 50, maxBatch: 4, maxQueue: 100, onBatch: (texts) => calls.push(texts) });
    const parts = [TEXTS.slice(0, 1), TEXTS.slice(1, 3), TEXTS.slice(3, 4), TEXTS.slice(4)];
    const got = await Promise.all(parts.map((p) => b.submit(p)));
    const want = await e.embed(TEXTS);
    assert.deepEqual(Array.from(got.flatMap((m) => Array.from(m.data))), Array.from(want.data));
    got.forEach((m, i) => assert.equal(m.rows, parts[i]!.length));
    // 1 + 2 + 1 texts fill one call of 4; the request of 4 goes alone.
    assert.deepEqual(calls, [4, 4]);
    calls.length = 0;
    const big = await b.submit(TEXTS);
    assert.deepEqual(calls, [4, 4]);
    assert.deepEqual(Array.from(big.data), Array.from(want.data));
  });

  it('without coalescing every request is its own call, in arrival order', async () => {
    const e = await createEmbedder(STATIC_VECTORS);
    const calls: number[] = [];
    const b = new MicroBatcher(e, { windowMs: 0, maxBatch: 64, maxQueue: 100, coalesce: false, onBatch: (texts) => calls.push(texts) });
    await Promise.all([b.submit(TEXTS.slice(0, 3)), b.submit(TEXTS.slice(3, 4)), b.submit(TEXTS.slice(4))]);
    assert.deepEqual(calls, [3, 1, 4]);
  });

  it('a full queue refuses at once with a retry delay; close answers what is queued, then refuses', async () => {
    const e = await createEmbedder(STATIC_VECTORS);
    const b = new MicroBatcher(e, { windowMs: 100, maxBatch: 64, maxQueue: 3, onBatch: () => {} });
    const first = b.submit(TEXTS.slice(0, 3));
    assert.throws(() => b.submit(['one more']), (err: unknown) => err instanceof QueueFullError && err.retryAfter >= 1 && err.limit === 3);
    assert.equal(b.depth, 3);
    const closed = b.close();
    assert.equal((await first).rows, 3);
    await closed;
    assert.throws(() => b.submit(['late']), QueueFullError);
  });
});

describe('JSON schemas from option declarations', () => {
  it('one property per declaration and alias; local options (files, URLs, keys) are left out', () => {
    const props = propertiesFromOptions(EMBEDDER_OPTIONS);
    assert.deepEqual(props['truncateDim'], { type: 'integer', minimum: 1, maximum: 65536, description: EMBEDDER_OPTIONS.truncateDim.description });
    assert.deepEqual(props['pooling']?.['enum'], [...EMBEDDER_OPTIONS.pooling.choices]);
    assert.equal(props['normalize']?.['type'], 'boolean');
    for (const local of ['transforms', 'removeDirections', 'frequencies', 'sifReference', 'reference', 'variant', 'baseUrl', 'apiKey']) assert.equal(props[local], undefined, local);
    assert.ok(!acceptedNames(EMBEDDER_OPTIONS).includes('apiKey'));
    assert.ok(acceptedNames(EMBEDDER_OPTIONS).includes('promptName'));
  });

  it('a body the schema accepts is one the core validator accepts, and the same values are refused', () => {
    const ajv = new Ajv({ coerceTypes: false, strict: false });
    const check = ajv.compile({ type: 'object', additionalProperties: false, properties: propertiesFromOptions(SEARCH_OPTIONS) });
    const bodies: Record<string, unknown>[] = [{ k: 5 }, { k: 0 }, { k: 10_001 }, { k: 2.5 }, { k: '5' }, { mode: 'hybrid' }, { mode: 'fuzzy' }, { index: 'hnsw', ef: 100 }, { dims: 0 }, { rescore: 1000 }, { other: 1 }];
    for (const body of bodies) {
      let core = true;
      try {
        validateOptions(SEARCH_OPTIONS, body);
      } catch {
        core = false;
      }
      // The core also takes numbers as text (command lines); JSON bodies must be typed.
      if (typeof body['k'] === 'string') assert.equal(check(body), false);
      else assert.equal(check(body), core, JSON.stringify(body));
    }
  });
});
