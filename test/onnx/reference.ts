/**
 * The committed tiny models and their torch reference outputs (scripts/make-tiny-models.py).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../../src/math/matrix.js';
import { FIXTURES } from '../helpers.js';

export const ONNX_FIXTURES = join(FIXTURES, 'onnx');
export const TINY_BERT = join(ONNX_FIXTURES, 'tiny-bert');
export const TINY_DECODER = join(ONNX_FIXTURES, 'tiny-decoder');

export interface RefText {
  readonly text?: string;
  readonly repeat?: string;
  readonly times?: number;
  readonly ids: number[];
  readonly truncated: boolean;
  readonly pooled: Record<string, number[]>;
  readonly normalized: Record<string, number[]>;
  readonly mean_truncate_16?: number[];
  readonly mean_truncate_8_raw?: number[];
  readonly query_ids?: number[];
  readonly query_mean_normalized?: number[];
  readonly chunk_mean_normalized?: number[];
  readonly chunk_windows?: number;
}
export interface RefModel {
  readonly max_seq_length: number;
  readonly chunk_overlap?: number;
  readonly hidden: number;
  readonly texts: RefText[];
  readonly quantized_mean_normalized?: Record<string, number[][]>;
}
const REF = JSON.parse(readFileSync(join(ONNX_FIXTURES, 'reference.json'), 'utf8')) as Record<string, RefModel>;
export const BERT_REF = REF['tiny-bert']!;
export const DECODER_REF = REF['tiny-decoder']!;

export function refText(t: RefText): string {
  return t.text ?? t.repeat!.repeat(t.times!);
}

export function maxAbsDiff(m: Matrix, rowIndex: number, expected: readonly number[]): number {
  assert.equal(m.dim, expected.length, 'dim');
  let worst = 0;
  for (let j = 0; j < m.dim; j++) worst = Math.max(worst, Math.abs(m.data[rowIndex * m.dim + j]! - expected[j]!));
  return worst;
}

