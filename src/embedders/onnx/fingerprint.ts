/**
 * A model folder's fingerprint: a sha256 over what decides its vectors — `config.json`, `tokenizer.json`
 * and the ONNX weights (with an external-data file next to it) — so a collection is bound to the model, not
 * to the folder's path: a copied or moved folder has the same fingerprint, a changed model another.
 * Per-file hashes are cached in the model cache folder by path, size and modification time, so a large
 * weights file is read once.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../config.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { ModelFolder } from './model-folder.js';

const CACHE_FILE = 'fingerprints.json';

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) h.update(chunk);
  return h.digest('hex');
}

function readCache(path: string): Record<string, string> {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** `sha256:<hex>` over the model's files (see the module comment). */
export async function modelFingerprint(folder: ModelFolder): Promise<string> {
  const files = [join(folder.root, 'config.json'), join(folder.root, 'tokenizer.json'), folder.onnxPath, `${folder.onnxPath}_data`, `${folder.onnxPath}.data`].filter((f) => existsSync(f));
  const cachePath = join(cacheDir(), CACHE_FILE);
  const cache = readCache(cachePath);
  let changed = false;
  const all = createHash('sha256');
  for (const f of files) {
    const st = await fsp.stat(f);
    const key = `${await fsp.realpath(f)}|${st.size}|${st.mtimeMs}`;
    let h = cache[key];
    if (h === undefined) {
      h = await hashFile(f);
      cache[key] = h;
      changed = true;
    }
    // the file's role (its name), not its folder, enters the fingerprint
    all.update(`${f.slice(folder.root.length)}\0${h}\n`);
  }
  if (changed) await writeFileAtomic(cachePath, JSON.stringify(cache)).catch(() => undefined); // a cache, not a requirement
  return `sha256:${all.digest('hex')}`;
}
