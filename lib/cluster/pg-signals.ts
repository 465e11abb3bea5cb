import type pg from 'pg';
import { createPgClient, inTransaction } from '../store/pg/connect';
import { deliverSignal, warnSignals } from './deliver';
import { clusterSignalSchema, type DeliveredSignal, type SignalBus } from './types';

/**
 * Cross-node signals over PostgreSQL. A signal is a row in cluster_signals; every node reads the
 * rows after the last seq it delivered. LISTEN/NOTIFY wakes the readers at once; a poll timer
 * reads anyway, so a lost NOTIFY or a broken LISTEN connection delays a signal by at most
 * pollMs instead of losing it.
 *
 * Publishers lock the table, so seqs commit in order: a reader that has seen seq N can never
 * later find an N-1 that was still uncommitted when it looked.
 */
const CHANNEL = 'scale_lab_signals';
const RETAIN = `interval '1 day'`;
const BATCH = 500;

type Row = { seq: string; origin: string; payload: unknown; created_at: Date };

export type PgSignalBusOptions = {
  pool: pg.Pool;
  nodeId: string;
  /** How often to read without a NOTIFY. 1 s keeps the 2 s delivery promise with LISTEN down. */
  pollMs?: number;
  /** Connection settings for the dedicated LISTEN connection; null polls only. */
  listen: pg.ClientConfig | null;
  log?: (msg: string) => void;
};

export async function openPgSignalBus(opts: PgSignalBusOptions): Promise<SignalBus> {
  const log = opts.log ?? warnSignals;
  const head = await opts.pool.query<{ seq: string; schema: string }>(
    'SELECT coalesce(max(seq), 0) AS seq, current_schema() AS schema FROM cluster_signals',
  );
  let last = Number(head.rows[0]!.seq);
  // NOTIFY is database-wide: the payload names the schema, so buses on other schemas ignore it.
  const schema = head.rows[0]!.schema;
  const subscribers = new Set<(s: DeliveredSignal) => void>();
  let closed = false;
  let reading: Promise<void> | null = null;
  let again = false;
  let failing = false;

  async function readNew(): Promise<void> {
    for (;;) {
      const { rows } = await opts.pool.query<Row>(
        'SELECT seq, origin, payload, created_at FROM cluster_signals WHERE seq > $1 ORDER BY seq LIMIT $2',
        [last, BATCH],
      );
      for (const row of rows) {
        last = Number(row.seq);
        const parsed = clusterSignalSchema.safeParse(row.payload);
        // A signal this build does not know (a newer node during a rolling upgrade) is skipped, not fatal.
        if (!parsed.success) {
          log(`skipped signal ${row.seq} from ${row.origin}: not a signal this version understands`);
          continue;
        }
        const d: DeliveredSignal = {
          seq: last,
          origin: row.origin,
          at: row.created_at.toISOString(),
          signal: parsed.data,
        };
        deliverSignal(subscribers, d, log);
      }
      if (rows.length < BATCH || closed) return;
    }
  }

  /** One read at a time; a wake-up during a read makes it read once more. */
  function pump(): Promise<void> {
    if (closed) return Promise.resolve();
    if (reading) {
      again = true;
      return reading;
    }
    again = false;
    reading = readNew()
      .then(() => {
        if (failing) log('reading signals again');
        failing = false;
      })
      .catch((err: Error) => {
        if (!failing) log(`cannot read signals (${err.message}); retrying every poll`);
        failing = true;
      })
      .finally(() => {
        reading = null;
        if (again) void pump();
      });
    return reading;
  }

  const timer = setInterval(() => void pump(), opts.pollMs ?? 1_000);
  timer.unref();

  let listener: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | null = null;
  async function listen(config: pg.ClientConfig) {
    const client = createPgClient(config);
    listener = client;
    const retry = () => {
      if (closed || listener !== client) return;
      listener = null;
      client.end().catch(() => {});
      reconnect = setTimeout(() => void listen(config), 1_000);
      reconnect.unref();
    };
    client.on('notification', (m) => {
      if (m.payload === schema) void pump();
    });
    client.on('error', retry);
    client.on('end', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      void pump(); // catch up on anything published while we were not listening
    } catch (err) {
      log(`LISTEN failed (${(err as Error).message}); polling every ${opts.pollMs ?? 1_000} ms meanwhile`);
      retry();
    }
  }
  if (opts.listen) await listen(opts.listen);

  return {
    async publish(signal) {
      const parsed = clusterSignalSchema.parse(signal);
      const seq = await inTransaction(opts.pool, async (c) => {
        // SHARE ROW EXCLUSIVE conflicts with itself but not with readers.
        await c.query('LOCK TABLE cluster_signals IN SHARE ROW EXCLUSIVE MODE');
        const { rows } = await c.query<{ seq: string }>(
          'INSERT INTO cluster_signals (origin, kind, payload) VALUES ($1, $2, $3) RETURNING seq',
          [opts.nodeId, parsed.type, JSON.stringify(parsed)],
        );
        await c.query(`SELECT pg_notify('${CHANNEL}', current_schema())`);
        await c.query(`DELETE FROM cluster_signals WHERE created_at < now() - ${RETAIN}`);
        return Number(rows[0]!.seq);
      });
      void pump(); // this node's own subscribers need not wait for the NOTIFY round trip
      return seq;
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      if (reconnect) clearTimeout(reconnect);
      subscribers.clear();
      const l = listener;
      listener = null;
      await l?.end().catch(() => {});
      await reading;
    },
  };
}
