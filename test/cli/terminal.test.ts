/**
 * The terminal stays readable: on a terminal (a pseudo-terminal from `script`) warnings are written above
 * the progress bar and the summary comes last, never overwritten; warnings that repeat (one per batch)
 * are printed once plus one line with the count; without a terminal long jobs print status lines.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createProgress } from '../../src/cli/progress.js';
import { CLI, REPO_ROOT, runCli, tempDir, TEST_CACHE_DIR } from '../helpers.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('terminal output', () => {
  it('on a terminal, a warning goes above the bar and the summary is the last thing written', { skip: !hasScript && 'util-linux script is not installed' }, () => {
    const dir = tempDir();
    try {
      const input = join(dir.path, 'in.txt');
      writeFileSync(input, Array.from({ length: 1500 }, (_, i) => (i % 2 === 0 ? `zzqx${i} qqzv` : `the cat sat ${i}`)).join('\n') + '\n');
      const log = join(dir.path, 'tty.log');
      const cmd = `${process.execPath} ${CLI} embed --model glove-100d --input ${input} --output ${join(dir.path, 'out.npy')}`;
      const r = spawnSync('script', ['-qfec', cmd, log], { cwd: REPO_ROOT, env: { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR, EMBEDKIT_NO_PROGRESS: '' }, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const out = readFileSync(log, 'utf8');
      const summary = out.indexOf('Embedded 1500 texts');
      assert.ok(summary > 0, out.slice(-500));
      // Nothing of a bar after the summary: it ends the output.
      assert.doesNotMatch(out.slice(summary), /Embedding \[/);
      // The warning sits on a line of its own (the bar's line was cleared first).
      assert.match(out, /\x1b\[2Kembedkit: warning: 750 of 1500 text\(s\) had no known word and got a zero vector\r?\n/);
    } finally {
      dir.cleanup();
    }
  });

  it('a warning repeated per batch is printed once, then counted in one line', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'db');
      const input = join(dir.path, 'docs.jsonl');
      writeFileSync(input, Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `d${i}`, text: i % 5 === 0 ? `zzqx${i}` : `the river ${i}` })).join('\n') + '\n');
      assert.equal((await runCli(['collection', 'create', 'w', '--model', 'glove-100d', '--db', db])).code, 0);
      const r = await runCli(['add', 'w', '--input', input, '--batch-size', '10', '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.filter((l) => /had no known word/.test(l)).length, 2, r.stderr);
      assert.match(r.stderr, /embedkit: warning: 2 of 10 text\(s\) had no known word and got a zero vector\n/);
      assert.match(r.stderr, /embedkit: warning: 5 warnings like this one in all: 2 of 10 text\(s\) had no known word/);
    } finally {
      dir.cleanup();
    }
  });

  it('without a terminal, a long job reports a status line now and then', () => {
    const lines: string[] = [];
    const p = createProgress('Adding to docs', 400, 'records', { tty: false, statusIntervalMs: 0, statusStream: { write: (s: string) => lines.push(s) } });
    p.update(100);
    p.update(300, undefined, { loss: '0.3180' });
    p.stop();
    p.update(400);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^embedkit: Adding to docs: 25% \(100\/400 records\), \d+ s\n$/);
    assert.match(lines[1]!, /^embedkit: Adding to docs: 75% \(300\/400 records, loss 0\.3180\), \d+ s\n$/);
    const quiet: string[] = [];
    const q = createProgress('Short job', 10, 'items', { tty: false, statusIntervalMs: 60_000, statusStream: { write: (s: string) => quiet.push(s) } });
    q.update(10);
    assert.deepEqual(quiet, [], 'a job shorter than the interval prints nothing');
  });
});
