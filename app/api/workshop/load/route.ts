import { z } from 'zod';
import { readJson } from '@/lib/control/http';
import { peekRunManager } from '@/lib/main-thread/run-manager';
import { requireInstructor } from '@/lib/workshop/http';
import { capsSchema } from '@/lib/workshop/state';
import { pauseRoom, resumeRoom, roomState, setRoomCaps, stopAllRuns } from '@/lib/main-thread/room';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PATCH, DELETE } = otherMethods('/api/workshop/load');

const action = z.strictObject({ action: z.enum(['pause', 'resume', 'stop-all']) });

/** Pause (stop all runs on every node and refuse new ones), resume, or stop everything running now. */
export async function POST(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const body = await readJson(request, action);
  if (!body.ok) return body.response;
  const runs = peekRunManager();
  // Every node acts on the signal these publish, this one included (lib/main-thread/room.ts).
  if (body.data.action === 'pause') await pauseRoom();
  else if (body.data.action === 'resume') await resumeRoom();
  else await stopAllRuns();
  return Response.json({ paused: (await roomState()).paused, activeRuns: runs?.stats().active ?? 0 });
}

/** Set the room's load caps (never above the server's configured limits). */
export async function PUT(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const { load } = rt.config;
  const schema = capsSchema
    .refine((c) => c.totalRate <= load.maxTotalRate, {
      error: `must be at most the server's ${load.maxTotalRate} req/s`,
      path: ['totalRate'],
    })
    .refine((c) => c.maxRuns <= load.maxRuns, {
      error: `must be at most the server's ${load.maxRuns} runs`,
      path: ['maxRuns'],
    })
    .refine((c) => c.perLearnerRate <= c.totalRate, {
      error: 'must not exceed the total rate',
      path: ['perLearnerRate'],
    });
  const body = await readJson(request, schema);
  if (!body.ok) return body.response;
  await setRoomCaps(body.data);
  return Response.json({ caps: body.data });
}
