import fs from 'node:fs';
import path from 'node:path';
import { sourceSnapshotSchema, type SourceSnapshot } from './sources-schema';

/**
 * The pipeline's source as it was built: scripts/snapshot-sources.mjs copies the files in
 * catalog.json into .build/sources.json when the app is built, and the Code view reads them
 * from here. Only files in that snapshot can ever be served.
 */
export function sourcesPath(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), '.build', 'sources.json');
}

let cached: { mtimeMs: number; snapshot: SourceSnapshot } | undefined;

/** The snapshot, re-read only when a rebuild replaced it; null when the app was built without one. */
export function readSourceSnapshot(file = sourcesPath()): SourceSnapshot | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (cached?.mtimeMs !== stat.mtimeMs) {
    cached = { mtimeMs: stat.mtimeMs, snapshot: sourceSnapshotSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) };
  }
  return cached.snapshot;
}
