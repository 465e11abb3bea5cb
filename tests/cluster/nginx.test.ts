import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx } from '../../scripts/cluster/nginx-conf.mjs';
import { missingClusterDependency } from '../../lib/testing/test-pg';
import { freePort, startNginx, startStub, type Nginx, type Stub } from './loopback';

/**
 * The shipped deploy/nginx.conf, rendered the way `npm run cluster` renders it, in front of three
 * stub nodes on loopback: one learner always reaches one node, removing a node moves only its
 * own learners, a dead node's learners land elsewhere, and SSE streams are not buffered.
 * nginx names the node that answered in X-Served-By (its address); the stubs name themselves in
 * the body, so every reply checks the header against the truth.
 */
const nginxBin = findNginx();
if (!nginxBin) {
  const why = process.env.NGINX_BIN
    ? `NGINX_BIN=${process.env.NGINX_BIN} does not exist`
    : 'not found in /usr/sbin or on PATH';
  missingClusterDependency('nginx', why, 'Install it with apt-get install -y nginx (or set NGINX_BIN).');
}

type Reply = {
  servedBy: string;
  status: number;
  setCookie: string | null;
  body: { node: string; headers: Record<string, string>; bytes: number };
  headers: Headers;
};

describe.skipIf(!nginxBin)('nginx in front of three nodes (deploy/nginx.conf)', () => {
  let stubs: Stub[] = [];
  let nginx: Nginx;
  const ports = new Set<number>();
  const base = () => `http://127.0.0.1:${nginx.port}`;
  const learners = Array.from({ length: 30 }, (_, i) => `learner-${i}-key`);

  async function get(path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Reply> {
    const res = await fetch(`${base()}${path}`, { headers, ...init });
    const text = await res.text();
    const body = text.startsWith('{') ? JSON.parse(text) : null;
    // After a retry nginx lists every address it tried; the last one answered.
    const address = (res.headers.get('x-served-by') ?? '').split(', ').at(-1);
    const servedBy = stubs.find((s) => address === `127.0.0.1:${s.port}`)?.id ?? `unknown (${address})`;
    if (body?.node) expect(servedBy).toBe(body.node);
    return { servedBy, status: res.status, setCookie: res.headers.get('set-cookie'), body, headers: res.headers };
  }
  const cookie = (key: string) => ({ cookie: `scale_lab_token=abc; scale_lab_node_key=${key}` });
  /** Which node each learner (by affinity cookie) reaches. */
  const placement = async () =>
    Object.fromEntries(
      await Promise.all(learners.map(async (k) => [k, (await get('/api/lab/progress', cookie(k))).servedBy])),
    );

  async function startAll(nodeStubs: Stub[]) {
    nginx = await startNginx(
      await freePort(ports),
      nodeStubs.map((s) => `127.0.0.1:${s.port}`),
    );
    ports.add(nginx.port);
  }

  beforeAll(async () => {
    for (const id of ['node-a', 'node-b', 'node-c']) {
      const port = await freePort(ports);
      ports.add(port);
      stubs.push(await startStub(id, port));
    }
    await startAll(stubs);
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(stubs.map((s) => s.close()));
  });

  it('sends each learner (affinity cookie) to one node every time, and 30 learners over all three', async () => {
    const first = await placement();
    expect(await placement()).toEqual(first);
    expect(await placement()).toEqual(first);
    expect(new Set(Object.values(first))).toEqual(new Set(['node-a', 'node-b', 'node-c']));
  });

  it('hashes API clients on their bearer token, and the cookie wins over a token without a key', async () => {
    for (const token of ['tok-1', 'tok-2', 'tok-3', 'tok-4']) {
      const served = await Promise.all(
        [1, 2, 3].map(async () => (await get('/api/v1/products/1', { authorization: `Bearer ${token}` })).servedBy),
      );
      expect(new Set(served).size).toBe(1);
    }
    const both = await get('/api/lab/progress', { ...cookie('learner-0-key'), authorization: 'Bearer tok-1' });
    expect(both.body.headers['x-scale-lab-node-key']).toBe('learner-0-key');
  });

  it('hashes a bearer token on the key in front of it (`<key>~<jwt>`), as the same key in a cookie', async () => {
    const byCookie = await placement();
    for (const k of learners) {
      // Different tokens, one key: all meet the node the key's cookie meets, and the node hears the key.
      const served = await Promise.all(
        ['eyJa.b.c', 'eyJd.e.f'].map((rest) => get('/api/v1/products/1', { authorization: `Bearer ${k}~${rest}` })),
      );
      for (const r of served)
        expect([k, r.servedBy, r.body.headers['x-scale-lab-node-key']]).toEqual([k, byCookie[k], k]);
    }
    // The token's key wins over a cookie: it names the node that issued the token (a script
    // with a cookie jar of its own, using a token copied from the browser).
    const both = await get('/api/lab/progress', {
      ...cookie('learner-0-key'),
      authorization: 'Bearer learner-1-key~eyJa.b.c',
    });
    expect(both.body.headers['x-scale-lab-node-key']).toBe('learner-1-key');
    // A prefix that is no key (too short, or a character a key never has) leaves the token whole.
    for (const token of ['short~eyJa.b.c', 'has.dot-key~eyJa.b.c']) {
      const r = await get('/api/lab/progress', { authorization: `Bearer ${token}` });
      expect(r.body.headers['x-scale-lab-node-key']).toBe(token);
    }
  });

  it('gives a first-time visitor a key cookie that leads back to the node that served them', async () => {
    const first = await get('/');
    const key = /^scale_lab_node_key=([0-9a-f]{32}); Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/.exec(
      first.setCookie ?? '',
    )?.[1];
    expect(key).toBeDefined();
    // It was hashed on that very key, so following requests with the cookie meet the same node.
    expect(first.body.headers['x-scale-lab-node-key']).toBe(key);
    for (let i = 0; i < 5; i++) expect((await get('/api/lab/progress', cookie(key!))).servedBy).toBe(first.servedBy);
    // A learner who already has a key is not given another.
    expect((await get('/', cookie(key!))).setCookie).toBeNull();
  });

  it('replaces a cookie that is no key with a fresh one, and hashes on the fresh one', async () => {
    for (const bad of ['short', 'has.dot-in-it', 'a'.repeat(65)]) {
      const r = await get('/api/lab/progress', cookie(bad));
      const fresh = /^scale_lab_node_key=([0-9a-f]{32});/.exec(r.setCookie ?? '')?.[1];
      expect([bad, r.body.headers['x-scale-lab-node-key']]).toEqual([bad, fresh]);
    }
  });

  it('lets the app choose the key (X-Scale-Lab-Node-Key) and does not leak the header', async () => {
    const r = await get('/api/lab/join?node-key=learner-7-key', cookie('something-else'));
    expect(r.setCookie).toMatch(/^scale_lab_node_key=learner-7-key; Path=\//);
    expect(r.headers.get('x-scale-lab-node-key')).toBeNull();
    // Only a well-formed key becomes the cookie: an answer cannot add attributes to Set-Cookie.
    const odd = await get(
      `/api/lab/join?node-key=${encodeURIComponent('learner-7-key; Domain=evil.test')}`,
      cookie('something-else'),
    );
    expect([odd.status, odd.setCookie]).toEqual([200, null]);
  });

  it('passes the proxy headers a node needs', async () => {
    const r = await get('/api/lab/progress', { ...cookie('learner-1-key'), 'x-forwarded-for': '203.0.113.9' });
    expect(r.body.headers).toMatchObject({
      host: `127.0.0.1:${nginx.port}`,
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
      'x-real-ip': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': `127.0.0.1:${nginx.port}`,
    });
    expect(r.body.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets the app answer bodies up to 2 MiB itself (its own limit is 1 MiB) and stops larger ones', async () => {
    const post = (bytes: number) =>
      get('/api/lab/sql', cookie('learner-2-key'), { method: 'POST', body: 'x'.repeat(bytes) });
    expect((await post(1_500_000)).body.bytes).toBe(1_500_000);
    expect((await post(3_000_000)).status).toBe(413);
  });

  // nginx 1.22 passes small chunks on promptly even with proxy_buffering on, so this guards the
  // behaviour (gzip, a postpone_output or a cache on this route would delay it), not that line.
  it('streams Server-Sent Events as they come instead of holding them back', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${base()}/api/lab/runs/run_1/events`, {
      headers: cookie('learner-3-key'),
      signal: ctrl.signal,
    });
    const reader = res.body!.getReader();
    // The stub holds the stream open for 5 s after its first event; that event must arrive now.
    const first = await Promise.race([reader.read(), new Promise<'late'>((r) => setTimeout(() => r('late'), 2_000))]);
    ctrl.abort();
    expect(first).not.toBe('late');
    expect(new TextDecoder().decode((first as ReadableStreamReadResult<Uint8Array>).value)).toContain('data: 1');
  });

  it('routes around a dead node: its learners land on the others, nobody else moves, POSTs too', async () => {
    const before = await placement();
    const dead = stubs.find((s) => s.id === 'node-c')!;
    await dead.close();
    const during = await placement();
    for (const k of learners) {
      if (before[k] === 'node-c') expect(['node-a', 'node-b']).toContain(during[k]);
      else expect(during[k]).toBe(before[k]);
    }
    expect(await placement()).toEqual(during);
    const cLearner = learners.find((k) => before[k] === 'node-c')!;
    const post = await get('/api/lab/runs', cookie(cLearner), { method: 'POST', body: '{}' });
    expect([post.status, post.servedBy]).toEqual([200, during[cLearner]]);
    stubs = [...stubs.filter((s) => s !== dead), await startStub('node-c', dead.port)];
  });

  it('consistent hashing: taking a node out of the config moves only its own learners', async () => {
    await nginx.stop();
    await startAll(stubs); // fresh nginx, all three listed and up
    const three = await placement();
    await nginx.stop();
    await startAll(stubs.filter((s) => s.id !== 'node-b'));
    const two = await placement();
    const moved = learners.filter((k) => two[k] !== three[k]);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => three[k] === 'node-b')).toBe(true);
    expect(learners.filter((k) => three[k] === 'node-b')).toEqual(moved);
  });
});
