import fs from 'node:fs';
import path from 'node:path';
import type { NodeStats } from '../cluster';
import { appRuntime } from '../runtime';
import { peekRunManager } from './run-manager';

/**
 * What this node reports with each heartbeat, measured when the heartbeat is sent: CPU of the
 * whole process since the previous one (in % of one core), its live runs, and its sandbox files.
 */
export function nodeStatsReporter(): () => NodeStats {
  let last = { at: process.hrtime.bigint(), cpu: process.cpuUsage() };
  return () => {
    const at = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const wallUs = Number(at - last.at) / 1000;
    const usedUs = cpu.user - last.cpu.user + (cpu.system - last.cpu.system);
    last = { at, cpu };
    const { sandboxes, diskBytes } = sandboxFiles(appRuntime().config.dataDir);
    return {
      cpuPct: wallUs > 0 ? Math.round((usedUs / wallUs) * 1000) / 10 : 0,
      runs: peekRunManager()?.stats().active ?? 0,
      sandboxes,
      diskBytes,
    };
  };
}

function sandboxFiles(dataDir: string): { sandboxes: number; diskBytes: number } {
  const dir = path.join(dataDir, 'sandboxes');
  let sandboxes = 0;
  let diskBytes = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(/*turbopackIgnore: true*/ dir);
  } catch {
    return { sandboxes, diskBytes };
  }
  for (const f of names) {
    try {
      diskBytes += fs.statSync(/*turbopackIgnore: true*/ path.join(dir, f)).size;
      if (f.endsWith('.db')) sandboxes++;
    } catch {
      // removed while we looked
    }
  }
  return { sandboxes, diskBytes };
}
