import fs from 'node:fs';
import path from 'node:path';

export type SandboxUsage = { count: number; bytes: number };

const SANDBOX_FILE = /^sbx_[a-z0-9]{20}\.db(?:-wal)?$/;

/** Sandboxes on disk now (idle ones whose files were removed do not count) and the bytes they use. */
export function sandboxUsage(dataDir: string): SandboxUsage {
  const dir = path.join(dataDir, 'sandboxes');
  let names: string[];
  try {
    names = fs.readdirSync(/*turbopackIgnore: true*/ dir);
  } catch {
    return { count: 0, bytes: 0 };
  }
  let count = 0;
  let bytes = 0;
  for (const name of names) {
    if (!SANDBOX_FILE.test(name)) continue;
    if (name.endsWith('.db')) count++;
    try {
      bytes += fs.statSync(/*turbopackIgnore: true*/ path.join(dir, name)).size;
    } catch {
      // removed between the listing and the stat: it no longer uses disk
    }
  }
  return { count, bytes };
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** Why one more sandbox would not fit on this server, in words for the 503, or null if it fits. */
export function serverFullReason(
  usage: SandboxUsage,
  limits: { maxSandboxes: number; maxSandboxDiskBytes: number },
): string | null {
  if (usage.count >= limits.maxSandboxes) {
    return `This server is full: it holds ${usage.count} sandboxes, its limit (SCALE_LAB_MAX_SANDBOXES=${limits.maxSandboxes}). Idle sandboxes are freed automatically; try again later or ask the person running it to raise the limit.`;
  }
  if (usage.bytes >= limits.maxSandboxDiskBytes) {
    return `This server is full: its sandboxes use ${gb(usage.bytes)} of disk, its limit (SCALE_LAB_MAX_SANDBOX_DISK_GB=${gb(limits.maxSandboxDiskBytes)}). Idle sandboxes are freed automatically; try again later or ask the person running it to raise the limit.`;
  }
  return null;
}
