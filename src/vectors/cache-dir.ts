import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where converted models are cached: `$EMBEDKIT_CACHE_DIR`, else `~/.cache/embedkit`. */
export function cacheDir(): string {
  const env = process.env['EMBEDKIT_CACHE_DIR'];
  if (env !== undefined && env.length > 0) return env;
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg.length > 0 ? xdg : join(homedir(), '.cache'), 'embedkit');
}
