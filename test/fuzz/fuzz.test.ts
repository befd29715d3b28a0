/**
 * The parser fuzz test: every fourth generated case (about 300 of the ≥ 1,200 that `npm run fuzz` runs),
 * spread over all parsers, each in a worker thread with a time bound. Every case must end in a typed
 * EmbedkitError (one line) or a correct acceptance: no other exception, no hang, no wrong verdict.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzzCases, PARSERS } from './cases.js';
import { countTable, runCases } from './runner.js';

describe('parsers under malformed input (fuzz)', () => {
  it('every case is a clean error or a correct acceptance', { timeout: 600_000 }, async () => {
    const cases = fuzzCases(50).filter((_, i) => i % 4 === 0);
    assert.ok(cases.length >= 250, `${cases.length} cases`);
    assert.deepEqual(new Set(cases.map((c) => c.parser)), new Set(PARSERS));
    const results = await runCases(cases);
    const failures = results.filter((r) => r.verdict !== 'clean-error' && r.verdict !== 'accepted');
    assert.equal(failures.length, 0, `${failures.map((f) => `${f.verdict}: ${f.c.id} (${f.c.mutation}): ${f.detail}`).join('\n')}\n\n${countTable(results)}`);
    // Both outcomes occur: the generator is not all-valid or all-broken.
    assert.ok(results.some((r) => r.verdict === 'accepted') && results.some((r) => r.verdict === 'clean-error'));
  });
});
