import { randomBytes } from 'node:crypto';

/**
 * What each way of recognising a user costs per request, measured here and now: a lookup in
 * a session Map, verifying the learner's own token, and a revocation check (a lookup in a
 * denylist of revoked token ids). Cheap operations are timed in batches, because one Map
 * lookup is shorter than the clock's resolution; each figure is the median of its batches.
 * The clock is a parameter so the function can be tested with a fake one.
 */
export type CostFigure = { medianUs: number; p95Us: number; samples: number };
export type AuthCosts = {
  sessionLookup: CostFigure;
  tokenVerify: CostFigure;
  denylistLookup: CostFigure;
  storeSize: number;
};

const round = (x: number) => Math.round(x * 1000) / 1000;

function figure(perOpUs: number[]): CostFigure {
  const s = perOpUs.slice().sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { medianUs: round(at(0.5)), p95Us: round(at(0.95)), samples: s.length };
}

export async function measureAuthCosts(opts: {
  verify: () => Promise<boolean>;
  nowMs: () => number;
  verifySamples?: number;
  batches?: number;
  batchSize?: number;
  storeSize?: number;
}): Promise<AuthCosts> {
  const { verify, nowMs } = opts;
  const batches = opts.batches ?? 40;
  const batchSize = opts.batchSize ?? 1000;
  const storeSize = opts.storeSize ?? 10_000;
  const ids = Array.from({ length: storeSize }, () => randomBytes(16).toString('base64url'));
  const sessions = new Map(ids.map((id) => [id, { learnerId: id }]));
  const revoked = new Set(ids);
  const probes = Array.from({ length: batchSize }, (_, i) =>
    i % 2 ? (ids[i % storeSize] as string) : randomBytes(16).toString('base64url'),
  );

  const batched = (op: (key: string) => unknown): number[] => {
    const out: number[] = [];
    let sink = 0;
    for (let b = 0; b < batches; b++) {
      const t0 = nowMs();
      for (const key of probes) if (op(key)) sink++;
      out.push(((nowMs() - t0) * 1000) / batchSize);
    }
    if (sink < 0) throw new Error('unreachable'); // keeps the loop from being optimised away
    return out;
  };

  const sessionLookup = figure(batched((k) => sessions.get(k)));
  const denylistLookup = figure(batched((k) => revoked.has(k)));
  const verifies: number[] = [];
  for (let i = 0; i < (opts.verifySamples ?? 200); i++) {
    const t0 = nowMs();
    if (!(await verify())) throw new Error('the token did not verify; nothing to measure');
    verifies.push((nowMs() - t0) * 1000);
  }
  return { sessionLookup, tokenVerify: figure(verifies), denylistLookup, storeSize };
}
