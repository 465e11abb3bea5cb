import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sleep } from './fixtures';
import { int, type BenchOutcome } from './report';
import { createRoomClient, okOnly, runStartKind } from './workshop-client';
import { planFor, type Workload } from './workshop-plan';
import { createRecorder } from './workshop-record';
import { reportRoom, type RunCounts } from './workshop-room-report';
import { createSseFollower } from './workshop-sse';

export { TARGET_CONTROL_P95_MS, TARGET_SSE_DELAY_MAX_MS } from './workshop-room-report';

/**
 * A workshop room against one origin (a node, or nginx in front of several): the learners claim
 * sandboxes, poll their lesson progress and knobs the way the lesson page does, and start the
 * lesson workloads in a staggered pattern while following each run's live stats over SSE.
 */
export const LEARNERS = 30;
const POLL_EVERY_MS = 5000;

export type RoomOptions = { origin: string; quick: boolean; logFiles: string[]; learners?: number };
export type RoomResult = BenchOutcome & {
  controlP95: number;
  failures: number;
  sseP95: number;
  sseMax: number;
  started: number;
};

export async function runRoom(o: RoomOptions): Promise<RoomResult> {
  const { origin } = o;
  const opts = { quick: o.quick };
  const roomSize = o.learners ?? LEARNERS;
  const staggerSec = opts.quick ? 15 : 40;
  const baselineSec = opts.quick ? 5 : 10;
  const deadlineSec = opts.quick ? 90 : 240; // no new run attempts after this; everything ends by +40 s
  const aborter = new AbortController(); // ends every SSE reader and poll loop at the end
  const timers: NodeJS.Timeout[] = [];
  try {
    const calls = createRecorder();
    const call = createRoomClient(origin, calls, aborter);

    // Counters for the room.
    const sseState = createSseFollower(origin, calls, aborter);
    const { follow, sseDelays } = sseState;
    const runs: RunCounts = {
      attempts: 0,
      started: 0,
      refused429: 0,
      refused503: 0,
      otherRefusal: 0,
      completed: 0,
      stopped: 0,
      failed: 0,
      noDone: 0,
      reducedRate: 0,
      gaveUp: 0,
    };
    const busyDetails = new Set<string>();
    const runErrors = new Set<string>();
    let activeRuns = 0;
    let maxActiveRuns = 0;
    const loads: number[] = [];
    timers.push(setInterval(() => loads.push(os.loadavg()[0] ?? NaN), 2000));
    loads.push(os.loadavg()[0] ?? NaN);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();

    /** Starts one workload, honouring Retry-After until the room's deadline, then follows it to the end. */
    async function runOnce(headers: Record<string, string>, w: Workload, deadline: number): Promise<void> {
      for (;;) {
        if (performance.now() > deadline || aborter.signal.aborted) return void runs.gaveUp++;
        runs.attempts++;
        const r = await call(
          'POST /api/lab/runs',
          '/api/lab/runs',
          {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(w.profile),
          },
          runStartKind,
        );
        const startedAt = performance.now(); // the run's start as this client sees it
        const run =
          r.status === 201
            ? (r.body as { run?: { id: string; note: string | null; startedAt: string } } | null)?.run
            : undefined;
        if (run) {
          runs.started++;
          if (run.note) runs.reducedRate++;
          maxActiveRuns = Math.max(maxActiveRuns, ++activeRuns);
          const end = await follow(headers, run.id, startedAt, Date.parse(run.startedAt), w.profile.durationSec);
          activeRuns--;
          if (end?.error) runErrors.add(`${end.status}: ${end.error}`);
          if (end?.status === 'completed') runs.completed++;
          else if (end?.status === 'stopped') runs.stopped++;
          else if (end?.status === 'failed') runs.failed++;
          else runs.noDone++;
          return;
        }
        if (r.status === 429) runs.refused429++;
        else if (r.status === 503) {
          runs.refused503++;
          const detail = (r.body as { detail?: string } | null)?.detail;
          if (detail) busyDetails.add(detail.replace(/\d+ load runs/, 'N load runs'));
        } else runs.otherRefusal++; // includes a start that got no answer in time (the run may be going: the retry says 429)
        // As the run controls do: wait what the server asked (plus jitter so retries do not arrive together).
        await sleep(((r.retryAfterS ?? 5) + Math.random()) * 1000);
      }
    }

    async function pollLoop(route: string, url: string, headers: Record<string, string>, until: () => boolean) {
      await sleep(Math.random() * POLL_EVERY_MS);
      while (!until() && !aborter.signal.aborted) {
        const t0 = performance.now();
        await call(route, url, { headers });
        await sleep(Math.max(0, POLL_EVERY_MS * (0.9 + Math.random() * 0.2) - (performance.now() - t0)));
      }
    }

    // The room joins: sandboxes are claimed within a few seconds of each other.
    const tRoom = performance.now();
    const deadline = tRoom + (baselineSec + deadlineSec) * 1000;
    const auths = await Promise.all(
      Array.from({ length: roomSize }, async (_, i) => {
        await sleep(i * 100);
        const r = await call('POST /api/lab/sandbox', '/api/lab/sandbox', { method: 'POST' });
        const token = (r.body as { token?: string } | null)?.token;
        if (!token)
          throw new Error(
            `learner ${i}: POST /api/lab/sandbox answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`,
          );
        return {
          authorization: `Bearer ${token}`,
          ...(r.nodeKey ? { cookie: `scale_lab_node_key=${r.nodeKey}` } : {}),
        };
      }),
    );
    console.log(
      `  ${roomSize} sandboxes claimed in ${((performance.now() - tRoom) / 1000).toFixed(1)} s; runs staggered over ${staggerSec} s ...`,
    );

    calls.setPhase('baseline');
    let learnersDone = 0;
    const roomDone = () => learnersDone >= roomSize;
    const polls = auths.flatMap((headers) => [
      pollLoop('GET /api/lab/lessons/indexes', '/api/lab/lessons/indexes', headers, roomDone),
      pollLoop('GET /api/lab/settings', '/api/lab/settings', headers, roomDone),
    ]);
    // A floor: the health route does no I/O on the main thread, so its latency is the main thread's (and the machine's) own lag.
    polls.push(
      (async () => {
        while (!roomDone() && !aborter.signal.aborted) {
          await call('GET /api/lab/health (floor)', '/api/lab/health', {});
          await sleep(1000);
        }
      })(),
    );
    // Baseline: the whole room polling, no runs yet, on this machine as it is now.
    await sleep(baselineSec * 1000);
    calls.setPhase('room');
    const tRuns = performance.now();
    console.log(
      `  baseline (${roomSize} learners polling, no runs) taken for ${baselineSec} s; load ${os.loadavg()[0]?.toFixed(2)}`,
    );
    timers.push(
      setInterval(() => {
        process.stdout.write(
          `  t=${int((performance.now() - tRuns) / 1000)} s: ${activeRuns} runs live, ${runs.started} started, ${runs.refused503} x 503, ${sseDelays.length} SSE seconds, load ${os.loadavg()[0]?.toFixed(2)}\n`,
        );
      }, 15_000),
    );

    const learners = auths.map(async (headers, i) => {
      try {
        await sleep((i / roomSize) * staggerSec * 1000 + Math.random() * 500);
        // Half the room is mid-lesson: they have just switched on the index lesson 3 asks for.
        if (i % 2 === 1) {
          const r = await call(
            'PATCH /api/lab/settings',
            '/api/lab/settings',
            {
              method: 'PATCH',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify({ indexes: { idx_order_user_id: true } }),
            },
            okOnly,
            125_000,
          );
          // Why an index build failed is in its answer: kept, so the report can say (see KNOB_BUILD_TIMEOUT_MS).
          const detail = r.status >= 300 ? (r.body as { detail?: string } | null)?.detail : undefined;
          if (detail) busyDetails.add(`PATCH /api/lab/settings ${r.status} after ${int(r.ms / 1000)} s: ${detail}`);
        }
        for (const [k, w] of planFor(i, opts.quick).entries()) {
          if (k > 0) await sleep(2000 + Math.random() * 3000); // reading the result before the next run
          await runOnce(headers, w, deadline);
        }
      } finally {
        learnersDone++;
      }
    });
    await Promise.all(learners);
    await Promise.all(polls);
    for (const t of timers.splice(0)) clearInterval(t);
    loopDelay.disable();
    const roomSec = (performance.now() - tRuns) / 1000;

    return reportRoom({
      calls,
      sseState,
      runs,
      maxActiveRuns,
      busyDetails,
      runErrors,
      logFiles: o.logFiles,
      loads,
      loopDelay,
      roomSec,
    });
  } finally {
    for (const t of timers) clearInterval(t);
    aborter.abort();
  }
}
