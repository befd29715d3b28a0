/**
 * Load benchmark of `embedkit serve` (loopback only, bounded in time): the real server runs as a child
 * process, autocannon (the load generator) posts one short sentence per request to /v1/embeddings at 1, 8
 * and 64 concurrent connections, with micro-batching on (`--batching on`, the default) and off,
 * for a static model and a transformer model. A prober asks /healthz every 50 ms during every run and
 * reports its slowest answer (the event loop must stay free while the encoder is saturated). A last run
 * overloads the server 10× (640 connections, `--max-queue 64`): the answers must be 200 or 429, never
 * errors. For scale, the same model's `embed()` called in-process (no HTTP) on batches of 64 is printed too.
 *
 * No peer: no OpenAI-compatible embedding server that runs these models offline is packaged on npm or in
 * Debian 12, so the comparison is micro-batching on vs off, and HTTP vs the library.
 *
 *   node dist/bench/serve-load.bench.js [--model REF]… [--duration S]
 * Default models: glove-100d (static) and test/fixtures/onnx/tiny-bert (transformer); the lead re-runs it
 * with --model minilm-l6 for docs/server.md.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createEmbedder } from '../src/embedders/create-embedder.js';
import { REPO_ROOT, table } from './util.js';

function args(): { models: string[]; duration: number } {
  const a = process.argv.slice(2);
  const models: string[] = [];
  let duration = 5;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--model') models.push(a[++i]!);
    else if (a[i] === '--duration') duration = Number(a[++i]);
  }
  return { models: models.length > 0 ? models : ['glove-100d', join(REPO_ROOT, 'test', 'fixtures', 'onnx', 'tiny-bert')], duration: Math.min(60, Math.max(1, duration)) };
}

const SENTENCES = readFileSync(join(REPO_ROOT, 'data', 'sample', 'sentences.txt'), 'utf8').split('\n').filter((l) => l.trim().length > 0);
const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

function serve(model: string, extra: readonly string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--json', '--model', `m=${model}`, '--db', join(REPO_ROOT, '.cache', 'bench', 'serve-db'), ...extra], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, EMBEDKIT_NO_PROGRESS: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      const { url } = JSON.parse(out.split('\n')[0]!) as { url: string };
      resolve({ url, stop: () => new Promise((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/**
 * Polls /healthz every 50 ms from a separate process (so the load generator's own event loop does not
 * delay it) until stopped; returns the slowest answer in ms.
 */
function healthProbe(url: string): { stop: () => Promise<number> } {
  const code = `
    let worst = 0, running = true;
    process.on('SIGTERM', () => { running = false; });
    while (running) {
      const t0 = performance.now();
      await fetch(${JSON.stringify(url)} + '/healthz').then((r) => r.text());
      worst = Math.max(worst, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    process.stdout.write(JSON.stringify(worst));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number>((r) => child.once('exit', () => r(Number(out))));
  return {
    stop: async () => {
      child.kill('SIGTERM');
      return done;
    },
  };
}

interface Cell {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly tooMany: number;
  readonly other: number;
  readonly errors: number;
  readonly health: number;
}

async function load(url: string, connections: number, duration: number): Promise<Cell> {
  let i = 0;
  const probe = healthProbe(url);
  const r = await autocannon({
    url: `${url}/v1/embeddings`,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ model: 'm', input: SENTENCES[i++ % SENTENCES.length] }) }),
      },
    ],
  });
  const health = await probe.stop();
  const codes = r.statusCodeStats ?? {};
  const count = (c: string): number => (codes as Record<string, { count?: number }>)[c]?.count ?? 0;
  const ok = count('200');
  const tooMany = count('429');
  return { rps: ok / duration, p50: r.latency.p50, p99: r.latency.p99, ok, tooMany, other: r.non2xx - tooMany, errors: r.errors, health };
}

async function inProcess(model: string, seconds: number): Promise<number> {
  const e = await createEmbedder(model);
  const batch = Array.from({ length: 64 }, (_, j) => SENTENCES[j % SENTENCES.length]!);
  await e.embed(batch);
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await e.embed(batch);
    n += batch.length;
  }
  await e.dispose();
  return n / seconds;
}

const { models, duration } = args();
const rows: (string | number)[][] = [['model', 'batching', 'conns', 'req/s', 'p50 ms', 'p99 ms', '/healthz max ms', 'non-200']];
const gains: (string | number)[][] = [['model', 'conns', 'req/s on', 'req/s off', 'gain']];
const overload: (string | number)[][] = [['model', 'conns', '200', '429', 'other non-2xx', 'errors', 'p99 ms', '/healthz max ms']];
const direct: (string | number)[][] = [['model', 'embed() texts/s (batches of 64, no HTTP)']];
for (const model of models) {
  const name = model.split('/').pop()!;
  const byMode: Record<string, Cell[]> = {};
  for (const mode of ['on', 'off'] as const) {
    const srv = await serve(model, ['--batching', mode]);
    try {
      await load(srv.url, 8, 1); // warm up: load the model, JIT
      byMode[mode] = [];
      for (const c of [1, 8, 64]) {
        const cell = await load(srv.url, c, duration);
        byMode[mode].push(cell);
        rows.push([name, mode, c, cell.rps, cell.p50, cell.p99, cell.health, cell.tooMany + cell.other + cell.errors]);
        console.log(table([rows[0]!, rows[rows.length - 1]!]).split('\n')[1]);
      }
    } finally {
      await srv.stop();
    }
  }
  [1, 8, 64].forEach((c, j) => gains.push([name, c, byMode['on']![j]!.rps, byMode['off']![j]!.rps, `${(byMode['on']![j]!.rps / byMode['off']![j]!.rps).toFixed(2)}×`]));
  const srv = await serve(model, ['--max-queue', '64']);
  try {
    await load(srv.url, 8, 1);
    const cell = await load(srv.url, 640, duration);
    overload.push([name, 640, cell.ok, cell.tooMany, cell.other, cell.errors, cell.p99, cell.health]);
  } finally {
    await srv.stop();
  }
  direct.push([name, await inProcess(model, Math.min(duration, 3))]);
}
console.log(`\nLoad on /v1/embeddings, one sentence per request, ${duration} s per cell (${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})\n`);
console.log(table(rows));
console.log('\nMicro-batching gain (throughput with batching / without)\n');
console.log(table(gains));
console.log('\n10× overload (640 connections, --max-queue 64): 429 instead of failures\n');
console.log(table(overload));
console.log('\nFor scale: the library in-process\n');
console.log(table(direct));
