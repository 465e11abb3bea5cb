import { peekSingleton, setSingleton, singleton } from '../globals';
import { getLabHost } from '../lab-server/host';
import { createLoadRunner } from '../load/runner';
import type { LoadWorkerData } from '../load/messages';
import { appRuntime } from '../runtime';
import { startLoadHost, type LoadHost } from './load-host';
import { createRunManager, type RunManager } from './manager';

const KEY = 'run-manager';

function workerData(): LoadWorkerData {
  const { load } = appRuntime().config;
  return { limits: { maxDurationSec: load.maxRunSeconds }, maxTotalRate: load.maxTotalRate, maxConcurrentRuns: load.maxRuns };
}

/** The process-wide run manager with its load worker (started by instrumentation at boot). */
export function runManager(): RunManager {
  return singleton(KEY, () => {
    const rt = appRuntime();
    let manager: RunManager | null = null;
    const load = startLoadHost(workerData(), (e) => manager?.onWorkerEvent(e), (reason) => manager?.failAll(reason));
    manager = createRunManager({ config: rt.config, appDb: rt.appDb, secret: rt.secret, lab: getLabHost, load: () => load });
    return manager;
  });
}

/**
 * Tests: the same manager with the load runner on the current thread (no bundle needed).
 * Real HTTP still goes over loopback to the lab server.
 */
export function useInProcessRunManager(): RunManager {
  const rt = appRuntime();
  let manager: RunManager | null = null;
  const runner = createLoadRunner(workerData(), (e) => manager?.onWorkerEvent(e));
  const load: LoadHost = { send: (m) => (runner.handle(m), true), isUp: () => true, restarts: () => 0, stop: async () => runner.stopAll() };
  manager = createRunManager({ config: rt.config, appDb: rt.appDb, secret: rt.secret, lab: getLabHost, load: () => load });
  setSingleton(KEY, manager);
  return manager;
}

export function peekRunManager(): RunManager | undefined {
  return peekSingleton<RunManager>(KEY);
}
