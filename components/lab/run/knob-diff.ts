import type { z } from 'zod';
import type { LoadProfile } from '@/lib/load/profile';
import type { knobSnapshotSchema, StoredProfile } from '@/lib/runs/schema';
import { describeField, fieldSpec, indexLabel } from '@/lib/knobs/registry';
import { formatChange, formatMs } from './format';

export type KnobSnapshot = z.infer<typeof knobSnapshotSchema>;
export type Difference = { what: string; before: string; after: string };

/** Flattens nested settings to dotted paths: { appCache: { enabled } } → 'appCache.enabled'. */
export function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      for (const [path, leaf] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(path, leaf);
    }
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

export function showValue(value: unknown, unit = ''): string {
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (value === undefined || value === null) return '–';
  if (typeof value === 'number') return `${value.toLocaleString('en')}${unit}`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * What changed between two runs' knob snapshots, in the words of the knob panel. This is the
 * punchline of a comparison ("the index was the only change"), so every leaf setting is
 * compared, and unknown ones still show up under their path rather than being skipped.
 */
export function diffKnobs(a: KnobSnapshot, b: KnobSnapshot): Difference[] {
  const out: Difference[] = [];
  const before = flatten(a.settings);
  const after = flatten(b.settings);
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(path);
    const y = after.get(path);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    const spec = fieldSpec(path);
    out.push({ what: spec?.label ?? path, before: describeField(spec, x), after: describeField(spec, y) });
  }
  const present = (s: KnobSnapshot) => new Map(s.indexes.map((ix) => [ix.name as string, ix.present]));
  const ia = present(a);
  const ib = present(b);
  for (const name of new Set([...ia.keys(), ...ib.keys()])) {
    const x = ia.get(name) ?? false;
    const y = ib.get(name) ?? false;
    if (x !== y)
      out.push({ what: indexLabel(name), before: x ? 'present' : 'absent', after: y ? 'present' : 'absent' });
  }
  return out;
}

const PROFILE_LABELS: Record<string, string> = {
  model: 'Load model',
  rate: 'Rate (req/s)',
  users: 'Virtual users',
  thinkTimeMs: 'Think time (ms)',
  durationSec: 'Duration (s)',
  rampUpSec: 'Ramp-up (s)',
  mix: 'Endpoint mix',
  'keys.distribution': 'Key distribution',
  'keys.zipfSkew': 'Zipf skew',
  'keys.hotSetFraction': 'Hot set size',
  'keys.hotTrafficFraction': 'Hot set traffic share',
  'clients.count': 'Clients',
  'clients.abusive.enabled': 'Abusive client',
  'clients.abusive.multiple': 'Abusive client multiple',
  target: 'Target',
  timeoutMs: 'Timeout (ms)',
};

/** Drops the settings a profile does not use, so "rate 50 vs 200" is not reported for two user-loop runs. */
function relevant(p: LoadProfile): Map<string, unknown> {
  const flat = flatten(p);
  const open = flat.get('model') === 'constant-arrival';
  const drop = ['seed', ...(open ? ['users', 'thinkTimeMs'] : ['rate'])];
  if (flat.get('keys.distribution') !== 'zipf') drop.push('keys.zipfSkew');
  if (flat.get('keys.distribution') !== 'hot-set') drop.push('keys.hotSetFraction', 'keys.hotTrafficFraction');
  if (flat.get('clients.abusive.enabled') !== true) drop.push('clients.abusive.multiple');
  for (const key of drop) flat.delete(key);
  return flat;
}

function showMix(value: unknown): string {
  if (!Array.isArray(value)) return showValue(value);
  return value
    .map((e: { endpoint?: unknown; weight?: unknown }) => `${String(e.endpoint)} ×${String(e.weight)}`)
    .join(', ');
}

/** The workload can differ too; a comparison that changed the load as well as a knob says so. */
export function diffProfiles(a: StoredProfile, b: StoredProfile): Difference[] {
  // A profile stored by an older version cannot be compared field by field; say so rather than guess.
  if (!a || !b) return [{ what: 'Load profile', before: a ? 'known' : 'unknown', after: b ? 'known' : 'unknown' }];
  const out: Difference[] = [];
  const before = relevant(a);
  const after = relevant(b);
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(path);
    const y = after.get(path);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    const show = path === 'mix' ? showMix : showValue;
    out.push({ what: PROFILE_LABELS[path] ?? path, before: show(x), after: show(y) });
  }
  return out;
}

type P95 = { summary: { latencyMs: { p95: number } | null } | null };

/** The comparison's punchline in one sentence: what changed, and what it did to p95. */
export function verdict(knobs: Difference[], load: Difference[], a: P95, b: P95): string {
  const x = a.summary?.latencyMs?.p95;
  const y = b.summary?.latencyMs?.p95;
  const p95 = `p95 went from ${formatMs(x)} to ${formatMs(y)} (${formatChange(x, y)})`;
  const only = knobs[0];
  if (knobs.length === 0 && load.length === 0)
    return `Same knobs, same load: ${p95}. A difference this size is noise or a change in the data.`;
  if (knobs.length === 1 && load.length === 0 && only)
    return `Only one thing changed, ${only.what} (${only.before} → ${only.after}), and ${p95}.`;
  const parts = [
    ...(knobs.length ? [`${knobs.length} knob change${knobs.length === 1 ? '' : 's'}`] : []),
    ...(load.length ? [`${load.length} load change${load.length === 1 ? '' : 's'}`] : []),
  ];
  return `${parts.join(' and ')}: ${p95}.`;
}
