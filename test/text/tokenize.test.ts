import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../src/text/tokenize.js';

test('PTB-style splitting without a vocabulary', () => {
  assert.deepEqual(tokenize("Don't stop, he said. Can't won't I'll"), ['do', "n't", 'stop', ',', 'he', 'said', '.', 'ca', "n't", 'wo', "n't", 'i', "'ll"]);
  assert.deepEqual(tokenize('Smith\'s car costs $3.50 (or 1,000 yen)!'), ['smith', "'s", 'car', 'costs', '$', '3.50', '(', 'or', '1,000', 'yen', ')', '!']);
  assert.deepEqual(tokenize('"Hello," she wrote... The U.S. e-mail'), ['"', 'hello', ',', '"', 'she', 'wrote', '...', 'the', 'u.s.', 'e-mail']);
  assert.deepEqual(tokenize('  \t\n '), []);
});

test('curly quotes and dashes are normalized', () => {
  assert.deepEqual(tokenize('It’s “fine”—really'), ['it', "'s", '"', 'fine', '"', '--', 'really']);
});

test('case is kept when lowercase is false', () => {
  assert.deepEqual(tokenize('New York', { lowercase: false }), ['New', 'York']);
});

test('vocabulary-aware: known chunks stay whole, unknown compounds split', () => {
  const vocab = new Set(['e-mail', 'mr.', 'state', 'of', 'the', 'art', '-', ':)', 'u.s.']);
  const isKnown = (t: string): boolean => vocab.has(t);
  assert.deepEqual(tokenize('Mr. e-mail state-of-the-art :)', { isKnown }), ['mr.', 'e-mail', 'state', '-', 'of', '-', 'the', '-', 'art', ':)']);
  assert.deepEqual(tokenize('U.S.', { isKnown }), ['u.s.']);
});

test('non-BMP characters and long input do not break tokenization', () => {
  assert.deepEqual(tokenize('smile 😀 ok'), ['smile', '😀', 'ok']);
  assert.equal(tokenize('word '.repeat(20000)).length, 20000);
});
