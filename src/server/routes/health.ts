/**
 * `GET /healthz` (no authentication, no work: answers while the encoders are busy) and `GET /metrics`
 * (Prometheus text format).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

export function registerHealth(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', async () => ({ status: 'ok', uptime: Math.round((Date.now() - ctx.startedAt) / 1000) }));
  app.get('/metrics', async (_req, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
