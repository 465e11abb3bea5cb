import fs from 'node:fs';
import { openDatabase } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import type { TeachingIndex } from '../db/schema';
import type { LabHost } from '../lab-server/host';
import type { ControlRuntime } from './ports';
import { indexStates } from '../knobs/index-states';
import type { IndexState, SettingsResponse } from '../knobs/schema';

/**
 * A sandbox's knobs as the control API shows them, without waiting on the lab server's
 * thread (busy with everyone's load in a workshop): settings from the store, index presence
 * from SQLite's own catalogue through a short-lived read-only connection, and counters as
 * the lab server last pushed them.
 */
export async function readKnobs(
  rt: ControlRuntime,
  lab: LabHost,
  sandboxId: string,
): Promise<Omit<SettingsResponse, 'sandboxId'>> {
  const counters = lab.counters(sandboxId);
  return {
    settings: await rt.repo.settings.read(sandboxId),
    indexes: readIndexStates(rt.config.dataDir, sandboxId, counters?.lastBuildMs ?? {}),
    cache: counters?.cache ?? { hits: 0, misses: 0, stale: 0, coalesced: 0, size: 0 },
    rateLimit: counters?.rateLimit ?? { allowed: 0, limited: 0 },
  };
}

function readIndexStates(
  dataDir: string,
  sandboxId: string,
  built: Partial<Record<TeachingIndex, number>>,
): IndexState[] {
  const file = sandboxPath(dataDir, sandboxId);
  // A sandbox whose file is not there yet (or was freed when idle) is a fresh template copy: no indexes.
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) return indexStates(null, built);
  const db = openDatabase(file, { readonly: true });
  try {
    return indexStates(db, built);
  } finally {
    db.close();
  }
}
