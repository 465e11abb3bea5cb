import { BUILD_RETRY_AFTER_S, isBuildDeadline, isLockConflict, isSchemaChangeBusy } from '../db/lock-conflict';
import { TEACHING_INDEXES, type TeachingIndex } from '../db/schema';
import { SandboxBusyError } from '../db/sandboxes';
import type { IndexState, KnobSettings, SettingsResponse } from '../knobs/schema';
import { indexStates } from '../knobs/index-states';
import type { MetricFamily } from '../metrics/names';
import type { RunOutcome } from '../sql-console/run-query';
import { SQL_LIMITS } from '../sql-console/schema';
import { APPLY_KNOBS_TIMEOUT_MS } from './knob-limits';
import { explainEndpoint, type ExplainEndpoint, type ExplainedStatement } from './explain';
import type { LabServer } from './server';

type KnobsResult = Omit<SettingsResponse, 'sandboxId'>;

/**
 * Commands the main thread may send to the lab server. The lab server owns the sandbox
 * handles, caches and limiters, so anything that touches them goes through here.
 */
export type ControlCalls = {
  resetSandbox: { args: { sandboxId: string }; result: { ms: number } };
  removeSandbox: { args: { sandboxId: string }; result: null };
  status: {
    args: Record<string, never>;
    result: {
      openSandboxes: number;
      requests: number;
      errors: number;
      indexBuilder: { queued: number; building: boolean; lockRetries: number };
    };
  };
  getKnobs: { args: { sandboxId: string }; result: KnobsResult };
  applyKnobs: {
    args: { sandboxId: string; settings: KnobSettings; indexes?: Partial<Record<TeachingIndex, boolean>> };
    result: KnobsResult;
  };
  explain: { args: { sandboxId: string; endpoint: ExplainEndpoint }; result: { statements: ExplainedStatement[] } };
  /** The lab server's Prometheus registry as JSON, merged into GET /metrics by the main thread. */
  metrics: { args: Record<string, never>; result: { families: MetricFamily[] } };
  // SQL console (lib/sql-console): its runner process opens the sandbox file by itself; the
  // lab server makes sure the file exists and is not mid-reset, and hears of index changes.
  sqlConsoleOpen: { args: { sandboxId: string }; result: { ready: boolean } };
  /**
   * A CREATE/DROP INDEX typed in the console: built by the lab server's index builder under the
   * sandbox's schema lock, never in a runner process that could outlive the server.
   */
  sqlIndexStatement: {
    /** `timeoutMs`: a node rebuilding a learner's console indexes waits as long as for knobs (capped there). */
    args: { sandboxId: string; sql: string; timeoutMs?: number };
    result: SqlIndexOutcome;
  };
  sqlIndexChanged: {
    args: { sandboxId: string; name: string; action: 'created' | 'dropped'; ms: number };
    result: null;
  };
};

export type ControlMethod = keyof ControlCalls;

/** `schema-busy`: another schema change on the sandbox runs (409); `locked`: its write lock stayed taken (503). */
export type SqlIndexOutcome =
  RunOutcome | { ok: false; code: 'schema-busy' | 'locked'; message: string; retryAfterS?: number };

/**
 * How long a knob's index build may take, its turn in the node's one index-builder queue
 * included: a little less than its caller waits (APPLY_KNOBS_TIMEOUT_MS), so a build that ends
 * is committed while someone still waits for it. It was the console's 30 s, and the full-scale
 * workshop bench (15 learners switching on idx_order_user_id over 40 s, 1,000,000 orders each,
 * machine at load 6-19) had 13-14 of 15 of those PATCHes answer 503 after 50-70 s: their builds
 * (3.4 s each on an idle copy here, several times that under the room's load) queued one after
 * another on the builder thread, passed the 30 s while waiting or building, and were rolled
 * back, so the thread's time went to work that was thrown away and the queue only grew. The
 * same queue serves a node taking over a dead node's learners, each with their indexes.
 */
const KNOB_BUILD_TIMEOUT_MS = APPLY_KNOBS_TIMEOUT_MS - 10_000;

export function createControl(server: LabServer) {
  const sandboxIndexes = (sandboxId: string): IndexState[] =>
    indexStates(server.pool.get(sandboxId), server.states.get(sandboxId).lastBuildMs);

  function knobs(sandboxId: string, changes?: KnobsResult['changes']): KnobsResult {
    const state = server.states.get(sandboxId);
    const cache = state.cache?.stats() ?? { hits: 0, misses: 0, stale: 0, coalesced: 0, size: 0 };
    const rateLimit = state.limiter ? { ...state.limiter.counters } : { allowed: 0, limited: 0 };
    return {
      settings: state.settings,
      indexes: sandboxIndexes(sandboxId),
      cache,
      rateLimit,
      ...(changes ? { changes } : {}),
    };
  }

  const handlers: { [M in ControlMethod]: (args: ControlCalls[M]['args']) => Promise<ControlCalls[M]['result']> } = {
    resetSandbox: async ({ sandboxId }) => {
      server.replicas.drop(sandboxId); // a copy of the old data; the next request makes a fresh one
      const result = await server.pool.reset(sandboxId, () => server.readers.closeSandbox(sandboxId));
      server.states.resetRuntime(sandboxId);
      return result;
    },
    removeSandbox: async ({ sandboxId }) => {
      server.replicas.drop(sandboxId);
      await server.pool.remove(sandboxId, () => server.readers.closeSandbox(sandboxId));
      server.states.resetRuntime(sandboxId);
      return null;
    },
    status: async () => ({
      openSandboxes: server.pool.openCount(),
      ...server.stats,
      indexBuilder: server.indexBuilder.stats(),
    }),
    getKnobs: async ({ sandboxId }) => knobs(sandboxId),
    applyKnobs: async ({ sandboxId, settings, indexes }) => {
      const changes: NonNullable<KnobsResult['changes']> = [];
      const current = new Map(sandboxIndexes(sandboxId).map((i) => [i.name, i.present]));
      const todo = (Object.entries(indexes ?? {}) as [TeachingIndex, boolean][]).filter(
        ([name, want]) => current.get(name) !== want,
      );
      // Index builds run on the index builder's thread, under this sandbox's schema lock: a
      // million-row CREATE INDEX must not stall other learners, nor race the console's.
      if (todo.length > 0) {
        await server.schemaLocks.run(sandboxId, 'knobs', async () => {
          for (const [name, want] of todo) {
            const { ms } = await server.indexBuilder.run(
              sandboxId,
              { kind: 'teaching', name, want },
              KNOB_BUILD_TIMEOUT_MS,
            );
            if (want) server.states.get(sandboxId).lastBuildMs[name] = ms;
            else delete server.states.get(sandboxId).lastBuildMs[name];
            changes.push({ index: name, action: want ? 'created' : 'dropped', ms });
          }
        });
      }
      server.states.apply(sandboxId, settings);
      await server.replicas.sync(sandboxId, settings.replica);
      return knobs(sandboxId, changes);
    },
    explain: async ({ sandboxId, endpoint }) => ({
      statements: explainEndpoint(server.pool.get(sandboxId), endpoint, server.states.get(sandboxId).settings),
    }),
    metrics: async () => ({ families: await server.metrics.json() }),
    // SQL console
    sqlConsoleOpen: async ({ sandboxId }) => {
      try {
        server.pool.get(sandboxId); // re-creates a removed sandbox file, like any API request
        return { ready: true };
      } catch (err) {
        if (err instanceof SandboxBusyError) return { ready: false };
        throw err;
      }
    },
    sqlIndexStatement: async ({ sandboxId, sql, timeoutMs }) => {
      const limit = Math.min(timeoutMs ?? SQL_LIMITS.indexTimeoutMs, KNOB_BUILD_TIMEOUT_MS);
      try {
        server.pool.get(sandboxId); // the file exists and is not mid-reset
        const { outcome } = await server.schemaLocks.run(sandboxId, 'SQL console', () =>
          server.indexBuilder.run(sandboxId, { kind: 'console', sql }, limit),
        );
        if (!outcome) throw new Error('the index builder returned no outcome for a console statement');
        const index = outcome.ok ? outcome.result.index : undefined;
        if (outcome.ok && index && index.action !== 'unchanged' && index.name in TEACHING_INDEXES) {
          const built = server.states.get(sandboxId).lastBuildMs;
          if (index.action === 'created') built[index.name as TeachingIndex] = outcome.result.ms;
          else delete built[index.name as TeachingIndex];
        }
        return outcome;
      } catch (err) {
        if (isSchemaChangeBusy(err))
          return {
            ok: false,
            code: 'schema-busy',
            message:
              'Another schema change on your sandbox (from the knobs or the console) is still running; wait for it, then try again.',
          };
        if (isBuildDeadline(err))
          return {
            ok: false,
            code: 'locked',
            // The same wait as the knobs ask for (lib/api/lock-problem.ts): the builder's queue is long.
            retryAfterS: BUILD_RETRY_AFTER_S,
            message: `This server is building other learners\u2019 indexes one at a time, and yours did not get its turn and finish within the time limit; nothing was changed. Try again in ${BUILD_RETRY_AFTER_S} seconds.`,
          };
        if (isLockConflict(err) || err instanceof SandboxBusyError)
          return {
            ok: false,
            code: 'locked',
            message:
              'Your sandbox stayed busy (its own writes or a reset held the write lock) for the whole time limit; nothing was changed. Try again in a moment.',
          };
        throw err;
      }
    },
    sqlIndexChanged: async ({ sandboxId, name, action, ms }) => {
      const built = server.states.get(sandboxId).lastBuildMs;
      if (name in TEACHING_INDEXES) {
        if (action === 'created') built[name as TeachingIndex] = ms;
        else delete built[name as TeachingIndex];
      }
      return null;
    },
  };

  return function call(method: string, args: unknown): Promise<unknown> {
    const h = handlers[method as ControlMethod] as ((a: unknown) => Promise<unknown>) | undefined;
    if (!h) return Promise.reject(new Error(`unknown control method ${method}`));
    return h(args);
  };
}
