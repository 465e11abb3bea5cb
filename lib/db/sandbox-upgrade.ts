import type { Db } from './open';

/**
 * Tables added to sandboxes after the template shipped. A sandbox is a copy of the template
 * made when the learner arrived, so bumping TEMPLATE_SCHEMA_VERSION would only reach new
 * sandboxes; these steps run when the lab server opens a sandbox file and are tracked with
 * SQLite's user_version, so each runs once per file. Append only: never edit a shipped step.
 */
const STEPS: string[] = [
  // 1: the job queue behind POST /orders in queued mode (lesson "Queues for slow writes").
  // Infrastructure, not teaching material: its claim path is indexed from the start, and the
  // idempotency key is UNIQUE because "no duplicate order" must hold even for racing retries.
  `CREATE TABLE IF NOT EXISTS jobs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
     payload TEXT NOT NULL,
     result TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     idempotency_key TEXT UNIQUE,
     request_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX IF NOT EXISTS idx_jobs_status_id ON jobs(status, id);`,
];

export const SANDBOX_UPGRADE_VERSION = STEPS.length;

/** Brings a sandbox file up to date; a no-op (one pragma read) when it already is. */
export function upgradeSandbox(db: Db): { applied: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from >= STEPS.length) return { applied: 0 };
  db.transaction(() => {
    for (const sql of STEPS.slice(from)) db.exec(sql);
    db.pragma(`user_version = ${STEPS.length}`);
  })();
  return { applied: STEPS.length - from };
}
