import { findNginx } from '../../scripts/cluster/nginx-conf.mjs';
import { appIsBuilt, startAppProcess, type AppProcess } from '../../lib/testing/app-process';
import { createTestDataDir } from '../../lib/testing/test-env';
import { missingClusterDependency, pgTestSchema, type PgTestSchema } from '../../lib/testing/test-pg';
import { freePort, startNginx, type Nginx } from './loopback';

/**
 * A fresh PostgreSQL schema for a file of room-node tests, or null when nginx, the production
 * build or PostgreSQL is missing (skipped locally; a failure where cluster tests are required).
 */
export async function roomTestSchema(label: string): Promise<PgTestSchema | null> {
  const nginxBin = findNginx();
  if (!nginxBin) missingClusterDependency('nginx', 'not found in /usr/sbin or on PATH', 'apt-get install -y nginx.');
  const built = appIsBuilt();
  if (!built) missingClusterDependency('the production build', 'no .next/BUILD_ID', 'Run `npm run build` first.');
  return nginxBin && built ? pgTestSchema(label) : null;
}

export type RoomNode = { id: string; app: AppProcess; dataDir: string; cleanup: () => void };

/**
 * Real nodes (`node scripts/start.mjs`, production build) sharing one PostgreSQL schema, and
 * the shipped nginx config in front of them, all on free loopback ports. Started together: each
 * one's `next start` boot overlaps the others'.
 */
export async function startRoomNodes(opts: {
  ids: string[];
  db: { url: string; schema: string };
  secret: string;
  env: Record<string, string>;
}): Promise<{ nodes: RoomNode[]; nginx: Nginx }> {
  const used = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < opts.ids.length + 1; i++) {
    const p = await freePort(used);
    used.add(p);
    ports.push(p);
  }
  const nodes = await Promise.all(
    opts.ids.map(async (id, i) => {
      const data = createTestDataDir();
      const app = await startAppProcess({
        dataDir: data.dataDir,
        port: ports[i + 1]!,
        labPort: 0,
        secret: opts.secret,
        scale: 0.01,
        env: {
          SCALE_LAB_DATABASE_URL: opts.db.url,
          // Every connection of the node (pool, heartbeat, LISTEN) lands in this file's schema.
          PGOPTIONS: `-c search_path=${opts.db.schema}`,
          SCALE_LAB_NODE_ID: id,
          SCALE_LAB_NODE_ADDRESS: `http://127.0.0.1:${ports[i + 1]}`,
          ...opts.env,
        },
      });
      return { id, app, dataDir: data.dataDir, cleanup: data.cleanup };
    }),
  );
  const nginx = await startNginx(
    ports[0]!,
    nodes.map((n) => n.app.origin.replace('http://', '')),
  );
  return { nodes, nginx };
}

/** Stops nginx and every node (the whole process group of each) and removes their data. */
export async function stopRoomNodes(nodes: RoomNode[], nginx: Nginx | undefined): Promise<void> {
  await nginx?.stop();
  for (const n of nodes) {
    n.app.killAll();
    n.cleanup();
  }
}

/** Polls until `done` says so or the deadline passes; returns whether it did. */
export async function until(done: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
