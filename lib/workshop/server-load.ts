import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import os from 'node:os';
import { singleton } from '../globals';

/**
 * The server's own load for the instructor: CPU of the whole process (all threads), the main
 * thread's event-loop delay (what makes pages and charts feel slow) and the API request rate.
 */
type Sampler = { loop: IntervalHistogram; cpu: NodeJS.CpuUsage; at: number; requests: number | null };

function sampler(): Sampler {
  return singleton('workshop-load-sampler', () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    return { loop, cpu: process.cpuUsage(), at: performance.now(), requests: null };
  });
}

export type ServerLoad = {
  cpuPct: number;
  cores: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  apiRequestsPerSec: number | null;
  memoryMb: number;
};

/** Measures since the previous call (the dashboard polls every couple of seconds). */
export function sampleServerLoad(labRequestsTotal: number | null): ServerLoad {
  const s = sampler();
  const now = performance.now();
  const elapsedMs = Math.max(1, now - s.at);
  const cpu = process.cpuUsage(s.cpu);
  const cores = os.availableParallelism();
  const rate =
    labRequestsTotal !== null && s.requests !== null ? ((labRequestsTotal - s.requests) * 1000) / elapsedMs : null;
  const result: ServerLoad = {
    cpuPct: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    cores,
    eventLoopDelayMs: {
      p50: s.loop.percentile(50) / 1e6,
      p99: s.loop.percentile(99) / 1e6,
      max: s.loop.max / 1e6,
    },
    apiRequestsPerSec: rate === null ? null : Math.max(0, rate),
    memoryMb: process.memoryUsage().rss / 1_048_576,
  };
  s.loop.reset();
  s.cpu = process.cpuUsage();
  s.at = now;
  s.requests = labRequestsTotal;
  return result;
}
