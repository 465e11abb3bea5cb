import type { ServerConfig } from '../config';
import { newId } from '../db/app-db';
import { templateKeyspace, type TemplateKeyspace } from '../db/template';
import type { LabHost } from '../lab-server/host';
import { issueToken, type LearnerClaims } from '../learners/identity';
import type { LoadWorkerEvent } from '../load/messages';
import type { LoadProfile } from '../load/profile';
import type { LoadHost } from './load-host';
import type { RoomBudget } from './room-budget';
import { askRate, shapeRun } from './admission';
import { LOAD_CAPS, type LoadLimits, type Reservation } from './limits';
import { createLiveRuns, type LiveRun } from './live-runs';
import type { RunRecord } from './schema';
import type { RunRepository } from './repository-port';
import { releaseInRoom, reserveInRoom } from './room-reservation';
import { refusal, type StartResult } from './start-result';

// The admission rule lives in admission.ts, the start's answers in start-result.ts, the live
// runs in live-runs.ts; these stay exported here for existing importers.
export { fairRate, spikeNote } from './admission';
export type { LoadLimits } from './limits';
export type { RunEvent } from './live-runs';

export const ORPHANED_RUN_REASON = 'The server restarted while this run was going.';

/**
 * Owns the runs in progress: one per learner, capped server-wide, each fed by the load
 * worker and fanned out to the learner's open event streams. A run whose page closed stops
 * by itself after a short grace.
 */
export function createRunManager(deps: {
  config: ServerConfig;
  /** Where runs are recorded (app.db or PostgreSQL, lib/store). */
  runs: RunRepository;
  secret: Uint8Array;
  lab: () => LabHost | undefined;
  load: () => LoadHost;
  /** The limits in force right now (workshop caps and pause, else configuration). */
  limits?: () => Promise<LoadLimits>;
  /**
   * The room's rate budget and this node's id in it: every run reserves its rate there, so
   * runs on all nodes together stay within the room's total (in-process in the embedded default).
   */
  budget: () => Promise<RoomBudget>;
  /** The knob snapshot a run records, read without waiting on the (busy) lab server thread. */
  knobs?: (
    sandboxId: string,
  ) => Promise<{ settings: RunRecord['knobs']['settings']; indexes: RunRecord['knobs']['indexes'] }>;
  now?: () => Date;
}) {
  const limits: () => Promise<LoadLimits> =
    deps.limits ??
    (async () => ({
      maxRuns: deps.config.load.maxRuns,
      totalRate: deps.config.load.maxTotalRate,
      perLearnerRate: deps.config.load.maxTotalRate,
      paused: false,
    }));
  const now = deps.now ?? (() => new Date());
  const live = createLiveRuns((learnerId, runId) => stop(learnerId, runId, 'Stopped because its page was closed.'));
  const { active, finishing } = live;
  // Starts still waiting on the lab server: they hold their slot and rate, so concurrent starts cannot overshoot the caps.
  const starting = new Map<string, Reservation>();
  let keyspace: TemplateKeyspace | null = null;
  const budget = deps.budget;
  // Set by the room's pause signal the moment it arrives, before the stored state is read again.
  let pausedHere = false;
  let pauseReason = '';
  // This node's runs left "running" by a previous process cannot finish. Every insert waits
  // for this, so a new run is never caught by it.
  const orphansFailed = deps.runs
    .failRunning(ORPHANED_RUN_REASON, now())
    .catch((err: unknown) => console.error('[runs] could not fail orphaned runs:', err));

  function busyHere(learnerId: string): StartResult | null {
    for (const a of active.values())
      if (a.learnerId === learnerId) return { ok: false, reason: 'learner-busy', runId: a.record.id };
    if (starting.has(learnerId)) return { ok: false, reason: 'learner-busy', runId: 'starting' };
    return null;
  }

  async function start(who: LearnerClaims, requested: LoadProfile, lesson: string | null = null): Promise<StartResult> {
    const early = busyHere(who.learnerId);
    if (early) return early;
    const lim = await limits();
    if (lim.paused || pausedHere) return { ok: false, reason: 'paused' };
    // Checked again after the await: this learner's other start may have begun meanwhile.
    const busy = busyHere(who.learnerId);
    if (busy) return busy;
    const held: Reservation[] = [
      ...[...active.values()].map((a) => ({ rate: a.rate, users: a.users })),
      ...starting.values(),
    ];
    const maxTotalUsers = lim.maxTotalUsers ?? LOAD_CAPS.maxTotalUsers;
    const ask = askRate(requested, held, { ...lim, maxTotalUsers });
    if (!ask.ok) return refusal(ask);
    const lab = deps.lab();
    const labPort = lab?.status().port;
    if (!lab || lab.status().state !== 'ready' || !labPort || !deps.load().isUp())
      return { ok: false, reason: 'lab-down' };

    // Holds this node's virtual users while the room's budget and the lab server are asked.
    starting.set(who.learnerId, { rate: 0, users: ask.users });
    const runId = newId('run');
    let reserved = false;
    try {
      const room = await reserveInRoom(budget, { runId, learnerId: who.learnerId, requested: ask.rate }, lim);
      if (!room.ok) return room.refused;
      reserved = true;
      const admitted = shapeRun(requested, ask, room.grant, lim.totalRate);
      if (!admitted.ok) return refusal(admitted);
      const { profile, note, reservation, rateCeiling } = admitted;
      const knobs = deps.knobs
        ? await deps.knobs(who.sandboxId)
        : await lab.call('getKnobs', { sandboxId: who.sandboxId });
      await orphansFailed;
      // A token just for this run, expiring soon after it: the generator acts as this learner only.
      const token = await issueToken(who, deps.secret, profile.durationSec + 300, now());
      // A pause that arrived while this start waited: it must not slip past the stop-all.
      if (pausedHere) return { ok: false, reason: 'paused' };
      const record: RunRecord = {
        id: runId,
        status: 'running',
        profile,
        knobs: { settings: knobs.settings, indexes: knobs.indexes },
        startedAt: now().toISOString(),
        endedAt: null,
        error: null,
        note,
        lesson,
        seconds: [],
        summary: null,
      };
      await deps.runs.insert(who.learnerId, who.sandboxId, record);
      const entry: LiveRun = {
        record,
        learnerId: who.learnerId,
        sandboxId: who.sandboxId,
        rate: reservation.rate,
        users: reservation.users,
        subscribers: new Set(),
        grace: null,
      };
      active.set(record.id, entry);
      reserved = false; // the run owns the reservation now; end() releases it
      // No await from here to the send: a pause either came before (stopped here) or finds it active.
      if (pausedHere) {
        end(entry, 'stopped', { error: pauseReason });
        return { ok: false, reason: 'paused' };
      }
      keyspace ??= templateKeyspace(deps.config.dataDir);
      const port = profile.target === 'front-door' ? deps.config.appPort : labPort;
      deps.load().send({
        type: 'start',
        runId: record.id,
        profile,
        target: { host: '127.0.0.1', port },
        token,
        keyspace: { ...keyspace, pagination: knobs.settings.pagination.mode },
        maxTotalRate: lim.totalRate,
        ...(rateCeiling ? { rateCeiling } : {}),
      });
      return { ok: true, run: record };
    } finally {
      starting.delete(who.learnerId);
      if (reserved) releaseInRoom(budget, runId);
    }
  }

  function end(a: LiveRun, status: RunRecord['status'], patch: Partial<RunRecord>) {
    Object.assign(a.record, { status, endedAt: now().toISOString(), ...patch });
    if (a.grace) clearTimeout(a.grace);
    active.delete(a.record.id);
    releaseInRoom(budget, a.record.id);
    finishing.set(a.record.id, a);
    // Watchers hear "done" once the record is stored, so what they read next is the finished run.
    void deps.runs
      .finish(a.record)
      .catch((err: unknown) => console.error(`[runs] could not store the end of ${a.record.id}:`, err))
      .finally(() => {
        finishing.delete(a.record.id);
        for (const s of a.subscribers) s({ type: 'done', run: a.record });
        a.subscribers.clear();
      });
  }

  function onWorkerEvent(e: LoadWorkerEvent) {
    if (e.type === 'ready') return;
    const a = active.get(e.runId);
    if (!a) return;
    if (e.type === 'second') {
      a.record.seconds.push(e.stats);
      for (const s of a.subscribers) s({ type: 'second', stats: e.stats });
    } else if (e.type === 'done') {
      end(a, e.summary.aborted ? 'stopped' : 'completed', { summary: e.summary });
    } else if (e.type === 'error') {
      end(a, 'failed', { error: e.message });
    }
  }

  function stop(learnerId: string, runId: string, why?: string): RunRecord | undefined {
    const a = active.get(runId);
    if (!a || a.learnerId !== learnerId) return undefined;
    if (why) a.record.error = why;
    deps.load().send({ type: 'stop', runId });
    return a.record;
  }

  return {
    start,
    stop,
    onWorkerEvent,
    /** The load worker died: its runs cannot finish. */
    failAll(reason: string) {
      for (const a of [...active.values()]) end(a, 'failed', { error: reason });
    },
    activeFor: live.activeFor,
    subscribe: live.subscribe,
    stats: live.stats,
    activeRuns: live.activeRuns,
    /**
     * The room's pause as this node heard it: refuse starts at once (even those already past
     * their check) and stop every run here. Resume lifts it; the stored state stays the truth.
     */
    setPaused(paused: boolean, why: string) {
      pausedHere = paused;
      pauseReason = why;
      if (paused) for (const a of active.values()) stop(a.learnerId, a.record.id, why);
    },
    /** Stop every run now (the instructor's "stop all load"). */
    stopAll(why: string) {
      for (const a of active.values()) stop(a.learnerId, a.record.id, why);
    },
    subscribeAny: live.subscribeAny,
  };
}

export type RunManager = ReturnType<typeof createRunManager>;
