import { createZipf } from '../load/distribution';
import { createRng } from '../random';
import { createBalancer } from './balancer';
import { createEventHeap } from './event-heap';
import { createLruSet } from './lru';
import { addBusy, round, summarise } from './sim-stats';
import type { FailureResult, SimConfig, SimResult } from './sim-types';

/**
 * A discrete-event simulation of N API instances behind a load balancer. Time is simulated
 * (no clock is read): Poisson arrivals, each from a client picked by Zipf over client ids
 * and asking for that client's own data (the key), a FIFO queue per instance in front of
 * `concurrency` servers, an optional per-instance LRU cache, and an optional failure that a
 * periodic health check detects. Separate seeded streams for arrivals, clients and service
 * times mean the same seed sends the same requests with the same costs to 1 or 16
 * instances, so two configurations differ only in what was changed.
 */
export type { FailureSpec, FailureResult, InstanceResult, SecondResult, SimConfig, SimResult } from './sim-types';

type Req = {
  client: number;
  arrivedAt: number;
  enqueuedAt: number;
  missMs: number;
  serviceMs: number;
  attempts: number;
  instance: number;
  state: 'waiting' | 'serving' | 'over';
};
type Inst = {
  index: number;
  alive: boolean;
  inRotation: boolean;
  connections: number;
  busy: number;
  queue: (Req | undefined)[];
  head: number;
  serving: Set<Req>;
  cache: ReturnType<typeof createLruSet>;
  busyMs: number;
  busyBySec: number[];
  latencies: number[];
  hits: number;
  misses: number;
};
type Ev = { kind: 'arrival' } | { kind: 'done'; req: Req; attempt: number } | { kind: 'fail' } | { kind: 'health' };

export function simulate(cfg: SimConfig): SimResult {
  if (cfg.failure && !(cfg.failure.instance >= 0 && cfg.failure.instance < cfg.instances)) {
    throw new RangeError(`failure names instance ${cfg.failure.instance + 1}, but there are ${cfg.instances}`);
  }
  if (cfg.failure && !(cfg.failure.healthCheckSec > 0))
    throw new RangeError('the health check interval must be positive');
  const rngArrival = createRng(cfg.seed);
  const rngClient = createRng(cfg.seed ^ 0x5bd1e995);
  const rngService = createRng(cfg.seed ^ 0x27d4eb2f);
  const pickClient = createZipf(cfg.clients, cfg.clientSkew, rngClient);
  const pick = createBalancer(cfg.strategy);
  const endArrivalsMs = cfg.durationSec * 1000;
  const meanGapMs = 1000 / cfg.ratePerSec;

  const insts: Inst[] = Array.from({ length: cfg.instances }, (_, index) => ({
    index,
    alive: true,
    inRotation: true,
    connections: 0,
    busy: 0,
    queue: [],
    head: 0,
    serving: new Set(),
    cache: createLruSet(cfg.cache.capacity),
    busyMs: 0,
    busyBySec: [],
    latencies: [],
    hits: 0,
    misses: 0,
  }));
  const heap = createEventHeap<Ev>();
  const all: number[] = [];
  const bySec: { completed: number; errors: number; latencies: number[] }[] = [];
  const second = (t: number) => (bySec[Math.floor(t / 1000)] ??= { completed: 0, errors: 0, latencies: [] });
  let requests = 0,
    errors = 0,
    waitSum = 0,
    serviceSum = 0,
    finished = 0,
    truncated = false,
    now = 0,
    lastArrival = 0;
  const fail: FailureResult | null = cfg.failure
    ? {
        instance: cfg.failure.instance + 1,
        atSec: cfg.failure.atSec,
        detectedAtSec: null,
        inFlightLost: 0,
        sentToDeadInstance: 0,
        retried: 0,
        retriedOk: 0,
      }
    : null;

  const start = (req: Req, inst: Inst, t: number) => {
    const hit = cfg.cache.enabled && inst.cache.touch(`u${req.client}`);
    if (cfg.cache.enabled) hit ? inst.hits++ : inst.misses++;
    req.serviceMs = hit ? cfg.service.hitMs : req.missMs;
    req.enqueuedAt = t; // from here on, enqueuedAt is when service finished
    req.state = 'serving';
    inst.busy++;
    inst.serving.add(req);
    heap.push(t + req.serviceMs, { kind: 'done', req, attempt: req.attempts });
  };

  const giveUp = (req: Req, t: number) => {
    req.state = 'over';
    errors++;
    second(t).errors++;
  };

  const failAttempt = (req: Req, t: number) => {
    if (cfg.failure?.retry && req.attempts < 2) {
      fail && fail.retried++;
      dispatch(req, t);
    } else giveUp(req, t);
  };

  function dispatch(req: Req, t: number) {
    req.attempts++;
    const idx = pick(req.client, insts);
    const inst = insts[idx];
    if (!inst) return giveUp(req, t);
    if (!inst.alive) {
      // Connection refused: the balancer has not noticed yet.
      if (fail) fail.sentToDeadInstance++;
      return failAttempt(req, t);
    }
    req.instance = idx;
    req.state = 'waiting';
    req.enqueuedAt = t;
    inst.connections++;
    if (inst.busy < cfg.concurrency) start(req, inst, t);
    else inst.queue.push(req);
  }

  heap.push(-meanGapMs * Math.log(1 - rngArrival()), { kind: 'arrival' });
  if (cfg.failure) {
    heap.push(cfg.failure.atSec * 1000, { kind: 'fail' });
    heap.push(cfg.failure.healthCheckSec * 1000, { kind: 'health' });
  }

  for (let item = heap.pop(); item; item = heap.pop()) {
    const t = item.at;
    now = t;
    const ev = item.event;
    if (ev.kind === 'arrival') {
      if (t >= endArrivalsMs || requests >= cfg.maxRequests) {
        truncated = t < endArrivalsMs;
        continue;
      }
      requests++;
      lastArrival = t;
      const missMs = cfg.service.miss(rngService);
      dispatch(
        {
          client: pickClient(),
          arrivedAt: t,
          enqueuedAt: t,
          missMs,
          serviceMs: 0,
          attempts: 0,
          instance: -1,
          state: 'waiting',
        },
        t,
      );
      heap.push(t - meanGapMs * Math.log(1 - rngArrival()), { kind: 'arrival' });
    } else if (ev.kind === 'done') {
      const req = ev.req;
      // Its instance died first (and a retry may be running elsewhere under a newer attempt).
      if (req.state !== 'serving' || req.attempts !== ev.attempt) continue;
      const inst = insts[req.instance] as Inst;
      inst.busy--;
      inst.connections--;
      inst.serving.delete(req);
      inst.busyMs += req.serviceMs;
      addBusy(inst.busyBySec, req.enqueuedAt, t);
      waitSum += req.enqueuedAt - req.arrivedAt;
      serviceSum += req.serviceMs;
      finished++;
      req.state = 'over';
      const latency = t - req.arrivedAt;
      all.push(latency);
      inst.latencies.push(latency);
      const s = second(t);
      s.completed++;
      s.latencies.push(latency);
      if (fail && req.attempts > 1) fail.retriedOk++;
      const next = inst.queue[inst.head];
      if (next) {
        inst.queue[inst.head++] = undefined; // let it be collected
        start(next, inst, t);
      }
    } else if (ev.kind === 'fail' && cfg.failure) {
      const inst = insts[cfg.failure.instance];
      if (!inst || !inst.alive) continue;
      inst.alive = false;
      // Entries before head were cleared once served; from head on every slot holds a waiting request.
      const lost: Req[] = inst.queue.slice(inst.head).filter((r): r is Req => r !== undefined);
      for (const req of inst.serving) {
        // The work done until the crash still kept the instance busy.
        inst.busyMs += t - req.enqueuedAt;
        addBusy(inst.busyBySec, req.enqueuedAt, t);
        lost.push(req);
      }
      inst.queue = [];
      inst.head = 0;
      inst.busy = 0;
      inst.connections = 0;
      inst.serving.clear();
      if (fail) fail.inFlightLost = lost.length;
      for (const req of lost) {
        req.state = 'over';
        failAttempt(req, t);
      }
    } else if (ev.kind === 'health' && cfg.failure) {
      for (const inst of insts) {
        if (!inst.alive && inst.inRotation) {
          inst.inRotation = false;
          if (fail) fail.detectedAtSec = round(t / 1000);
        }
      }
      // Probe until the failure has been seen; after that nothing changes any more.
      if (fail?.detectedAtSec === null) heap.push(t + cfg.failure.healthCheckSec * 1000, { kind: 'health' });
    }
  }

  const horizonMs = Math.max(now, endArrivalsMs, 1);
  const cacheTotal = insts.reduce((n, i) => n + i.hits + i.misses, 0);
  return {
    requests,
    completed: all.length,
    errors,
    arrivalSec: round(Math.min(endArrivalsMs, truncated ? lastArrival : endArrivalsMs) / 1000),
    truncated,
    latencyMs: summarise(all),
    meanWaitMs: finished ? round(waitSum / finished, 4) : 0,
    meanServiceMs: finished ? round(serviceSum / finished, 4) : 0,
    hitRatio: cfg.cache.enabled && cacheTotal > 0 ? round(insts.reduce((n, i) => n + i.hits, 0) / cacheTotal, 4) : null,
    instances: insts.map((i) => ({
      instance: i.index + 1,
      served: i.latencies.length,
      utilisation: round(i.busyMs / (cfg.concurrency * horizonMs), 4),
      latencyMs: summarise(i.latencies),
      hitRatio: cfg.cache.enabled && i.hits + i.misses > 0 ? round(i.hits / (i.hits + i.misses), 4) : null,
    })),
    failure: fail,
    series: Array.from({ length: Math.ceil(horizonMs / 1000) }, (_, sec) => {
      const s = bySec[sec];
      const lat = s ? summarise(s.latencies) : null;
      return {
        t: sec + 1,
        completed: s?.completed ?? 0,
        errors: s?.errors ?? 0,
        p95: lat ? lat.p95 : null,
        utilisation: insts.map((i) => round(Math.min(1, (i.busyBySec[sec] ?? 0) / (cfg.concurrency * 1000)), 3)),
      };
    }),
  };
}
