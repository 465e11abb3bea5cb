import { QueryRecorder } from '../../db/recorder';
import type { ReaderPort, JobsPort } from '../ports';
import type { Stage } from '../stage';
import type { ApiRequest } from '../types';
import { requestCache } from './app-cache';

export type HandlerDeps = {
  readers: ReaderPort;
  jobs: JobsPort;
  cursorSecret: Buffer;
  now: () => Date;
};

/** The route's own work (SQL through lib/db's queries); every statement is counted and timed as `db`. */
export function handlerStage(deps: HandlerDeps): Stage {
  return {
    name: 'handler',
    run(ctx) {
      const { route, sandbox, sandboxId, version, db } = ctx;
      if (!route || !sandbox || sandboxId === null || version === null || !db) {
        throw new Error('pipeline: the handler ran before route, identify and replica');
      }
      const q = new QueryRecorder(db.db, db.onWrite);
      ctx.recorder = q;
      const cache = ctx.cache ?? requestCache(null);
      ctx.cache = cache;
      const out = route.handler({
        req: ctx.req,
        params: ctx.params,
        q,
        body: ctx.body,
        instance: ctx.instance,
        now: deps.now,
        sandboxId,
        version,
        base: ctx.base,
        // v2's contract pages by cursor whatever the pagination knob says (the knob is v1's lesson).
        settings:
          version === 2
            ? { ...sandbox.settings, pagination: { ...sandbox.settings.pagination, mode: 'cursor' } }
            : sandbox.settings,
        cache,
        readers: withSignal(deps.readers, ctx.req),
        jobs: deps.jobs,
        cursorSecret: deps.cursorSecret,
      });
      // A handler that answered synchronously keeps the whole request free of promise hops.
      if (out instanceof Promise) return out.then((res) => void (ctx.response = res));
      ctx.response = out;
      return undefined;
    },
  };
}

/**
 * The pool as a route sees it: its queued work is dropped if this request's client hangs up.
 * The signal is read only when work is queued: the lab server builds it on first use.
 */
function withSignal(readers: ReaderPort, req: ApiRequest): ReaderPort {
  return {
    run: (op, args, opts) => {
      const signal = req.signal;
      return readers.run(op, args, signal ? { signal, ...opts } : opts);
    },
  };
}
