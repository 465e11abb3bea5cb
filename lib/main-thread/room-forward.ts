import { z } from 'zod';
import type { LocalRun } from '../workshop/roster';
import { appStore } from './store';

/** Marks a request one node passed to another for the room, so it is never passed on twice. */
export const ROOM_HOP_HEADER = 'x-scale-lab-room-hop';

/** The registered address of a live node other than this one, or null. Never taken from a request. */
export async function peerAddress(nodeId: string): Promise<string | null> {
  const { cluster } = await appStore();
  if (nodeId === cluster.nodeId) return null;
  const node = (await cluster.nodes.list()).find((n) => n.id === nodeId && n.alive);
  return node ? node.address : null;
}

/** The other live nodes of the room, for an action every node must do on its own disk. */
export async function peerNodes(): Promise<{ id: string; address: string }[]> {
  const { cluster } = await appStore();
  return (await cluster.nodes.list())
    .filter((n) => n.alive && n.id !== cluster.nodeId)
    .map((n) => ({ id: n.id, address: n.address }));
}

/**
 * The instructor's request, passed to the node that holds what it is about (a sandbox file, a
 * live run), with the instructor's cookie (every node signs with the same secret) and the hop
 * mark. Null when that node cannot be reached.
 */
export async function forwardToPeer(
  address: string,
  path: string,
  request: Request,
  init: { method: 'GET' | 'POST'; accept?: string; timeoutMs?: number },
): Promise<Response | null> {
  return fetch(`${address}${path}`, {
    method: init.method,
    headers: {
      cookie: request.headers.get('cookie') ?? '',
      accept: init.accept ?? 'application/json',
      [ROOM_HOP_HEADER]: '1',
    },
    signal: init.accept === 'text/event-stream' ? request.signal : AbortSignal.timeout(init.timeoutMs ?? 60_000),
  }).catch(() => null);
}

export const isForwarded = (request: Request) => request.headers.get(ROOM_HOP_HEADER) === '1';

/** A peer's answer passed back as it came (status, type, body). */
export function relay(res: Response): Response {
  return new Response(res.body, {
    status: res.status,
    headers: { 'content-type': res.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' },
  });
}

const peerRunsSchema = z.object({
  runs: z.array(
    z.object({
      runId: z.string(),
      learnerId: z.string(),
      rate: z.number(),
      seconds: z.number(),
      lastP95: z.number().nullable(),
    }),
  ),
});

/**
 * The live runs every other node holds, with their numbers, asked of each node at once (the
 * dashboard's 2 s refresh cannot wait longer than PEER_RUNS_TIMEOUT_MS for a slow one; a node
 * that does not answer in time leaves its runs with rate and age only).
 */
export const PEER_RUNS_TIMEOUT_MS = 1_000;

export async function peerRuns(request: Request): Promise<(LocalRun & { nodeId: string })[]> {
  const answers = await Promise.all(
    (await peerNodes()).map(async (peer) => {
      const res = await forwardToPeer(peer.address, '/api/workshop/runs', request, {
        method: 'GET',
        timeoutMs: PEER_RUNS_TIMEOUT_MS,
      });
      const parsed = peerRunsSchema.safeParse(res?.ok ? await res.json().catch(() => null) : null);
      return parsed.success ? parsed.data.runs.map((r) => ({ ...r, nodeId: peer.id })) : [];
    }),
  );
  return answers.flat();
}
