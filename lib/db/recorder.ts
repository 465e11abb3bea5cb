import { prepareCached, type Db } from './open';

export type QueryTrace = { sql: string; ms: number; rows: number };

/**
 * Every query a handler runs goes through here, so each response can say how many
 * statements it ran and how long the database took (Server-Timing), and the knob lessons
 * can show N+1 as a number rather than a story.
 */
export class QueryRecorder {
  readonly traces: QueryTrace[] = [];
  dbMs = 0;

  /** `onWrite` sees every write statement inside its transaction (the replication log). */
  constructor(
    readonly db: Db,
    private readonly onWrite?: (sql: string, params: unknown[]) => void,
  ) {}

  all<T>(sql: string, ...params: unknown[]): T[] {
    const t0 = performance.now();
    const rows = prepareCached(this.db, sql).all(...params) as T[];
    this.record(sql, t0, rows.length);
    return rows;
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    const t0 = performance.now();
    const row = prepareCached(this.db, sql).get(...params) as T | undefined;
    this.record(sql, t0, row === undefined ? 0 : 1);
    return row;
  }

  run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number } {
    const t0 = performance.now();
    const exec = () => {
      const result = prepareCached(this.db, sql).run(...params);
      this.onWrite?.(sql, params);
      return result;
    };
    // The write and its log entry commit together (a savepoint inside a caller's transaction).
    const info = this.onWrite ? this.db.transaction(exec)() : exec();
    this.record(sql, t0, info.changes);
    return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
  }

  /** A query that ran elsewhere (on a reader thread) on behalf of this request. */
  addExternal(trace: QueryTrace): void {
    this.dbMs += trace.ms;
    this.traces.push(trace);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get count(): number {
    return this.traces.length;
  }

  private record(sql: string, t0: number, rows: number): void {
    const ms = performance.now() - t0;
    this.dbMs += ms;
    this.traces.push({ sql, ms, rows });
  }
}
