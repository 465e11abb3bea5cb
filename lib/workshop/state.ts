import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * The room's shared state, through the repository's workshop store so every node reads the
 * same: app.db in the embedded default, PostgreSQL in cluster mode. Whether load is paused, the
 * caps the instructor set, the current broadcast, the join code and the run on the projector.
 * Writers publish a cluster signal afterwards (lib/workshop/room.ts); the state is the truth a
 * node that missed a signal reads again.
 */
export { broadcastSchema, capsSchema, type Broadcast, type LoadCaps } from './state-schema';
import { broadcastSchema, capsSchema, type Broadcast, type LoadCaps } from './state-schema';

/** Where the room's state is kept: the repository's workshop store (lib/store implements it). */
export type WorkshopRepository = {
  get(key: string): Promise<unknown>;
  /** null deletes the key. */
  set(key: string, value: unknown): Promise<void>;
};

export const projectorSchema = z.strictObject({
  runId: z.string().max(100),
  nodeId: z.string().max(100).nullable(),
  // Whose run: once it has ended, its stored record (runs are kept per learner) is what the projector shows.
  learnerId: z.string().max(100).optional(),
});
export type ProjectorSelection = z.infer<typeof projectorSchema>;

export type WorkshopState = {
  paused: boolean;
  caps: LoadCaps | null;
  broadcast: Broadcast | null;
  joinCode: string;
  projector: ProjectorSelection | null;
};

async function read<T>(store: WorkshopRepository, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const parsed = schema.safeParse(await store.get(key));
  return parsed.success ? parsed.data : null;
}

// No 0/O or 1/I/L: the code is read aloud and typed from a projector.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * The room's first join code, derived from the signing secret every node shares: nodes that
 * find no code at the same moment write the same one, so no node ever shows a code another
 * would refuse. Once stored it is the stored one that counts.
 */
export function derivedJoinCode(secret: Uint8Array): string {
  const mac = createHmac('sha256', secret).update('scale-lab join code').digest();
  return Array.from(mac.subarray(0, 6), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export async function readWorkshop(store: WorkshopRepository, secret: Uint8Array): Promise<WorkshopState> {
  const [stored, paused, caps, broadcast, projector] = await Promise.all([
    read(store, 'joinCode', z.string()),
    read(store, 'paused', z.boolean()),
    read(store, 'caps', capsSchema),
    read(store, 'broadcast', broadcastSchema),
    read(store, 'projector', projectorSchema),
  ]);
  let joinCode = stored;
  if (!joinCode) {
    joinCode = derivedJoinCode(secret);
    await store.set('joinCode', joinCode);
  }
  return { paused: paused ?? false, caps, broadcast, joinCode, projector };
}

export const setPaused = (store: WorkshopRepository, paused: boolean) => store.set('paused', paused);
export const setCaps = (store: WorkshopRepository, caps: LoadCaps) => store.set('caps', caps);
export const setBroadcast = (store: WorkshopRepository, b: Broadcast | null) => store.set('broadcast', b);
export const setProjector = (store: WorkshopRepository, p: ProjectorSelection | null) => store.set('projector', p);
