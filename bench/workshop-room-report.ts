import os from 'node:os';
import type { IntervalHistogram } from 'node:perf_hooks';
import { int, ms, printTable, summarize, verdict } from './report';
import type { Recorder } from './workshop-client';
import { printControlCalls, reportAppLog } from './workshop-record';
import { MAX_RUNS } from './workshop-plan';
import type { createSseFollower } from './workshop-sse';
import type { RoomResult } from './workshop-room';

export const TARGET_CONTROL_P95_MS = 500;
export const TARGET_SSE_DELAY_MAX_MS = 2000;

/** What the room counted about run starts and ends (client view). */
export type RunCounts = {
  attempts: number;
  started: number;
  refused429: number;
  refused503: number;
  otherRefusal: number;
  completed: number;
  stopped: number;
  failed: number;
  noDone: number;
  reducedRate: number;
  gaveUp: number;
};

export type RoomTally = {
  calls: Recorder;
  sseState: ReturnType<typeof createSseFollower>;
  runs: RunCounts;
  maxActiveRuns: number;
  busyDetails: Set<string>;
  runErrors: Set<string>;
  logFiles: string[];
  loads: number[];
  loopDelay: IntervalHistogram;
  roomSec: number;
};

/** Prints what the room measured and judges it against the workshop targets. */
export function reportRoom(t: RoomTally): RoomResult {
  const { calls, sseState, runs, maxActiveRuns, busyDetails, runErrors, logFiles, loads, loopDelay, roomSec } = t;
  console.log();
  const { baseline } = calls;
  const { total, failures } = printControlCalls(calls.routes, baseline);
  console.log();
  const sseClient = summarize(sseState.sseDelays);
  const sse = summarize(sseState.sseDelaysServer);
  printTable(
    ['SSE `second` events: arrival - (start + tMs)', 'n', 'p50 late ms', 'p95 late ms', 'max late ms'],
    [
      ['start = 201 seen by the client', int(sseClient.n), ms(sseClient.p50), ms(sseClient.p95), ms(sseClient.max)],
      ['start = run.startedAt (server clock)', int(sse.n), ms(sse.p50), ms(sse.p95), ms(sse.max)],
    ],
    'l',
  );
  console.log(
    `  seconds already in the snapshot when the stream opened: ${int(sseState.caughtUpInSnapshot.n)}; missing from completed runs: ${int(sseState.missingSeconds.n)}`,
  );
  console.log();
  console.log(
    `  runs: ${runs.attempts} attempts, ${runs.started} started (${runs.reducedRate} at a reduced fair-share rate), refused ${runs.refused429} x 429 + ${runs.refused503} x 503` +
      `${runs.otherRefusal ? ` + ${runs.otherRefusal} other` : ''}; ${runs.completed} completed, ${runs.stopped} stopped, ${runs.failed} failed, ${runs.noDone} without \`done\`, ${runs.gaveUp} given up at the deadline`,
  );
  console.log(
    `  most runs live at once (client view, from 201 to \`done\`, may overlap by one): ${maxActiveRuns} of SCALE_LAB_MAX_RUNS=${MAX_RUNS}`,
  );
  for (const d of busyDetails) console.log(`  refused: ${d}`);
  for (const e of runErrors) console.log(`  run ended with: ${e}`);
  for (const f of logFiles) reportAppLog(f);
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
}
