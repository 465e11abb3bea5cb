import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { prepareCached, type Db } from '../db/open';

/**
 * The room's shared state, in app.db so it survives a restart: whether load is paused, the
 * load caps the instructor set, the current broadcast and the join code.
 */
export { broadcastSchema, capsSchema, type Broadcast, type LoadCaps } from './state-schema';
import { broadcastSchema, capsSchema, type Broadcast, type LoadCaps } from './state-schema';

export type WorkshopState = { paused: boolean; caps: LoadCaps | null; broadcast: Broadcast | null; joinCode: string };

function read<T>(db: Db, key: string, schema: z.ZodType<T>): T | null {
  const row = prepareCached(db, 'SELECT value FROM workshop WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

function write(db: Db, key: string, value: unknown): void {
  if (value === null) prepareCached(db, 'DELETE FROM workshop WHERE key = ?').run(key);
  else
    prepareCached(
      db,
      'INSERT INTO workshop (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, JSON.stringify(value));
}

// No 0/O or 1/I/L: the code is read aloud and typed from a projector.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function readWorkshop(db: Db): WorkshopState {
  let joinCode = read(db, 'joinCode', z.string());
  if (!joinCode) {
    joinCode = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    write(db, 'joinCode', joinCode);
  }
  return {
    paused: read(db, 'paused', z.boolean()) ?? false,
    caps: read(db, 'caps', capsSchema),
    broadcast: read(db, 'broadcast', broadcastSchema),
    joinCode,
  };
}

export const setPaused = (db: Db, paused: boolean) => write(db, 'paused', paused);
export const setCaps = (db: Db, caps: LoadCaps) => write(db, 'caps', caps);
export const setBroadcast = (db: Db, b: Broadcast | null) => write(db, 'broadcast', b);
