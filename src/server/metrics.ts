/**
 * Prometheus metrics through prom-client, in a registry of the server's own (two servers in one process
 * do not mix): requests by route, method and status; request latency; encoder queue depth; texts embedded
 * and encoder batch sizes per model; and Node's default process metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly latency: Histogram<'route' | 'method'>;
  readonly texts: Counter<'model'>;
  readonly batchSize: Histogram<'model'>;

  constructor(queueDepths: () => Promise<readonly { key: string; depth: number }[]>) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'embedkit_' });
    this.requests = new Counter({ name: 'embedkit_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers });
    this.latency = new Histogram({
      name: 'embedkit_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['route', 'method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.texts = new Counter({ name: 'embedkit_texts_embedded_total', help: 'texts embedded, by model', labelNames: ['model'], registers });
    this.batchSize = new Histogram({ name: 'embedkit_encoder_batch_texts', help: 'texts per encoder call, by model', labelNames: ['model'], buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], registers });
    new Gauge({
      name: 'embedkit_queue_depth',
      help: 'texts waiting for the encoder, by embedder',
      labelNames: ['embedder'],
      registers,
      async collect() {
        this.reset();
        for (const { key, depth } of await queueDepths()) this.set({ embedder: key }, depth);
      },
    });
  }

  onBatch(model: string, texts: number): void {
    this.texts.inc({ model }, texts);
    this.batchSize.observe({ model }, texts);
  }
}
