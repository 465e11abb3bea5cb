import { z } from 'zod';
import type { ConsoleIndex, ConsoleIndexes } from '../db/repository-ports';
import { TEACHING_INDEXES } from '../db/schema';
import { checkSql, MAX_SQL_LENGTH } from './guard';

/**
 * The indexes a learner made or dropped in the SQL console, kept in the control store beside
 * their knobs so that a node taking their sandbox over (its node died, or nginx moved them)
 * builds the same ones on its fresh copy of the template.
 *
 * A state, not a log: `created` holds the console-made indexes that exist now, each with the
 * definition SQLite stored for it (sqlite_master.sql: CREATE keywords upper-cased, IF NOT
 * EXISTS and the schema name removed), and `dropped` the names of other indexes the console
 * removed (the template's own). Replaying it on a fresh copy is: drop those, create these. A
 * learner who creates and drops the same index a hundred times leaves nothing behind.
 *
 * The three teaching indexes are not here: the knobs' record (sandboxes.indexes) owns them,
 * whether switched on by a knob or typed in the console.
 *
 * A reset forgets this record as it forgets the teaching indexes: the learner asked for a fresh
 * copy of the template, and the reset button says "your data changes and indexes are lost".
 */
export type { ConsoleIndex, ConsoleIndexes } from '../db/repository-ports';
export type ConsoleIndexChange = { action: 'created'; name: string; sql: string } | { action: 'dropped'; name: string };

export const NO_CONSOLE_INDEXES: ConsoleIndexes = Object.freeze({ created: [], dropped: [] }) as ConsoleIndexes;

// SQLite compares index names without regard to case.
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isTeaching = (name: string) => Object.keys(TEACHING_INDEXES).some((t) => same(t, name));

/** A definition replays only if the console itself would run it: CREATE INDEX on a teaching table, under its own name. */
export function isReplayableIndex(ix: ConsoleIndex): boolean {
  if (isTeaching(ix.name)) return false;
  const verdict = checkSql(ix.sql);
  return (
    verdict.ok && verdict.kind === 'index' && verdict.index.action === 'create' && same(verdict.index.name, ix.name)
  );
}

const nameSchema = z.string().min(1).max(128);
const stateSchema = z.object({
  created: z.array(z.object({ name: nameSchema, sql: z.string().min(1).max(MAX_SQL_LENGTH) })),
  dropped: z.array(nameSchema),
});

/**
 * Reads the stored JSON (null: nothing recorded yet). The store is one more place a statement
 * could come from, so what does not pass the console's own guard again is left out, not run.
 */
export function consoleIndexesFromJson(json: string | null | undefined): ConsoleIndexes {
  if (!json) return NO_CONSOLE_INDEXES;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return NO_CONSOLE_INDEXES;
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) return NO_CONSOLE_INDEXES;
  return {
    created: parsed.data.created.filter(isReplayableIndex),
    dropped: parsed.data.dropped.filter((n) => !isTeaching(n)),
  };
}

export const consoleIndexesToJson = (state: ConsoleIndexes): string | null =>
  state.created.length === 0 && state.dropped.length === 0 ? null : JSON.stringify(state);

/** The state after one committed console change; the same object when there is nothing to record. */
export function applyConsoleChange(state: ConsoleIndexes, change: ConsoleIndexChange): ConsoleIndexes {
  if (isTeaching(change.name)) return state;
  const others = state.created.filter((c) => !same(c.name, change.name));
  if (change.action === 'created') {
    const ix = { name: change.name, sql: change.sql };
    if (!isReplayableIndex(ix)) return state;
    return { created: [...others, ix].sort((a, b) => a.name.localeCompare(b.name)), dropped: state.dropped };
  }
  // Dropping one the console made takes it off the list; dropping any other is remembered.
  if (others.length < state.created.length) return { created: others, dropped: state.dropped };
  if (state.dropped.some((n) => same(n, change.name))) return state;
  return { created: state.created, dropped: [...state.dropped, change.name].sort() };
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The statements that rebuild the state on a fresh copy of the template, drops first. */
export function replayStatements(state: ConsoleIndexes): string[] {
  return [...state.dropped.map((n) => `DROP INDEX IF EXISTS ${quoteName(n)}`), ...state.created.map((c) => c.sql)];
}
