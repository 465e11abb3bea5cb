import { openDatabase, type Db } from '../lib/db/open';
import { createOrder, type NewOrder } from '../lib/db/queries/orders';
import { createRng, skewedId } from '../lib/db/random';
import { QueryRecorder } from '../lib/db/recorder';
import { createSandboxFile, sandboxPath } from '../lib/db/sandboxes';
import { TEACHING_INDEXES } from '../lib/db/schema';
import { datasetSize } from '../lib/db/seed';
import { benchScale, freshDataDir, randomSandboxId } from './fixtures';
import { int, ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';

/**
 * Lesson 2 sells indexes as free speed; this bench shows the bill. Every POST /api/v1/orders
 * runs createOrder through a fresh QueryRecorder, exactly as the handler does, on two
 * identical sandbox copies: one as shipped (primary keys only), one with all three teaching
 * indexes. Two of them are on orders, so each insert also writes a random leaf of the
 * user_id index and the right edge of the created_at index: more pages dirtied, more WAL.
 * The copies take turns in ABBA slices so that neighbours on this shared box, the OS page
 * cache and WAL checkpoints fall on both sides alike.
 */
type Side = 'without' | 'with';
type SideState = { db: Db; perInsertMs: number[]; sliceRates: number[]; ok: number };

// The same skews the seed uses for the order history, so hot users and products stay hot.
const USER_SKEW = 1.5;
const PRODUCT_SKEW = 1.3;

function orderStream(count: number, users: number, products: number): NewOrder[] {
  const rng = createRng(0x1d3e5);
  return Array.from({ length: count }, () => ({
    user_id: skewedId(rng, users, USER_SKEW),
    product_id: skewedId(rng, products, PRODUCT_SKEW),
    quantity: 1,
  }));
}

/**
 * Seeded stock runs 0..500 and hot products would sell out, turning inserts into cheap
 * 'insufficient-stock' answers on both sides. Restock exactly what the stream will buy (setup,
 * untimed, same on both copies) so every call really inserts.
 */
function restock(db: Db, orders: NewOrder[]): number {
  const demand = new Map<number, number>();
  for (const o of orders) demand.set(o.product_id, (demand.get(o.product_id) ?? 0) + o.quantity);
  const update = db.prepare('UPDATE products SET stock = ? WHERE id = ? AND stock < ?');
  let restocked = 0;
  db.transaction(() => {
    for (const [id, n] of demand) restocked += update.run(n, id, n).changes;
  })();
  return restocked;
}

/** One slice: `orders` inserted back to back, each timed on its own. Returns inserts/s. */
function runSlice(side: SideState, orders: NewOrder[]): number {
  const t0 = performance.now();
  for (const o of orders) {
    const s = performance.now();
    const q = new QueryRecorder(side.db); // per request, as the pipeline does
    const r = createOrder(q, o, new Date().toISOString());
    side.perInsertMs.push(performance.now() - s);
    if (r.ok) side.ok++;
    else throw new Error(`createOrder refused ${JSON.stringify(o)}: ${r.error}; the bench must only time real inserts`);
  }
  return orders.length / ((performance.now() - t0) / 1000);
}

export async function indexWrites(opts: BenchOptions): Promise<BenchOutcome> {
  const n = opts.quick ? 1_000 : 5_000;
  const slices = opts.quick ? 4 : 10; // even, so ABBA pairs come out whole
  const warm = Math.round(n / 10);
  const scale = benchScale();
  const size = datasetSize(scale);

  const dataDir = freshDataDir('index-writes', scale);
  const orders = orderStream(warm + n, size.users, size.products);
  const sides = {} as Record<Side, SideState>;
  const builds: string[][] = [];
  let restocked = 0;
  for (const side of ['without', 'with'] as Side[]) {
    const id = randomSandboxId();
    createSandboxFile(dataDir, id);
    const db = openDatabase(sandboxPath(dataDir, id)); // WAL + synchronous=NORMAL, as the lab opens sandboxes
    sides[side] = { db, perInsertMs: [], sliceRates: [], ok: 0 };
    restocked = restock(db, orders);
    if (side === 'with') {
      for (const [name, sql] of Object.entries(TEACHING_INDEXES)) {
        const t0 = performance.now();
        db.exec(sql);
        builds.push([name, sql.replace(/^CREATE INDEX \w+ ON /, ''), `${int(performance.now() - t0)} ms`]);
      }
    }
    // An index build leaves tens of MB in the WAL; checkpoint both now, or the indexed copy
    // would pay for its build in the first timed checkpoint.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  const before = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
  const startCounts = { without: before(sides.without.db), with: before(sides.with.db) };
  console.log(
    `  scale ${scale}: ${int(startCounts.without)} orders; ${int(n)} timed inserts per copy in ${slices} ABBA slices after ${int(warm)} warm-up inserts; ${restocked} hot products restocked first`,
  );

  try {
    // Warm-up: JIT, prepared statements, and the pages each copy's inserts will touch.
    for (const side of ['without', 'with'] as Side[]) {
      runSlice(sides[side], orders.slice(0, warm));
      sides[side].perInsertMs.length = 0;
    }
    const per = n / slices;
    for (let k = 0; k < slices; k++) {
      const chunk = orders.slice(warm + k * per, warm + (k + 1) * per); // the same orders on both sides
      const order: Side[] = k % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
      for (const side of order) sides[side].sliceRates.push(runSlice(sides[side], chunk));
    }
    for (const side of ['without', 'with'] as Side[]) {
      const got = before(sides[side].db) - startCounts[side];
      if (got !== warm + n || sides[side].ok !== warm + n) {
        throw new Error(
          `${side} indexes: expected ${warm + n} new orders, table grew by ${got} (${sides[side].ok} ok)`,
        );
      }
    }
  } finally {
    sides.without.db.close();
    sides.with.db.close();
  }

  const rows: string[][] = [];
  const rate = {} as Record<Side, number>;
  for (const side of ['without', 'with'] as Side[]) {
    const s = sides[side];
    const lat = summarize(s.perInsertMs);
    rate[side] = n / s.sliceRates.reduce((a, r) => a + n / slices / r, 0); // total inserts / total slice time
    const label = side === 'without' ? 'no teaching indexes' : 'all 3 teaching indexes';
    rows.push([
      label,
      int(rate[side]),
      `${int(Math.min(...s.sliceRates))}-${int(Math.max(...s.sliceRates))}`,
      ms(lat.p50 * 1000),
      ms(lat.p99 * 1000),
      ms(lat.max),
      int(s.ok),
    ]);
  }
  // Pairwise ratios (slice k with / slice k without ran on the same orders, side by side in time).
  const pairs = sides.with.sliceRates.map((w, k) => w / (sides.without.sliceRates[k] ?? NaN));
  const ratio = rate.with / rate.without;
  const lo = Math.min(...pairs);
  const hi = Math.max(...pairs);

  console.log();
  printTable(['index', 'CREATE INDEX on', 'build'], builds, 'll');
  console.log();
  printTable(['copy', 'inserts/s', 'slice range', 'p50 µs', 'p99 µs', 'max ms', 'inserted'], rows, 'l');
  console.log(
    `\n  with/without inserts/s = ${ratio.toFixed(2)} (per ABBA slice pair ${lo.toFixed(2)}-${hi.toFixed(2)})`,
  );
  // "Measurably": the whole spread of paired slices stays below 1, not just the total.
  const pass = ratio < 1 && hi < 1;
  console.log(
    `  ${verdict(pass, `with-indexes writes slower: ratio < 1 in every slice pair (${ratio.toFixed(2)}, range ${lo.toFixed(2)}-${hi.toFixed(2)})`)}`,
  );
  return {
    pass,
    headline: `with/without ${ratio.toFixed(2)} (${lo.toFixed(2)}-${hi.toFixed(2)}), ${int(rate.without)} vs ${int(rate.with)} inserts/s`,
  };
}
