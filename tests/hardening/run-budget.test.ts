import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitRun } from '@/lib/runs/admission';
import { runLoad } from '@/lib/load/generator';
import { loadProfileSchema } from '@/lib/load/profile';

/** Finding 2: a virtual-users run ignored every rate budget and could fail after its 201. */
const room = { maxRuns: 8, totalRate: 50, perLearnerRate: 20, paused: false, maxTotalUsers: 400 };
const vu = (over: object) =>
  loadProfileSchema.parse({ model: 'virtual-users', users: 200, thinkTimeMs: 0, durationSec: 2, ...over });

describe('every run holds a rate budget', () => {
  it('a closed run with no think time reserves the per-learner share and is paced to it', () => {
    const a = admitRun(vu({}), [], room);
    expect(a).toMatchObject({ ok: true, reservation: { rate: 20, users: 200 }, rateCeiling: 20 });
    expect(a.ok && a.note).toContain('at most 20 req/s');
  });

  it('shares the room with the runs already going, open or closed', () => {
    const a = admitRun(
      vu({ users: 10 }),
      [
        { rate: 20, users: 0 },
        { rate: 20, users: 50 },
      ],
      room,
    );
    expect(a).toMatchObject({ ok: true, reservation: { rate: 10 }, rateCeiling: 10 });
    const full = admitRun(
      vu({ users: 10 }),
      [
        { rate: 25, users: 0 },
        { rate: 25, users: 0 },
      ],
      room,
    );
    expect(full).toMatchObject({ ok: false, status: 503 });
  });

  it('users whose think time already keeps them under their share are not paced', () => {
    const a = admitRun(vu({ users: 2, thinkTimeMs: 1000 }), [], room);
    expect(a).toMatchObject({ ok: true, reservation: { rate: 2, users: 2 }, rateCeiling: null });
  });

  it('refuses at start what the load worker could never carry: 422 past its users, 503 while others hold them', () => {
    expect(admitRun(vu({ users: 200 }), [], { ...room, maxTotalUsers: 100 })).toMatchObject({
      ok: false,
      status: 422,
      field: 'users',
    });
    const busy = admitRun(vu({ users: 200 }), [{ rate: 10, users: 300 }], room);
    expect(busy).toMatchObject({ ok: false, status: 503 });
    expect(busy.ok ? '' : busy.detail).toContain("300 of the server's 400 virtual users");
  });
});

describe('the generator paces a closed run to its ceiling', () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('20 users with no think time send no more than the ceiling allows', async () => {
    const profile = loadProfileSchema.parse({
      model: 'virtual-users',
      users: 20,
      thinkTimeMs: 0,
      durationSec: 1,
      mix: [{ endpoint: 'product-by-id', weight: 1 }],
    });
    const summary = await runLoad({
      profile,
      target: { host: '127.0.0.1', port },
      token: 't',
      signal: new AbortController().signal,
      limits: { maxInFlight: 256 },
      keyspace: { users: 10, products: 10, emails: ['a@example.com'] },
      onSecond: () => {},
      rateCeiling: 30,
    });
    // GCRA: at most one send per 1/30 s slot, plus the one that starts the first slot.
    expect(summary.counts.sent).toBeLessThanOrEqual(31);
    expect(summary.counts.sent).toBeGreaterThan(0);
  });
});
