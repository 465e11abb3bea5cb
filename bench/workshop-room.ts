import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sleep } from './fixtures';
import { int, ms, printTable, summarize, verdict, type BenchOutcome } from './report';
import { createRecorder, printControlCalls, reportAppLog, type Call } from './workshop-record';
import { MAX_RUNS, planFor, type Workload } from './workshop-plan';

/**
 * A workshop room against one origin (a node, or nginx in front of several): the learners claim
 * sandboxes, poll their lesson progress and knobs the way the lesson page does, and start the
 * lesson workloads in a staggered pattern while following each run's live stats over SSE.
 */
export const LEARNERS = 30;
export const TARGET_CONTROL_P95_MS = 500;
export const TARGET_SSE_DELAY_MAX_MS = 2000;
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
    type Kind = 'ok' | 'refused' | 'fail';
    const okOnly = (s: number): Kind => (s >= 200 && s < 300 ? 'ok' : 'fail');
    const runStartKind = (s: number): Kind => (s === 201 ? 'ok' : s === 429 || s === 503 ? 'refused' : 'fail');

    async function call(
      route: string,
      url: string,
      init: RequestInit,
      kind: (s: number) => Kind = okOnly,
      timeoutMs = 15_000,
    ): Promise<Call> {
      const t0 = performance.now();
      let status = 0;
      let body: unknown = null;
      let retryAfterS: number | null = null;
      let nodeKey: string | null = null;
      try {
        // A frozen server must show up as a slow, failed call, not hang the bench.
        const res = await fetch(`${origin}${url}`, {
          ...init,
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), aborter.signal]),
        });
        status = res.status;
        const ra = res.headers.get('retry-after');
        // Behind nginx the first answer sets the affinity cookie; a browser sends it back, and so do we.
        nodeKey = /scale_lab_node_key=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;
        retryAfterS = ra === null ? null : Number(ra);
        const text = await res.text();
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      } catch {
        if (aborter.signal.aborted) return { status: 0, ms: 0, body: null, retryAfterS: null }; // ours, not the server's
        status = 0; // no answer, or headers but no body, in time: a failed call whatever the status line said
      }
      const took = performance.now() - t0;
      calls.add(route, took, status, kind);
      return { status, ms: took, body, retryAfterS, nodeKey };
    }

    // Counters for the room.
    const sseDelays: number[] = []; // against the run's start as the client saw it (the 201 arriving)
    const sseDelaysServer: number[] = []; // against run.startedAt (server clock, same host): not shifted by a slow POST
    const runs = {
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
    const missingSeconds = { n: 0 };
    const caughtUpInSnapshot = { n: 0 };
    const busyDetails = new Set<string>();
    const runErrors = new Set<string>();
    let activeRuns = 0;
    let maxActiveRuns = 0;
    const loads: number[] = [];
    timers.push(setInterval(() => loads.push(os.loadavg()[0] ?? NaN), 2000));
    loads.push(os.loadavg()[0] ?? NaN);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();

    /** Follows one run's SSE stream to `done`, timing every `second` against the run's start as this client saw it. */
    async function follow(
      headers: Record<string, string>,
      runId: string,
      startedAt: number,
      serverStartMs: number,
      durationSec: number,
    ): Promise<{ status: string; error: string | null } | null> {
      const t0 = performance.now();
      const signal = AbortSignal.any([AbortSignal.timeout((durationSec + 40) * 1000), aborter.signal]);
      let res: Response;
      try {
        res = await fetch(`${origin}/api/lab/runs/${runId}/events`, {
          headers: { ...headers, accept: 'text/event-stream' },
          signal,
        });
      } catch {
        if (!aborter.signal.aborted)
          calls.add('GET /api/lab/runs/{id}/events (to snapshot)', performance.now() - t0, 0, okOnly);
        return null;
      }
      if (!res.ok || !res.body) {
        calls.add('GET /api/lab/runs/{id}/events (to snapshot)', performance.now() - t0, res.status, okOnly);
        await res.body?.cancel();
        return null;
      }
      const decoder = new TextDecoder();
      let buf = '';
      let seen = 0;
      let doneStatus: { status: string; error: string | null } | null = null;
      try {
        const reader = res.body.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const arrived = performance.now();
          const arrivedWall = Date.now();
          buf += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
          let cut: number;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (!data.length) continue; // retry: and keep-alive comments
            const payload = JSON.parse(data.join('\n')) as {
              tMs?: number;
              run?: { status: string; error: string | null; seconds?: unknown[] };
            };
            if (event === 'snapshot') {
              calls.add('GET /api/lab/runs/{id}/events (to snapshot)', arrived - t0, res.status, okOnly);
              const already = payload.run?.seconds?.length ?? 0;
              caughtUpInSnapshot.n += already;
              seen += already;
            } else if (event === 'second' && typeof payload.tMs === 'number') {
              sseDelays.push(arrived - (startedAt + payload.tMs));
              sseDelaysServer.push(arrivedWall - (serverStartMs + payload.tMs));
              seen++;
            } else if (event === 'done') {
              doneStatus = { status: payload.run?.status ?? 'unknown', error: payload.run?.error ?? null };
            }
          }
          if (doneStatus) break;
        }
        await reader.cancel().catch(() => {});
      } catch {
        // aborted (the bench is ending or the stream outlived its run): counted as no `done`
      }
      if (doneStatus?.status === 'completed') missingSeconds.n += Math.max(0, durationSec - seen);
      return doneStatus;
    }

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
          await call(
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

    // ---- report ------------------------------------------------------------------------
    console.log();
    const { baseline } = calls;
    const { total, failures } = printControlCalls(calls.routes, baseline);
    console.log();
    const sseClient = summarize(sseDelays);
    const sse = summarize(sseDelaysServer);
    printTable(
      ['SSE `second` events: arrival - (start + tMs)', 'n', 'p50 late ms', 'p95 late ms', 'max late ms'],
      [
        ['start = 201 seen by the client', int(sseClient.n), ms(sseClient.p50), ms(sseClient.p95), ms(sseClient.max)],
        ['start = run.startedAt (server clock)', int(sse.n), ms(sse.p50), ms(sse.p95), ms(sse.max)],
      ],
      'l',
    );
    console.log(
      `  seconds already in the snapshot when the stream opened: ${int(caughtUpInSnapshot.n)}; missing from completed runs: ${int(missingSeconds.n)}`,
    );
    console.log();
    console.log(
      `  runs: ${runs.attempts} attempts, ${runs.started} started (${runs.reducedRate} at a reduced fair-share rate), refused ${runs.refused429} x 429 + ${runs.refused503} x 503` +
        `${runs.otherRefusal ? ` + ${runs.otherRefusal} other` : ''}; ${runs.completed} completed, ${runs.stopped} stopped, ${runs.failed} failed, ${runs.noDone} without \`done\`, ${runs.gaveUp} given up at the deadline`,
    );
    console.log(
      `  most runs live at once (client view, from 201 to \`done\`, may overlap by one): ${maxActiveRuns} of SCALE_LAB_MAX_RUNS=${MAX_RUNS}`,
    );
    for (const d of busyDetails) console.log(`  503 said: ${d}`);
    for (const e of runErrors) console.log(`  run ended with: ${e}`);
    for (const f of o.logFiles) reportAppLog(f);
    const ld = summarize(loads);
    console.log(
      `  load average (1 min) during the room: start ${loads[0]?.toFixed(2) ?? '-'}, max ${ld.max.toFixed(2)}, end ${os.loadavg()[0]?.toFixed(2)} on ${os.availableParallelism()} cores`,
    );
    console.log(
      `  bench client event-loop delay: p99 ${ms(loopDelay.percentile(99) / 1e6)} ms, max ${ms(loopDelay.max / 1e6)} ms (the client's own share of the figures)`,
    );
    console.log(`  room ran for ${roomSec.toFixed(0)} s`);

    const controlOk = total.n > 0 && total.p95 < TARGET_CONTROL_P95_MS && failures === 0;
    const sseOk = sse.n > 0 && sse.max <= TARGET_SSE_DELAY_MAX_MS;
    const pass = controlOk && sseOk && runs.started > 0;
    console.log(
      `  ${verdict(controlOk, `control API p95 ${ms(total.p95)} ms < ${TARGET_CONTROL_P95_MS} ms, ${failures} failures`)}`,
    );
    console.log(
      `  ${verdict(sseOk, `SSE delay max ${ms(sse.max)} ms <= ${TARGET_SSE_DELAY_MAX_MS} ms (p95 ${ms(sse.p95)} ms, ${int(sse.n)} events; server-clock start, the stricter)`)}`,
    );
    return {
      pass,
      controlP95: total.p95,
      failures,
      sseP95: sse.p95,
      sseMax: sse.max,
      started: runs.started,
      headline: `control p95 ${ms(total.p95)} ms (${failures} failed); SSE late p95 ${ms(sse.p95)} / max ${ms(sse.max)} ms; runs ${runs.started} started, ${runs.refused429 + runs.refused503} refused, ${runs.completed} completed`,
    };
  } finally {
    for (const t of timers) clearInterval(t);
    aborter.abort();
  }
}
