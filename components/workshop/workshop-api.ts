import { z } from 'zod';
import { controlFetch, controlFetchRaw, sendJson } from '@/lib/client/control-client';
import { broadcastSchema, capsSchema } from '@/lib/workshop/state-schema';

/** The dashboard's view of the room, parsed in the browser. */
export const overviewSchema = z.object({
  workshop: z.object({
    paused: z.boolean(),
    caps: capsSchema,
    limits: z.object({ totalRate: z.number(), maxRuns: z.number() }),
    broadcast: broadcastSchema.nullable(),
    joinCode: z.string(),
    joinUrl: z.string(),
    /** The run on the room's projector and the node holding it, or null. */
    projector: z.object({ runId: z.string(), nodeId: z.string().nullable() }).nullable(),
  }),
  server: z.object({
    cpuPct: z.number(),
    cores: z.number(),
    eventLoopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
    apiRequestsPerSec: z.number().nullable(),
    memoryMb: z.number(),
    lab: z.object({ state: z.string(), restarts: z.number() }),
    activeRuns: z.number(),
    activeRate: z.number(),
    diskBytes: z.number(),
    idleHours: z.number(),
  }),
  /** The room's nodes (one in the embedded default) and every run's reservation in its budget. */
  room: z.object({
    mode: z.enum(['embedded', 'postgres']),
    self: z.string(),
    nodes: z.array(
      z.object({
        id: z.string(),
        address: z.string(),
        alive: z.boolean(),
        heartbeatAgeMs: z.number(),
        cpuPct: z.number(),
        sandboxes: z.number(),
        diskBytes: z.number(),
        runs: z.number(),
        rate: z.number(),
      }),
    ),
    runs: z.number(),
    rate: z.number(),
  }),
  learners: z.array(
    z.object({
      learnerId: z.string(),
      nickname: z.string(),
      currentLesson: z.string().nullable(),
      lastSeenAt: z.string().nullable(),
      checksPassed: z.number(),
      predictions: z.number(),
      quizCorrect: z.number(),
      quizAnswered: z.number(),
      node: z.string().nullable(),
      run: z
        .object({
          runId: z.string(),
          node: z.string(),
          rate: z.number(),
          seconds: z.number(),
          lastP95: z.number().nullable(),
        })
        .nullable(),
      diskBytes: z.number().nullable(),
    }),
  ),
});
export type Overview = z.infer<typeof overviewSchema>;

/** An instructor action: a JSON body when there is one; the answer is not read. */
export const workshopCall = (url: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown) =>
  controlFetchRaw(url, body === undefined ? { method } : sendJson(method, body));

export const fetchOverview = () => controlFetch('/api/workshop/overview', overviewSchema);
