import { createKeySampler, createRng, createWeightedPicker } from './distribution';
import { ENDPOINTS, type EndpointSpec, type Keyspace } from './endpoints';
import { assertLoopbackTarget, createLoadPool, MAX_SOCKETS, type InFlight, type LoadTarget } from './http-client';
import type { LoadModel, LoadProfile } from './profile';
import { assessReliability, watchEventLoop, type LoopDelay } from './reliability';
import {
  ABUSER_ID,
  clientForRequest,
  scheduleDueMs,
  targetInSecond,
  totalRequests,
  userStartMs,
  type ClientPlan,
  type OpenSchedule,
} from './schedule';
import { createRunStats, type Outcome, type SecondStats, type StatsSummary } from './stats';

/**
 * Runs one load profile against a loopback target and resolves with its summary. Meant for a
 * worker thread: everything here shares one event loop, and that loop's delay is watched
 * because it ends up inside every latency measured.
 *
 * Open model (constant-arrival): request i is due at t0 + scheduleDueMs(i), fixed in advance
 * (spike included).
 * Latency runs from that due time, so a slow server cannot slow the schedule down and hide
 * its own queueing; service time runs from the actual send. When maxInFlight requests are
 * already waiting, a due request is dropped and counted, never quietly delayed.
 * Closed model (virtual-users): each user sends, waits for the answer, thinks, repeats.
 *
 * At the end of the duration no new requests start; those in flight get until their own
 * timeout (recorded as timeouts). An abort cancels them and resolves at once.
 */
export type RunLoadOptions = {
  profile: LoadProfile;
  target: LoadTarget;
  token: string;
  keyspace: Keyspace;
  /** Monotonic clock in ms; defaults to performance.now. */
  now?: () => number;
  onSecond: (stats: SecondStats) => void;
  signal: AbortSignal;
  limits: { maxInFlight: number };
  /**
   * Closed model only: the users' combined requests per second never exceed this (the run's
   * share of the server's load budget). A user whose turn would go over it waits for a slot.
   */
  rateCeiling?: number;
  /** How many runs share this thread right now (only used to explain an unreliable run). */
  concurrentRuns?: () => number;
};

export type RunSummary = StatsSummary & {
  model: LoadModel;
  aborted: boolean;
  /** Time after the sending phase spent waiting for in-flight requests. */
  drainMs: number;
  maxInFlight: number;
  reliable: boolean;
  reasons: string[];
  /** Event-loop delay of the generator's thread during the run. */
  loopDelayMs: LoopDelay | null;
};

const DRAIN_GRACE_MS = 1000;
const ERROR_PAUSE_MS = 50;

export function runLoad(opts: RunLoadOptions): Promise<RunSummary> {
  assertLoopbackTarget(opts.target);
  const { profile: p, keyspace, signal } = opts;
  const now = opts.now ?? (() => performance.now());
  const open = p.model === 'constant-arrival';
  if (!open && p.users > MAX_SOCKETS)
    throw new RangeError(`At most ${MAX_SOCKETS} virtual users per run (got ${p.users}).`);
  const cap = Number.isFinite(opts.limits.maxInFlight) ? Math.floor(opts.limits.maxInFlight) : MAX_SOCKETS;
  const maxInFlight = open ? Math.max(1, Math.min(MAX_SOCKETS, cap)) : p.users;
  const schedule: OpenSchedule = {
    rate: p.rate,
    rampUpSec: p.rampUpSec,
    durationSec: p.durationSec,
    spike: p.spike ?? null,
  };
  const plan: ClientPlan = {
    count: p.clients.count,
    abusiveMultiple: p.clients.abusive.enabled ? p.clients.abusive.multiple : null,
  };

  // Separate streams so the endpoint mix and the keys do not shift each other.
  const pickEndpoint = createWeightedPicker<EndpointSpec>(
    p.mix.map((m) => ({ value: ENDPOINTS[m.endpoint], weight: m.weight })),
    createRng(p.seed),
  );
  const keys = createKeySampler(p.keys, createRng((p.seed ^ 0x9e3779b9) >>> 0));

  return new Promise<RunSummary>((resolve, reject) => {
    const pool = createLoadPool(opts.target, maxInFlight);
    const loop = watchEventLoop();
    const t0 = now();
    const stats = createRunStats(t0);
    const inFlight = new Set<InFlight>();
    const timers = new Set<NodeJS.Timeout>();
    let phase: 'sending' | 'draining' | 'done' = 'sending';
    let loopDelay: LoopDelay | null = null;
    let sendingEndedAt = t0;
    let seq = 0;
    let seconds = 0;
    let lastEmitAt = t0;
    let callbackError: { err: unknown } | undefined;

    const later = (fn: () => void, ms: number) => {
      const t = setTimeout(
        () => {
          timers.delete(t);
          fn();
        },
        Math.max(0, ms),
      );
      timers.add(t);
    };

    // index is the request's place in the sequence and picks its client; in the open model a
    // dropped request still uses up its client's turn.
    function fire(index: number, intendedMs: number, after?: (outcome: Outcome) => void) {
      const clientId = clientForRequest(index, plan);
      const abuser = clientId === ABUSER_ID;
      const request = pickEndpoint().buildRequest(keys, keyspace);
      const sentAt = now();
      stats.recordSent(open ? sentAt - intendedMs : 0, abuser);
      const handle = pool.send(
        {
          request,
          timeoutMs: p.timeoutMs,
          now,
          headers: {
            authorization: `Bearer ${opts.token}`,
            'x-client-id': clientId,
            // Lets the server skip work its client will no longer wait for (see lab-server/server.ts).
            'x-request-deadline': String(Math.floor(Date.now() + p.timeoutMs)),
          },
        },
        (outcome, endMs) => {
          inFlight.delete(handle);
          stats.recordResult((endMs - intendedMs) * 1000, (endMs - sentAt) * 1000, outcome, abuser);
          if (phase === 'sending') after?.(outcome);
          else if (phase === 'draining' && inFlight.size === 0) finish(false);
        },
      );
      inFlight.add(handle);
    }

    // Open model: send everything that is due, then sleep until the next due time.
    let next = 0;
    const total = open ? totalRequests(schedule) : 0;
    function pump(all = false) {
      if (!all && phase !== 'sending') return;
      const t = now() - t0;
      while (next < total && (all || scheduleDueMs(next, schedule) <= t)) {
        if (inFlight.size >= maxInFlight) stats.recordDropped(clientForRequest(next, plan) === ABUSER_ID);
        else fire(next, t0 + scheduleDueMs(next, schedule));
        next++;
      }
      if (next < total && phase === 'sending') {
        // Node timers fire up to a millisecond early or late, and a sub-millisecond wait rounds
        // up to 1 ms: sleep until just before the due time, then yield turn by turn until it
        // arrives, so sends leave on time instead of ~0.7 ms late (measured in bench/).
        const wait = scheduleDueMs(next, schedule) - (now() - t0);
        if (wait > 1.5) later(pump, wait - 1);
        else setImmediate(pump);
      }
    }

    // Closed model: each user loops send → answer → think. After a network error (say, the
    // server is down) a user pauses, so refused connections cannot spin the thread.
    // Slots for the closed model's rate ceiling, spaced 1/ceiling apart and shared by every
    // user (GCRA): each send takes the next free slot and waits for it if it is in the future.
    const slotMs = !open && opts.rateCeiling && opts.rateCeiling > 0 ? 1000 / opts.rateCeiling : 0;
    let nextSlot = 0;
    function user() {
      if (phase !== 'sending') return;
      if (slotMs > 0) {
        const t = now();
        const slot = Math.max(t, nextSlot);
        nextSlot = slot + slotMs;
        if (slot - t >= 1) return later(send, slot - t);
      }
      send();
    }
    function send() {
      if (phase !== 'sending') return;
      fire(seq++, now(), (outcome) => {
        const pause = outcome.kind === 'error' ? Math.max(p.thinkTimeMs, ERROR_PAUSE_MS) : p.thinkTimeMs;
        if (pause > 0) later(user, pause);
        else user();
      });
    }

    // A throwing consumer ends the run with its error rather than killing the thread.
    function emitSecond(): boolean {
      const at = now();
      const target = open ? targetInSecond(seconds, schedule) : null;
      seconds++;
      lastEmitAt = at;
      try {
        opts.onSecond(stats.snapshotSecond(at, target, inFlight.size));
        return true;
      } catch (err) {
        callbackError ??= { err };
        return false;
      }
    }
    function tick() {
      if (phase === 'done') return;
      if (!emitSecond()) return fail(callbackError?.err);
      later(tick, t0 + (seconds + 1) * 1000 - now());
    }

    function endSending() {
      if (phase !== 'sending') return;
      if (open) pump(true); // anything due before the end but not yet sent goes now
      phase = 'draining';
      sendingEndedAt = now();
      if (inFlight.size === 0) return finish(false);
      later(() => finish(false, true), p.timeoutMs + DRAIN_GRACE_MS);
    }

    function cleanUp(cancel: boolean) {
      phase = 'done';
      for (const t of timers) clearTimeout(t);
      timers.clear();
      signal.removeEventListener('abort', onAbort);
      if (cancel) for (const r of [...inFlight]) r.cancel();
      loopDelay = loop.stop();
      pool.destroy();
    }

    function finish(aborted: boolean, cancelStragglers = false) {
      if (phase === 'done') return;
      if (aborted && phase === 'sending') sendingEndedAt = now();
      cleanUp(aborted || cancelStragglers);
      const end = now();
      if (end - lastEmitAt >= 1) emitSecond(); // the last, partial window
      if (callbackError) return reject(callbackError.err);
      // Achieved over the span the emitted seconds cover (the drain included), so they add up to the
      // summary; the target is the schedule's mean rate (ramp-up and spike included), the same measure.
      const summary = stats.summary(sendingEndedAt, open ? totalRequests(schedule) / p.durationSec : null, lastEmitAt);
      const verdict = assessReliability({
        loopDelayP99Ms: loopDelay?.p99 ?? null,
        loopDelayMaxMs: loopDelay?.max ?? null,
        sent: summary.counts.sent,
        late: summary.counts.late,
        dropped: summary.counts.dropped,
        lagP99Ms: summary.lagMs?.p99 ?? null,
        maxInFlight,
        concurrentRuns: opts.concurrentRuns?.(),
      });
      resolve({
        ...summary,
        model: p.model,
        aborted,
        drainMs: Math.max(0, Math.round(end - sendingEndedAt)),
        maxInFlight,
        reliable: verdict.reliable,
        reasons: verdict.reasons,
        loopDelayMs: loopDelay,
      });
    }

    function fail(err: unknown) {
      if (phase === 'done') return;
      cleanUp(true);
      reject(err);
    }

    function onAbort() {
      finish(true);
    }

    if (signal.aborted) return finish(true);
    signal.addEventListener('abort', onAbort, { once: true });
    later(endSending, p.durationSec * 1000);
    later(tick, 1000);
    if (open) pump();
    else for (let j = 0; j < p.users; j++) later(user, userStartMs(j, p.users, p.rampUpSec));
  });
}
