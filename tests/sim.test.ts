import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { useInProcessRunManager } from '@/lib/main-thread/run-manager';
import { runResponseSchema } from '@/lib/runs/schema';
import { simResponseSchema, statelessResponseSchema } from '@/lib/sim/schemas';

/**
 * The simulation routes against the real environment: the learner's own latest run feeds
 * the load-balancing simulation (another learner's run never does), bad input is a problem,
 * and the stateless demo decodes the caller's real token without leaking the secret.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let sim: typeof import('@/app/api/lab/sim/route');
let stateless: typeof import('@/app/api/lab/sim/stateless/route');
let alice: Record<string, string>;
let bob: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('s');
  useInProcessRunManager();
  sim = await import('@/app/api/lab/sim/route');
  stateless = await import('@/app/api/lab/sim/stateless/route');
  alice = await testLab.claim();
  bob = await testLab.claim();
});
afterAll(() => testLab.stop());

const post = (
  route: { POST: (r: Request) => Promise<Response> },
  path: string,
  headers: Record<string, string>,
  body: unknown,
) =>
  route.POST(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const simulateAs = (who: Record<string, string>, body: unknown) => post(sim, '/api/lab/sim', who, body);

async function completeRun(who: Record<string, string>, lesson?: string): Promise<string> {
  const runs = await import('@/app/api/lab/runs/route');
  const events = await import('@/app/api/lab/runs/[id]/events/route');
  const res = await runs.POST(
    new Request(`http://localhost/api/lab/runs${lesson ? `?lesson=${lesson}` : ''}`, {
      method: 'POST',
      headers: { ...who, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'constant-arrival',
        rate: 40,
        durationSec: 2,
        mix: [{ endpoint: 'user-by-id', weight: 1 }],
      }),
    }),
  );
  const { run } = runResponseSchema.parse(await res.json());
  await (
    await events.GET(new Request(`http://localhost/api/lab/runs/${run.id}/events`, { headers: who }), {
      params: Promise.resolve({ id: run.id }),
    })
  ).text();
  return run.id;
}

describe('POST /api/lab/sim', () => {
  it('needs a learner token', async () => {
    expect((await simulateAs({}, { instances: 1 })).status).toBe(401);
  });

  it('answers bad input with problem+json: 400 for broken JSON, 422 naming each field', async () => {
    expect((await simulateAs(alice, '{"instances":')).status).toBe(400);
    const res = await simulateAs(alice, {
      instances: 17,
      strategy: 'random',
      failure: { instance: 1, atSec: 90, healthCheckSec: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['failure.atSec', 'instances', 'strategy']);
    const wrongInstance = await simulateAs(alice, {
      instances: 2,
      failure: { instance: 3, atSec: 5, healthCheckSec: 1 },
    });
    expect(wrongInstance.status).toBe(422);
  });

  it('with no run yet, says the service times are assumed; more instances still lower p95', async () => {
    const one = simResponseSchema.parse(
      await (await simulateAs(alice, { instances: 1, load: 2.5, durationSec: 10 })).json(),
    );
    const four = simResponseSchema.parse(
      await (await simulateAs(alice, { instances: 4, load: 2.5, durationSec: 10 })).json(),
    );
    expect(one.source.kind).toBe('assumed');
    expect(one.assumptions[0]).toContain('Assumed, not measured');
    expect(one.result.requests).toBe(four.result.requests); // same seed, same arrivals
    expect(four.result.latencyMs!.p95).toBeLessThan(one.result.latencyMs!.p95);
  });

  it("is fed by the caller's own latest completed run, and only theirs", async () => {
    const runId = await completeRun(alice);
    const mine = simResponseSchema.parse(await (await simulateAs(alice, { instances: 2 })).json());
    expect(mine.source).toMatchObject({ kind: 'measured', runId, endpoints: ['user-by-id'] });
    if (mine.source.kind !== 'measured') throw new Error('unreachable');
    expect(mine.source.responses).toBe(80);
    expect(mine.onePerSec).toBeCloseTo(1000 / mine.source.meanMs, 1);
    const theirs = simResponseSchema.parse(await (await simulateAs(bob, { instances: 2 })).json());
    expect(theirs.source.kind).toBe('assumed');
  }, 30_000);

  it("from a lesson's page, only that lesson's runs feed it: a newer run from another lesson never does", async () => {
    const lb = (who: Record<string, string>) => post(sim, '/api/lab/sim?lesson=load-balancing', who, { instances: 2 });
    const carol = await testLab.claim();
    await completeRun(carol, 'the-2am-page');
    expect(simResponseSchema.parse(await (await lb(carol)).json()).source.kind).toBe('assumed');
    const own = await completeRun(carol, 'load-balancing');
    const other = await completeRun(carol, 'the-2am-page');
    expect(simResponseSchema.parse(await (await lb(carol)).json()).source).toMatchObject({
      kind: 'measured',
      runId: own,
    });
    // Without a lesson (the API), the newest run of any lesson, as before.
    const any = simResponseSchema.parse(await (await simulateAs(carol, { instances: 2 })).json());
    expect(any.source).toMatchObject({ kind: 'measured', runId: other });
    const unknown = await post(sim, '/api/lab/sim?lesson=no-such-lesson', carol, { instances: 2 });
    expect(unknown.status).toBe(400); // a bad query parameter, as on POST /api/lab/runs
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  }, 60_000);
});

describe('POST /api/lab/sim/stateless', () => {
  it("sessions lose the login under round robin, tokens keep it; the token is the caller's, the secret never leaves", async () => {
    const res = await post(stateless, '/api/lab/sim/stateless', alice, { requests: 10 });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = statelessResponseSchema.parse(JSON.parse(text));
    const byMode = Object.fromEntries(body.runs.map((r) => [r.mode, r]));
    expect(byMode.session?.kept).toBe(5);
    expect(byMode['sticky-session']?.kept).toBe(10);
    expect(byMode.token?.kept).toBe(10);
    expect(body.token.payload.iss).toBe('scale-lab');
    expect(alice.authorization).toContain(body.token.signaturePreview.slice(0, 8));
    expect(text).not.toContain(Buffer.from(testLab.secret).toString());
    expect(body.costs.tokenVerify.medianUs).toBeGreaterThan(body.costs.sessionLookup.medianUs);
  });

  it('rejects a request count out of range', async () => {
    expect((await post(stateless, '/api/lab/sim/stateless', alice, { requests: 1000 })).status).toBe(422);
  });
});
