import { createAppCache } from '../cache/app-cache';
import type { SandboxView } from '../api/ports';
import type { CachedValue } from '../api/stages/app-cache';
import type { TeachingIndex } from '../db/schema';
import type { KnobSettings } from '../knobs/schema';
import { createRateLimiter, type RateLimiter } from '../rate-limit';

/** What the lab server keeps per sandbox besides its database: the knobs and their state. */
export type SandboxRuntime = SandboxView & {
  lastBuildMs: Partial<Record<TeachingIndex, number>>;
};

export type SandboxCounters = {
  cache: { hits: number; misses: number; stale: number; coalesced: number; size: number };
  rateLimit: { allowed: number; limited: number };
  lastBuildMs: Partial<Record<TeachingIndex, number>>;
};

function buildCache(s: KnobSettings): SandboxRuntime['cache'] {
  const c = s.appCache;
  return c.enabled
    ? createAppCache<CachedValue>({ maxEntries: c.maxEntries, ttlMs: c.ttlSeconds * 1000, coalesce: c.coalesce })
    : null;
}

function buildLimiter(s: KnobSettings): RateLimiter | null {
  const r = s.rateLimit;
  return r.enabled
    ? createRateLimiter(
        { algorithm: r.algorithm, limit: r.limit, windowMs: r.windowSeconds * 1000, burst: r.burst },
        { maxKeys: 10_000 },
      )
    : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createSandboxStates(loadSettings: (sandboxId: string) => KnobSettings) {
  const states = new Map<string, SandboxRuntime>();

  function get(sandboxId: string): SandboxRuntime {
    let s = states.get(sandboxId);
    if (!s) {
      const settings = loadSettings(sandboxId);
      s = { settings, cache: buildCache(settings), limiter: buildLimiter(settings), lastBuildMs: {} };
      states.set(sandboxId, s);
    }
    return s;
  }

  /** New settings: a stage is rebuilt only when its own knobs changed, so a cache survives a limiter change. */
  function apply(sandboxId: string, settings: KnobSettings): SandboxRuntime {
    const s = get(sandboxId);
    if (!same(s.settings.appCache, settings.appCache)) s.cache = buildCache(settings);
    if (!same(s.settings.rateLimit, settings.rateLimit)) s.limiter = buildLimiter(settings);
    s.settings = settings;
    return s;
  }

  return {
    get,
    apply,
    /** Counters of every sandbox seen, for the main thread to show without asking (and waiting). */
    counters(): Record<string, SandboxCounters> {
      const out: Record<string, SandboxCounters> = {};
      for (const [id, s] of states) {
        out[id] = {
          cache: s.cache?.stats() ?? { hits: 0, misses: 0, stale: 0, coalesced: 0, size: 0 },
          rateLimit: s.limiter ? { ...s.limiter.counters } : { allowed: 0, limited: 0 },
          lastBuildMs: { ...s.lastBuildMs },
        };
      }
      return out;
    },
    /** After a reset the sandbox starts over: cold cache, fresh limiter, settings kept. */
    resetRuntime(sandboxId: string) {
      const s = states.get(sandboxId);
      if (!s) return;
      s.cache = buildCache(s.settings);
      s.limiter = buildLimiter(s.settings);
      s.lastBuildMs = {};
    },
  };
}

export type SandboxStates = ReturnType<typeof createSandboxStates>;
