import path from 'node:path';
import { openDatabase } from '../lib/db/open';
import { QueryRecorder } from '../lib/db/recorder';
import { findUsersByEmail, listUserOrders } from '../lib/db/queries/users';
import { TEACHING_INDEXES } from '../lib/db/schema';
import { createSandboxFile } from '../lib/db/sandboxes';
import { benchScale, freshDataDir, randomSandboxId } from './fixtures';
import { ms, printTable, verdict, type BenchOptions, type BenchOutcome } from './report';

/**
 * The dataset is sized so the index lessons have something to show: a user's orders and a
 * user by email must be at least 100x slower to find without their index than with it, in
 * service time (the query functions the API runs, timed on a real sandbox file). Also times
 * the sandbox copy a new learner waits for (target: under 2 s).
 */
const TARGET_RATIO = 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function time(fn: (i: number) => void, n: number): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function indexGap(opts: BenchOptions): Promise<BenchOutcome> {
  const scale = benchScale();
  const dataDir = freshDataDir('index-gap', scale);
  const id = randomSandboxId();
  const copy = createSandboxFile(dataDir, id).ms;
  const db = openDatabase(path.join(dataDir, 'sandboxes', `${id}.db`));
  try {
    const users = (db.prepare('SELECT MAX(id) AS n FROM users').get() as { n: number }).n;
    const emails = (db.prepare('SELECT email FROM users ORDER BY random() LIMIT 50').all() as { email: string }[]).map(
      (r) => r.email,
    );
    const byEmail = (i: number) => findUsersByEmail(new QueryRecorder(db), emails[i % emails.length] ?? '');
    const orders = (i: number) =>
      listUserOrders(new QueryRecorder(db), 1 + ((i * 7919) % users), { mode: 'offset', limit: 20, offset: 0 });
    const scans = opts.quick ? 5 : 15;
    const emailScan = time(byEmail, scans);
    const ordersScan = time(orders, scans);
    db.exec(TEACHING_INDEXES.idx_user_email);
    db.exec(TEACHING_INDEXES.idx_order_user_id);
    const emailIndexed = time(byEmail, 2000);
    const ordersIndexed = time(orders, 2000);
    const rEmail = emailScan / emailIndexed;
    const rOrders = ordersScan / ordersIndexed;
    printTable(
      ['lookup (median service time)', 'no index ms', 'with index ms', 'ratio'],
      [
        ['GET /users?email= (findUsersByEmail)', ms(emailScan), emailIndexed.toFixed(4), `${rEmail.toFixed(0)}x`],
        ['GET /users/{id}/orders (page + COUNT)', ms(ordersScan), ordersIndexed.toFixed(4), `${rOrders.toFixed(0)}x`],
        ['new sandbox: copy of the template', ms(copy), '', ''],
      ],
    );
    const pass = rEmail >= TARGET_RATIO && rOrders >= TARGET_RATIO && copy < 2000;
    console.log(
      verdict(pass, `both lookups >= ${TARGET_RATIO}x slower without their index, sandbox copy < 2 s (scale ${scale})`),
    );
    return { pass, headline: `email ${rEmail.toFixed(0)}x, user orders ${rOrders.toFixed(0)}x, copy ${ms(copy)} ms` };
  } finally {
    db.close();
  }
}
