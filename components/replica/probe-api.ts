import { controlFetch, sendJson } from '@/lib/client/control-client';
import { probeResultSchema, type ProbeResult } from '@/lib/replica/probe-schema';

/** POST /api/lab/replica/probe, parsed with the server's own schema. */
export const runProbe = (pairs: number): Promise<ProbeResult> =>
  controlFetch('/api/lab/replica/probe', probeResultSchema, sendJson('POST', { pairs }));
