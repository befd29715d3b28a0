/**
 * Faults and concurrency through the real CLI: two `add` processes on one collection both succeed and a
 * lock held past the bound is a clear "collection is busy"; a full disk (a file-size limit on the child
 * process, and a real tmpfs when this machine lets the test mount one) gives one clear line and leaves no
 * temp file; SIGINT / SIGTERM remove temp files (train's encoded corpus too) and restore the terminal;
 * files left by a SIGKILLed run are removed by the next run; bad paths fail at once with a clear line.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, REPO_ROOT, runCli, TEST_CACHE_DIR, tempDir, type CliResult } from '../helpers.js';

const SH = existsSync('/bin/sh') ? '/bin/sh' : undefined;

function records(prefix: string, n: number, text = (i: number): string => `the quick brown fox ${i} jumps over the lazy dog ${prefix} ${i % 31}`): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: `${prefix}${i}`, text: text(i) }));
  return lines.join('\n') + '\n';
}

/** A word-vector file: `rows` words × `dim` values (deterministic). */
function vectorsText(rows: number, dim: number): string {
  const lines = [`${rows} ${dim}`];
  for (let r = 0; r < rows; r++) lines.push(`w${r} ${Array.from({ length: dim }, (_, j) => (Math.sin(r * 7 + j * 3) * 0.5).toFixed(6)).join(' ')}`);
  return lines.join('\n') + '\n';
}

/** A corpus of `lines` lines over a vocabulary of `vocab` words (deterministic). */
function corpusText(lines: number, vocab: number, perLine = 12): string {
  const out: string[] = [];
  let x = 7;
  for (let i = 0; i < lines; i++) {
    const words: string[] = [];
    for (let j = 0; j < perLine; j++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      words.push(`w${x % vocab}`);
    }
    out.push(words.join(' '));
  }
  return out.join('\n') + '\n';
}

function ok(r: CliResult, what: string): void {
  assert.equal(r.code, 0, `${what}: ${r.stderr}`);
}

function oneLine(r: CliResult, pattern: RegExp, what: string): void {
  assert.equal(r.code, 1, `${what}: expected exit 1, got ${r.code}; ${r.stderr}`);
  assert.match(r.stderr, pattern, what);
  assert.equal(r.stderr.trim().split('\n').length, 1, `${what}: one line: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, what);
}

/** Files a failed or interrupted write must not leave: atomic-write temps, a collection being created. */
function leftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.creating')) : [];
}

function trainTemps(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('embedkit-train-')) : [];
}

/** `embedkit ARGS` with a file-size limit of `kb` KiB on the child (writes past it fail with EFBIG). */
function runLimited(kb: number, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // ulimit -f counts 512-byte blocks in POSIX sh (dash) and 1024-byte ones in bash: both limit ≤ kb KiB.
    const child = spawn(SH!, ['-c', `ulimit -f ${kb} && exec "$0" "$@"`, process.execPath, CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR, EMBEDKIT_NO_PROGRESS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function start(args: readonly string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR, EMBEDKIT_NO_PROGRESS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** Polls `check` every 20 ms until it holds (bounded: fails after `ms`). */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sets a file's times (and a folder's) back ten minutes: older than the sweep's minimum age. */
function makeOld(path: string): void {
  const t = new Date(Date.now() - 10 * 60_000);
  utimesSync(path, t, t);
}

/** The encoded corpus of a training run exists (training has started reading it). */
function trainingStarted(tmp: string): boolean {
  return trainTemps(tmp).some((d) => existsSync(join(tmp, d, 'corpus.i32')));
}

describe('faults: two writers on one collection', () => {
  const dir = tempDir('embedkit-faults-db-');
  const db = join(dir.path, 'db');
  before(async () => {
    writeFileSync(join(dir.path, 'a.jsonl'), records('a', 600));
    writeFileSync(join(dir.path, 'b.jsonl'), records('b', 600));
    ok(await runCli(['collection', 'create', 'shared', '--db', db]), 'create');
  });
  after(() => dir.cleanup());

  it('two concurrent `add` processes both succeed, every record stored once', async () => {
    const [a, b] = await Promise.all([
      runCli(['add', 'shared', '--input', join(dir.path, 'a.jsonl'), '--db', db, '--batch-size', '8']),
      runCli(['add', 'shared', '--input', join(dir.path, 'b.jsonl'), '--db', db, '--batch-size', '8']),
    ]);
    ok(a, 'first add');
    ok(b, 'second add');
    const info = await runCli(['collection', 'info', 'shared', '--db', db, '--json']);
    ok(info, 'info');
    assert.equal((JSON.parse(info.stdout) as { count: number }).count, 1200);
  });

  it('two processes creating the same collection: one succeeds, the other gets "already exists"', async () => {
    const results = await Promise.all([1, 2].map(() => runCli(['collection', 'create', 'twin', '--db', db])));
    assert.deepEqual(results.map((r) => r.code).sort(), [0, 1], results.map((r) => r.stderr).join(' | '));
    oneLine(results.find((r) => r.code === 1)!, /collection already exists: "twin"/, 'second create');
    assert.deepEqual(leftovers(db), []);
  });

  it('a write lock held past the bound gives "collection is busy" (exit 1, one line)', async () => {
    // Another process takes the write lock and keeps it until told to let go.
    const holder = spawn(process.execPath, ['-e', `const D = require(${JSON.stringify(join(REPO_ROOT, 'node_modules', 'better-sqlite3'))}); const db = new D(process.argv[1]); db.prepare('BEGIN IMMEDIATE').run(); console.log('locked'); process.stdin.on('data', () => { db.prepare('COMMIT').run(); process.exit(0); });`, join(db, 'shared.sqlite')], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
        holder.on('exit', () => reject(new Error('lock holder exited')));
      });
      const r = await runCli(['collection', 'delete', 'shared', 'a1', '--db', db], { env: { EMBEDKIT_BUSY_TIMEOUT_MS: '300' } });
      oneLine(r, /collection is busy: .*write lock for more than 0\.3 s/, 'delete while locked');
    } finally {
      holder.stdin.end('go\n');
      await new Promise((r) => holder.on('close', r));
    }
    // Once the lock is released the same command goes through.
    ok(await runCli(['collection', 'delete', 'shared', 'a1', '--db', db], { env: { EMBEDKIT_BUSY_TIMEOUT_MS: '300' } }), 'delete after release');
  });
});

describe('faults: disk full', { skip: SH === undefined ? 'needs /bin/sh for ulimit' : false }, () => {
  const dir = tempDir('embedkit-faults-full-');
  const vectors = join(dir.path, 'vectors.txt');
  const texts = join(dir.path, 'texts.txt');
  const corpus = join(dir.path, 'corpus.txt');
  const out = join(dir.path, 'out');
  before(async () => {
    writeFileSync(vectors, vectorsText(3000, 32)); // ≈ 1 MB as text
    writeFileSync(texts, Array.from({ length: 2000 }, (_, i) => `w${i} w${(i * 7) % 3000} w${(i * 13) % 3000}`).join('\n') + '\n');
    writeFileSync(corpus, corpusText(2000, 2500));
    mkdirSync(out);
    // Converts the model into the cache first, without a limit: the limit is for the outputs.
    ok(await runCli(['embed', '--model', vectors, '--input', texts, '--output', join(dir.path, 'warm.npy')]), 'warm-up');
  });
  after(() => dir.cleanup());

  const cases: [string, string[]][] = [
    ['convert to word2vec text', ['convert', 'VECTORS', 'OUT/v.txt']],
    ['convert to gzip', ['convert', 'VECTORS', 'OUT/v.txt.gz', '--to', 'vec']],
    ['convert to word2vec binary', ['convert', 'VECTORS', 'OUT/v.bin']],
    ['convert to ekv', ['convert', 'VECTORS', 'OUT/v.ekv']],
    ['embed to .npy', ['embed', '--model', 'VECTORS', '--input', 'TEXTS', '--output', 'OUT/e.npy']],
    ['embed to .jsonl', ['embed', '--model', 'VECTORS', '--input', 'TEXTS', '--output', 'OUT/e.jsonl']],
    ['embed to .tsv', ['embed', '--model', 'VECTORS', '--input', 'TEXTS', '--output', 'OUT/e.tsv']],
    ['train checkpoint', ['train', 'word2vec', '--input', 'CORPUS', '--output', 'OUT/t.txt', '--dim', '64', '--min-count', '1', '--epochs', '2', '--save-every', '1', '--threads', '1']],
  ];
  for (const [what, args] of cases) {
    it(`${what}: one clear line, no temp file left`, async () => {
      const argv = args.map((a) => a.replace('VECTORS', vectors).replace('TEXTS', texts).replace('CORPUS', corpus).replace('OUT', out));
      const r = await runLimited(64, argv, { TMPDIR: dir.path });
      oneLine(r, /disk full: .*file size limit exceeded, EFBIG/, what);
      assert.deepEqual(leftovers(out), [], what);
      assert.deepEqual(trainTemps(dir.path), [], what);
    });
  }

  it("train's encoded corpus (a temp file of 4 bytes per token): one clear line, temp folder removed", async () => {
    const big = join(dir.path, 'big-corpus.txt');
    writeFileSync(big, corpusText(20_000, 500)); // 240k tokens → ≈ 1 MB of ids
    const r = await runLimited(256, ['train', 'word2vec', '--input', big, '--output', join(out, 'never.bin'), '--min-count', '1', '--threads', '1'], { TMPDIR: dir.path });
    oneLine(r, /disk full: cannot write the encoded corpus/, 'encoded corpus');
    assert.deepEqual(trainTemps(dir.path), []);
  });

  it('collection writes: a clear line, earlier batches kept', async () => {
    const db = join(dir.path, 'db');
    ok(await runCli(['collection', 'create', 'c', '--db', db, '--model', vectors]), 'create');
    writeFileSync(join(dir.path, 'recs.jsonl'), records('r', 4000, (i) => `w${i % 3000} w${(i * 7) % 3000}`));
    const r = await runLimited(256, ['add', 'c', '--input', join(dir.path, 'recs.jsonl'), '--db', db]);
    oneLine(r, /cannot write to collection c .*(disk I\/O error|SQLITE_FULL)/, 'add');
    const info = await runCli(['collection', 'info', 'c', '--db', db, '--json']);
    ok(info, 'info after the failed add');
    const count = (JSON.parse(info.stdout) as { count: number }).count;
    assert.ok(count > 0 && count < 4000, `whole batches before the failure stay: ${count}`);
  });
});

/** A real full file system: a 256 KiB tmpfs, when this process may mount one (root in a container). */
function mountTmpfs(at: string): boolean {
  if (process.getuid?.() !== 0) return false;
  mkdirSync(at, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', at], { stdio: 'ignore' }).status === 0;
}

describe('faults: disk full on a real (tmpfs) file system', () => {
  const dir = tempDir('embedkit-faults-tmpfs-');
  const mnt = join(dir.path, 'mnt');
  const vectors = join(dir.path, 'vectors.txt');
  const mounted = mountTmpfs(mnt);
  before(() => writeFileSync(vectors, vectorsText(3000, 32)));
  after(() => {
    if (mounted) spawnSync('umount', [mnt], { stdio: 'ignore' });
    dir.cleanup();
  });

  it('convert onto a full tmpfs: "no space left on device", nothing left behind', { skip: mounted ? false : 'cannot mount a tmpfs here (needs root)' }, async () => {
    const r = await runCli(['convert', vectors, join(mnt, 'v.txt')]);
    oneLine(r, /disk full: cannot write file \(no space left on device, ENOSPC\)/, 'convert');
    assert.deepEqual(readdirSync(mnt), []);
  });
});

describe('faults: interrupted runs', () => {
  const dir = tempDir('embedkit-faults-int-');
  const corpus = join(dir.path, 'corpus.txt');
  const slow = ['--min-count', '1', '--threads', '1', '--epochs', '1000', '--dim', '32'];
  before(() => writeFileSync(corpus, corpusText(4000, 800)));
  after(() => dir.cleanup());

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} during training removes the encoded corpus and writes nothing (exit ${code})`, async () => {
      const tmp = join(dir.path, `tmp-${signal}`);
      const outDir = join(dir.path, `out-${signal}`);
      mkdirSync(tmp);
      const run = start(['train', 'word2vec', '--input', corpus, '--output', join(outDir, 'v.bin'), ...slow], { TMPDIR: tmp });
      await until(() => trainingStarted(tmp), 60_000, 'the encoded corpus');
      run.child.kill(signal);
      const r = await run.done;
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`interrupted \\(${signal}\\)`));
      assert.deepEqual(trainTemps(tmp), []);
      assert.deepEqual(leftovers(outDir), []);
      assert.equal(existsSync(join(outDir, 'v.bin')), false);
    });
  }

  it('a SIGKILLed run leaves its temp folder; the next run removes it', async () => {
    const tmp = join(dir.path, 'tmp-kill');
    mkdirSync(tmp);
    const run = start(['train', 'word2vec', '--input', corpus, '--output', join(dir.path, 'killed.bin'), ...slow], { TMPDIR: tmp });
    await until(() => trainingStarted(tmp), 60_000, 'the encoded corpus');
    run.child.kill('SIGKILL');
    await run.done;
    const stale = trainTemps(tmp);
    assert.equal(stale.length, 1, 'SIGKILL cannot clean up');
    makeOld(join(tmp, stale[0]!));
    const r = await runCli(['train', 'word2vec', '--input', corpus, '--output', join(dir.path, 'next.bin'), '--min-count', '1', '--threads', '1', '--epochs', '1', '--dim', '8'], { env: { TMPDIR: tmp } });
    ok(r, 'next run');
    assert.deepEqual(trainTemps(tmp), [], 'the stale folder is gone');
  });

  it('stale atomic-write temp files of dead processes are removed by the next write; a live one is kept', async () => {
    const out = join(dir.path, 'stale');
    mkdirSync(out);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    const staleFile = join(out, `.v.txt.${dead}.abc123.tmp`);
    const liveFile = join(out, `.v.txt.${process.pid}.abc123.tmp`);
    const recentFile = join(out, `.v.txt.${dead}.def456.tmp`); // dead pid, but modified just now: kept
    writeFileSync(staleFile, 'half a file');
    writeFileSync(liveFile, 'being written');
    writeFileSync(recentFile, 'maybe a writer in another pid namespace');
    makeOld(staleFile);
    makeOld(liveFile);
    ok(await runCli(['convert', join(REPO_ROOT, 'test', 'fixtures', 'static', 'vectors.txt'), join(out, 'v.txt')]), 'convert');
    assert.equal(existsSync(staleFile), false);
    assert.equal(existsSync(liveFile), true);
    assert.equal(existsSync(recentFile), true);
    assert.ok(statSync(join(out, 'v.txt')).size > 0);
  });

  const script = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  it('Ctrl-C in a terminal restores the cursor and line wrap after the progress bar', { skip: script ? false : 'needs script(1) for a pseudo-terminal' }, async () => {
    const tmp = join(dir.path, 'tmp-tty');
    mkdirSync(tmp);
    const cmd = [process.execPath, CLI, 'train', 'word2vec', '--input', corpus, '--output', join(dir.path, 'tty.bin'), ...slow].map((a) => `'${a}'`).join(' ');
    const env: NodeJS.ProcessEnv = { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR, TMPDIR: tmp, TERM: 'xterm' };
    delete env['EMBEDKIT_NO_PROGRESS'];
    // script(1) runs the command on a pseudo-terminal; ^C typed into it reaches the command as SIGINT.
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString('latin1')));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until(() => screen.includes('\x1b[?25l') && trainingStarted(tmp), 60_000, 'the progress bar');
    child.stdin.write('\x03');
    const code = await closed;
    assert.equal(code, 130, screen.slice(-300));
    assert.ok(screen.lastIndexOf('\x1b[?25h') > screen.lastIndexOf('\x1b[?25l'), 'cursor shown again');
    if (screen.includes('\x1b[?7l')) assert.ok(screen.lastIndexOf('\x1b[?7h') > screen.lastIndexOf('\x1b[?7l'), 'line wrap on again');
    assert.match(screen, /interrupted \(SIGINT\)/);
    assert.deepEqual(trainTemps(tmp), []);
  });
});

describe('faults: paths', () => {
  const dir = tempDir('embedkit-faults-paths-');
  const passwd = join(dir.path, 'passwd');
  before(() => writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/sh\n'));
  after(() => dir.cleanup());
  const input = join(REPO_ROOT, 'test', 'fixtures', 'static', 'sentences.txt');

  it('--db naming a file, a path below a file or /proc: one clear line', async () => {
    oneLine(await runCli(['collection', 'create', 'x', '--db', passwd]), /collections location is not a folder .* at .*passwd; --db/, '--db FILE');
    oneLine(await runCli(['collection', 'list', '--db', passwd]), /collections location is not a folder/, 'list --db FILE');
    oneLine(await runCli(['collection', 'create', 'x', '--db', join(passwd, 'x')]), /ENOTDIR/, '--db FILE/x');
    if (existsSync('/proc/self')) oneLine(await runCli(['collection', 'create', 'x', '--db', '/proc/embedkit-x']), /cannot create folder .* at \/proc\/embedkit-x/, '--db /proc/x');
  });

  it('--output below a file or in /proc, a folder or a device: one clear line before any work', async () => {
    oneLine(await runCli(['embed', '--input', input, '--output', join(passwd, 'x.npy')]), /ENOTDIR.*--output/, 'embed --output FILE/x.npy');
    if (existsSync('/proc/self')) oneLine(await runCli(['embed', '--input', input, '--output', '/proc/embedkit-x/y.npy']), /cannot create folder/, 'embed --output /proc/x/y.npy');
    oneLine(await runCli(['train', 'word2vec', '--input', input, '--output', dir.path]), /--output .*a folder/, 'train --output DIR');
    if (existsSync('/dev/null')) oneLine(await runCli(['convert', join(REPO_ROOT, 'test', 'fixtures', 'static', 'vectors.txt'), '/dev/null']), /not a regular file/, 'convert to /dev/null');
  });

  it('a junk *.sqlite in the collections folder is skipped by `collection list` with a warning naming it', async () => {
    const db = join(dir.path, 'db');
    ok(await runCli(['collection', 'create', 'good', '--db', db]), 'create');
    writeFileSync(join(db, 'junk.sqlite'), 'not a database at all');
    writeFileSync(join(db, 'empty.sqlite'), '');
    const r = await runCli(['collection', 'list', '--db', db, '--json']);
    ok(r, 'list');
    assert.deepEqual((JSON.parse(r.stdout) as { collections: { name: string }[] }).collections.map((c) => c.name), ['good']);
    assert.match(r.stderr, /warning: skipped .*empty\.sqlite: .*not a collection database/);
    assert.match(r.stderr, /warning: skipped .*junk\.sqlite: .*not a collection database/);
    assert.equal(statSync(join(db, 'empty.sqlite')).size, 0, 'a file that is not ours is never written');
    oneLine(await runCli(['search', 'junk', 'foo', '--db', db]), /not a collection database/, 'search junk');
  });
});
