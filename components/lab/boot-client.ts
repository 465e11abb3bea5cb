import { controlFetch } from '@/lib/client/control-client';
import { explainResponseShape, sandboxClaimShape } from '@/lib/client/boot-shapes';

/**
 * The control-API calls a lesson makes as it boots (its first-screen widgets claim the sandbox
 * and show a query plan), checked without zod (lib/client/boot-shapes.ts): the lab's other calls,
 * in api-client.ts, load zod with the lab.
 */
export const claimSandbox = () => controlFetch('/api/lab/sandbox', sandboxClaimShape, { method: 'POST' });

export const fetchExplain = (endpoint: string) =>
  controlFetch(`/api/lab/explain?endpoint=${encodeURIComponent(endpoint)}`, explainResponseShape);
