import { LabUnavailableError, type UnavailableReason } from './lab-unavailable';

/** A map of method name to its argument and result types, as in lib/lab-server/control.ts. */
export type CallMap = Record<string, { args: unknown; result: unknown }>;

export type RpcRequest<C extends CallMap = CallMap> = {
  [M in keyof C & string]: { id: number; method: M; args: C[M]['args'] };
}[keyof C & string];
/** `unavailable`: the other side could not do the work because one of its own workers was gone. */
export type RpcReply = { id: number; ok: boolean; value?: unknown; error?: string; unavailable?: UnavailableReason };

/** The reply for a failed call, keeping whether it failed for want of a worker. */
export function failureReply(id: number, err: unknown): RpcReply {
  return {
    id,
    ok: false,
    error: err instanceof Error ? err.message : String(err),
    ...(LabUnavailableError.is(err) ? { unavailable: err.reason } : {}),
  };
}

type Pending = { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout };

/**
 * The calling side of a request/response channel to one thread or process: ids, the table of
 * calls waiting for their reply, timeouts, and failing everything at once when the other side
 * dies. The envelope on the wire is the caller's (`send` wraps it), so existing workers keep
 * their message shapes.
 */
export function createRpc<C extends CallMap>(opts: {
  /** Used in error messages: "lab server call getKnobs timed out". */
  name: string;
  send: (request: RpcRequest<C>) => void;
  /** Default per-call timeout; none when omitted (the caller has its own, or the work is bounded). */
  timeoutMs?: number;
}) {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function finish(id: number): Pending | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }

  return {
    call<M extends keyof C & string>(
      method: M,
      args: C[M]['args'],
      timeoutMs = opts.timeoutMs,
    ): Promise<C[M]['result']> {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const p: Pending = { method, resolve: resolve as (v: unknown) => void, reject };
        if (timeoutMs !== undefined) {
          p.timer = setTimeout(() => {
            if (finish(id)) reject(new LabUnavailableError(`${opts.name} call ${method} timed out`, 'timeout'));
          }, timeoutMs);
        }
        pending.set(id, p);
        try {
          opts.send({ id, method, args } as RpcRequest<C>); // the mapped union cannot be narrowed from a generic M
        } catch (err) {
          finish(id);
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    },
    /** Delivers a reply; false when no call waits for it (it timed out, or is not ours). */
    settle(reply: RpcReply): boolean {
      const p = finish(reply.id);
      if (!p) return false;
      if (reply.ok) p.resolve(reply.value);
      else {
        const message = reply.error ?? `${opts.name} call ${p.method} failed`;
        p.reject(reply.unavailable ? new LabUnavailableError(message, reply.unavailable) : new Error(message));
      }
      return true;
    },
    /** The other side is gone: every waiting call fails with this error. */
    failAll(err: Error): void {
      for (const id of [...pending.keys()]) finish(id)?.reject(err);
    },
    pending: () => pending.size,
  };
}

export type Rpc<C extends CallMap> = ReturnType<typeof createRpc<C>>;
