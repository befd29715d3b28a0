/**
 * The server's own settings, declared once: the CLI's `serve` flags are generated from them and the same
 * validator checks them when the server is started from code.
 */
import { choiceOption, intOption, stringOption } from '../options/option-spec.js';
import { serverApiKeySetting } from '../config.js';
import { validateOptions, withDefaults } from '../options/validate.js';

export const SERVER_OPTIONS = {
  host: stringOption('address to bind (anything but loopback needs `apiKey`)', { default: '127.0.0.1', valueName: 'address' }),
  port: intOption(0, 65_535, 'port to listen on (0: any free port)', { default: 8080 }),
  apiKey: stringOption('clients must send it as "Authorization: Bearer KEY" (default: $EMBEDKIT_API_KEY)', { valueName: 'key' }),
  cors: stringOption('allow browser requests from this origin (default: no CORS headers)', { valueName: 'origin' }),
  bodyLimit: intOption(1024, 1 << 30, 'largest request body in bytes', { default: 8 << 20 }),
  maxInputs: intOption(1, 100_000, 'texts per request (embeddings, records per add)', { default: 2048 }),
  maxChars: intOption(1, 1 << 24, 'characters per text', { default: 32_768 }),
  maxK: intOption(1, 10_000, 'largest k a search or neighbour query may ask for', { default: 1000 }),
  maxQueue: intOption(1, 1 << 20, 'texts waiting per model; beyond it requests get 429 with Retry-After', { default: 8192 }),
  batching: choiceOption(['on', 'off'] as const, 'micro-batching: concurrent requests for a model share encoder calls (off: one request per call)', { default: 'on' }),
  batchWindow: intOption(0, 1000, 'ms an idle model waits for more requests before encoding (0: start at once; requests that arrive meanwhile still share the next call)', { default: 0 }),
  maxBatch: intOption(1, 65_536, 'texts per encoder call (a larger request is encoded in several calls, yielding in between)', { default: 64 }),
} as const;

export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  readonly apiKey?: string;
  readonly cors?: string;
  readonly bodyLimit: number;
  readonly maxInputs: number;
  readonly maxChars: number;
  readonly maxK: number;
  readonly maxQueue: number;
  readonly batching: 'on' | 'off';
  readonly batchWindow: number;
  readonly maxBatch: number;
}

/** Validated settings with defaults (values typed or strings); the API key falls back to $EMBEDKIT_API_KEY. */
export function serverSettings(raw: Readonly<Record<string, unknown>>): ServerSettings {
  const o = withDefaults(SERVER_OPTIONS, validateOptions(SERVER_OPTIONS, raw));
  const apiKey = o.apiKey ?? serverApiKeySetting();
  return {
    host: o.host!,
    port: o.port!,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(o.cors !== undefined ? { cors: o.cors } : {}),
    bodyLimit: o.bodyLimit!,
    maxInputs: o.maxInputs!,
    maxChars: o.maxChars!,
    maxK: o.maxK!,
    maxQueue: o.maxQueue!,
    batching: o.batching!,
    batchWindow: o.batchWindow!,
    maxBatch: o.maxBatch!,
  };
}
