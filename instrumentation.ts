/**
 * Runs once when `next start` boots: bring up the lab server in its worker thread so the
 * whole lab needs no second command.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Node-only work lives in its own module, imported only on the Node.js runtime, as the
  // Next.js docs advise, so the Edge build never analyses it.
  const { registerNode } = await import('./instrumentation-node');
  await registerNode();
}
