/**
 * The Node.js half of instrumentation.ts, in its own module so the Edge compile never sees
 * Node-only calls such as process.exit (next dev reported the file as an error otherwise).
 */
export async function registerNode(): Promise<void> {
  // Started by scripts/start.mjs: if that dies, even by kill -9, this server goes with it.
  const { parentPidFromEnv, watchParent } = await import('./lib/parent-watchdog');
  const parentPid = parentPidFromEnv(process.env.SCALE_LAB_PARENT_PID);
  if (parentPid !== null) watchParent({ parentPid });
  // Per-client limits need the socket's address, which a route handler cannot see (lib/control/client-address.ts).
  const { installPeerStamp } = await import('./lib/control/client-address');
  installPeerStamp();
  const { readConfig } = await import('./lib/config');
  const { startWorkerLabHost } = await import('./lib/lab-server/host');
  startWorkerLabHost(readConfig());
  // The control-state store opens now: in cluster mode that migrates PostgreSQL and registers
  // this node (with its heartbeat), and a node that cannot reach its database stops here.
  const { appStore } = await import('./lib/main-thread/store');
  try {
    await appStore();
  } catch (err) {
    console.error('Scale Lab could not open its control-state store:', err);
    process.exit(1);
  }
  // The load generator's worker starts now too, so the first Run is not slowed by its boot.
  const { runManager } = await import('./lib/main-thread/run-manager');
  runManager();
  // Idle sandboxes give their disk back (workshop lifecycle).
  const { appRuntime } = await import('./lib/runtime');
  const { getLabHost } = await import('./lib/lab-server/host');
  const { startIdleCleanup } = await import('./lib/workshop/cleanup');
  const rt = appRuntime();
  const { forgetRemovedSandbox } = await import('./lib/main-thread/store');
  startIdleCleanup(rt.appDb, getLabHost, {
    dataDir: rt.config.dataDir,
    idleMs: rt.config.idleMs,
    forget: forgetRemovedSandbox,
  });
}
