import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, type CursorKey } from './cursor';

const SECRET = 'test-secret-0123456789abcdef';
const key: CursorKey = { createdAt: '2024-05-01T12:34:56.789Z', id: 4217 };

/** Signs an arbitrary payload the way the module does, to reach the post-signature checks. */
function forge(payload: unknown, secret = SECRET): string {
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', secret).update('scale-lab.cursor.v1.').update(p).digest().subarray(0, 16);
  return `${p}.${sig.toString('base64url')}`;
}

/** Flips one base64url character to another valid one. */
function flip(s: string, index: number): string {
  const c = s[index];
  return s.slice(0, index) + (c === 'A' ? 'B' : 'A') + s.slice(index + 1);
}

describe('cursor', () => {
  it('round-trips and is opaque, url-safe and compact', () => {
    const cursor = encodeCursor(key, SECRET);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(cursor).not.toContain('4217');
    expect(cursor.length).toBeLessThan(100);
    expect(decodeCursor(cursor, SECRET)).toEqual({ ok: true, key });
  });

  it('accepts a Buffer secret equal to the string secret', () => {
    const cursor = encodeCursor(key, Buffer.from(SECRET));
    expect(decodeCursor(cursor, SECRET)).toEqual({ ok: true, key });
  });

  it('round-trips with a sort discriminator', () => {
    const cursor = encodeCursor(key, SECRET, { sort: '-created_at' });
    expect(decodeCursor(cursor, SECRET, { sort: '-created_at' })).toEqual({ ok: true, key });
  });

  it('rejects a cursor replayed on another sort order', () => {
    const desc = encodeCursor(key, SECRET, { sort: '-created_at' });
    expect(decodeCursor(desc, SECRET, { sort: 'created_at' })).toEqual({ ok: false, reason: 'sort_mismatch' });
    expect(decodeCursor(desc, SECRET)).toEqual({ ok: false, reason: 'sort_mismatch' });
    const unsorted = encodeCursor(key, SECRET);
    expect(decodeCursor(unsorted, SECRET, { sort: 'created_at' })).toEqual({ ok: false, reason: 'sort_mismatch' });
  });

  it('rejects a tampered payload', () => {
    const [, sig] = encodeCursor(key, SECRET).split('.');
    const other = Buffer.from(JSON.stringify({ c: key.createdAt, i: 1 })).toString('base64url');
    expect(decodeCursor(`${other}.${sig}`, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(decodeCursor(flip(encodeCursor(key, SECRET), 3), SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a tampered signature', () => {
    const cursor = encodeCursor(key, SECRET);
    const tampered = flip(cursor, cursor.indexOf('.') + 1);
    expect(decodeCursor(tampered, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a cursor signed with another secret', () => {
    const cursor = encodeCursor(key, 'another-secret');
    expect(decodeCursor(cursor, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['empty', ''],
    ['no separator', 'abcdef'],
    ['three parts', 'a.b.c'],
    ['non-base64url chars', 'eyJj+/.AAAAAAAAAAAAAAAAAAAAAA'],
    ['padding', 'eyJjIjoxfQ==.AAAAAAAAAAAAAAAAAAAAAA'],
    ['empty signature', 'eyJjIjoxfQ.'],
    ['short signature', 'eyJjIjoxfQ.AAAA'],
    ['non-canonical base64url', 'eyJjIjoxfR.AAAAAAAAAAAAAAAAAAAAAA'],
    ['whitespace', ' eyJjIjoxfQ.AAAAAAAAAAAAAAAAAAAAAA'],
  ])('rejects garbage input (%s) as malformed', (_name, input) => {
    expect(decodeCursor(input, SECRET)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects overlong input before doing any crypto', () => {
    const long = `${'A'.repeat(MAX_CURSOR_LENGTH)}.AAAAAAAAAAAAAAAAAAAAAA`;
    expect(decodeCursor(long, SECRET)).toEqual({ ok: false, reason: 'too_long' });
    expect(MAX_CURSOR_LENGTH).toBe(512);
  });

  it.each([
    ['missing id', { c: key.createdAt }],
    ['string id', { c: key.createdAt, i: '4217' }],
    ['fractional id', { c: key.createdAt, i: 1.5 }],
    ['negative id', { c: key.createdAt, i: -1 }],
    ['empty createdAt', { c: '', i: 1 }],
    ['unknown sort', { c: key.createdAt, i: 1, s: 'price' }],
    ['extra field', { c: key.createdAt, i: 1, admin: true }],
    ['array', [key.createdAt, 1]],
    ['null', null],
  ])('rejects a validly signed payload of the wrong shape (%s)', (_name, payload) => {
    expect(decodeCursor(forge(payload), SECRET)).toEqual({ ok: false, reason: 'bad_payload' });
  });

  it('rejects a validly signed payload that is not JSON', () => {
    const p = Buffer.from('not json').toString('base64url');
    const sig = createHmac('sha256', SECRET).update('scale-lab.cursor.v1.').update(p).digest().subarray(0, 16);
    expect(decodeCursor(`${p}.${sig.toString('base64url')}`, SECRET)).toEqual({ ok: false, reason: 'bad_payload' });
  });

  it('the forge helper matches the real scheme (so the shape tests reach the shape check)', () => {
    expect(decodeCursor(forge({ c: key.createdAt, i: key.id }), SECRET)).toEqual({ ok: true, key });
  });

  it('refuses to mint invalid cursors or use an empty secret', () => {
    expect(() => encodeCursor({ createdAt: key.createdAt, id: 1.5 }, SECRET)).toThrow(TypeError);
    expect(() => encodeCursor({ createdAt: 'x'.repeat(65), id: 1 }, SECRET)).toThrow(/Invalid cursor key/);
    expect(() => encodeCursor(key, '')).toThrow(/secret must not be empty/);
    expect(() => decodeCursor('a.b', Buffer.alloc(0))).toThrow(/secret must not be empty/);
  });
});
