/**
 * The web explorer: static files from `src/server/explorer/` at `/`, and the charting libraries (vega,
 * vega-lite, vega-embed) from the installed packages at `/vendor/` — nothing from a CDN.
 */
import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../../paths.js';

/** The folder of an installed package (found from its entry point upwards). */
function packageDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`package ${name} not found`);
    dir = up;
  }
  return dir;
}

/** Browser builds served under /vendor/. */
const VENDOR: readonly [string, string][] = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
];

export async function registerExplorer(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: join(packageRoot(), 'src', 'server', 'explorer'), prefix: '/', index: ['index.html'], cacheControl: false });
  for (const [pkg, file] of VENDOR) {
    const bytes = readFileSync(join(packageDir(pkg), file));
    app.get(`/vendor/${pkg}.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(bytes));
  }
}
