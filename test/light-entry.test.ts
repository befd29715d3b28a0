/**
 * `import('embedkit')` must stay light: no ONNX Runtime, pg, usearch or better-sqlite3. The subpath entries
 * load what they need (the positive controls prove the probe sees loads).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './helpers.js';

const HEAVY = ['onnxruntime-node', 'pg', 'usearch', 'better-sqlite3'] as const;

/** Imports `specifier` in a fresh node and lists the heavy packages it loaded (CommonJS cache + native addons). */
function heavyLoadedBy(specifier: string): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const natives = [];
    const dlopen = process.dlopen;
    process.dlopen = function (module, filename, ...rest) { natives.push(filename); return dlopen.call(this, module, filename, ...rest); };
    await import(${JSON.stringify(specifier)});
    const files = [...Object.keys(createRequire(import.meta.url).cache), ...natives];
    process.stdout.write(JSON.stringify(files));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout) as string[];
  return HEAVY.filter((pkg) => files.some((f) => f.includes(`/node_modules/${pkg}/`)));
}

describe('entry points', () => {
  it('embedkit loads none of the native or database packages', () => {
    assert.deepEqual(heavyLoadedBy('embedkit'), []);
  });
  it('embedkit/collections loads SQLite and usearch (not pg); embedkit/onnx ONNX Runtime; embedkit/pgvector pg', () => {
    assert.deepEqual(heavyLoadedBy('embedkit/collections').sort(), ['better-sqlite3', 'usearch']);
    assert.deepEqual(heavyLoadedBy('embedkit/onnx'), ['onnxruntime-node']);
    assert.deepEqual(heavyLoadedBy('embedkit/pgvector'), ['pg']);
  });
  it('embedkit/eval, embedkit/train and embedkit/analysis stay light too', () => {
    assert.deepEqual(heavyLoadedBy('embedkit/eval'), []);
    assert.deepEqual(heavyLoadedBy('embedkit/train'), []);
    assert.deepEqual(heavyLoadedBy('embedkit/analysis'), []);
  });
});
