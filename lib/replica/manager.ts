import { isLockConflict } from '../db/lock-conflict';
import fs from 'node:fs';
import { forgetStatements, openDatabase, type Db } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import { applyDue, createWriteCapture, LOG_DDL, readAppliedSeq, replicaLagMs, REPLICA_STATE_DDL } from './log';
import { chooseServer, type ReplicaSettings, type RouteReason, type ServedBy } from './routing';

/** The replica of a sandbox is a second SQLite file beside it. */
export function replicaPath(dataDir: string, sandboxId: string): string {
  return sandboxPath(dataDir, sandboxId).replace(/\.db$/, '.replica.db');
}

type ReplicaState = {
  status: 'creating' | 'ready';
  db: Db | null;
  appliedSeq: number;
  lagMs: number;
  /** Client key -> seq of its newest write the replica may not have yet (read-your-writes). */
  clients: Map<string, number>;
  created: Promise<void>;
};

export type ReadRoute = {
  db: Db;
  servedBy: ServedBy;
  reason: RouteReason;
  /** How far behind the data this request reads is: 0 on the primary. */
  lagMs: number;
  /** For writes: appends each statement to the replication log (same transaction). */
  onWrite?: (sql: string, params: unknown[]) => void;
};

const MAX_CLIENTS = 10_000;

/**
 * Owns every sandbox's replica in the lab server: creates it from the primary with SQLite's
 * online backup (page by page across event-loop turns, so other learners keep being
 * served), replays the replication log into it on a timer once each write is `lagMs` old,
 * and decides per request which copy serves it.
 */
export function createReplicaManager(opts: {
  dataDir: string;
  primary: (sandboxId: string) => Db;
  nowMs?: () => number;
  /** How often the applier looks for due writes; the observed lag is lagMs plus up to this. */
  tickMs?: number;
  maxRows?: number;
}) {
  const nowMs = opts.nowMs ?? Date.now;
  const states = new Map<string, ReplicaState>();

  function create(sandboxId: string, lagMs: number): ReplicaState {
    const primary = opts.primary(sandboxId);
    primary.exec(LOG_DDL);
    const file = replicaPath(opts.dataDir, sandboxId);
    const state: ReplicaState = {
      status: 'creating',
      db: null,
      appliedSeq: 0,
      lagMs,
      clients: new Map(),
      created: Promise.resolve(),
    };
    states.set(sandboxId, state);
    state.created = (async () => {
      let db: Db | null = null;
      if (fs.existsSync(file)) {
        // Left by an earlier run of the server: its applied seq says where to resume in the log.
        db = openDatabase(file);
        db.exec(REPLICA_STATE_DDL);
      } else {
        const tmp = `${file}.creating-${process.pid}`;
        fs.rmSync(tmp, { force: true });
        await primary.backup(tmp);
        if (states.get(sandboxId) !== state) return void fs.rmSync(tmp, { force: true });
        db = openDatabase(tmp);
        // The copy holds the log as it was when the copy finished, written in the same
        // transactions as the data: its highest seq is exactly what the copy contains.
        const copied = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = '_replication_log'").get() as
          { seq: number } | undefined;
        db.exec(REPLICA_STATE_DDL);
        db.exec('DELETE FROM _replication_log');
        db.prepare('INSERT OR REPLACE INTO _replica_state (id, applied_seq) VALUES (1, ?)').run(copied?.seq ?? 0);
        db.close();
        fs.renameSync(tmp, file);
        db = openDatabase(file);
      }
      if (states.get(sandboxId) !== state) {
        // Dropped (disabled or reset) while it was being copied.
        db.close();
        return;
      }
      state.db = db;
      state.appliedSeq = readAppliedSeq(db);
      state.status = 'ready';
    })().catch((err: unknown) => {
      console.error(`[replica] ${sandboxId}: could not create the replica:`, err);
      if (states.get(sandboxId) === state) states.delete(sandboxId);
    });
    return state;
  }

  function ensure(sandboxId: string, settings: ReplicaSettings): ReplicaState {
    const s = states.get(sandboxId) ?? create(sandboxId, settings.lagMs);
    s.lagMs = settings.lagMs;
    return s;
  }

  /** Closes and deletes the replica; with `clearLog`, the primary's log too (replica switched off). */
  function drop(sandboxId: string, clearLog = false): void {
    const s = states.get(sandboxId);
    states.delete(sandboxId);
    if (s?.db) {
      forgetStatements(s.db);
      s.db.close();
    }
    const file = replicaPath(opts.dataDir, sandboxId);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    if (clearLog) {
      try {
        opts.primary(sandboxId).exec(`${LOG_DDL}; DELETE FROM _replication_log`);
      } catch {
        // A sandbox mid-reset has no log worth clearing.
      }
    }
  }

  function tick(): number {
    let applied = 0;
    for (const [sandboxId, s] of states) {
      if (s.status !== 'ready' || !s.db) continue;
      try {
        const r = applyDue(opts.primary(sandboxId), s.db, {
          nowMs: nowMs(),
          lagMs: s.lagMs,
          maxRows: opts.maxRows ?? 500,
        });
        s.appliedSeq = r.appliedSeq;
        applied += r.applied;
      } catch (err) {
        // A sandbox being reset throws here; the next tick (or the reset's drop) settles it.
        // Its own index build holding the lock: the next tick catches up (the connection does not wait).
        if (!(err instanceof Error && /being reset/.test(err.message)) && !isLockConflict(err))
          console.error(`[replica] ${sandboxId}: apply failed:`, err);
      }
    }
    return applied;
  }

  const timer = setInterval(tick, opts.tickMs ?? 20);
  timer.unref();

  return {
    /** Makes the replica match the knob: created (and waited for) when on, deleted when off. */
    async sync(sandboxId: string, settings: ReplicaSettings): Promise<void> {
      if (!settings.enabled) {
        if (states.has(sandboxId) || fs.existsSync(replicaPath(opts.dataDir, sandboxId))) drop(sandboxId, true);
        return;
      }
      await ensure(sandboxId, settings).created;
    },
    route(
      sandboxId: string,
      settings: ReplicaSettings,
      primary: Db,
      req: { method: string; clientKey: string },
    ): ReadRoute {
      const s = ensure(sandboxId, settings);
      const clientLastWrite = s.clients.get(req.clientKey);
      const { servedBy, reason } = chooseServer({
        method: req.method,
        consistency: settings.consistency,
        replicaReady: s.status === 'ready',
        clientLastWrite,
        appliedSeq: s.appliedSeq,
      });
      if (clientLastWrite !== undefined && clientLastWrite <= s.appliedSeq) s.clients.delete(req.clientKey);
      if (servedBy === 'replica' && s.db) {
        return { db: s.db, servedBy, reason, lagMs: replicaLagMs(primary, s.appliedSeq, nowMs()) };
      }
      if (reason !== 'write') return { db: primary, servedBy: 'primary', reason, lagMs: 0 };
      const capture = createWriteCapture(primary, nowMs);
      return {
        db: primary,
        servedBy: 'primary',
        reason,
        lagMs: 0,
        onWrite: (sql, params) => {
          const seq = capture.append(sql, params);
          s.clients.delete(req.clientKey); // re-insert: Map order = least recently written first
          s.clients.set(req.clientKey, seq);
          if (s.clients.size > MAX_CLIENTS) s.clients.delete(s.clients.keys().next().value as string);
        },
      };
    },
    tick,
    drop,
    /** What the replica has replayed and how far behind it is, for the probe and tests. */
    status(sandboxId: string): { status: 'off' | 'creating' | 'ready'; appliedSeq: number; lagMs: number } {
      const s = states.get(sandboxId);
      if (!s) return { status: 'off', appliedSeq: 0, lagMs: 0 };
      const lag = s.status === 'ready' ? replicaLagMs(opts.primary(sandboxId), s.appliedSeq, nowMs()) : 0;
      return { status: s.status, appliedSeq: s.appliedSeq, lagMs: lag };
    },
    closeAll(): void {
      clearInterval(timer);
      for (const s of states.values()) s.db?.close();
      states.clear();
    },
  };
}

export type ReplicaManager = ReturnType<typeof createReplicaManager>;
