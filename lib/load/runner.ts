import { runLoad as defaultRunLoad, type RunLoadOptions, type RunSummary } from './generator';
import type { LoadWorkerData, LoadWorkerEvent, LoadWorkerRequest } from './messages';
import { makeLoadProfileSchema, type LoadProfile } from './profile';
import { peakRate } from './schedule';
import { LOAD_CAP_DEFAULTS } from './caps';

/**
 * The worker's brain without the thread: accepts start/stop messages, enforces the
 * server-wide caps so that several learners' runs together stay bounded, and reports events.
 * worker.ts only wires this to parentPort, so the caps are testable without threads.
 */
export const DEFAULT_WORKER_CAPS = {
  maxTotalRate: LOAD_CAP_DEFAULTS.maxTotalRate,
  maxTotalUsers: 400,
  maxConcurrentRuns: LOAD_CAP_DEFAULTS.maxRuns,
  maxInFlight: 256,
};

type Active = { profile: LoadProfile; controller: AbortController };

export function createLoadRunner(
  data: LoadWorkerData,
  post: (event: LoadWorkerEvent) => void,
  runLoad: (opts: RunLoadOptions) => Promise<RunSummary> = defaultRunLoad,
) {
  const caps = { ...DEFAULT_WORKER_CAPS, ...stripUndefined(data) };
  const schema = makeLoadProfileSchema(data.limits);
  const active = new Map<string, Active>();

  function refuse(msg: Extract<LoadWorkerRequest, { type: 'start' }>, profile: LoadProfile): string | null {
    if (active.has(msg.runId)) return `Run ${msg.runId} is already running.`;
    if (active.size >= caps.maxConcurrentRuns) {
      return `The load generator is running ${active.size} runs, its limit; try again when one finishes.`;
    }
    const runs = [...active.values()].map((a) => a.profile);
    if (profile.model === 'constant-arrival') {
      const cap = msg.maxTotalRate ?? caps.maxTotalRate;
      // A spike's peak is what it sends at its worst, so that is what counts against the cap.
      const used = runs.filter((r) => r.model === 'constant-arrival').reduce((sum, r) => sum + peakRate(r), 0);
      if (used + peakRate(profile) > cap) {
        const left = Math.max(0, cap - used);
        return `Other runs already send ${used} req/s of the server's ${cap} req/s limit; lower the rate to at most ${left} req/s or try again when they finish.`;
      }
    } else {
      const used = runs.filter((r) => r.model === 'virtual-users').reduce((sum, r) => sum + r.users, 0);
      if (used + profile.users > caps.maxTotalUsers) {
        const left = Math.max(0, caps.maxTotalUsers - used);
        return `Other runs already use ${used} of the server's ${caps.maxTotalUsers} virtual users; lower users to at most ${left} or try again when they finish.`;
      }
    }
    return null;
  }

  function start(msg: Extract<LoadWorkerRequest, { type: 'start' }>) {
    const parsed = schema.safeParse(msg.profile);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`);
      return post({ type: 'error', runId: msg.runId, message: `Invalid load profile. ${fields.join('; ')}` });
    }
    const profile = parsed.data;
    const refusal = refuse(msg, profile);
    if (refusal) return post({ type: 'error', runId: msg.runId, message: refusal });

    const controller = new AbortController();
    active.set(msg.runId, { profile, controller });
    let promise: Promise<RunSummary>;
    try {
      promise = runLoad({
        profile,
        target: msg.target,
        token: msg.token,
        keyspace: msg.keyspace,
        signal: controller.signal,
        limits: { maxInFlight: caps.maxInFlight },
        ...(msg.rateCeiling ? { rateCeiling: msg.rateCeiling } : {}),
        onSecond: (stats) => post({ type: 'second', runId: msg.runId, stats }),
        concurrentRuns: () => active.size,
      });
    } catch (err) {
      // Refused before anything was sent (e.g. a non-loopback target): never "started".
      active.delete(msg.runId);
      return post({ type: 'error', runId: msg.runId, message: err instanceof Error ? err.message : String(err) });
    }
    post({ type: 'started', runId: msg.runId });
    promise.then(
      (summary) => {
        active.delete(msg.runId);
        post({ type: 'done', runId: msg.runId, summary });
      },
      (err: unknown) => {
        active.delete(msg.runId);
        post({ type: 'error', runId: msg.runId, message: err instanceof Error ? err.message : String(err) });
      },
    );
  }

  return {
    handle(msg: LoadWorkerRequest) {
      if (msg?.type === 'start') start(msg);
      // Stopping a run that already ended is not an error: the stop and the end raced.
      else if (msg?.type === 'stop') active.get(msg.runId)?.controller.abort();
    },
    stopAll() {
      for (const a of active.values()) a.controller.abort();
    },
    get activeRuns() {
      return active.size;
    },
  };
}

function stripUndefined(data: LoadWorkerData) {
  const out: Partial<typeof DEFAULT_WORKER_CAPS> = {};
  for (const key of Object.keys(DEFAULT_WORKER_CAPS) as (keyof typeof DEFAULT_WORKER_CAPS)[]) {
    const v = data[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}
