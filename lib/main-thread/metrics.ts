import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { singleton } from '../globals';
import { getLabHost, type LabHost } from '../lab-server/host';
import { peekRunManager } from './run-manager';
import { appStore } from './store';
import type { Reservation } from '../cluster';
import { mergeMetrics } from '../metrics/merge';
import type { MetricFamily } from '../metrics/names';

/**
 * The main thread's registry: Node's default metrics for the process and for this thread
 * (thread="main": the event loop that serves pages, SSE and the control API), the load runs
 * going on, and whether the lab server is up. One per process, on globalThis, because
 * Turbopack gives route handlers their own module instances.
 */
function createMainMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, labels: { thread: 'main' } });
  new Gauge({
    name: 'scale_lab_load_runs_active',
    help: 'Load runs in progress on this server.',
    registers,
    collect() {
      this.set(peekRunManager()?.stats().active ?? 0);
    },
  });
  new Gauge({
    name: 'scale_lab_load_rate_reserved_rps',
    help: 'Requests per second reserved by the load runs in progress (open runs by their peak rate, virtual-user runs by the ceiling they are paced to).',
    registers,
    collect() {
      this.set(peekRunManager()?.stats().totalRate ?? 0);
    },
  });
  new Gauge({
    name: 'scale_lab_load_users_reserved',
    help: 'Virtual users held by the closed-model load runs in progress.',
    registers,
    collect() {
      this.set(peekRunManager()?.stats().users ?? 0);
    },
  });
  // The room's budget, as the cluster holds it: every node's live reservations (PostgreSQL in
  // cluster mode), so each node reports the same room-wide numbers beside its own above.
  new Gauge({
    name: 'scale_lab_room_rate_reserved_rps',
    help: "Requests per second reserved by every live load run in the room, on all nodes (the room's budget in use).",
    registers,
    async collect() {
      const live = await roomReservations();
      if (live) this.set(live.reduce((sum, r) => sum + r.rate, 0));
    },
  });
  new Gauge({
    name: 'scale_lab_room_runs_reserved',
    help: 'Load runs holding a reservation in the room budget, on all nodes.',
    registers,
    async collect() {
      const live = await roomReservations();
      if (live) this.set(live.length);
    },
  });
  const up = new Gauge({
    name: 'scale_lab_lab_server_up',
    help: '1 when the lab server (the worker thread serving /api/v1) is ready and answered this scrape, else 0.',
    registers,
  });
  let seenRestarts = 0;
  const restarts = new Counter({
    name: 'scale_lab_lab_server_restarts_total',
    help: 'Times the lab server worker died and was restarted.',
    registers,
    collect() {
      const n = getLabHost()?.status().restarts ?? 0;
      if (n > seenRestarts) this.inc(n - seenRestarts);
      seenRestarts = Math.max(seenRestarts, n);
    },
  });
  restarts.inc(0);
  return { registry, up };
}

async function roomReservations(): Promise<Reservation[] | null> {
  try {
    return await (await appStore()).cluster.budget.live();
  } catch (err) {
    console.error('[metrics] the room budget did not answer:', err);
    return null;
  }
}

const mainMetrics = () => singleton('main-metrics', createMainMetrics);

/** The whole /metrics body: this thread's registry merged with the lab server's. */
export async function renderMetrics(lab: LabHost | undefined = getLabHost()): Promise<string> {
  const { registry, up } = mainMetrics();
  let worker: MetricFamily[] = [];
  if (lab && lab.status().state === 'ready') {
    try {
      // Short timeout: a scrape must not hang on a lab server pinned by load.
      worker = (await lab.call('metrics', {}, 2_000)).families;
    } catch (err) {
      console.error('[metrics] the lab server did not answer:', err);
    }
  }
  up.set(worker.length > 0 ? 1 : 0);
  // prom-client types its JSON loosely (MetricObject); MetricFamily is the shape it really returns.
  return mergeMetrics((await registry.getMetricsAsJSON()) as unknown as MetricFamily[], worker);
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
