import type pg from 'pg';
import type { NodeHeartbeat, NodeInfo, NodeRegistry } from './types';

/**
 * Node registry in PostgreSQL. Liveness is judged by the database's clock (clock_timestamp(),
 * not the transaction's start), so drifting node clocks and a transaction that waited on a lock
 * cannot make a live node look dead.
 */
export const aliveSql = (alias: string, param: string) =>
  `${alias}.heartbeat_at > clock_timestamp() - make_interval(secs => ${param})`;

type Row = {
  id: string;
  address: string;
  cpu_pct: number;
  runs: number;
  sandboxes: number;
  disk_bytes: string;
  started_at: Date;
  heartbeat_at: Date;
  age_ms: number;
  alive: boolean;
};

const UPSERT = `INSERT INTO cluster_nodes (id, address, cpu_pct, runs, sandboxes, disk_bytes, started_at, heartbeat_at)
  VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), clock_timestamp())
  ON CONFLICT (id) DO UPDATE SET address = excluded.address, cpu_pct = excluded.cpu_pct, runs = excluded.runs,
    sandboxes = excluded.sandboxes, disk_bytes = excluded.disk_bytes, heartbeat_at = excluded.heartbeat_at`;

export function pgNodeRegistry(pool: pg.Pool, opts: { deadAfterMs: number }): NodeRegistry {
  const values = (n: NodeHeartbeat) => [n.id, n.address, n.cpuPct, n.runs, n.sandboxes, Math.round(n.diskBytes)];
  return {
    async join(node) {
      await pool.query(`${UPSERT}, started_at = excluded.started_at`, values(node));
    },
    async heartbeat(node) {
      await pool.query(UPSERT, values(node));
    },
    async list(): Promise<NodeInfo[]> {
      const { rows } = await pool.query<Row>(
        `SELECT n.*, (extract(epoch FROM clock_timestamp() - n.heartbeat_at) * 1000)::float8 AS age_ms, ${aliveSql('n', '$1')} AS alive
         FROM cluster_nodes n ORDER BY n.id`,
        [opts.deadAfterMs / 1000],
      );
      return rows.map((r) => ({
        id: r.id,
        address: r.address,
        cpuPct: r.cpu_pct,
        runs: r.runs,
        sandboxes: r.sandboxes,
        diskBytes: Number(r.disk_bytes),
        startedAt: r.started_at.toISOString(),
        heartbeatAt: r.heartbeat_at.toISOString(),
        heartbeatAgeMs: Math.max(0, r.age_ms),
        alive: r.alive,
      }));
    },
    async leave(id) {
      // ON DELETE CASCADE takes its rate reservations with it.
      await pool.query('DELETE FROM cluster_nodes WHERE id = $1', [id]);
    },
  };
}
