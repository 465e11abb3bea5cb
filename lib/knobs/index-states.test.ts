import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { TEACHING_INDEXES } from '../db/schema';
import { indexStates } from './index-states';

describe("indexStates: which teaching indexes a sandbox has, from SQLite's catalogue", () => {
  it('lists every teaching index, present or not, with a build time only for one that is there', () => {
    const db = openDatabase(':memory:');
    db.exec(
      'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, created_at TEXT)',
    );
    db.exec(TEACHING_INDEXES.idx_order_user_id);
    const states = indexStates(db, { idx_order_user_id: 12, idx_user_email: 7 });
    expect(states).toEqual([
      { name: 'idx_user_email', sql: TEACHING_INDEXES.idx_user_email, present: false, lastBuildMs: null },
      { name: 'idx_order_user_id', sql: TEACHING_INDEXES.idx_order_user_id, present: true, lastBuildMs: 12 },
      { name: 'idx_order_created_at', sql: TEACHING_INDEXES.idx_order_created_at, present: false, lastBuildMs: null },
    ]);
    db.close();
  });

  it('a sandbox with no file yet is a fresh template copy: no teaching index', () => {
    expect(indexStates(null, {}).every((s) => !s.present && s.lastBuildMs === null)).toBe(true);
  });
});
