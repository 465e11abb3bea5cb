import type pg from 'pg';
import { indexNamesFromJson, newId, toSandbox, type SandboxRow } from '../../db/app-db';
import { settingsFromJson } from '../../knobs/store';
import { DEFAULT_SETTINGS } from '../../knobs/schema';
import { consoleIndexesFromJson, consoleIndexesToJson } from '../../sql-console/console-indexes';
import { progressItemSchema } from '../../lessons/progress';
import type { LearnerSummary, Repository } from '../repository';
import { inTransaction } from './connect';
import { pgRunRepository } from './runs-repository';

/**
 * Cluster mode's store: the same data as app.db, in PostgreSQL, so every node sees every learner.
 * The pool's schema must be migrated (lib/store/pg/migrate.ts) before use. `nodeId` marks the
 * sandboxes and runs this node holds, so a dead node's runs can be failed by the survivors.
 */
export type PgRepositoryOptions = { pool: pg.Pool; nodeId?: string | null; ownsPool?: boolean };

export function pgRepository({ pool, nodeId = null, ownsPool = false }: PgRepositoryOptions): Repository {
  const run = async (sql: string, params: unknown[] = []) => {
    await pool.query(sql, params);
  };
  return {
    kind: 'postgres',
    learners: {
      async createWithSandbox(now) {
        const learnerId = newId('lrn');
        const sandboxId = newId('sbx');
        const at = now.toISOString();
        await inTransaction(pool, async (c) => {
          await c.query('INSERT INTO learners (id, created_at) VALUES ($1, $2)', [learnerId, at]);
          await c.query(
            'INSERT INTO sandboxes (id, learner_id, node_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $4)',
            [sandboxId, learnerId, nodeId, at],
          );
        });
        return { id: sandboxId, learnerId, createdAt: at, resetAt: null, lastUsedAt: at };
      },
      async list() {
        const { rows } = await pool.query<LearnerSummary>(
          `SELECT l.id, l.nickname, l.created_at, l.current_lesson, l.last_seen_at, s.id AS sandbox_id, s.last_used_at AS sandbox_last_used_at, s.node_id
             FROM learners l JOIN sandboxes s ON s.learner_id = l.id ORDER BY l.created_at, l.id`,
        );
        return rows;
      },
      setNickname: (learnerId, nickname) =>
        run('UPDATE learners SET nickname = $1 WHERE id = $2', [nickname, learnerId]),
      markPresence: (learnerId, lesson, now) =>
        run('UPDATE learners SET current_lesson = COALESCE($1, current_lesson), last_seen_at = $2 WHERE id = $3', [
          lesson,
          now.toISOString(),
          learnerId,
        ]),
    },
    sandboxes: {
      async find(id) {
        const { rows } = await pool.query<SandboxRow>(
          'SELECT id, learner_id, created_at, reset_at, last_used_at FROM sandboxes WHERE id = $1',
          [id],
        );
        return rows[0] ? toSandbox(rows[0]) : undefined;
      },
      markReset: (id, now) =>
        run(
          `UPDATE sandboxes SET reset_at = $1, last_used_at = $1, indexes = '[]', console_indexes = NULL WHERE id = $2`,
          [now.toISOString(), id],
        ),
      // Only hold() moves a sandbox to this node: it is also what notices the move.
      touch: (id, now) => run('UPDATE sandboxes SET last_used_at = $1 WHERE id = $2', [now.toISOString(), id]),
      async idleSince(cutoff) {
        const { rows } = await pool.query<{ id: string }>(
          'SELECT id FROM sandboxes WHERE last_used_at < $1 ORDER BY id',
          [cutoff.toISOString()],
        );
        return rows.map((r) => r.id);
      },
      async count() {
        const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM sandboxes');
        return Number(rows[0]?.n ?? 0);
      },
      async indexes(id) {
        const { rows } = await pool.query<{ indexes: string | null }>('SELECT indexes FROM sandboxes WHERE id = $1', [
          id,
        ]);
        return indexNamesFromJson(rows[0]?.indexes);
      },
      setIndexes: (id, names) =>
        run('UPDATE sandboxes SET indexes = $1 WHERE id = $2', [JSON.stringify([...names].sort()), id]),
      async consoleIndexes(id) {
        const { rows } = await pool.query<{ console_indexes: string | null }>(
          'SELECT console_indexes FROM sandboxes WHERE id = $1',
          [id],
        );
        return consoleIndexesFromJson(rows[0]?.console_indexes);
      },
      setConsoleIndexes: (id, state) =>
        run('UPDATE sandboxes SET console_indexes = $1 WHERE id = $2', [consoleIndexesToJson(state), id]),
      async holder(id) {
        const { rows } = await pool.query<{ node_id: string | null }>('SELECT node_id FROM sandboxes WHERE id = $1', [
          id,
        ]);
        return rows[0]?.node_id ?? null;
      },
      async hold(id, now) {
        if (!nodeId) return null;
        // The row lock makes two nodes claiming at once take turns; the second sees the first as holder.
        return inTransaction(pool, async (c) => {
          const { rows } = await c.query<{ node_id: string | null }>(
            'SELECT node_id FROM sandboxes WHERE id = $1 FOR UPDATE',
            [id],
          );
          const from = rows[0]?.node_id ?? null;
          if (from === nodeId) return null;
          await c.query(
            `UPDATE sandboxes SET node_id = $1,
               moved_at = CASE WHEN $2::text IS NULL THEN moved_at ELSE $3 END,
               moved_from = COALESCE($2, moved_from) WHERE id = $4`,
            [nodeId, from, now.toISOString(), id],
          );
          return from;
        });
      },
      async moved(id) {
        const { rows } = await pool.query<{ moved_at: string | null; moved_from: string | null }>(
          'SELECT moved_at, moved_from FROM sandboxes WHERE id = $1',
          [id],
        );
        const r = rows[0];
        return r?.moved_at && r.moved_from ? { at: r.moved_at, from: r.moved_from } : null;
      },
    },
    settings: {
      async read(sandboxId) {
        const { rows } = await pool.query<{ json: string }>('SELECT json FROM settings WHERE sandbox_id = $1', [
          sandboxId,
        ]);
        return rows[0] ? settingsFromJson(rows[0].json) : DEFAULT_SETTINGS;
      },
      write: (sandboxId, settings, now) =>
        run(
          `INSERT INTO settings (sandbox_id, json, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (sandbox_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
          [sandboxId, JSON.stringify(settings), now.toISOString()],
        ),
    },
    runs: pgRunRepository(pool, nodeId),
    progress: {
      async list(learnerId, lesson) {
        const { rows } = await pool.query<{
          lesson: string;
          kind: string;
          item: string;
          value: unknown;
          updated_at: string;
        }>(
          lesson
            ? 'SELECT * FROM progress WHERE learner_id = $1 AND lesson = $2 ORDER BY lesson, kind, item'
            : 'SELECT * FROM progress WHERE learner_id = $1 ORDER BY lesson, kind, item',
          lesson ? [learnerId, lesson] : [learnerId],
        );
        // A row that no longer fits today's shape is skipped, as app.db's reader does.
        return rows.flatMap((r) => {
          const parsed = progressItemSchema.safeParse({
            lesson: r.lesson,
            kind: r.kind,
            item: r.item,
            value: r.value,
            updatedAt: r.updated_at,
          });
          return parsed.success ? [parsed.data] : [];
        });
      },
      async put(learnerId, items) {
        await inTransaction(pool, async (c) => {
          for (const item of items) {
            await c.query(
              `INSERT INTO progress (learner_id, lesson, kind, item, value, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
               ON CONFLICT (learner_id, lesson, kind, item) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
              [learnerId, item.lesson, item.kind, item.item, JSON.stringify(item.value), item.updatedAt],
            );
          }
        });
      },
    },
    epochs: {
      async get(learnerId, lesson) {
        const { rows } = await pool.query<{ started_at: string }>(
          'SELECT started_at FROM lesson_epochs WHERE learner_id = $1 AND lesson = $2',
          [learnerId, lesson],
        );
        return rows[0]?.started_at ?? null;
      },
      async mark(learnerId, lesson, at) {
        const startedAt = at.toISOString();
        await run(
          `INSERT INTO lesson_epochs (learner_id, lesson, started_at) VALUES ($1, $2, $3)
           ON CONFLICT (learner_id, lesson) DO UPDATE SET started_at = excluded.started_at`,
          [learnerId, lesson, startedAt],
        );
        return startedAt;
      },
    },
    workshop: {
      async get(key) {
        const { rows } = await pool.query<{ value: unknown }>('SELECT value FROM workshop WHERE key = $1', [key]);
        return rows[0] ? rows[0].value : null;
      },
      set: (key, value) =>
        value === null
          ? run('DELETE FROM workshop WHERE key = $1', [key])
          : run(
              'INSERT INTO workshop (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
              [key, JSON.stringify(value)],
            ),
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
}
