import { z } from 'zod';
import { STRATEGIES } from './balancer';
import type { SimResult } from './simulate';
import type { LoginRun, TokenView } from './stateless';
import type { AuthCosts } from './auth-cost';

/**
 * The simulation API's request and response shapes: one definition for the route that
 * validates and answers and the browser that parses. Compile-time checks at the bottom keep
 * the response schemas equal to the simulation's own types.
 */
export const MAX_SIM_REQUESTS = 20_000;

export const LOGIN_MODES = ['session', 'sticky-session', 'token'] as const;
export type LoginMode = (typeof LOGIN_MODES)[number];

export const failureSchema = z.strictObject({
  instance: z.number().int().min(1).max(16),
  atSec: z.number().min(0.5).max(59),
  healthCheckSec: z.number().min(0.5).max(10),
  retry: z.boolean().default(false),
});

export const simRequestSchema = z
  .strictObject({
    instances: z.number().int().min(1).max(16),
    strategy: z.enum(STRATEGIES).default('round-robin'),
    /** Offered load as a multiple of what one instance can serve (1 = one instance 100% busy). */
    load: z.number().min(0.05).max(12).default(2.5),
    durationSec: z.number().int().min(2).max(60).default(20),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    cache: z.boolean().default(false),
    failure: failureSchema.nullable().default(null),
  })
  .superRefine((b, ctx) => {
    if (b.failure && b.failure.instance > b.instances) {
      ctx.addIssue({
        code: 'custom',
        path: ['failure', 'instance'],
        message: `must be one of the ${b.instances} instances`,
      });
    }
    if (b.failure && b.failure.atSec >= b.durationSec) {
      ctx.addIssue({
        code: 'custom',
        path: ['failure', 'atSec'],
        message: `must be before the end of the ${b.durationSec} s run`,
      });
    }
  });
export type SimRequest = z.infer<typeof simRequestSchema>;

const latency = z.object({ p50: z.number(), p95: z.number(), p99: z.number(), mean: z.number(), max: z.number() });

export const simResultSchema = z.object({
  requests: z.number(),
  completed: z.number(),
  errors: z.number(),
  arrivalSec: z.number(),
  truncated: z.boolean(),
  latencyMs: latency.nullable(),
  meanWaitMs: z.number(),
  meanServiceMs: z.number(),
  hitRatio: z.number().nullable(),
  instances: z.array(
    z.object({
      instance: z.number(),
      served: z.number(),
      utilisation: z.number(),
      latencyMs: latency.nullable(),
      hitRatio: z.number().nullable(),
    }),
  ),
  failure: z
    .object({
      instance: z.number(),
      atSec: z.number(),
      detectedAtSec: z.number().nullable(),
      inFlightLost: z.number(),
      sentToDeadInstance: z.number(),
      retried: z.number(),
      retriedOk: z.number(),
    })
    .nullable(),
  series: z.array(
    z.object({
      t: z.number(),
      completed: z.number(),
      errors: z.number(),
      p95: z.number().nullable(),
      utilisation: z.array(z.number()),
    }),
  ),
});

/** Which measured input fed the simulation, or that none did. */
export const simSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('measured'),
    runId: z.string(),
    startedAt: z.string(),
    endpoints: z.array(z.string()),
    responses: z.number(),
    meanMs: z.number(),
    p50Ms: z.number(),
    p99Ms: z.number(),
    hitMs: z.number(),
  }),
  z.object({ kind: z.literal('assumed'), meanMs: z.number(), hitMs: z.number(), reason: z.string() }),
]);
export type SimSource = z.infer<typeof simSourceSchema>;

export const simResponseSchema = z.object({
  source: simSourceSchema,
  ratePerSec: z.number(),
  onePerSec: z.number(),
  assumptions: z.array(z.string()),
  request: z.object({
    instances: z.number(),
    strategy: z.enum(STRATEGIES),
    load: z.number(),
    durationSec: z.number(),
    seed: z.number(),
    cache: z.boolean(),
  }),
  result: simResultSchema,
});
export type SimResponse = z.infer<typeof simResponseSchema>;

export const statelessRequestSchema = z.strictObject({ requests: z.number().int().min(2).max(40).default(10) });

const costFigure = z.object({ medianUs: z.number(), p95Us: z.number(), samples: z.number() });
const loginRun = z.object({
  mode: z.enum(LOGIN_MODES),
  strategy: z.enum(STRATEGIES),
  loginInstance: z.number(),
  steps: z.array(z.object({ n: z.number(), instance: z.number(), loggedIn: z.boolean() })),
  kept: z.number(),
  lost: z.number(),
});
const tokenView = z.object({
  header: z.record(z.string(), z.unknown()),
  payload: z.record(z.string(), z.unknown()),
  signaturePreview: z.string(),
  bytes: z.number(),
  issuedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
const authCosts = z.object({
  sessionLookup: costFigure,
  tokenVerify: costFigure,
  denylistLookup: costFigure,
  storeSize: z.number(),
});

export const statelessResponseSchema = z.object({
  runs: z.array(loginRun),
  token: tokenView,
  ttlSeconds: z.number(),
  costs: authCosts,
});
export type StatelessResponse = z.infer<typeof statelessResponseSchema>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultAgrees: Same<z.infer<typeof simResultSchema>, SimResult> = true;
const loginAgrees: Same<z.infer<typeof loginRun>, LoginRun> = true;
const tokenAgrees: Same<z.infer<typeof tokenView>, TokenView> = true;
const costsAgree: Same<z.infer<typeof authCosts>, AuthCosts> = true;
void resultAgrees;
void loginAgrees;
void tokenAgrees;
void costsAgree;
