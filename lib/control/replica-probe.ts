import fs from 'node:fs';
import { openDatabase } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import type { LabHost } from '../lab-server/host';
import type { ControlRuntime } from './ports';
import { runReplicaProbe, summarizeProbe } from '../replica/probe';
import type { ProbeResult } from '../replica/probe-schema';

export class ProbeSetupError extends Error {}

/**
 * Runs the replica probe for one learner against their own sandbox on the lab server's
 * loopback port. The order's user and product are picked from the sandbox itself (the
 * product with the most stock, so K orders of one item never run out).
 */
export async function probeReplica(
  rt: ControlRuntime,
  lab: LabHost,
  sandboxId: string,
  token: string,
  pairs: number,
): Promise<ProbeResult> {
  const port = await lab.ready(5_000);
  const origin = `http://127.0.0.1:${port}`;
  const file = sandboxPath(rt.config.dataDir, sandboxId);
  // A sandbox freed while idle comes back on its first API request.
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    await (await fetch(`${origin}/api/v1/orders/1`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  }
  const db = openDatabase(file, { readonly: true });
  let target: { userId: number; productId: number; stock: number } | undefined;
  try {
    const user = db.prepare('SELECT id FROM users ORDER BY id LIMIT 1').get() as { id: number } | undefined;
    const product = db.prepare('SELECT id, stock FROM products ORDER BY stock DESC, id LIMIT 1').get() as
      { id: number; stock: number } | undefined;
    if (user && product) target = { userId: user.id, productId: product.id, stock: product.stock };
  } finally {
    db.close();
  }
  if (!target || target.stock < pairs) {
    throw new ProbeSetupError(
      "Your sandbox has no product with enough stock for the probe's orders. Reset the sandbox (it restores the stock) and run it again.",
    );
  }
  const replica = (await rt.repo.settings.read(sandboxId)).replica;
  const ranAt = new Date().toISOString();
  const { samples, durationMs } = await runReplicaProbe(
    { origin, token, userId: target.userId, productId: target.productId },
    { pairs },
  );
  return { ranAt, durationMs, replica, summary: summarizeProbe(samples), samples, checksPassed: [] };
}
