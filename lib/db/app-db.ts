import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, prepareCached, type Db } from './open';

/**
 * app.db holds who the learners are, which sandbox each owns and their knob settings.
 * Migrations are a list: each runs once, in order, recorded in user_version.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE learners (
     id TEXT PRIMARY KEY,
     nickname TEXT,
     created_at TEXT NOT NULL
   );
   CREATE TABLE sandboxes (
     id TEXT PRIMARY KEY,
     learner_id TEXT NOT NULL UNIQUE REFERENCES learners(id),
     created_at TEXT NOT NULL,
     reset_at TEXT,
     last_used_at TEXT NOT NULL
   );
   CREATE TABLE settings (
     sandbox_id TEXT PRIMARY KEY REFERENCES sandboxes(id),
     json TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // Load runs: the profile, the knobs they ran with, every second's stats and the summary.
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     learner_id TEXT NOT NULL REFERENCES learners(id),
     sandbox_id TEXT NOT NULL,
     status TEXT NOT NULL,
     profile TEXT NOT NULL,
     knobs TEXT NOT NULL,
     started_at TEXT NOT NULL,
     ended_at TEXT,
     error TEXT,
     seconds TEXT NOT NULL DEFAULT '[]',
     summary TEXT
   );
   CREATE INDEX idx_runs_learner ON runs(learner_id, started_at DESC);`,
  // Lesson progress: predictions, quiz answers and passed checks, one row per item.
  `CREATE TABLE progress (
     learner_id TEXT NOT NULL REFERENCES learners(id),
     lesson TEXT NOT NULL,
     kind TEXT NOT NULL,
     item TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (learner_id, lesson, kind, item)
   );`,
  // Workshop mode: where each learner is, and the room's shared state (pause, caps, broadcast).
  `ALTER TABLE learners ADD COLUMN current_lesson TEXT;
   ALTER TABLE learners ADD COLUMN last_seen_at TEXT;
   CREATE TABLE workshop (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Why a run got less than it asked for (fair share of the server's load budget).
  `ALTER TABLE runs ADD COLUMN note TEXT;`,
  // When each learner last started each lesson (first visit, reset, "Apply lesson start"): verdicts read runs since then.
  `CREATE TABLE lesson_epochs (
     learner_id TEXT NOT NULL REFERENCES learners(id),
     lesson TEXT NOT NULL,
     started_at TEXT NOT NULL,
     PRIMARY KEY (learner_id, lesson)
   );`,
  // Which lesson page started a run (NULL: /share, the API): a lesson's verdicts read only its own runs.
  `ALTER TABLE runs ADD COLUMN lesson TEXT;
   CREATE INDEX idx_runs_learner_lesson ON runs(learner_id, lesson, started_at DESC);`,
  // The teaching indexes the learner switched on (JSON array of names), as PostgreSQL keeps them
  // for cluster mode; here the sandbox file itself is the truth and this a record of it.
  `ALTER TABLE sandboxes ADD COLUMN indexes TEXT;`,
  // The indexes made or dropped in the SQL console (JSON, lib/sql-console/console-indexes.ts), likewise.
  `ALTER TABLE sandboxes ADD COLUMN console_indexes TEXT;`,
];

export function openAppDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'app.db'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  // The main thread and the lab server's thread open app.db at the same moment on first boot.
  // Reading the version and applying the next step in one IMMEDIATE transaction (the write lock
  // taken up front, waiting up to busy_timeout for the other) means the second opener sees the
  // first one's work instead of failing with "table learners already exists".
  const step = db.transaction(() => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction, until none is left
  }
}

export type SandboxRecord = {
  id: string;
  learnerId: string;
  createdAt: string;
  resetAt: string | null;
  lastUsedAt: string;
};

export type SandboxRow = {
  id: string;
  learner_id: string;
  created_at: string;
  reset_at: string | null;
  last_used_at: string;
};

/** A sandbox row as both stores read it (app.db and PostgreSQL name the columns alike). */
export const toSandbox = (r: SandboxRow): SandboxRecord => ({
  id: r.id,
  learnerId: r.learner_id,
  createdAt: r.created_at,
  resetAt: r.reset_at,
  lastUsedAt: r.last_used_at,
});

export function newId(prefix: string): string {
  // 20 chars of [a-z0-9]: ~103 bits, unguessable, and safe in a file name.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${prefix}_${out}`;
}

export function createLearnerWithSandbox(db: Db, now: Date): SandboxRecord {
  const learnerId = newId('lrn');
  const sandboxId = newId('sbx');
  const at = now.toISOString();
  db.transaction(() => {
    prepareCached(db, 'INSERT INTO learners (id, created_at) VALUES (?, ?)').run(learnerId, at);
    prepareCached(db, 'INSERT INTO sandboxes (id, learner_id, created_at, last_used_at) VALUES (?, ?, ?, ?)').run(
      sandboxId,
      learnerId,
      at,
      at,
    );
  })();
  return { id: sandboxId, learnerId, createdAt: at, resetAt: null, lastUsedAt: at };
}

export function findSandbox(db: Db, sandboxId: string): SandboxRecord | undefined {
  const row = prepareCached(db, 'SELECT * FROM sandboxes WHERE id = ?').get(sandboxId) as SandboxRow | undefined;
  return row ? toSandbox(row) : undefined;
}

/** A reset is a fresh copy of the template: no teaching or console-made index is on any more. */
export function markSandboxReset(db: Db, sandboxId: string, now: Date): void {
  prepareCached(
    db,
    "UPDATE sandboxes SET reset_at = ?, last_used_at = ?, indexes = '[]', console_indexes = NULL WHERE id = ?",
  ).run(now.toISOString(), now.toISOString(), sandboxId);
}

export function touchSandbox(db: Db, sandboxId: string, now: Date): void {
  prepareCached(db, 'UPDATE sandboxes SET last_used_at = ? WHERE id = ?').run(now.toISOString(), sandboxId);
}

export type LearnerRow = {
  id: string;
  nickname: string | null;
  created_at: string;
  current_lesson: string | null;
  last_seen_at: string | null;
  sandbox_id: string;
  sandbox_last_used_at: string;
};

export function listLearners(db: Db): LearnerRow[] {
  return prepareCached(
    db,
    `SELECT l.id, l.nickname, l.created_at, l.current_lesson, l.last_seen_at, s.id AS sandbox_id, s.last_used_at AS sandbox_last_used_at
       FROM learners l JOIN sandboxes s ON s.learner_id = l.id ORDER BY l.created_at`,
  ).all() as LearnerRow[];
}

export function setNickname(db: Db, learnerId: string, nickname: string): void {
  prepareCached(db, 'UPDATE learners SET nickname = ? WHERE id = ?').run(nickname, learnerId);
}

/** Where a learner is now: the lesson page they have open reports in every few seconds. */
export function markPresence(db: Db, learnerId: string, lesson: string | null, now: Date): void {
  prepareCached(
    db,
    'UPDATE learners SET current_lesson = COALESCE(?, current_lesson), last_seen_at = ? WHERE id = ?',
  ).run(lesson, now.toISOString(), learnerId);
}

/**
 * Records that this learner owns this sandbox, for tests and benchmarks that mint their own
 * tokens: the Shop API answers only tokens whose learner and sandbox exist together here.
 */
export function registerSandbox(db: Db, learnerId: string, sandboxId: string, now = new Date()): void {
  const at = now.toISOString();
  db.transaction(() => {
    prepareCached(db, 'INSERT OR IGNORE INTO learners (id, created_at) VALUES (?, ?)').run(learnerId, at);
    prepareCached(
      db,
      'INSERT OR IGNORE INTO sandboxes (id, learner_id, created_at, last_used_at) VALUES (?, ?, ?, ?)',
    ).run(sandboxId, learnerId, at, at);
  })();
}

/** The teaching index names recorded for a sandbox; unknown or unreadable entries are dropped. */
export function indexNamesFromJson(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string').sort() : [];
  } catch {
    return [];
  }
}

export function sandboxIndexes(db: Db, sandboxId: string): string[] {
  const row = prepareCached(db, 'SELECT indexes FROM sandboxes WHERE id = ?').get(sandboxId) as
    { indexes: string | null } | undefined;
  return indexNamesFromJson(row?.indexes);
}

export function setSandboxIndexes(db: Db, sandboxId: string, names: string[]): void {
  prepareCached(db, 'UPDATE sandboxes SET indexes = ? WHERE id = ?').run(JSON.stringify([...names].sort()), sandboxId);
}
