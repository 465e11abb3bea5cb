import fs from 'node:fs';
import path from 'node:path';
import type { SandboxRecord } from '../db/app-db';
import type { SandboxMove } from '../db/repository-ports';
import { sandboxDiskBytes, sandboxPath } from '../db/sandboxes';
import { templatePath } from '../db/template';
import type { LabHost } from '../lab-server/host';
import type { ControlRuntime } from './ports';
import { issueToken, verifyToken, type LearnerClaims, type VerifyResult } from '../learners/identity';

export type ClaimResult = {
  sandboxId: string;
  learnerId: string;
  token: string;
  created: boolean;
  /** When (and from which node) the sandbox last moved to another node: its data was reset then. */
  moved: SandboxMove | null;
  /** The affinity key the token carries (`<key>~<jwt>`), when one was given: say it back to nginx. */
  nodeKey: string | undefined;
};

/**
 * Creates the caller's sandbox, or returns the one their token already names (a fresh token
 * each time, so an active learner never expires). An expired but authentic token keeps
 * its sandbox. `nodeKey` (lib/control/node-key.ts): the key nginx placed this request by, put
 * in front of the token, so the learner's bearer calls reach this node, the one holding it.
 */
export async function claimSandbox(
  rt: ControlRuntime,
  token: string | undefined,
  opts: { now?: Date; mayCreate?: () => boolean; nodeKey?: string } = {},
): Promise<ClaimResult | 'refused'> {
  const now = opts.now ?? new Date();
  const known = await knownClaims(rt, token, now);
  if (known) {
    const { claims } = known;
    // The key this request was placed by, else the one the token already carries (a node reached
    // without nginx's header must not drop the affinity of a token it renews).
    const nodeKey = opts.nodeKey ?? known.nodeKey;
    // A returning learner whose idle file was removed needs a new copy: the same gate applies.
    if (!fs.existsSync(sandboxPath(rt.config.dataDir, claims.sandboxId)) && opts.mayCreate && !opts.mayCreate())
      return 'refused';
    await ensureSandboxFile(rt.config.dataDir, claims.sandboxId);
    await rt.repo.sandboxes.touch(claims.sandboxId, now);
    return {
      sandboxId: claims.sandboxId,
      learnerId: claims.learnerId,
      token: await issueToken(claims, rt.secret, rt.config.tokenTtlSeconds, now, nodeKey),
      created: false,
      moved: await rt.repo.sandboxes.moved(claims.sandboxId),
      nodeKey,
    };
  }
  if (opts.mayCreate && !opts.mayCreate()) return 'refused';
  const record = await rt.repo.learners.createWithSandbox(now);
  await ensureSandboxFile(rt.config.dataDir, record.id);
  const fresh = { learnerId: record.learnerId, sandboxId: record.id };
  return {
    sandboxId: record.id,
    learnerId: record.learnerId,
    token: await issueToken(fresh, rt.secret, rt.config.tokenTtlSeconds, now, opts.nodeKey),
    created: true,
    moved: null,
    nodeKey: opts.nodeKey,
  };
}

async function knownClaims(
  rt: ControlRuntime,
  token: string | undefined,
  now: Date,
): Promise<{ claims: LearnerClaims; nodeKey: string | undefined } | undefined> {
  if (!token) return undefined;
  const v = await verifyToken(token, rt.secret, now);
  // An expired token still says whose it was (its signature is good): renewing it keeps the learner.
  const known = v.ok ? v : v.reason === 'expired' ? { claims: v.expiredClaims, nodeKey: v.nodeKey } : undefined;
  const claims = known?.claims;
  if (!claims) return undefined;
  const nodeKey = known.nodeKey;
  const record = await rt.repo.sandboxes.find(claims.sandboxId);
  if (!record || record.learnerId !== claims.learnerId) return undefined;
  await rt.adopt?.(record);
  return { claims, nodeKey };
}

/** Async copy on the main thread: a second learner's page never waits for this one's copy. */
async function ensureSandboxFile(dataDir: string, sandboxId: string): Promise<void> {
  const file = sandboxPath(dataDir, sandboxId);
  if (fs.existsSync(file)) return;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.claim-${process.pid}-${Date.now()}`;
  await fs.promises.copyFile(templatePath(dataDir), tmp);
  await fs.promises.rename(tmp, file);
}

export type AuthResult =
  | { ok: true; claims: LearnerClaims; record: SandboxRecord }
  | { ok: false; result: VerifyResult | { ok: false; reason: 'unknown-sandbox' } };

export async function authenticate(
  rt: ControlRuntime,
  token: string | undefined,
  now = new Date(),
): Promise<AuthResult> {
  if (!token) return { ok: false, result: { ok: false, reason: 'missing' } };
  const v = await verifyToken(token, rt.secret, now);
  if (!v.ok) return { ok: false, result: v };
  const record = await rt.repo.sandboxes.find(v.claims.sandboxId);
  if (!record || record.learnerId !== v.claims.learnerId)
    return { ok: false, result: { ok: false, reason: 'unknown-sandbox' } };
  await rt.adopt?.(record);
  await keepAlive(rt, record, now);
  return { ok: true, claims: v.claims, record };
}

/**
 * Idle cleanup removes sandboxes whose last_used_at is old, so every authenticated use must
 * move it forward; once a minute is enough for a cutoff measured in hours, and keeps a busy
 * learner from writing app.db on every call.
 */
export const TOUCH_EVERY_MS = 60_000;

async function keepAlive(rt: ControlRuntime, record: SandboxRecord, now: Date): Promise<void> {
  const last = Date.parse(record.lastUsedAt);
  if (Number.isFinite(last) && now.getTime() - last < TOUCH_EVERY_MS) return;
  await rt.repo.sandboxes.touch(record.id, now);
  record.lastUsedAt = now.toISOString();
}

export async function resetSandbox(rt: ControlRuntime, lab: LabHost, sandboxId: string, now = new Date()) {
  const { ms } = await lab.call('resetSandbox', { sandboxId });
  await rt.repo.sandboxes.markReset(sandboxId, now);
  return { sandboxId, resetAt: now.toISOString(), ms };
}

export function describeSandbox(rt: ControlRuntime, record: SandboxRecord) {
  return {
    sandboxId: record.id,
    createdAt: record.createdAt,
    resetAt: record.resetAt,
    diskBytes: sandboxDiskBytes(rt.config.dataDir, record.id),
  };
}
