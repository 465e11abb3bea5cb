import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open';
import { datasetSize, seedShop } from './seed';
import { ensureTemplate, templateIsCurrent } from './template';
import { makeTempDataDir } from '../testing/test-env';
import fs from 'node:fs';

function digest(db: ReturnType<typeof openDatabase>): string {
  const h = createHash('sha256');
  for (const table of ['users', 'products', 'orders']) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

describe('seedShop', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('is deterministic: the same seed and scale give the same rows', () => {
    const a = openDatabase(':memory:', { wal: false });
    const b = openDatabase(':memory:', { wal: false });
    seedShop(a, 0.005);
    seedShop(b, 0.005);
    expect(digest(a)).toBe(digest(b));
    const c = openDatabase(':memory:', { wal: false });
    seedShop(c, 0.005, 42);
    expect(digest(c)).not.toBe(digest(a));
  });

  it('creates the sizes the scale asks for', () => {
    const db = openDatabase(':memory:', { wal: false });
    const size = seedShop(db, 0.01);
    expect(size).toEqual(datasetSize(0.01));
    expect(size).toEqual({ users: 1000, products: 100, orders: 10_000 });
    const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([count('users'), count('products'), count('orders')]).toEqual([1000, 100, 10_000]);
  });

  it('has no secondary indexes and no UNIQUE constraints, so the teaching indexes start absent', () => {
    const db = openDatabase(':memory:', { wal: false });
    seedShop(db, 0.005);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('users', 'products', 'orders')")
      .all();
    expect(indexes).toEqual([]);
  });

  it('orders rise in time with their id and totals match price times quantity', () => {
    const db = openDatabase(':memory:', { wal: false });
    seedShop(db, 0.005);
    const outOfOrder = db
      .prepare('SELECT COUNT(*) AS n FROM orders a JOIN orders b ON b.id = a.id + 1 WHERE b.created_at < a.created_at')
      .get() as { n: number };
    expect(outOfOrder.n).toBe(0);
    const wrong = db
      .prepare(
        'SELECT COUNT(*) AS n FROM orders o JOIN products p ON p.id = o.product_id WHERE o.total_cents != p.price_cents * o.quantity',
      )
      .get() as { n: number };
    expect(wrong.n).toBe(0);
  });

  it('builds the template once and knows when it is current', () => {
    const dir = makeTempDataDir();
    dirs.push(dir);
    expect(templateIsCurrent(dir, 0.005)).toBe(false);
    expect(ensureTemplate(dir, 0.005).built).toBe(true);
    expect(templateIsCurrent(dir, 0.005)).toBe(true);
    expect(ensureTemplate(dir, 0.005).built).toBe(false);
    // A different scale is a different dataset: rebuild.
    expect(templateIsCurrent(dir, 0.006)).toBe(false);
  });
});
