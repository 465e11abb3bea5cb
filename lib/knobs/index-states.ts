import type { Db } from '../db/open';
import { TEACHING_INDEXES, type TeachingIndex } from '../db/schema';
import type { IndexState } from './schema';

/**
 * The one reader of which teaching indexes a sandbox has: SQLite's own catalogue. The lab
 * server asks its open handle, the control API a short-lived read-only one; both get the same
 * answer. `lastBuildMs` is how long this server last took to build the index, and only said
 * of an index that is there (a dropped index has no build time worth showing).
 */
export function indexStates(db: Db | null, built: Partial<Record<TeachingIndex, number>>): IndexState[] {
  const present = new Set(
    db
      ? db
          .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
          .all()
          .map((r) => r.name)
      : [],
  );
  return (Object.keys(TEACHING_INDEXES) as TeachingIndex[]).map((name) => ({
    name,
    sql: TEACHING_INDEXES[name],
    present: present.has(name),
    lastBuildMs: present.has(name) ? (built[name] ?? null) : null,
  }));
}
