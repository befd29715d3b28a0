import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The installed package's root folder (holds `data/`, `package.json`). Works from `src/` and `dist/src/`. */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${'/'}dist${'/'}`) || here.endsWith('/dist/src') ? join(here, '..', '..') : join(here, '..');
}

/** The bundled sample corpus (one sentence per line). */
export function sampleCorpusPath(): string {
  return join(packageRoot(), 'data', 'sample', 'sentences.txt');
}
