import { z } from 'zod';
import { settingsPatchSchema, type KnobSettings, type SettingsPatch } from '../knobs/schema';
import { makeLoadProfileSchema, type LoadProfile, type LoadProfileInput } from '../load/profile';

/**
 * An experiment a learner can share: the knobs and the workload, nothing else. It travels
 * in the URL (/share?e=<base64url JSON>) and is validated with the same zod schemas as the
 * settings and runs APIs when opened. It never names a sandbox, learner or token (the schema
 * is strict): whoever opens the link applies it to their own sandbox, the one their cookie
 * names.
 */
export const SHARE_PATH = '/share';
/** Longer links get cut by chat apps and proxies; a full experiment is well under this. */
export const MAX_ENCODED_LENGTH = 4096;

// The server checks the duration against its own limit when the run starts; a link only
// has to be something some Scale Lab server could accept (SCALE_LAB_MAX_RUN_SECONDS <= 600).
// The page that shows a link reads its workload with this schema too, not the default one.
export const sharedProfileSchema = makeLoadProfileSchema({ maxDurationSec: 600 });

const workloadSchema = z
  .record(z.string(), z.unknown())
  .superRefine((w, ctx) => {
    const parsed = sharedProfileSchema.safeParse(w);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  })
  // Checked as a profile above, and kept as sent (defaults not filled in) so that links stay short.
  .transform((w) => w as LoadProfileInput);

export const experimentSchema = z.strictObject({
  v: z.literal(1, { error: 'this link was made by a different version of Scale Lab' }),
  title: z.string().trim().min(1).max(120).optional(),
  lesson: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, 'must be a lesson slug')
    .optional(),
  knobs: settingsPatchSchema,
  workload: workloadSchema,
});

export type Experiment = z.output<typeof experimentSchema>;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodeExperiment(experiment: Experiment): string {
  return toBase64Url(JSON.stringify(experimentSchema.parse(experiment)));
}

export type DecodeResult = { ok: true; experiment: Experiment } | { ok: false; problems: string[] };

/** Never throws: a broken or tampered link becomes a list of problems to show. */
export function decodeExperiment(encoded: string | null | undefined): DecodeResult {
  if (!encoded) return { ok: false, problems: ['The link has no experiment in it (the ?e= part is missing).'] };
  if (encoded.length > MAX_ENCODED_LENGTH)
    return {
      ok: false,
      problems: [`The experiment is too long (${encoded.length} characters; the limit is ${MAX_ENCODED_LENGTH}).`],
    };
  const text = fromBase64Url(encoded);
  if (text === null)
    return {
      ok: false,
      problems: ['The link is damaged: the experiment is not valid base64url text. Was it cut off when it was copied?'],
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      problems: ['The link is damaged: the experiment is not valid JSON. Was it cut off when it was copied?'],
    };
  }
  const parsed = experimentSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? `Unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}${i.path.length ? ` in ${i.path.join('.')}` : ''}`
          : `${i.path.join('.') || 'experiment'}: ${i.message}`,
      ),
    };
  }
  return { ok: true, experiment: parsed.data };
}

export function shareUrl(origin: string, experiment: Experiment): string {
  return `${origin}${SHARE_PATH}?e=${encodeExperiment(experiment)}`;
}

/**
 * The experiment behind a finished run: its knob snapshot in full (so applying it reproduces
 * the run's settings, whatever the opener's sandbox had) and its workload without the fields
 * that equal the defaults (shorter links; the defaults fill them back in).
 */
export function experimentFromRun(
  run: {
    profile: LoadProfile;
    knobs: { settings: KnobSettings; indexes: { name: string; present: boolean }[] };
  },
  extra: { lesson?: string; title?: string } = {},
): Experiment {
  const indexes = Object.fromEntries(run.knobs.indexes.map((i) => [i.name, i.present])) as SettingsPatch['indexes'];
  const knobs: SettingsPatch = { ...structuredClone(run.knobs.settings), indexes };
  const defaults: Record<string, unknown> = sharedProfileSchema.parse({ model: run.profile.model });
  const workload = Object.fromEntries(
    Object.entries(run.profile).filter(([k, v]) => k === 'model' || JSON.stringify(v) !== JSON.stringify(defaults[k])),
  );
  return experimentSchema.parse({ v: 1, ...extra, knobs, workload });
}
