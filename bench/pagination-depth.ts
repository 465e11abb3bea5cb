import { openDatabase, type Db } from '../lib/db/open';
import type { KeysetKey, ListWindow } from '../lib/db/queries/list';
import { listOrders } from '../lib/db/queries/orders';
import { QueryRecorder } from '../lib/db/recorder';
import { createSandboxFile, sandboxPath } from '../lib/db/sandboxes';
import { TEACHING_INDEXES } from '../lib/db/schema';
import { datasetSize } from '../lib/db/seed';
import { benchScale, freshDataDir, randomSandboxId } from './fixtures';
import { ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';

/**
 * GET /orders pages of 20 at page 1 and far down the list, by OFFSET and by keyset cursor,
 * through listOrders (the handler's own query function) and a QueryRecorder, whose traces time
 * each statement: offset mode's page query and its COUNT(*) are reported apart, because the
 * count does not depend on depth and would blur the point. With idx_order_created_at, OFFSET
 * still walks every skipped index entry while the cursor seeks straight to its key. The same
 * cells run on a copy without the index too: there both modes scan and sort, and saying so
 * is the honest half of the lesson.
 */
const LIMIT = 20;
const TARGET_FACTOR = 10; // "offset deep/shallow >> keyset deep/shallow" means at least 10x

type Mode = 'offset' | 'keyset';
type Cell = { mode: Mode; depth: number; window: ListWindow; page: number[]; count: number[]; firstId?: number };

function keyAt(db: Db, depth: number): KeysetKey {
  // Setup, not timed: the cursor a client would hold after reading `depth` rows.
  const row = db
    .prepare('SELECT created_at AS createdAt, id FROM orders ORDER BY created_at, id LIMIT 1 OFFSET ?')
    .get(depth - 1) as KeysetKey | undefined;
  if (!row) throw new Error(`no order at depth ${depth}`);
  return row;
}

/** One line per statement shape, so the reader sees why the numbers differ. */
function plans(db: Db, key: KeysetKey): string[] {
  const plan = (sql: string, ...args: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
  return [
    `offset page: ${plan('SELECT * FROM orders ORDER BY created_at ASC, id ASC LIMIT ? OFFSET ?', LIMIT, 1)}`,
    `offset count: ${plan('SELECT COUNT(*) AS n FROM orders')}`,
    `keyset page: ${plan('SELECT * FROM orders WHERE (created_at, id) > (?, ?) ORDER BY created_at ASC, id ASC LIMIT ?', key.createdAt, key.id, LIMIT + 1)}`,
  ];
}

/**
 * Rounds run every cell once, in a rotating order, until the budget is spent: a neighbour's
 * burst then lands on all cells alike instead of on whichever ran during it.
 */
function measure(db: Db, cells: Cell[], minRounds: number, maxRounds: number, budgetMs: number): number {
  const t0 = performance.now();
  let rounds = 0;
  while (rounds < maxRounds && (rounds < minRounds || performance.now() - t0 < budgetMs)) {
    for (let j = 0; j < cells.length; j++) {
      const cell = cells[(j + rounds) % cells.length] as Cell;
      const q = new QueryRecorder(db);
      const result = listOrders(q, {}, cell.window);
      cell.page.push(q.traces[0]?.ms ?? NaN);
      if (cell.mode === 'offset') cell.count.push(q.traces[1]?.ms ?? NaN);
      if (result.rows.length !== LIMIT)
        throw new Error(`${cell.mode} at depth ${cell.depth} returned ${result.rows.length} rows`);
      cell.firstId ??= result.rows[0]?.id;
    }
    rounds++;
  }
  return rounds;
}

export async function paginationDepth(opts: BenchOptions): Promise<BenchOutcome> {
  const scale = benchScale();
  const total = datasetSize(scale).orders;
  const depth = Math.min(Math.round(500_000 * scale), total - 2 * LIMIT);
  const dataDir = freshDataDir('pagination-depth', scale);
  console.log(
    `  scale ${scale}: ${total.toLocaleString('en-US')} orders; pages of ${LIMIT} at depth 0 and ${depth.toLocaleString('en-US')}; statement times from QueryRecorder traces`,
  );

  const rows: string[][] = [];
  const ratios: Record<string, { offset: number; keyset: number }> = {};
  for (const indexed of [true, false]) {
    const label = indexed ? 'idx_order_created_at' : 'no index';
    const id = randomSandboxId();
    createSandboxFile(dataDir, id);
    const db = openDatabase(sandboxPath(dataDir, id));
    try {
      if (indexed) db.exec(TEACHING_INDEXES.idx_order_created_at);
      const key = keyAt(db, depth);
      for (const line of plans(db, key)) console.log(`  [${label}] ${line}`);
      const cells: Cell[] = [
        { mode: 'offset', depth: 0, window: { mode: 'offset', limit: LIMIT, offset: 0 }, page: [], count: [] },
        { mode: 'offset', depth, window: { mode: 'offset', limit: LIMIT, offset: depth }, page: [], count: [] },
        {
          mode: 'keyset',
          depth: 0,
          window: { mode: 'keyset', limit: LIMIT, after: undefined, direction: 'asc' },
          page: [],
          count: [],
        },
        {
          mode: 'keyset',
          depth,
          window: { mode: 'keyset', limit: LIMIT, after: key, direction: 'asc' },
          page: [],
          count: [],
        },
      ];
      // Unindexed deep offset sorts ~half a million rows per call: fewer rounds there.
      const rounds = indexed
        ? measure(db, cells, 5, opts.quick ? 15 : 60, opts.quick ? 2_000 : 8_000)
        : measure(db, cells, opts.quick ? 2 : 3, opts.quick ? 3 : 8, opts.quick ? 4_000 : 20_000);
      // Both modes must be answering the same page, or the comparison means nothing.
      for (const d of [0, depth]) {
        const [o, k] = (['offset', 'keyset'] as Mode[]).map(
          (m) => cells.find((c) => c.mode === m && c.depth === d)?.firstId,
        );
        if (o !== k) throw new Error(`[${label}] offset and keyset disagree at depth ${d}: first ids ${o} vs ${k}`);
      }
      const med = (c: Cell) => summarize(c.page).p50;
      const [os, od, ks, kd] = cells as [Cell, Cell, Cell, Cell];
      ratios[label] = { offset: med(od) / med(os), keyset: med(kd) / med(ks) };
      for (const c of cells) {
        const p = summarize(c.page);
        const n = c.count.length ? summarize(c.count) : null;
        const both = c.count.length ? summarize(c.page.map((v, i) => v + (c.count[i] ?? 0))) : p;
        rows.push([
          label,
          c.mode,
          c.depth.toLocaleString('en-US'),
          ms(p.p50),
          ms(p.p95),
          n ? ms(n.p50) : '-',
          n ? ms(n.p95) : '-',
          ms(both.p50),
          String(rounds),
        ]);
      }
    } finally {
      db.close();
    }
  }

  console.log();
  printTable(
    ['index', 'mode', 'depth', 'page p50', 'page p95', 'count p50', 'count p95', 'request p50', 'runs'],
    rows,
    'll',
  );
  console.log('  (ms; "request" = page + COUNT(*), what one offset-mode GET /orders costs in SQL)\n');
  for (const [label, r] of Object.entries(ratios)) {
    console.log(
      `  ${label.padEnd(20)} deep/shallow page query: offset ${r.offset.toFixed(1)}x, keyset ${r.keyset.toFixed(1)}x`,
    );
  }
  const idx = ratios['idx_order_created_at'] as { offset: number; keyset: number };
  const pass = idx.offset >= TARGET_FACTOR * idx.keyset;
  console.log(
    `  ${verdict(pass, `with the index, offset deep/shallow >= ${TARGET_FACTOR} x keyset deep/shallow (${idx.offset.toFixed(1)}x vs ${idx.keyset.toFixed(1)}x)`)}`,
  );
  return { pass, headline: `indexed deep/shallow: offset ${idx.offset.toFixed(0)}x, keyset ${idx.keyset.toFixed(1)}x` };
}
