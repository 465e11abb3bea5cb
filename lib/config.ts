import path from 'node:path';
import { z } from 'zod';
import { LOAD_CAP_DEFAULTS } from './load/caps';

/**
 * Server configuration, read once from the environment and validated, so a typo in a
 * variable fails at start-up with a clear message instead of misbehaving later.
 */
const envSchema = z.object({
  SCALE_LAB_DATA_DIR: z.string().min(1).default('./data'),
  // 1 = the full course dataset (100k users, 10k products, 1M orders). Smaller values are for
  // tests and slow laptops; the index lessons need the full size to show a 100x gap.
  SCALE_LAB_SCALE: z.coerce.number().positive().max(4).default(1),
  // Loopback port of the lean lab server. 0 picks a free port; it is never taken from a request.
  SCALE_LAB_LAB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SCALE_LAB_SECRET: z.string().min(32).optional(),
  SCALE_LAB_TOKEN_TTL_DAYS: z.coerce.number().int().positive().max(365).default(30),
  // Load caps: a run never outlives this, and the whole server never sends more than this.
  SCALE_LAB_MAX_RUN_SECONDS: z.coerce.number().int().min(5).max(600).default(LOAD_CAP_DEFAULTS.maxRunSeconds),
  SCALE_LAB_MAX_RUNS: z.coerce.number().int().min(1).max(64).default(LOAD_CAP_DEFAULTS.maxRuns),
  SCALE_LAB_MAX_TOTAL_RATE: z.coerce.number().int().min(10).max(100_000).default(LOAD_CAP_DEFAULTS.maxTotalRate),
  // Load through the front door runs on the thread that serves every learner's pages: keep it small.
  SCALE_LAB_FRONT_DOOR_MAX_RATE: z.coerce.number().int().min(1).max(10_000).default(LOAD_CAP_DEFAULTS.frontDoorMaxRate),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Workshop mode: set this and /workshop unlocks for whoever knows it.
  SCALE_LAB_INSTRUCTOR_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  // Sandboxes untouched this long have their database file removed (recreated on next use).
  SCALE_LAB_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  // Server-wide ceilings: past either, new sandboxes are refused with 503 until some are freed.
  SCALE_LAB_MAX_SANDBOXES: z.coerce.number().int().min(1).max(1_000_000).default(500),
  SCALE_LAB_MAX_SANDBOX_DISK_GB: z.coerce.number().positive().max(100_000).default(20),
  // How many reverse proxies (nginx, a load balancer) stand in front of this server. Only then is
  // X-Forwarded-For believed, and only as many hops as there are proxies: 0 = use the socket's address.
  SCALE_LAB_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type ServerConfig = {
  dataDir: string;
  scale: number;
  labPort: number;
  secret: string | undefined;
  tokenTtlSeconds: number;
  load: { maxRunSeconds: number; maxRuns: number; maxTotalRate: number; frontDoorMaxRate: number };
  /** The Next.js port: the front-door target for load that goes through the framework. */
  appPort: number;
  instructorToken: string | undefined;
  idleMs: number;
  limits: { maxSandboxes: number; maxSandboxDiskBytes: number; trustedProxies: number };
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid Scale Lab configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.SCALE_LAB_DATA_DIR),
    scale: e.SCALE_LAB_SCALE,
    labPort: e.SCALE_LAB_LAB_PORT,
    secret: e.SCALE_LAB_SECRET,
    tokenTtlSeconds: e.SCALE_LAB_TOKEN_TTL_DAYS * 86_400,
    load: {
      maxRunSeconds: e.SCALE_LAB_MAX_RUN_SECONDS,
      maxRuns: e.SCALE_LAB_MAX_RUNS,
      maxTotalRate: e.SCALE_LAB_MAX_TOTAL_RATE,
      frontDoorMaxRate: e.SCALE_LAB_FRONT_DOOR_MAX_RATE,
    },
    appPort: e.PORT,
    instructorToken: e.SCALE_LAB_INSTRUCTOR_TOKEN,
    idleMs: e.SCALE_LAB_IDLE_HOURS * 3_600_000,
    limits: {
      maxSandboxes: e.SCALE_LAB_MAX_SANDBOXES,
      maxSandboxDiskBytes: Math.round(e.SCALE_LAB_MAX_SANDBOX_DISK_GB * 1024 ** 3),
      trustedProxies: e.SCALE_LAB_TRUST_PROXY,
    },
  };
}
