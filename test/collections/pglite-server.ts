/**
 * A real Postgres wire-protocol endpoint for tests: PGlite (Postgres compiled to WASM) with the pgvector
 * extension, served on 127.0.0.1 by pglite-socket, reached with `pg` exactly like a production server.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startPgliteServer(): Promise<PgliteServer> {
  const db = await PGlite.create({ extensions: { vector } });
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 8 });
    try {
      await server.start();
      return {
        url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
        stop: async () => {
          await server.stop();
          await db.close();
        },
      };
    } catch (e) {
      lastError = e;
    }
  }
  await db.close();
  throw lastError;
}
