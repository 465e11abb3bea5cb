import { probeResultSchema, type ProbeResult } from '@/lib/replica/probe-schema';

/** POST /api/lab/replica/probe, parsed with the server's own schema. */
export async function runProbe(pairs: number): Promise<ProbeResult> {
  const res = await fetch('/api/lab/replica/probe', {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pairs }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = body as { detail?: string } | null;
    const wait = res.headers.get('retry-after');
    throw new Error(`${b?.detail ?? `The probe answered ${res.status}.`}${res.status === 429 && wait ? ` (try again in ${wait} s)` : ''}`);
  }
  return probeResultSchema.parse(body);
}
