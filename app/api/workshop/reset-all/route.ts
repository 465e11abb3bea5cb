import { readyLab } from '@/lib/control/http';
import { resetSandbox } from '@/lib/control/sandbox-service';
import { requireInstructor } from '@/lib/workshop/http';
import { appContext, appStore } from '@/lib/main-thread/store';
import { forwardToPeer, isForwarded, peerNodes } from '@/lib/main-thread/room-forward';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/workshop/reset-all');

/**
 * Reset every learner's sandbox in the room: this node resets those on its disk, one after
 * another (each copy is async and quick), and asks every other live node to reset its own.
 */
export async function POST(request: Request) {
  const rt = await appContext();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  const { cluster } = await appStore();
  const forwarded = isForwarded(request);
  const peers = forwarded ? [] : await peerNodes();
  const live = new Set(peers.map((p) => p.id));
  // Asked by a peer: only the sandboxes on this node's disk. Asked by the instructor: also those
  // on no node or on a dead one (their learners land on a surviving node anyway).
  const mine = (node: string | null) => node === cluster.nodeId || (!forwarded && (node === null || !live.has(node)));
  const others = Promise.all(
    peers.map(async (p) => {
      const res = await forwardToPeer(p.address, '/api/workshop/reset-all', request, { method: 'POST' });
      const body = res?.ok ? ((await res.json()) as { reset?: unknown }) : null;
      return typeof body?.reset === 'number' ? body.reset : 0;
    }),
  );
  let reset = 0;
  for (const l of await rt.repo.learners.list()) {
    if (!mine(l.node_id)) continue;
    await resetSandbox(rt, lab.lab, l.sandbox_id);
    reset++;
  }
  reset += (await others).reduce((a, b) => a + b, 0);
  return Response.json({ reset });
}
