import type { Cluster, NodeStats } from '../cluster';
import { sandboxUsage } from '../db/capacity';
import type { RunRepository } from '../runs/repository-port';
import { peekRunManager } from './run-manager';

/**
 * What a node does for the cluster besides serving its learners: report its numbers with each
 * heartbeat, and end the runs of nodes that died (their process cannot).
 */

/** This node's numbers for the heartbeat: CPU since the last beat (all threads), runs, sandbox files and their bytes. */
export function nodeStats(dataDir: string): () => NodeStats {
  let last = { at: performance.now(), cpu: process.cpuUsage() };
  return () => {
    const at = performance.now();
    const cpu = process.cpuUsage(last.cpu);
    const elapsedMs = at - last.at;
    last = { at, cpu: process.cpuUsage() };
    const usage = sandboxUsage(dataDir);
    return {
      // µs of CPU over ms of wall time, in % of one core.
      cpuPct: elapsedMs > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 10 : 0,
      runs: peekRunManager()?.stats().active ?? 0,
      sandboxes: usage.count,
      diskBytes: usage.bytes,
    };
  };
}

export const LOST_REASON =
  'This node lost touch with the cluster database for too long, so its runs were stopped (the other nodes count it dead).';

export const deadNodeReason = (nodeId: string, deadAfterMs: number) =>
  `The node that ran it (${nodeId}) stopped answering (no heartbeat for ${Math.round(deadAfterMs / 1000)} s), so it could not finish.`;

/**
 * Every heartbeat interval, fail the runs still "running" on nodes whose heartbeat is older than
 * the dead limit. Every surviving node does it; the update is idempotent, so they never conflict.
 */
export function sweepDeadNodes(
  cluster: Pick<Cluster, 'nodes' | 'nodeId'>,
  repo: { runs: Pick<RunRepository, 'failRunning'> },
  intervalMs: number,
  deadAfterMs = intervalMs * 3,
): () => void {
  const sweep = async () => {
    for (const node of await cluster.nodes.list()) {
      if (node.alive || node.id === cluster.nodeId) continue;
      const failed = await repo.runs.failRunning(deadNodeReason(node.id, deadAfterMs), new Date(), node.id);
      if (failed) console.warn(`[cluster] node ${node.id} is dead: marked ${failed} of its runs failed`);
    }
  };
  const timer = setInterval(
    () => void sweep().catch((err) => console.warn('[cluster] dead-node sweep:', err)),
    intervalMs,
  );
  timer.unref();
  return () => clearInterval(timer);
}
