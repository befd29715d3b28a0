/**
 * Every task type's runner, through `evaluateTasks`, on the inline mock tasks (no data root needed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { EmbedkitError } from '../../src/errors.js';
import { defineTask } from '../../src/eval/define-task.js';
import { evaluateTasks } from '../../src/eval/evaluate.js';
import { RUNNERS } from '../../src/eval/runners/index.js';
import { TASKS } from '../../src/eval/tasks.js';
import { TASK_TYPES, type TaskDeclaration } from '../../src/eval/types.js';
import { MOCK_TASKS, mockVectors } from './mock-tasks.js';

describe('runners on inline tasks', () => {
  it('has a runner for every task type and a mock task for every type', () => {
    assert.deepEqual(Object.keys(RUNNERS).sort(), [...TASK_TYPES].sort());
    assert.deepEqual([...new Set(MOCK_TASKS.map((t) => t.type))].sort(), [...TASK_TYPES].sort());
  });

  it('gives the hand-computed scores', async () => {
    const vectors = mockVectors();
    const embedder = new StaticEmbedder(vectors, { model: 'mock' });
    const warnings: string[] = [];
    const results = await evaluateTasks(MOCK_TASKS, { embedder, vectors }, { dataDir: '/nonexistent', warn: (m) => warnings.push(m), restrictVocab: 100 });
    const main = Object.fromEntries(results.map((r) => [r.task, r.mainScore]));
    assert.deepEqual(Object.keys(main), MOCK_TASKS.map((t) => t.name));
    for (const name of ['MockWordSim', 'MockAnalogy', 'MockSTS', 'MockPairs', 'MockClassification', 'MockClustering', 'MockRetrieval', 'MockReranking']) {
      assert.ok(Math.abs((main[name] ?? NaN) - 1) < 1e-9, `${name}: ${main[name]}`);
    }
    assert.ok(Math.abs((main['MockWordSimHalf'] ?? NaN) - 0.5) < 1e-12, String(main['MockWordSimHalf']));
    for (const r of results) assert.deepEqual(Object.keys(r.checksums), ['inline']);
    assert.deepEqual(warnings, []);
  });
});

describe('defineTask', () => {
  const base = MOCK_TASKS[0]!;
  it('validates every declared task', () => {
    assert.ok(TASKS.length >= 20);
    for (const t of TASKS) assert.ok(Object.isFrozen(t));
  });
  it('rejects unknown keys, wrong types and mismatched inline data', () => {
    const isBad = (field: string) => (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_ARGUMENT' && e.where === field;
    assert.throws(() => defineTask({ ...base, mainscore: 'x' } as unknown as TaskDeclaration), isBad('mainscore'));
    assert.throws(() => defineTask({ ...base, type: 'regression' } as unknown as TaskDeclaration), isBad('type'));
    assert.throws(() => defineTask({ ...base, format: 'xml' } as unknown as TaskDeclaration), isBad('format'));
    assert.throws(() => defineTask({ ...base, type: 'sts' }), isBad('inline.type'));
    assert.throws(() => defineTask({ ...base, files: { test: 'x.tsv' } }), isBad('files'));
    const { inline: _inline, ...noData } = base;
    assert.throws(() => defineTask(noData), isBad('inline'));
  });
});
