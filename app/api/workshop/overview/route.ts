import { getLabHost } from '@/lib/lab-server/host';
import { peekRunManager } from '@/lib/main-thread/run-manager';
import { sandboxesDiskBytes } from '@/lib/workshop/roster';
import { requireInstructor } from '@/lib/workshop/http';
import { roomUrl } from '@/lib/workshop/join-url';
import { sampleServerLoad } from '@/lib/workshop/server-load';
import { roomNodes, roomRoster, roomState } from '@/lib/main-thread/room';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/overview');

/** Everything the instructor dashboard shows, measured now. The dashboard polls it. */
export async function GET(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const lab = getLabHost();
  const labStatus = lab?.status();
  const labStats = labStatus?.state === 'ready' ? await lab!.call('status', {}).catch(() => null) : null;
  const runs = peekRunManager();
  const [state, room, learners] = await Promise.all([roomState(), roomNodes(), roomRoster(request)]);
  const { load } = rt.config;
  return Response.json(
    {
      workshop: {
        paused: state.paused,
        caps: state.caps ?? { perLearnerRate: load.maxTotalRate, totalRate: load.maxTotalRate, maxRuns: load.maxRuns },
        limits: { totalRate: load.maxTotalRate, maxRuns: load.maxRuns },
        broadcast: state.broadcast,
        joinCode: state.joinCode,
        projector: state.projector,
        joinUrl: roomUrl(rt.config.appPort),
      },
      server: {
        ...sampleServerLoad(labStats?.requests ?? null),
        lab: { state: labStatus?.state ?? 'stopped', restarts: labStatus?.restarts ?? 0 },
        activeRuns: runs?.stats().active ?? 0,
        activeRate: runs?.stats().totalRate ?? 0,
        diskBytes: sandboxesDiskBytes(rt.config.dataDir),
        idleHours: rt.config.idleMs / 3_600_000,
      },
      room,
      learners,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}
