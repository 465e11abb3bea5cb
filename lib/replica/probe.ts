import type { ProbeRead, ProbeSample, ProbeSummary } from './probe-schema';

export type ProbeTarget = {
  /** The lab server's loopback origin, e.g. http://127.0.0.1:3101 (never taken from a request). */
  origin: string;
  token: string;
  userId: number;
  productId: number;
};

export type ProbeOptions = {
  pairs: number;
  /** The whole probe, visibility polling included, stops by this many ms. */
  budgetMs?: number;
  pollMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Distinguishes this run's clients from any earlier probe's (read-your-writes is per client). */
  runId?: string;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The read-your-writes experiment, over real HTTP against the learner's own API: K times,
 * place an order (a write) and at once read it back, as the writer and as another client.
 * A 404 for an order that was just created with 201 is a stale read. Then the orders others
 * could not see are polled until they appear, which measures how long a write took to reach
 * the copy that serves reads.
 */
export async function runReplicaProbe(
  target: ProbeTarget,
  opts: ProbeOptions,
): Promise<{ samples: ProbeSample[]; durationMs: number }> {
  const f = opts.fetchImpl ?? fetch;
  const now = opts.now ?? (() => performance.now());
  const budgetMs = opts.budgetMs ?? 4_500;
  const runId = opts.runId ?? Math.random().toString(36).slice(2, 10);
  const writer = `probe-${runId}-writer`;
  const other = `probe-${runId}-other`;
  const started = now();
  const headers = (client: string) => ({ authorization: `Bearer ${target.token}`, 'x-client-id': client });

  async function read(orderId: number, client: string): Promise<ProbeRead> {
    const t0 = now();
    const res = await f(`${target.origin}/api/v1/orders/${orderId}`, { headers: headers(client), cache: 'no-store' });
    await res.arrayBuffer();
    const served = res.headers.get('x-served-by');
    const lag = res.headers.get('x-replica-lag-ms');
    return {
      status: res.status,
      sawWrite: res.status === 200 ? true : res.status === 404 ? false : null,
      servedBy: served === 'primary' || served === 'replica' ? served : null,
      lagMs: lag === null ? null : Number(lag),
      route: res.headers.get('x-replica-route'),
      ms: now() - t0,
    };
  }

  const samples: ProbeSample[] = [];
  const ackedAt = new Map<number, number>();
  for (let pair = 1; pair <= opts.pairs && now() - started < budgetMs; pair++) {
    const res = await f(`${target.origin}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers(writer), 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: target.userId, product_id: target.productId, quantity: 1 }),
    });
    const body = (await res.json().catch(() => null)) as { id?: unknown } | null;
    const orderId = res.status === 201 && typeof body?.id === 'number' ? body.id : null;
    if (orderId === null) {
      samples.push({ pair, orderId, writeStatus: res.status, own: null, other: null, visibleAfterMs: null });
      continue;
    }
    ackedAt.set(orderId, now());
    const own = await read(orderId, writer);
    const seen = await read(orderId, other);
    samples.push({
      pair,
      orderId,
      writeStatus: res.status,
      own,
      other: seen,
      visibleAfterMs: seen.sawWrite ? now() - (ackedAt.get(orderId) ?? now()) : null,
    });
  }

  // Poll what others could not see yet, all together, until it shows up or the budget is spent.
  let waiting = samples.filter((s) => s.orderId !== null && s.other?.sawWrite === false);
  while (waiting.length > 0 && now() - started < budgetMs) {
    await sleep(opts.pollMs ?? 25);
    // All at once, so each order's time is measured to within one read, not one round of K reads.
    await Promise.all(
      waiting.map(async (s) => {
        const r = await read(s.orderId as number, other);
        if (r.sawWrite) s.visibleAfterMs = now() - (ackedAt.get(s.orderId as number) ?? now());
      }),
    );
    waiting = waiting.filter((s) => s.visibleAfterMs === null);
  }
  return { samples, durationMs: now() - started };
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The counts the lesson talks about, from the samples alone. */
export function summarizeProbe(samples: ProbeSample[]): ProbeSummary {
  const reads = samples.flatMap((s) => [s.own, s.other]).filter((r): r is ProbeRead => r !== null);
  const stale = reads.filter((r) => r.sawWrite === false);
  const written = samples.filter((s) => s.orderId !== null);
  const visible = written.map((s) => s.visibleAfterMs).filter((v): v is number => v !== null);
  const staleLags = stale.map((r) => r.lagMs).filter((v): v is number => v !== null);
  return {
    pairs: samples.length,
    writes: written.length,
    ownStale: samples.filter((s) => s.own?.sawWrite === false).length,
    otherStale: samples.filter((s) => s.other?.sawWrite === false).length,
    errors: samples.filter((s) => s.orderId === null).length + reads.filter((r) => r.sawWrite === null).length,
    servedByReplica: reads.filter((r) => r.servedBy === 'replica').length,
    maxStaleLagMs: staleLags.length ? Math.max(...staleLags) : null,
    medianVisibleAfterMs: median(visible),
    notVisible: written.length - visible.length,
  };
}
