import type { ServerConfig } from '../config';
import { newId } from '../db/app-db';
import { templateKeyspace, type TemplateKeyspace } from '../db/template';
import type { LabHost } from '../lab-server/host';
import { issueToken, type LearnerClaims } from '../learners/identity';
import type { LoadWorkerEvent } from '../load/messages';
import type { LoadProfile } from '../load/profile';
import type { LoadHost } from './load-host';
import type { RoomBudget } from './room-budget';
import { askRate, fairRate, shapeRun, wholeBudgetBusy, type Admission } from './admission';
import { LOAD_CAPS, type LoadLimits, type Reservation } from './limits';
import type { RunRecord } from './schema';
import type { RunRepository } from './repository-port';

export type RunEvent = { type: 'second'; stats: RunRecord['seconds'][number] } | { type: 'done'; run: RunRecord };
type Subscriber = (e: RunEvent) => void;

type Active = {
  record: RunRecord;
  learnerId: string;
  sandboxId: string;
  rate: number;
  users: number;
  subscribers: Set<Subscriber>;
  grace: NodeJS.Timeout | null;
};

// The admission rule lives in admission.ts; these stay exported here for existing importers.
export { fairRate, spikeNote } from './admission';
export type { LoadLimits } from './limits';

export type StartResult =
  | { ok: true; run: RunRecord }
  | { ok: false; reason: 'learner-busy'; runId: string }
  | { ok: false; reason: 'server-busy'; detail: string; retryAfterS: number }
  /** The profile can never run on this server (e.g. more virtual users than it has): 422 at start. */
  | { ok: false; reason: 'invalid'; field: string; detail: string }
  | { ok: false; reason: 'paused' }
  | { ok: false; reason: 'lab-down' };

function refusal(a: Extract<Admission, { ok: false }>): StartResult {
  return a.status === 422
    ? { ok: false, reason: 'invalid', field: a.field, detail: a.detail }
    : { ok: false, reason: 'server-busy', detail: a.detail, retryAfterS: a.retryAfterS };
}

/** How long a run keeps going after its last watcher left (a reload reconnects in time). */
export const ORPHAN_GRACE_MS = 5_000;

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
  const active = new Map<string, Active>();
  // Starts still waiting on the lab server: they hold their slot and rate, so concurrent starts cannot overshoot the caps.
  const starting = new Map<string, Reservation>();
  // Runs ended but not yet written: still answered from memory, so a read never sees them running.
  const finishing = new Map<string, Active>();
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

  function totalRate(): number {
    let sum = 0;
    for (const a of active.values()) sum += a.rate;
    return sum;
  }

  async function start(who: LearnerClaims, requested: LoadProfile, lesson: string | null = null): Promise<StartResult> {
    const busyHere = () => {
      for (const a of active.values())
        if (a.learnerId === who.learnerId)
          return { ok: false as const, reason: 'learner-busy' as const, runId: a.record.id };
      if (starting.has(who.learnerId))
        return { ok: false as const, reason: 'learner-busy' as const, runId: 'starting' };
      return null;
    };
    const early = busyHere();
    if (early) return early;
    const lim = await limits();
    if (lim.paused || pausedHere) return { ok: false, reason: 'paused' };
    // Checked again after the await: this learner's other start may have begun meanwhile.
    const busy = busyHere();
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
      const room = await budget();
      const res = await room.budget
        .reserve({
          runId,
          nodeId: room.nodeId,
          learnerId: who.learnerId,
          requested: ask.rate,
          totalRate: lim.totalRate,
          maxRuns: lim.maxRuns,
          // The fair-share rule over every live run in the room, not only this node's.
          policy: (r, rates) => fairRate(r, rates, lim),
        })
        .catch((err: unknown) => {
          // The room's budget is out of reach (database down, this node fenced off): a 503 the
          // learner can retry, never a 500.
          console.error('[runs] reserving load budget failed:', err instanceof Error ? err.message : err);
          return null;
        });
      if (!res)
        return {
          ok: false,
          reason: 'server-busy',
          detail: 'This server cannot reach the room’s load budget right now. Try again in a few seconds.',
          retryAfterS: 5,
        };
      if (!res.ok) {
        if (res.reason === 'learner-busy') return { ok: false, reason: 'learner-busy', runId: res.runId };
        if (res.reason === 'runs-full')
          return {
            ok: false,
            reason: 'server-busy',
            detail: `The room is already running ${res.liveRuns} load runs (its limit is ${lim.maxRuns}).`,
            retryAfterS: 10,
          };
        return refusal(wholeBudgetBusy(lim.totalRate));
      }
      reserved = true;
      const admitted = shapeRun(requested, ask, res, lim.totalRate);
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
      const entry: Active = {
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
      if (reserved) releaseBudget(runId);
    }
  }

  function releaseBudget(runId: string) {
    void budget()
      .then((room) => room.budget.release(runId))
      .catch((err: unknown) => console.error(`[runs] releasing the budget of ${runId} failed:`, err));
  }

  function end(a: Active, status: RunRecord['status'], patch: Partial<RunRecord>) {
    Object.assign(a.record, { status, endedAt: now().toISOString(), ...patch });
    if (a.grace) clearTimeout(a.grace);
    active.delete(a.record.id);
    releaseBudget(a.record.id);
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
    activeFor(learnerId: string, runId: string): RunRecord | undefined {
      const a = active.get(runId) ?? finishing.get(runId);
      return a && a.learnerId === learnerId ? a.record : undefined;
    },
    /** Follow a live run. Returns undefined if it is not live (read it from the store instead). */
    subscribe(
      learnerId: string,
      runId: string,
      fn: Subscriber,
    ): { snapshot: RunRecord; unsubscribe: () => void } | undefined {
      const a = active.get(runId) ?? finishing.get(runId);
      if (!a || a.learnerId !== learnerId) return undefined;
      a.subscribers.add(fn);
      if (a.grace) {
        clearTimeout(a.grace);
        a.grace = null;
      }
      return {
        snapshot: a.record,
        unsubscribe: () => {
          a.subscribers.delete(fn);
          if (a.subscribers.size === 0 && active.has(runId)) {
            a.grace = setTimeout(() => stop(learnerId, runId, 'Stopped because its page was closed.'), ORPHAN_GRACE_MS);
            a.grace.unref();
          }
        },
      };
    },
    stats: () => ({
      active: active.size,
      totalRate: totalRate(),
      users: [...active.values()].reduce((n, a) => n + a.users, 0),
    }),
    /** The instructor's view: every live run, whose it is and what it sends. */
    activeRuns: () =>
      [...active.values()].map((a) => ({
        runId: a.record.id,
        learnerId: a.learnerId,
        sandboxId: a.sandboxId,
        rate: a.rate,
        startedAt: a.record.startedAt,
        seconds: a.record.seconds.length,
        profile: a.record.profile,
        lastP95: a.record.seconds.at(-1)?.latencyMs?.p95 ?? null,
      })),
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
    /** Follow any live run (the projector view); the instructor is not its owner. */
    subscribeAny(runId: string, fn: Subscriber) {
      const a = active.get(runId);
      return a ? this.subscribe(a.learnerId, runId, fn) : undefined;
    },
  };
}

export type RunManager = ReturnType<typeof createRunManager>;
