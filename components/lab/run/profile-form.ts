import { ENDPOINT_KEYS, type EndpointKey } from '@/lib/load/endpoints';
import { loadProfileSchema, MAX_MIX_ENTRIES, type LoadProfile, type LoadProfileInput } from '@/lib/load/profile';
import { formatClock, formatMs, formatRps } from './format';
import type { FieldProblem, RunListItem } from './run-api';
import type { StoredProfile } from '@/lib/runs/schema';

/**
 * The run form's state is a complete profile (every default filled), so each field always has
 * a value to show; the server validates it again and answers 422 with field errors.
 */
export type ProfileForm = LoadProfile;

const DEFAULTS: ProfileForm = loadProfileSchema.parse({ model: 'constant-arrival' });

/** A lesson's preset over the defaults, nested groups merged so `{ keys: { distribution } }` keeps the rest. */
export function initialForm(preset: Partial<LoadProfileInput> = {}): ProfileForm {
  return {
    ...DEFAULTS,
    ...preset,
    mix: preset.mix?.length ? preset.mix.map((m) => ({ ...m })) : DEFAULTS.mix.map((m) => ({ ...m })),
    keys: { ...DEFAULTS.keys, ...preset.keys },
    clients: {
      ...DEFAULTS.clients,
      ...preset.clients,
      abusive: { ...DEFAULTS.clients.abusive, ...preset.clients?.abusive },
    },
  };
}

/** Each mix row's share of the traffic in percent (weights need not add up to anything). */
export function mixShares(mix: readonly { weight: number }[]): number[] {
  const total = mix.reduce((sum, m) => sum + (Number.isFinite(m.weight) && m.weight > 0 ? m.weight : 0), 0);
  return mix.map((m) => (total > 0 && Number.isFinite(m.weight) && m.weight > 0 ? (100 * m.weight) / total : 0));
}

export const canAddEndpoint = (mix: readonly { endpoint: string }[]) =>
  mix.length < MAX_MIX_ENTRIES && ENDPOINT_KEYS.some((k) => !mix.some((m) => m.endpoint === k));

/** The first endpoint not yet in the mix, for a new row. */
export function nextEndpoint(mix: readonly { endpoint: string }[]): EndpointKey {
  return ENDPOINT_KEYS.find((k) => !mix.some((m) => m.endpoint === k)) ?? ENDPOINT_KEYS[0];
}

/** Messages for one field, or for everything under it (`mix.1` claims `mix.1.weight`). */
export function errorsAt(errors: readonly FieldProblem[], field: string, exact = false): string[] {
  return errors.filter((e) => e.field === field || (!exact && e.field.startsWith(`${field}.`))).map((e) => e.detail);
}

/** Errors no field on the form shows (a root error, an unknown field): listed above the Run button. */
export function unclaimedErrors(errors: readonly FieldProblem[], shown: readonly string[]): FieldProblem[] {
  return errors.filter((e) => !shown.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
}

/** The fields the form has a place for; everything else goes to the general list. */
export const FORM_FIELDS = [
  'model',
  'rate',
  'users',
  'thinkTimeMs',
  'durationSec',
  'rampUpSec',
  'mix',
  'keys',
  'clients',
  'target',
  'timeoutMs',
  'seed',
] as const;

/** A stored run whose profile today's schema cannot read (lib/runs/schema.ts) still gets a label. */
export const UNKNOWN_LOAD = 'load unknown (stored by an older version)';

/** How long a run lasts and how far it is, read from what the server streamed (its clock, not ours). */
export function progressOf(profile: StoredProfile, seconds: readonly { tMs: number }[]) {
  const durationSec = profile?.durationSec ?? 0;
  const last = seconds[seconds.length - 1];
  const elapsedSec = last ? last.tMs / 1000 : 0;
  const pct = durationSec > 0 ? Math.min(100, (100 * elapsedSec) / durationSec) : 0;
  return { durationSec, elapsedSec: Math.min(elapsedSec, durationSec), pct };
}

/** "200 req/s for 10 s" or "20 users for 10 s": what a run asked for, in a few words. */
export function describeLoad(profile: StoredProfile): string {
  if (!profile) return UNKNOWN_LOAD;
  const length = ` for ${profile.durationSec} s`;
  if (profile.model === 'virtual-users') return `${profile.users} users${length}`;
  // A spike is part of the load: "10 req/s, peak 100 req/s for 20 s", not just its base rate.
  const multiple = profile.spike?.multiple ?? 1;
  const peak = multiple > 1 ? `, peak ${formatRps(profile.rate * multiple)}` : '';
  return `${formatRps(profile.rate)}${peak}${length}`;
}

export function runLabel(run: RunListItem): string {
  const p95 = run.summary?.latencyMs?.p95;
  const result =
    run.status === 'running'
      ? 'running'
      : run.status === 'failed'
        ? 'failed'
        : p95 !== undefined
          ? `p95 ${formatMs(p95)}`
          : run.status;
  return `${formatClock(run.startedAt)} · ${describeLoad(run.profile)} · ${result}`;
}
