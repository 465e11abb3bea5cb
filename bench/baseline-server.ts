import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../lib/db/open';
import { getProduct, getProductStats } from '../lib/db/queries/products';
import { getUser } from '../lib/db/queries/users';
import { QueryRecorder } from '../lib/db/recorder';
import { sandboxPath } from '../lib/db/sandboxes';

/**
 * The floor the lab server is measured against: bare node:http + better-sqlite3 running the
 * very same query functions through the same QueryRecorder (so SQL text, prepared-statement
 * cache and per-query timing are identical), minus everything the lab adds on top:
 * token check, routing, validation, Server-Timing, traces. The gap between the two is the
 * price of the pipeline, which the lab-throughput targets bound (0.8 on point lookups).
 */
// `?fields=` on a product means "no stats" here: the benches only send the full row's fields.
const ROUTE = /^\/api\/v1\/(products|users)\/(\d+)(\?fields=[^&]*)?$/;

export async function startBaselineServer(dataDir: string, sandboxId: string, onResponse: () => void = () => {}) {
  // Same file and same pragmas (WAL, busy_timeout) as the lab server's sandbox pool uses.
  const db = openDatabase(sandboxPath(dataDir, sandboxId));
  const stats = { requests: 0, errors: 0 };

  const server = http.createServer((req, res) => {
    stats.requests++;
    res.once('finish', onResponse);
    const m = ROUTE.exec(req.url ?? '');
    if (!m) return reply(res, 404, '{"error":"no route"}');
    const id = Number(m[2]);
    // A fresh recorder per request, as the pipeline does: its allocation is part of the work.
    const q = new QueryRecorder(db);
    try {
      if (m[1] === 'products') {
        const product = getProduct(q, id);
        if (!product) return reply(res, 404, '{"error":"not found"}');
        if (m[3]) return reply(res, 200, JSON.stringify(product));
        return reply(res, 200, JSON.stringify({ ...product, stats: getProductStats(q, id) }));
      }
      const user = getUser(q, id);
      return user ? reply(res, 200, JSON.stringify(user)) : reply(res, 404, '{"error":"not found"}');
    } catch (err) {
      stats.errors++;
      console.error('[baseline] query failed:', err);
      return reply(res, 500, '{"error":"internal"}');
    }
  });
  // Match the lab server, so neither side pays for reconnects the other does not.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}

function reply(res: http.ServerResponse, status: number, body: string): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': buf.length });
  res.end(buf);
}
