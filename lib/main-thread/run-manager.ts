import { peekSingleton, setSingleton, singleton } from '../globals';
import { getLabHost } from '../lab-server/host';
import { createLoadRunner } from '../load/runner';
import type { LoadWorkerData } from '../load/messages';
import { appRuntime } from '../runtime';
import { startLoadHost, type LoadHost } from '../runs/load-host';
import { createRunManager, type LoadLimits, type RunManager } from '../runs/manager';
import { readWorkshop } from '../workshop/state';
import type { RoomBudget } from '../runs/room-budget';
import { followRoomSignals } from './room-signals';
import { readKnobs } from '../control/read-knobs';
import { LOAD_CAPS } from '../runs/limits';
import type { AppRuntime } from '../runtime';
import { LabUnavailableError } from '../workers/lab-unavailable';
import type { RunRepository } from '../runs/repository-port';
import { appContext, appRepo, appStore } from './store';

const KEY = 'run-manager';

/** Configuration sets the defaults; an instructor's caps and pause override them for the room. */
function currentLimits(rt: AppRuntime): () => Promise<LoadLimits> {
  return async () => {
    const { repo } = await appStore();
    const w = await readWorkshop(repo.workshop, rt.secret);
    const { load } = rt.config;
    return {
      maxRuns: Math.min(w.caps?.maxRuns ?? load.maxRuns, load.maxRuns),
      totalRate: Math.min(w.caps?.totalRate ?? load.maxTotalRate, load.maxTotalRate),
      perLearnerRate: w.caps?.perLearnerRate ?? load.maxTotalRate,
      paused: w.paused,
    };
  };
}

function workerData(): LoadWorkerData {
  const { load } = appRuntime().config;
  return {
    limits: { maxDurationSec: load.maxRunSeconds },
    maxTotalRate: load.maxTotalRate,
    maxConcurrentRuns: load.maxRuns,
    maxTotalUsers: LOAD_CAPS.maxTotalUsers,
  };
}

async function knobsOf(sandboxId: string) {
  const lab = getLabHost();
  if (!lab) throw new LabUnavailableError('lab server is not ready', 'not-ready');
  return readKnobs(await appContext(), lab, sandboxId);
}

/** The room's rate budget: in-process in the embedded default, PostgreSQL shared by every node in cluster mode. */
const roomBudget = async (): Promise<RoomBudget> => {
  const { cluster } = await appStore();
  return { nodeId: cluster.nodeId, budget: cluster.budget };
};

/** This process's runs follow the room's signals (pause, resume, stop-all); one subscription per process. */
function followRoom(manager: RunManager): void {
  peekSingleton<{ stop: () => void }>(FOLLOW_KEY)?.stop();
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  setSingleton(FOLLOW_KEY, {
    stop: () => {
      stopped = true;
      unsubscribe?.();
    },
  });
  appStore().then(
    ({ cluster }) => {
      if (!stopped) unsubscribe = followRoomSignals(cluster.signals, manager);
    },
    (err: unknown) => console.error('[room] could not follow the room signals:', err),
  );
}
const FOLLOW_KEY = 'room-signals';

/** The store's runs, opened on first use: the manager is made synchronously, the store opens async. */
const storedRuns: RunRepository = {
  insert: async (...a) => (await appRepo()).runs.insert(...a),
  finish: async (...a) => (await appRepo()).runs.finish(...a),
  get: async (...a) => (await appRepo()).runs.get(...a),
  list: async (...a) => (await appRepo()).runs.list(...a),
  listForLesson: async (...a) => (await appRepo()).runs.listForLesson(...a),
  failRunning: async (...a) => (await appRepo()).runs.failRunning(...a),
};

/**
 * The app's run manager over a given load host: the one place its deps are chosen, so the
 * production manager and the in-process one tests use cannot drift apart.
 */
function appRunManager(rt: AppRuntime, load: LoadHost): RunManager {
  return createRunManager({
    config: rt.config,
    runs: storedRuns,
    secret: rt.secret,
    lab: getLabHost,
    load: () => load,
    limits: currentLimits(rt),
    budget: roomBudget,
    knobs: knobsOf,
  });
}

/** The process-wide run manager with its load worker (started by instrumentation at boot). */
export function runManager(): RunManager {
  return singleton(KEY, () => {
    const rt = appRuntime();
    let manager: RunManager | null = null;
    const load = startLoadHost(
      workerData(),
      (e) => manager?.onWorkerEvent(e),
      (reason) => manager?.failAll(reason),
    );
    manager = appRunManager(rt, load);
    followRoom(manager);
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
  const load: LoadHost = {
    send: (m) => (runner.handle(m), true),
    isUp: () => true,
    restarts: () => 0,
    stop: async () => runner.stopAll(),
  };
  manager = appRunManager(rt, load);
  setSingleton(KEY, manager);
  followRoom(manager);
  return manager;
}

export function peekRunManager(): RunManager | undefined {
  return peekSingleton<RunManager>(KEY);
}
