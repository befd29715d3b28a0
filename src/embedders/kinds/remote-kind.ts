/**
 * Models behind an OpenAI-compatible HTTP API, referenced as `openai:MODEL` (OpenAI, embedkit's own server,
 * or any compatible service). The key and base URL come from the options or the environment
 * (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, read by config.ts); the base URL is recorded in the embedder's
 * info so a collection re-opens against the same service, the key never is.
 */
import { openaiApiKeySetting, openaiBaseUrlSetting } from '../../config.js';
import type { EmbedderInfo } from '../embedder.js';
import { embedderOptionSpecs, type EmbedderOptions } from '../embedder-options.js';
import { REMOTE_PREFIX, RemoteEmbedder } from '../remote/remote-embedder.js';
import type { EmbedderKindEntry } from './kind-entry.js';

export const REMOTE_KIND: EmbedderKindEntry = {
  kind: 'remote',
  accepts: `a remote model (${REMOTE_PREFIX}MODEL)`,
  options: embedderOptionSpecs(['baseUrl', 'apiKey', 'truncateDim', 'batchSize', 'prompt']),
  matches: (ref) => ref.startsWith(REMOTE_PREFIX) && ref.length > REMOTE_PREFIX.length,
  async load(ref, opts, ctx) {
    const baseUrl = opts.baseUrl ?? openaiBaseUrlSetting();
    const apiKey = opts.apiKey ?? openaiApiKeySetting();
    return RemoteEmbedder.load({
      ref,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(opts.truncateDim !== undefined ? { truncateDim: opts.truncateDim } : {}),
      ...(opts.batchSize !== undefined ? { batchSize: opts.batchSize } : {}),
      ...(opts.prompt !== undefined ? { prompt: opts.prompt } : {}),
      ...(ctx.onWarning !== undefined ? { onWarning: ctx.onWarning } : {}),
    });
  },
  optionsFromInfo(info: EmbedderInfo): EmbedderOptions {
    if (info.kind !== 'remote') throw new TypeError(`remote kind asked to re-create a ${info.kind} embedder`);
    return {
      ...(info.baseUrl !== undefined ? { baseUrl: info.baseUrl } : {}),
      ...(info.truncateDim !== undefined ? { truncateDim: info.truncateDim } : {}),
      ...(info.prompt !== undefined ? { prompt: info.prompt } : {}),
    };
  },
};
