import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from '../../lib/learners/identity';
import { MOVE_AFTER_MS } from '../../lib/control/adopt-sandbox';
import type { Nginx } from './loopback';
import { roomTestSchema, startRoomNodes, stopRoomNodes, type RoomNode } from './room-fixture';

/**
 * Learner affinity through the shipped nginx config, with three real nodes (production build,
 * SCALE_LAB_TRUST_PROXY=1 as `npm run cluster` sets it) sharing a fresh PostgreSQL schema.
 * API clients that send no cookies create their sandbox on a node chosen by a random key, then
 * make bearer calls: each must meet that same node (the token carries the key, deploy/nginx.conf
 * hashes on it), never the 503 of a node that does not hold the sandbox. And where a learner
 * does reach such a node while the holder is up, they get 503 problem+json and their data stays.
 */
const db = await roomTestSchema('affinity');

const SECRET = 'k'.repeat(40);
const NODES = ['node-1', 'node-2', 'node-3'];
const API_CLIENTS = 24;

type Reply = { status: number; node: string; headers: Headers; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!db)('a learner meets the node that holds their sandbox (nginx, three nodes, PostgreSQL)', () => {
  const nodes: RoomNode[] = [];
  let nginx: Nginx;

  /** One request through nginx with exactly these headers (Node's fetch keeps no cookies). */
  async function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
    const res = await fetch(`http://127.0.0.1:${nginx.port}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    // After a retry nginx lists every address it tried; the last one answered.
    const address = (res.headers.get('x-served-by') ?? '').split(', ').at(-1);
    const node = nodes.find((n) => n.app.origin === `http://${address}`)?.id ?? `unknown (${address})`;
    const text = await res.text();
    return { status: res.status, node, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const room = await startRoomNodes({ ids: NODES, db: db!, secret: SECRET, env: { SCALE_LAB_TRUST_PROXY: '1' } });
    nodes.push(...room.nodes);
    nginx = room.nginx;
  }, 240_000);

  afterAll(async () => {
    await stopRoomNodes(nodes, nginx);
    await db?.drop();
  });

  it('API clients without cookies: every bearer call meets the node that created their sandbox, none is refused', async () => {
    // 24 clients like curl (no cookies at all), and 6 browsers whose token is then used from a script.
    const firstCalls = [
      ...Array.from({ length: API_CLIENTS }, () => ({})),
      ...Array.from({ length: 6 }, (_, i) => ({ cookie: `scale_lab_node_key=browser-learner-${i}` })),
    ];
    const clients = await Promise.all(
      firstCalls.map(async (headers) => {
        const r = await send('POST', '/api/lab/sandbox', headers);
        expect(r.status).toBe(201);
        return { token: r.body.token as string, node: r.node, setCookie: r.headers.get('set-cookie') ?? '' };
      }),
    );
    expect(new Set(clients.map((c) => c.node))).toEqual(new Set(NODES));
    const calls = (token: string) =>
      [
        ['PATCH', '/api/lab/settings', { pagination: { mode: 'cursor' } }],
        ['GET', '/api/v1/products/1'],
        ['GET', '/api/lab/progress'],
        ['GET', '/api/lab/settings'],
        ['GET', '/api/v1/products?limit=5'],
      ].map(([method, path, body]) => send(method as string, path as string, bearer(token), body));
    const replies = await Promise.all(
      clients.map(async (c) => (await Promise.all(calls(c.token))).map((r) => ({ ...r, expected: c.node }))),
    );
    const all = replies.flat();
    const astray = all.filter((r) => r.node !== r.expected);
    const refused = all.filter((r) => r.status === 503);
    const lost = replies.filter((rs) => rs.some((r) => r.node !== r.expected)).length;
    console.log(
      `affinity: ${clients.length} clients, ${all.length} bearer calls; ${astray.length} calls (of ${lost} clients) ` +
        `reached another node than the one that created the sandbox, ${refused.length} answered 503`,
    );
    expect({ lost, astray: astray.length, refused: refused.length }).toEqual({ lost: 0, astray: 0, refused: 0 });
    expect(all.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    for (const c of clients) {
      // The key nginx hashed the first call on leads the token, the JWT carries it, and the
      // affinity cookie nginx sets says the same key.
      const key = /^([A-Za-z0-9_-]{8,64})~/.exec(c.token)?.[1];
      expect(key, c.token).toBeDefined();
      expect(c.setCookie).toContain(`scale_lab_node_key=${key};`);
      const v = await verifyToken(c.token, new TextEncoder().encode(SECRET));
      expect(v.ok).toBe(true);
    }
  }, 120_000);

  it('a token whose key prefix is not its own is refused with 401 problem+json, by the control API and the Shop API', async () => {
    const { body } = await send('POST', '/api/lab/sandbox', {});
    const forged = body.token.replace(/^[^~]+~/, 'someone-elses-key~');
    for (const path of ['/api/lab/settings', '/api/v1/products/1']) {
      const r = await send('GET', path, bearer(forged));
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 401, 'application/problem+json']);
    }
  });

  it('a learner sent to a node that does not hold their sandbox, its holder up, gets 503 problem+json and keeps their data', async () => {
    const key = 'held-learner-key';
    const created = await send('POST', '/api/lab/sandbox', { cookie: `scale_lab_node_key=${key}` });
    const holder = created.node;
    const token: string = created.body.token;
    const renamed = await send('PATCH', '/api/v1/products/1', bearer(token), { name: 'Kept on its node' });
    expect([renamed.status, renamed.node]).toEqual([200, holder]);

    // A cookie forced to a key that hashes elsewhere (a browser that lost and remade its cookie).
    let elsewhere = '';
    for (let n = 0; !elsewhere && n < 50; n++) {
      const probe = await send('GET', '/api/lab/health', { cookie: `scale_lab_node_key=probe-key-${n}` });
      if (probe.node !== holder) elsewhere = `probe-key-${n}`;
    }
    // A browser sends its token in a cookie, beside the key cookie (a token's key in a bearer
    // header would win over the cookie and lead back to the holder).
    const astray = { cookie: `scale_lab_token=${token}; scale_lab_node_key=${elsewhere}` };
    // The node elsewhere answers 503 until the learner has kept coming for MOVE_AFTER_MS (30 s):
    // everything below must happen well within that, or it would be a takeover, not a refusal.
    const since = Date.now();
    for (const [method, path] of [
      ['GET', '/api/lab/settings'],
      ['GET', '/api/v1/products/1'],
    ] as const) {
      const r = await send(method, path, astray);
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 503, 'application/problem+json']);
      expect(r.node).not.toBe(holder);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // A token issued before keys were added (no prefix, no claim) is hashed on as a whole: some
    // land on the holder (served), the others on a node that answers 503 the same way.
    const v = await verifyToken(token, new TextEncoder().encode(SECRET));
    if (!v.ok) throw new Error('the node signed a token this secret does not verify');
    const legacy: Reply[] = [];
    for (let n = 0; n < 12 && legacy.filter((r) => r.node !== holder).length < 2; n++) {
      const plain = await issueToken(v.claims, new TextEncoder().encode(SECRET), 3_600 + n);
      legacy.push(await send('GET', '/api/lab/settings', bearer(plain)));
    }
    for (const r of legacy)
      expect([r.node === holder, r.status]).toEqual(r.node === holder ? [true, 200] : [false, 503]);
    expect(legacy.some((r) => r.node !== holder)).toBe(true);

    expect(Date.now() - since, 'the refusals must all come within the 30 s before a move').toBeLessThan(
      MOVE_AFTER_MS - 5_000,
    );

    // On its holder the sandbox was neither moved nor reset.
    const after = await send('GET', '/api/v1/products/1', bearer(token));
    expect([after.status, after.node, after.body.name]).toEqual([200, holder, 'Kept on its node']);
    const claim = await send('POST', '/api/lab/sandbox', bearer(token));
    expect([claim.status, claim.node, claim.body.moved]).toEqual([200, holder, null]);
  }, 60_000);
});
