import os from 'node:os';
import { z } from 'zod';

/**
 * Cluster settings, read from the environment and validated. Kept apart from lib/config.ts:
 * it is read when the control-state store opens (lib/main-thread/store.ts), not by every config reader.
 * Without SCALE_LAB_DATABASE_URL the node is embedded: one process, SQLite, nothing to install.
 */
const seconds = (def: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(def);

export const clusterEnvSchema = z
  .object({
    SCALE_LAB_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    // Names this node in the registry, logs and X-Served-By. Stable across restarts.
    SCALE_LAB_NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash and underscore, at most 64')
      .optional(),
    // Where the other nodes and nginx reach this node.
    SCALE_LAB_NODE_ADDRESS: z.url({ protocol: /^https?$/ }).optional(),
    SCALE_LAB_HEARTBEAT_SECONDS: seconds(5, 1, 60),
    // A node is dead when its heartbeat is this old; its rate reservations are released then.
    SCALE_LAB_NODE_DEAD_SECONDS: seconds(15, 3, 600),
    // Signals arrive by NOTIFY at once; this poll is the fallback and bounds their delay.
    SCALE_LAB_SIGNAL_POLL_MS: z.coerce.number().int().min(100).max(2_000).default(1_000),
    SCALE_LAB_SECRET: z.string().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
  })
  .refine((e) => e.SCALE_LAB_NODE_DEAD_SECONDS >= 2 * e.SCALE_LAB_HEARTBEAT_SECONDS, {
    message: 'must be at least twice SCALE_LAB_HEARTBEAT_SECONDS, or one late heartbeat would declare a live node dead',
    path: ['SCALE_LAB_NODE_DEAD_SECONDS'],
  })
  .refine((e) => !e.SCALE_LAB_DATABASE_URL || (e.SCALE_LAB_SECRET ?? '').length >= 32, {
    // Each node would otherwise generate its own and reject the tokens the others signed.
    message: 'cluster mode (SCALE_LAB_DATABASE_URL set) needs the same SCALE_LAB_SECRET (32+ characters) on every node',
    path: ['SCALE_LAB_SECRET'],
  });

export type ClusterConfig = {
  mode: 'embedded' | 'postgres';
  databaseUrl: string | null;
  nodeId: string;
  nodeAddress: string;
  heartbeatMs: number;
  deadAfterMs: number;
  signalPollMs: number;
};

export function readClusterConfig(env: Record<string, string | undefined> = process.env): ClusterConfig {
  const parsed = clusterEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid Scale Lab cluster configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const bound = e.HOST === '0.0.0.0' || e.HOST === '::' ? os.hostname() : e.HOST;
  const host = bound.includes(':') ? `[${bound}]` : bound;
  return {
    mode: e.SCALE_LAB_DATABASE_URL ? 'postgres' : 'embedded',
    databaseUrl: e.SCALE_LAB_DATABASE_URL ?? null,
    nodeId:
      e.SCALE_LAB_NODE_ID ??
      `${os
        .hostname()
        .replace(/[^A-Za-z0-9._-]/g, '-')
        .slice(0, 50)}-${e.PORT}`,
    nodeAddress: e.SCALE_LAB_NODE_ADDRESS ?? `http://${host}:${e.PORT}`,
    heartbeatMs: e.SCALE_LAB_HEARTBEAT_SECONDS * 1000,
    deadAfterMs: e.SCALE_LAB_NODE_DEAD_SECONDS * 1000,
    signalPollMs: e.SCALE_LAB_SIGNAL_POLL_MS,
  };
}
