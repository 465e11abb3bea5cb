import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { PEER_HEADER } from '@/lib/control/client-address';
import { serverFullReason } from '@/lib/db/capacity';
import { sandboxExists } from '@/lib/db/sandboxes';
import { issueToken } from '@/lib/learners/identity';
import { appRuntime } from '@/lib/runtime';
import { removeIdleSandboxes } from '@/lib/workshop/cleanup';
import { appRepo, forgetRemovedSandbox } from '@/lib/main-thread/store';
import { recordConsoleIndex } from '@/lib/control/console-indexes';
import { NO_CONSOLE_INDEXES } from '@/lib/sql-console/console-indexes';

/**
 * Finding 4 (no ceiling: 500 sandboxes, 3 GB at a tenth of the size) and finding 11 (the
 * Shop API accepted a signed token whose learner and sandbox do not belong together, and
 * created files for unknown sandbox ids).
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let sandbox: typeof import('@/app/api/lab/sandbox/route');

beforeAll(async () => {
  lab = await startTestLab('m', { SCALE_LAB_MAX_SANDBOXES: '3' });
  sandbox = await import('@/app/api/lab/sandbox/route');
});
afterAll(() => lab.stop());

const claimFrom = (address: string) =>
  sandbox.POST(
    new Request('http://localhost/api/lab/sandbox', { method: 'POST', headers: { [PEER_HEADER]: address } }),
  );
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; sbx: string };

describe("the Shop API checks that a token's learner and sandbox belong together", () => {
  const shop = (token: string) =>
    fetch(`http://127.0.0.1:${lab.lab.status().port}/api/v1/products/1`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it("a validly signed token pairing one learner with another learner's sandbox is 401", async () => {
    const { token: a } = await (await claimFrom('192.0.2.1')).json();
    expect((await shop(a)).status).toBe(200);
    const alice = claims(a);
    const swapped = await issueToken({ learnerId: 'lrn_someoneelsesomeoneel', sandboxId: alice.sbx }, lab.secret, 600);
    const res = await shop(swapped);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a validly signed token for a sandbox that was never made is 401 and creates no file', async () => {
    const ghost = 'sbx_ghostghostghostghost';
    const token = await issueToken({ learnerId: 'lrn_ghostghostghostghost', sandboxId: ghost }, lab.secret, 600);
    expect((await shop(token)).status).toBe(401);
    expect(sandboxExists(lab.dataDir, ghost)).toBe(false);
  });
});

describe('a ceiling per server', () => {
  const madeTokens: string[] = [];
  it('answers 503 server-full with a clear message once SCALE_LAB_MAX_SANDBOXES sandboxes exist', async () => {
    const statuses: number[] = [];
    // One sandbox exists already (the ownership tests above made it).
    for (let i = 0; i < 3; i++) {
      const res = await claimFrom(`192.0.2.${i + 10}`);
      statuses.push(res.status);
      if (res.status === 201) madeTokens.push((await res.json()).token);
    }
    expect(statuses).toEqual([201, 201, 503]);
    const full = await claimFrom('192.0.2.99');
    expect(full.status).toBe(503);
    expect(full.headers.get('content-type')).toBe('application/problem+json');
    expect(full.headers.get('retry-after')).toBeTruthy();
    const body = await full.json();
    expect(body.type).toBe('/problems/server-full');
    expect(body.detail).toContain('SCALE_LAB_MAX_SANDBOXES=3');
  });

  it("holds for a Shop request too: an idle learner's removed file is not recreated past the ceiling", async () => {
    // At the ceiling (3 of 3). Idle cleanup removes A's file, and a newcomer takes the place.
    const a = claims(madeTokens[0]!);
    await lab.lab.call('removeSandbox', { sandboxId: a.sbx });
    const newcomer = await claimFrom('192.0.2.60');
    expect(newcomer.status).toBe(201);
    const res = await fetch(`http://127.0.0.1:${lab.lab.status().port}/api/v1/products/1`, {
      headers: { authorization: `Bearer ${madeTokens[0]}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect((await res.json()).type).toBe('/problems/server-full');
    expect(sandboxExists(lab.dataDir, a.sbx)).toBe(false);
    // Once there is room again, A's next request rebuilds their sandbox.
    await lab.lab.call('removeSandbox', { sandboxId: claims((await newcomer.json()).token).sbx });
    const again = await fetch(`http://127.0.0.1:${lab.lab.status().port}/api/v1/products/1`, {
      headers: { authorization: `Bearer ${madeTokens[0]}` },
    });
    expect(again.status).toBe(200);
    expect(sandboxExists(lab.dataDir, a.sbx)).toBe(true);
  });

  it('idle cleanup keeps working at the ceiling: the sweep removes an idle file and a newcomer gets in', async () => {
    // Still at the ceiling (3 of 3) after the test above.
    expect((await claimFrom('192.0.2.70')).status).toBe(503);
    const idle = claims(madeTokens[1]!).sbx;
    const hour = 3_600_000;
    appRuntime()
      .appDb.prepare('UPDATE sandboxes SET last_used_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 2 * hour).toISOString(), idle);
    // Indexes built on the file that goes: a record that outlived it would be rebuilt by a later move.
    const repo = await appRepo();
    await repo.sandboxes.setIndexes(idle, ['idx_user_email']);
    await recordConsoleIndex(repo, idle, {
      action: 'created',
      name: 'idx_c',
      table: 'orders',
      sql: 'CREATE INDEX idx_c ON orders(status)',
    });
    const cleanup = { dataDir: lab.dataDir, idleMs: hour, forget: forgetRemovedSandbox };
    expect(await removeIdleSandboxes(appRuntime().appDb, lab.lab, cleanup)).toBe(1);
    expect(sandboxExists(lab.dataDir, idle)).toBe(false);
    expect(await repo.sandboxes.indexes(idle)).toEqual([]);
    expect(await repo.sandboxes.consoleIndexes(idle)).toEqual(NO_CONSOLE_INDEXES);
    // Recorded like a reset, once: the next sweep finds no file and leaves the record alone.
    const resetAt = (await repo.sandboxes.find(idle))?.resetAt;
    expect(resetAt).toBeTruthy();
    await removeIdleSandboxes(appRuntime().appDb, lab.lab, cleanup, new Date(Date.now() + 3 * hour));
    expect((await repo.sandboxes.find(idle))?.resetAt).toBe(resetAt);
    expect((await claimFrom('192.0.2.71')).status).toBe(201);
  });

  it('also counts disk', () => {
    expect(
      serverFullReason({ count: 1, bytes: 21 * 1024 ** 3 }, { maxSandboxes: 500, maxSandboxDiskBytes: 20 * 1024 ** 3 }),
    ).toContain('SCALE_LAB_MAX_SANDBOX_DISK_GB');
    expect(
      serverFullReason({ count: 1, bytes: 1024 }, { maxSandboxes: 500, maxSandboxDiskBytes: 20 * 1024 ** 3 }),
    ).toBeNull();
  });
});
