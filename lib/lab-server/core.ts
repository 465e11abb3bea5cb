import { createHmac } from 'node:crypto';
import { createPipeline, type RequestTrace } from '../api/pipeline';
import { openAppDb } from '../db/app-db';
import { readSettings } from '../knobs/store';
import { createTokenVerifier } from '../learners/identity';
import { createInlineReaderPool, createWorkerReaderPool, type ReaderPool } from './reader-pool';
import { createSandboxPool } from './sandbox-pool';
import { createSandboxStates } from './sandbox-state';

export type LabCoreOptions = {
  dataDir: string;
  secret: Uint8Array;
  /** Reader threads run from this bundled script; without one, reads run inline (tests). */
  readerScript?: URL | string;
  readerThreads?: number;
  onTrace?: (trace: RequestTrace) => void;
};

/** Everything the lab server is, minus the socket: the pipeline and the state it runs on. */
export function createLabCore(opts: LabCoreOptions) {
  const pool = createSandboxPool(opts.dataDir);
  const readers: ReaderPool = opts.readerScript
    ? createWorkerReaderPool(opts.readerScript, opts.dataDir, opts.readerThreads ?? 2)
    : createInlineReaderPool(opts.dataDir);
  // The lab server reads knob settings itself; the control API tells it when they change.
  const appDb = openAppDb(opts.dataDir);
  const states = createSandboxStates((id) => readSettings(appDb, id));
  const stats = { requests: 0, errors: 0 };
  const handle = createPipeline({
    verify: createTokenVerifier(opts.secret),
    sandboxDb: (id) => pool.get(id),
    sandboxState: (id) => states.get(id),
    readers,
    cursorSecret: createHmac('sha256', opts.secret).update('scale-lab cursor key').digest(),
    onTrace: opts.onTrace,
    onError: (err, req) => {
      stats.errors++;
      console.error(`[lab-server] ${req.method} ${req.path} failed:`, err);
    },
  });
  return {
    handle,
    pool,
    readers,
    states,
    stats,
    async close() {
      pool.closeAll();
      await readers.stop();
      appDb.close();
    },
  };
}

export type LabCore = ReturnType<typeof createLabCore>;
