import { SchemaChangeBusyError } from '../db/lock-conflict';

/**
 * One schema change per sandbox at a time, whoever asks (the SQL console or the knobs).
 * A second one is refused at once (409) rather than queued: the learner sees which change
 * is running instead of a button that hangs, and no thread waits.
 */
export function createSchemaLocks() {
  const held = new Map<string, string>();
  return {
    async run<T>(sandboxId: string, holder: string, fn: () => Promise<T>): Promise<T> {
      const current = held.get(sandboxId);
      if (current !== undefined) throw new SchemaChangeBusyError(sandboxId, current);
      held.set(sandboxId, holder);
      try {
        return await fn();
      } finally {
        held.delete(sandboxId);
      }
    },
    holder: (sandboxId: string) => held.get(sandboxId) ?? null,
  };
}

export type SchemaLocks = ReturnType<typeof createSchemaLocks>;
