import { startApp } from './app-process';
import { benchScale, freshDataDir } from './fixtures';
import type { BenchOptions, BenchOutcome } from './report';
import { MAX_RUNS } from './workshop-plan';
import { LEARNERS, runRoom } from './workshop-room';

/**
 * A workshop room against one server: 30 learners, each with a sandbox, polling their lesson
 * progress and knobs the way the lesson page does, and starting the lesson workloads in a
 * staggered pattern while following each run's live stats over SSE. The lab must stay
 * interactive: the control API answers quickly and the per-second stats arrive on time, even
 * while the lab server is busy with everyone's load.
 */
export async function workshop(opts: BenchOptions): Promise<BenchOutcome> {
  const scale = opts.quick ? Math.min(benchScale(), 0.1) : benchScale();
  const port = Number(process.env.BENCH_APP_PORT ?? 3205);
  const labPort = Number(process.env.BENCH_LAB_PORT ?? 3295);
  const dataDir = freshDataDir('workshop', scale);

  // startApp passes its own environment on to the app: that is how the run cap reaches it.
  const savedMaxRuns = process.env.SCALE_LAB_MAX_RUNS;
  process.env.SCALE_LAB_MAX_RUNS = String(MAX_RUNS);
  console.log(
    `  scale ${scale}; ${LEARNERS} learners; SCALE_LAB_MAX_RUNS=${MAX_RUNS}; app on 127.0.0.1:${port}; starting scripts/start.mjs ...`,
  );
  const tApp = performance.now();
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ dataDir, scale, port, labPort });
  } finally {
    if (savedMaxRuns === undefined) delete process.env.SCALE_LAB_MAX_RUNS;
    else process.env.SCALE_LAB_MAX_RUNS = savedMaxRuns;
  }
  const { origin } = app;
  try {
    console.log(`  app ready in ${((performance.now() - tApp) / 1000).toFixed(1)} s`);
    return await runRoom({ origin, quick: opts.quick, logFiles: [app.logFile] });
  } finally {
    await app.stop();
  }
}
