import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type KnobSettings } from '../knobs/schema';
import type { ProgressItem } from '../lessons/progress';
import { runSchema, type RunRecord } from '../runs/schema';
import { NO_CONSOLE_INDEXES } from '../sql-console/console-indexes';
import type { Repository } from './repository';

/**
 * One contract for both stores (app.db and PostgreSQL): sqlite-repository.test.ts and
 * pg/repository.test.ts run this same suite, so cluster mode and the embedded default cannot
 * drift apart. Each test makes its own learners, so the tests share one store without order.
 */
export type RepositoryHarness = {
  repo: Repository;
  close(): Promise<void>;
  /** The node the repository was opened as: the roster names it as the home of the sandboxes it creates. */
  nodeId?: string | null;
};

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, s));

function runRecord(id: string, startedAt: Date, extra: Partial<RunRecord> = {}): RunRecord {
  return runSchema.parse({
    id,
    status: 'running',
    profile: { model: 'constant-arrival', rate: 5 },
    knobs: { settings: DEFAULT_SETTINGS, indexes: [] },
    startedAt: startedAt.toISOString(),
    endedAt: null,
    error: null,
    note: null,
    seconds: [],
    summary: null,
    ...extra,
  });
}

const prediction = (lesson: string, choice: string, updatedAt: Date): ProgressItem => ({
  lesson,
  kind: 'prediction',
  item: 'p1',
  value: { choice },
  updatedAt: updatedAt.toISOString(),
});

export function describeRepositoryContract(name: string, make: () => Promise<RepositoryHarness>) {
  describe(`repository contract: ${name}`, () => {
    let h: RepositoryHarness | undefined;
    const repo = async () => (h ??= await make()).repo;
    afterAll(async () => h?.close());

    it('learners: a new learner owns a new sandbox; the roster lists them; nickname and presence stick', async () => {
      const r = await repo();
      const sbx = await r.learners.createWithSandbox(at(1));
      expect(sbx).toEqual({
        id: expect.stringMatching(/^sbx_/),
        learnerId: expect.stringMatching(/^lrn_/),
        createdAt: at(1).toISOString(),
        resetAt: null,
        lastUsedAt: at(1).toISOString(),
      });
      expect(await r.sandboxes.find(sbx.id)).toEqual(sbx);
      await r.learners.setNickname(sbx.learnerId, 'Ada');
      await r.learners.markPresence(sbx.learnerId, 'indexes', at(2));
      await r.learners.markPresence(sbx.learnerId, null, at(3));
      const row = (await r.learners.list()).find((l) => l.id === sbx.learnerId);
      expect(row).toEqual({
        id: sbx.learnerId,
        nickname: 'Ada',
        created_at: at(1).toISOString(),
        current_lesson: 'indexes',
        last_seen_at: at(3).toISOString(),
        sandbox_id: sbx.id,
        sandbox_last_used_at: at(1).toISOString(),
        node_id: h?.nodeId ?? null,
      });
    });

    it('sandboxes: touch and reset move last use; idleSince names only the untouched; count grows', async () => {
      const r = await repo();
      const before = await r.sandboxes.count();
      const old = await r.learners.createWithSandbox(new Date(Date.UTC(2020, 0, 1)));
      const fresh = await r.learners.createWithSandbox(new Date(Date.UTC(2020, 0, 1)));
      expect(await r.sandboxes.count()).toBe(before + 2);
      await r.sandboxes.touch(fresh.id, at(5));
      const idle = await r.sandboxes.idleSince(new Date(Date.UTC(2021, 0, 1)));
      expect(idle).toContain(old.id);
      expect(idle).not.toContain(fresh.id);
      await r.sandboxes.markReset(old.id, at(6));
      expect(await r.sandboxes.find(old.id)).toMatchObject({
        resetAt: at(6).toISOString(),
        lastUsedAt: at(6).toISOString(),
      });
      expect(await r.sandboxes.find('sbx_nobody')).toBeUndefined();
    });

    it('sandboxes: teaching indexes are recorded sorted and a reset forgets them; the creating node holds it', async () => {
      const r = await repo();
      const sbx = await r.learners.createWithSandbox(at(1));
      expect(await r.sandboxes.indexes(sbx.id)).toEqual([]);
      await r.sandboxes.setIndexes(sbx.id, ['idx_orders_user', 'idx_b']);
      expect(await r.sandboxes.indexes(sbx.id)).toEqual(['idx_b', 'idx_orders_user']);
      await r.sandboxes.markReset(sbx.id, at(2));
      expect(await r.sandboxes.indexes(sbx.id)).toEqual([]);
      // Held where it was made: holding it again moves nothing.
      expect(await r.sandboxes.hold(sbx.id, at(3))).toBeNull();
      expect(await r.sandboxes.moved(sbx.id)).toBeNull();
    });

    it('sandboxes: console-made indexes are recorded per sandbox, read back validated, and a reset forgets them', async () => {
      const r = await repo();
      const sbx = await r.learners.createWithSandbox(at(1));
      const other = await r.learners.createWithSandbox(at(1));
      expect(await r.sandboxes.consoleIndexes(sbx.id)).toEqual(NO_CONSOLE_INDEXES);
      const state = {
        created: [{ name: 'idx_orders_status', sql: 'CREATE INDEX idx_orders_status ON orders (status)' }],
        dropped: ['idx_from_template'],
      };
      await r.sandboxes.setConsoleIndexes(sbx.id, state);
      expect(await r.sandboxes.consoleIndexes(sbx.id)).toEqual(state);
      expect(await r.sandboxes.consoleIndexes(other.id)).toEqual(NO_CONSOLE_INDEXES);
      // Whatever was stored, a statement the console would refuse never comes back out.
      await r.sandboxes.setConsoleIndexes(sbx.id, {
        created: [...state.created, { name: 'idx_x', sql: 'CREATE INDEX idx_x ON learners(id)' }],
        dropped: [],
      });
      expect((await r.sandboxes.consoleIndexes(sbx.id)).created).toEqual(state.created);
      await r.sandboxes.markReset(sbx.id, at(2));
      expect(await r.sandboxes.consoleIndexes(sbx.id)).toEqual(NO_CONSOLE_INDEXES);
      expect(await r.sandboxes.consoleIndexes('sbx_nobody')).toEqual(NO_CONSOLE_INDEXES);
    });

    it('settings: defaults until written; a write replaces the whole settings', async () => {
      const r = await repo();
      const sbx = await r.learners.createWithSandbox(at(1));
      expect(await r.settings.read(sbx.id)).toEqual(DEFAULT_SETTINGS);
      const changed: KnobSettings = {
        ...DEFAULT_SETTINGS,
        appCache: { ...DEFAULT_SETTINGS.appCache, enabled: !DEFAULT_SETTINGS.appCache.enabled },
      };
      await r.settings.write(sbx.id, changed, at(2));
      expect(await r.settings.read(sbx.id)).toEqual(changed);
      await r.settings.write(sbx.id, DEFAULT_SETTINGS, at(3));
      expect(await r.settings.read(sbx.id)).toEqual(DEFAULT_SETTINGS);
    });

    it('runs: only their learner reads them; finish stores the result; pages are newest first and keyset-stable', async () => {
      const r = await repo();
      const a = await r.learners.createWithSandbox(at(1));
      const b = await r.learners.createWithSandbox(at(1));
      const ids = [1, 2, 3].map((i) => `run_${a.learnerId}_${i}`);
      // Two runs in the same millisecond: the insertion order breaks the tie.
      await r.runs.insert(a.learnerId, a.id, runRecord(ids[0]!, at(10)));
      await r.runs.insert(a.learnerId, a.id, runRecord(ids[1]!, at(11)));
      await r.runs.insert(a.learnerId, a.id, runRecord(ids[2]!, at(11)));
      expect(await r.runs.get(b.learnerId, ids[0]!)).toBeUndefined();
      expect((await r.runs.list(b.learnerId, 10)).rows).toEqual([]);

      const done = runRecord(ids[0]!, at(10), { status: 'completed', endedAt: at(20).toISOString(), error: null });
      await r.runs.finish(done);
      expect(await r.runs.get(a.learnerId, ids[0]!)).toEqual(done);

      const first = await r.runs.list(a.learnerId, 2);
      expect(first.rows.map((x) => x.id)).toEqual([ids[2], ids[1]]);
      expect(first.hasMore).toBe(true);
      const second = await r.runs.list(a.learnerId, 2, first.last!);
      expect(second.rows.map((x) => x.id)).toEqual([ids[0]]);
      expect(second.hasMore).toBe(false);
      expect(second.rows[0]!.status).toBe('completed');
    });

    it("runs: a lesson's list holds only that lesson's runs since the given moment", async () => {
      const r = await repo();
      const a = await r.learners.createWithSandbox(at(1));
      const id = (s: string) => `run_${a.learnerId}_${s}`;
      await r.runs.insert(a.learnerId, a.id, runRecord(id('old'), at(10), { lesson: 'indexes' }));
      await r.runs.insert(a.learnerId, a.id, runRecord(id('other'), at(20), { lesson: 'caching-in-layers' }));
      await r.runs.insert(a.learnerId, a.id, runRecord(id('none'), at(21), { lesson: null }));
      await r.runs.insert(a.learnerId, a.id, runRecord(id('new'), at(22), { lesson: 'indexes' }));
      expect((await r.runs.listForLesson(a.learnerId, 'indexes', null)).map((x) => x.id)).toEqual([
        id('new'),
        id('old'),
      ]);
      expect(
        (await r.runs.listForLesson(a.learnerId, 'indexes', at(15).toISOString())).map((x) => [x.id, x.lesson]),
      ).toEqual([[id('new'), 'indexes']]);
      expect((await r.runs.get(a.learnerId, id('none')))?.lesson).toBeNull();
    });

    it('runs: failRunning ends what is still running with the reason and leaves finished runs alone', async () => {
      const r = await repo();
      const a = await r.learners.createWithSandbox(at(1));
      await r.runs.insert(a.learnerId, a.id, runRecord(`run_${a.learnerId}_live`, at(30)));
      await r.runs.insert(a.learnerId, a.id, runRecord(`run_${a.learnerId}_done`, at(31)));
      await r.runs.finish(
        runRecord(`run_${a.learnerId}_done`, at(31), { status: 'completed', endedAt: at(32).toISOString() }),
      );
      expect(await r.runs.failRunning('The node running it stopped.', at(40))).toBeGreaterThanOrEqual(1);
      expect(await r.runs.get(a.learnerId, `run_${a.learnerId}_live`)).toMatchObject({
        status: 'failed',
        endedAt: at(40).toISOString(),
        error: 'The node running it stopped.',
      });
      expect(await r.runs.get(a.learnerId, `run_${a.learnerId}_done`)).toMatchObject({
        status: 'completed',
        error: null,
      });
    });

    it('progress: per learner and lesson; put upserts by item, all in one go', async () => {
      const r = await repo();
      const a = await r.learners.createWithSandbox(at(1));
      const b = await r.learners.createWithSandbox(at(1));
      await r.progress.put(a.learnerId, [
        prediction('indexes', 'faster', at(1)),
        prediction('caching-in-layers', 'same', at(1)),
      ]);
      await r.progress.put(a.learnerId, [prediction('indexes', 'slower', at(2))]);
      expect(await r.progress.list(a.learnerId, 'indexes')).toEqual([prediction('indexes', 'slower', at(2))]);
      expect((await r.progress.list(a.learnerId)).map((i) => i.lesson)).toEqual(['caching-in-layers', 'indexes']);
      expect(await r.progress.list(b.learnerId)).toEqual([]);
    });

    it('epochs: null until marked; marking again moves it; per learner', async () => {
      const r = await repo();
      const a = await r.learners.createWithSandbox(at(1));
      const b = await r.learners.createWithSandbox(at(1));
      expect(await r.epochs.get(a.learnerId, 'indexes')).toBeNull();
      expect(await r.epochs.mark(a.learnerId, 'indexes', at(5))).toBe(at(5).toISOString());
      await r.epochs.mark(a.learnerId, 'indexes', at(9));
      expect(await r.epochs.get(a.learnerId, 'indexes')).toBe(at(9).toISOString());
      expect(await r.epochs.get(b.learnerId, 'indexes')).toBeNull();
    });

    it('workshop: JSON values by key; null deletes', async () => {
      const r = await repo();
      const key = `caps-${Math.random().toString(36).slice(2)}`;
      expect(await r.workshop.get(key)).toBeNull();
      await r.workshop.set(key, { maxRate: 50, paused: false, note: 'ünïcode' });
      expect(await r.workshop.get(key)).toEqual({ maxRate: 50, paused: false, note: 'ünïcode' });
      await r.workshop.set(key, true);
      expect(await r.workshop.get(key)).toBe(true);
      await r.workshop.set(key, null);
      expect(await r.workshop.get(key)).toBeNull();
    });
  });
}
