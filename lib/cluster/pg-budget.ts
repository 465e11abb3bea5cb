import type pg from 'pg';
import { inTransaction } from '../store/pg/connect';
import { decideReservation } from './budget-rule';
import { aliveSql } from './pg-nodes';
import type { RateBudget, Reservation } from './types';

/**
 * The room's rate budget in PostgreSQL. reserve() locks the single rate_budget row first, so
 * reservations from every node take turns: each reads the live reservations committed by the
 * one before it (READ COMMITTED gives every statement a fresh snapshot) and the sum can never
 * pass the budget. Reservations of dead nodes are not counted and are deleted on the way.
 */
type Row = { run_id: string; node_id: string; learner_id: string; rate: number; created_at: Date };

const toReservation = (r: Row): Reservation => ({
  runId: r.run_id,
  nodeId: r.node_id,
  learnerId: r.learner_id,
  rate: r.rate,
  createdAt: r.created_at.toISOString(),
});

export function pgRateBudget(pool: pg.Pool, opts: { deadAfterMs: number }): RateBudget {
  const deadAfterS = opts.deadAfterMs / 1000;
  const heldByLiveNode = `EXISTS (SELECT 1 FROM cluster_nodes n WHERE n.id = r.node_id AND ${aliveSql('n', '$1')})`;
  return {
    reserve: (req) =>
      inTransaction(pool, async (c) => {
        await c.query('SELECT id FROM rate_budget WHERE id = 1 FOR UPDATE');
        const self = await c.query(`SELECT 1 FROM cluster_nodes n WHERE n.id = $2 AND ${aliveSql('n', '$1')}`, [
          deadAfterS,
          req.nodeId,
        ]);
        // A node the others consider dead must not hold budget: the next reservation would drop it.
        if (self.rowCount === 0)
          throw new Error(`Node ${req.nodeId} has no live heartbeat; it cannot reserve load budget.`);
        await c.query(`DELETE FROM rate_reservations r WHERE NOT ${heldByLiveNode}`, [deadAfterS]);
        const { rows } = await c.query<Row>('SELECT run_id, learner_id, rate FROM rate_reservations');
        const decision = decideReservation(
          req,
          rows.map((r) => ({ runId: r.run_id, learnerId: r.learner_id, rate: r.rate })),
        );
        if (decision.ok) {
          await c.query('INSERT INTO rate_reservations (run_id, node_id, learner_id, rate) VALUES ($1, $2, $3, $4)', [
            req.runId,
            req.nodeId,
            req.learnerId,
            decision.granted,
          ]);
        }
        return decision;
      }),
    async release(runId) {
      const { rows } = await pool.query<{ counted: boolean }>(
        `DELETE FROM rate_reservations r WHERE run_id = $2 RETURNING ${heldByLiveNode} AS counted`,
        [deadAfterS, runId],
      );
      return rows[0]?.counted ?? false;
    },
    async releaseNode(nodeId) {
      const r = await pool.query('DELETE FROM rate_reservations WHERE node_id = $1', [nodeId]);
      return r.rowCount ?? 0;
    },
    async live() {
      const { rows } = await pool.query<Row>(
        `SELECT r.* FROM rate_reservations r WHERE ${heldByLiveNode} ORDER BY r.created_at, r.run_id`,
        [deadAfterS],
      );
      return rows.map(toReservation);
    },
  };
}
