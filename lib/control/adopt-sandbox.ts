import fs from 'node:fs';
import path from 'node:path';
import { findSandbox, registerSandbox, type SandboxRecord } from '../db/app-db';
import type { Db } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import { TEACHING_INDEXES, type TeachingIndex } from '../db/schema';
import { writeSettings } from '../knobs/store';
import type { LabHost } from '../lab-server/host';
import { APPLY_KNOBS_TIMEOUT_MS } from '../lab-server/knob-limits';
import { LabUnavailableError } from '../workers/lab-unavailable';
import { replayConsoleIndexes } from './console-indexes';
import type { ControlStore } from './ports';

/**
 * Cluster mode: PostgreSQL is the truth about a learner, and this node's app.db and sandbox
 * files are a local cache of the learners it serves (the lab server's thread reads app.db
 * synchronously: who owns which sandbox, and its knobs). A learner arriving with a valid token
 * whose sandbox this node does not hold (their node died, or nginx moved them when a node was
 * added) is taken over here: mirrored into app.db, given a fresh copy of the template, their
 * knobs and teaching indexes applied again, the indexes they made or dropped in the SQL console
 * built or dropped again, and recorded as held by this node. Their progress and runs need
 * nothing: they are read from PostgreSQL.
 */
export type SandboxAdopter = {
  /**
   * Resolves once this node holds the sandbox. Always asks PostgreSQL who holds it (one primary
   * key read, unless a takeover of it is already under way here): see TRUST_MS for why. Rejects
   * only with LabUnavailableError (503 + Retry-After for the caller): the lab server is not up,
   * the takeover failed (the next request tries again), or it outlasted TAKEOVER_WAIT_MS and goes
   * on here. The learner's console indexes are waited for within the same deadline; once the
   * copy is held, neither a slow build nor one the builder cannot take yet (tried again on a later
   * call) turns the answer into a 503.
   */
  adopt(record: SandboxRecord): Promise<void>;
  /** This node confirmed it holds the sandbox less than TRUST_MS ago: reads may skip the database. */
  holds(sandboxId: string): boolean;
};

/**
 * How long a confirmed holder row is trusted without asking again, and only by Shop API reads
 * through the front door (a busy page or a front-door load run makes up to 100 of them a
 * second). Everything else asks every time (adopt()): control calls (about 0.4 a second per
 * learner in a workshop room; the read costs well under a millisecond next to the route) and
 * Shop API writes, so a node that lost a sandbox to another never accepts a write into a copy it
 * would throw away on its next check, and never records knobs or indexes from a stale copy.
 *
 * Why a window is safe for reads at all: another node takes the sandbox only from a holder that
 * is dead (no heartbeat for the dead-after window) or after the learner kept coming to it for
 * MOVE_AFTER_MS (mayTakeFrom below), never for one GET that nginx retried there. A node that
 * lost a learner that way stopped serving them (it was dead, cut off, or the ring moved them)
 * at least that long before; a node cut off from PostgreSQL but still reached by nginx may serve
 * reads from its old copy for up to this window, and its next control call or write asks and
 * finds out. Shorter would only add reads to PostgreSQL.
 */
export const TRUST_MS = 5_000;

/**
 * How long a request waits for a takeover before it is answered 503 + Retry-After while the
 * takeover goes on here (the pending map makes the learner's next requests wait for the same
 * one). Well under nginx's proxy_read_timeout (120 s in deploy/nginx.conf), which would
 * otherwise retry the GET on another node and start the same takeover there.
 */
export const TAKEOVER_WAIT_MS = 20_000;

/**
 * A live holder keeps its sandbox: a takeover resets the copy, so taking it for one GET that
 * nginx retried here (a 2 s connect timeout to a busy node) lost the learner's Shop data, and
 * again when the holder's next write took it back. The learner is answered 503 + Retry-After
 * instead, and nginx sends them back to the holder (it takes a node out for 10 s at most,
 * fail_timeout in deploy/nginx.conf). A learner who keeps coming here for MOVE_AFTER_MS (asks
 * less than ASK_GAP_MS apart) was moved by the ring (a node was added): then this node takes over.
 */
export const MOVE_AFTER_MS = 30_000;
export const ASK_GAP_MS = 60_000;

export function createSandboxAdopter(deps: {
  appDb: Db;
  dataDir: string;
  repo: ControlStore;
  nodeId: string;
  lab: () => LabHost | undefined;
  /** Whether a node's heartbeat is younger than the dead-after window (the node registry's `alive`). */
  alive: (nodeId: string) => Promise<boolean>;
  now?: () => Date;
  waitMs?: number;
}): SandboxAdopter {
  const now = deps.now ?? (() => new Date());
  const waitMs = deps.waitMs ?? TAKEOVER_WAIT_MS;
  // Sandboxes this process confirmed it holds, and when (see TRUST_MS).
  const held = new Map<string, number>();
  const fresh = (id: string) => now().getTime() - (held.get(id) ?? -Infinity) < TRUST_MS;
  // One takeover per sandbox at a time: the lesson page fires several requests at once.
  const pending = new Map<string, Promise<{ settled?: Promise<void> }>>();
  // Held sandboxes whose console indexes the builder could not take yet, and replays under way.
  const unbuilt = new Set<string>();
  const replaying = new Map<string, Promise<void>>();

  // Sandboxes held by a live node that learners asked this node for: first and last ask (MOVE_AFTER_MS).
  const asked = new Map<string, { first: number; last: number }>();

  async function mayTakeFrom(sandboxId: string, holder: string): Promise<boolean> {
    if (!(await deps.alive(holder))) return true;
    const t = now().getTime();
    const a = asked.get(sandboxId);
    if (!a || t - a.last > ASK_GAP_MS) {
      asked.set(sandboxId, { first: t, last: t });
      return false;
    }
    a.last = t;
    return t - a.first >= MOVE_AFTER_MS;
  }

  /** Builds the learner's console indexes again; what the builder could not take now is tried on a later adopt(). */
  async function replay(lab: LabHost, sandboxId: string): Promise<void> {
    try {
      // Read again each time: the learner may have changed them in the console since the takeover.
      const state = await deps.repo.sandboxes.consoleIndexes(sandboxId);
      const { skipped, deferred } = await replayConsoleIndexes(lab, sandboxId, state);
      for (const s of skipped)
        console.warn(`[cluster] sandbox ${sandboxId}: console index not rebuilt (${s.reason}): ${s.sql}`);
      if (!deferred) return void unbuilt.delete(sandboxId);
      console.warn(`[cluster] sandbox ${sandboxId}: the index builder is busy; console indexes are rebuilt later`);
    } catch (err) {
      console.warn(`[cluster] sandbox ${sandboxId}: console index replay failed; tried again later:`, err);
    }
    unbuilt.add(sandboxId);
  }

  /** Replays once at a time per sandbox, in the background: the sandbox is held and served meanwhile. */
  function startReplay(lab: LabHost, sandboxId: string): Promise<void> {
    const running = replaying.get(sandboxId);
    if (running) return running;
    const p = replay(lab, sandboxId).finally(() => replaying.delete(sandboxId));
    replaying.set(sandboxId, p);
    return p;
  }

  async function takeOver(record: SandboxRecord): Promise<{ settled?: Promise<void> }> {
    const holder = await deps.repo.sandboxes.holder(record.id);
    if (holder === deps.nodeId && findSandbox(deps.appDb, record.id)) {
      held.set(record.id, now().getTime());
      // A replay the builder could not take at the takeover: tried again, nobody waits for it.
      const lab = deps.lab();
      if (unbuilt.has(record.id) && lab) void startReplay(lab, record.id);
      return {};
    }
    if (holder && holder !== deps.nodeId && !(await mayTakeFrom(record.id, holder)))
      throw new LabUnavailableError(`your sandbox is on node ${holder}, which is up; you are sent back there`, 'busy');
    const lab = deps.lab();
    if (!lab) throw new LabUnavailableError('the lab server has not started yet', 'not-ready');
    // A node that just started (or restarted its lab server) is given a moment before refusing.
    await lab.ready(10_000);
    const at = now();
    const [settings, indexes] = await Promise.all([
      deps.repo.settings.read(record.id),
      deps.repo.sandboxes.indexes(record.id),
    ]);
    registerSandbox(deps.appDb, record.learnerId, record.id, new Date(record.createdAt));
    writeSettings(deps.appDb, record.id, settings, at);
    await fs.promises.mkdir(path.dirname(sandboxPath(deps.dataDir, record.id)), { recursive: true });
    // A fresh copy, also over a file left from an earlier stay here: the data elsewhere since is gone.
    await lab.call('resetSandbox', { sandboxId: record.id });
    const wanted = Object.fromEntries(
      indexes.filter((n): n is TeachingIndex => n in TEACHING_INDEXES).map((n) => [n, true]),
    );
    await lab.call('applyKnobs', { sandboxId: record.id, settings, indexes: wanted }, APPLY_KNOBS_TIMEOUT_MS);
    // Held from here: a console index the builder cannot take now must not undo the copy and the knobs.
    await deps.repo.sandboxes.hold(record.id, at);
    held.set(record.id, now().getTime());
    asked.delete(record.id);
    // The requests waiting for this takeover also wait for the console indexes, within their deadline.
    return { settled: startReplay(lab, record.id) };
  }

  /** Whatever stopped a takeover, the caller answers 503 + Retry-After (never a bare 500) and the learner retries. */
  function unavailable(err: unknown): LabUnavailableError {
    if (LabUnavailableError.is(err)) return err;
    console.error('[cluster] taking a sandbox over failed; the next request tries again:', err);
    return new LabUnavailableError('taking your sandbox over on this server failed; it is tried again', 'busy');
  }

  return {
    async adopt(record) {
      let p = pending.get(record.id);
      if (!p) {
        p = takeOver(record).finally(() => pending.delete(record.id));
        pending.set(record.id, p);
        // Nobody may be waiting on it when the deadline below answers first.
        p.catch(() => {});
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
      try {
        const out = await Promise.race([p, expired]);
        if (out === 'late')
          throw new LabUnavailableError('your sandbox is still being set up on this server', 'timeout');
        // Held: console indexes still building past the deadline do not turn a ready sandbox into a 503.
        if (out.settled) await Promise.race([out.settled, expired]);
      } catch (err) {
        throw unavailable(err);
      } finally {
        clearTimeout(timer);
      }
    },
    holds: fresh,
  };
}
