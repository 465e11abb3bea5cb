import type { LabServer } from './server';

/**
 * Commands the main thread may send to the lab server. The lab server owns the sandbox
 * handles, so anything that touches a sandbox file goes through here.
 */
export type ControlCalls = {
  resetSandbox: { args: { sandboxId: string }; result: { ms: number } };
  status: { args: Record<string, never>; result: { openSandboxes: number; requests: number; errors: number } };
};

export type ControlMethod = keyof ControlCalls;

export function createControl(server: LabServer) {
  const handlers: { [M in ControlMethod]: (args: ControlCalls[M]['args']) => Promise<ControlCalls[M]['result']> } = {
    resetSandbox: async ({ sandboxId }) => server.pool.reset(sandboxId),
    status: async () => ({ openSandboxes: server.pool.openCount(), ...server.stats }),
  };
  return function call(method: string, args: unknown): Promise<unknown> {
    const h = handlers[method as ControlMethod] as ((a: unknown) => Promise<unknown>) | undefined;
    if (!h) return Promise.reject(new Error(`unknown control method ${method}`));
    return h(args);
  };
}
