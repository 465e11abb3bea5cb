import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { problemResponse, readJson } from '@/lib/control/http';
import { findLesson } from '@/lib/lessons/loader';
import { requireInstructor } from '@/lib/workshop/http';
import { broadcastToRoom } from '@/lib/main-thread/room';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH } = otherMethods('/api/workshop/broadcast');

const broadcast = z.strictObject({
  lesson: z.string().max(80).nullable().default(null),
  message: z.string().max(280).default(''),
});

/** "Go to lesson N": every learner, on every node, sees it as a banner within a few seconds. */
export async function POST(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const body = await readJson(request, broadcast);
  if (!body.ok) return body.response;
  if (body.data.lesson && !findLesson(body.data.lesson))
    return problemResponse('validation-failed', `There is no lesson "${body.data.lesson}".`, request);
  if (!body.data.lesson && !body.data.message)
    return problemResponse('validation-failed', 'Send a lesson, a message, or both.', request);
  const b = { id: randomUUID(), lesson: body.data.lesson, message: body.data.message, at: new Date().toISOString() };
  await broadcastToRoom(b);
  return Response.json(b, { status: 201 });
}

export async function DELETE(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  await broadcastToRoom(null);
  return new Response(null, { status: 204 });
}
