import fs from 'node:fs';
import { openDatabase, forgetStatements, type Db } from '../db/open';
import { upgradeSandbox } from '../db/sandbox-upgrade';
import { createSandboxFile, removeSandboxFiles, sandboxPath, SandboxBusyError } from '../db/sandboxes';
import { templatePath } from '../db/template';

/**
 * Owns every open sandbox handle in the lab server. Handles are opened on first use and the
 * least recently used are closed past `maxOpen`, so a workshop of many learners does not
 * run out of file descriptors.
 */
export function createSandboxPool(dataDir: string, opts: { maxOpen?: number } = {}) {
  const maxOpen = opts.maxOpen ?? 64;
  const open = new Map<string, Db>();
  const resetting = new Set<string>();
  const listeners = new Set<(sandboxId: string) => void>();
  const openListeners = new Set<(sandboxId: string, db: Db) => void>();
  // The most recently used sandbox (always the last key of `open`): a burst of one learner's
  // requests, the usual case under load, skips the re-insert below.
  let mru: string | null = null;

  function close(id: string): void {
    const db = open.get(id);
    if (!db) return;
    if (mru === id) mru = null;
    open.delete(id);
    forgetStatements(db);
    db.close();
  }

  function get(id: string): Db {
    if (resetting.has(id)) throw new SandboxBusyError(id);
    const db = open.get(id);
    if (db) {
      if (mru === id) return db;
      // Re-insert to keep Map order = least recently used first.
      open.delete(id);
      open.set(id, db);
      mru = id;
      return db;
    }
    const file = sandboxPath(dataDir, id);
    // A signed token names the sandbox; if its file is gone (data reset), rebuild it.
    if (!fs.existsSync(file)) createSandboxFile(dataDir, id);
    // busy_timeout 0: this thread serves every sandbox, so it must never wait on one's lock.
    const fresh = openDatabase(file, { busyTimeoutMs: 0 });
    // Sandboxes copied from an older template get the tables added since (the job queue).
    // It writes, so it can meet the sandbox's lock (busy_timeout 0): then the request gets a
    // 503 and the next one opens the file again.
    try {
      upgradeSandbox(fresh);
    } catch (err) {
      fresh.close();
      throw err;
    }
    open.set(id, fresh);
    mru = id;
    for (const l of openListeners) l(id, fresh);
    while (open.size > maxOpen) {
      const oldest = open.keys().next().value;
      if (oldest === undefined) break;
      close(oldest);
    }
    return fresh;
  }

  /** Replace the sandbox with a fresh template copy without blocking other learners. */
  async function reset(id: string, beforeReplace?: () => Promise<void>): Promise<{ ms: number }> {
    const started = performance.now();
    resetting.add(id);
    try {
      close(id);
      // Other holders of the file (reader threads) let go before it is replaced.
      await beforeReplace?.();
      removeSandboxFiles(dataDir, id);
      const file = sandboxPath(dataDir, id);
      const tmp = `${file}.reset-${process.pid}`;
      await fs.promises.copyFile(templatePath(dataDir), tmp);
      await fs.promises.rename(tmp, file);
      for (const l of listeners) l(id);
    } finally {
      resetting.delete(id);
    }
    return { ms: performance.now() - started };
  }

  /** Give the disk back (idle cleanup); the next request for it copies a fresh one. */
  async function remove(id: string, beforeRemove?: () => Promise<void>): Promise<void> {
    resetting.add(id);
    try {
      close(id);
      await beforeRemove?.();
      removeSandboxFiles(dataDir, id);
    } finally {
      resetting.delete(id);
    }
  }

  return {
    get,
    /** Whether the sandbox's handle is open now (so its file exists): no disk access. */
    isOpen: (id: string) => open.has(id),
    reset,
    remove,
    close,
    /** Called after a reset so caches and limiter state of that sandbox can be dropped. */
    onReset(listener: (sandboxId: string) => void) {
      listeners.add(listener);
    },
    /** Called each time a sandbox file is opened (the job worker resumes its queue then). */
    onOpen(listener: (sandboxId: string, db: Db) => void) {
      openListeners.add(listener);
    },
    openCount: () => open.size,
    closeAll() {
      for (const id of [...open.keys()]) close(id);
    },
  };
}

export type SandboxPool = ReturnType<typeof createSandboxPool>;
