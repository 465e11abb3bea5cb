import { GROUP_IDS, INDEXES, indexPhrase, phrase } from '../knobs/registry';
import { ENDPOINTS } from '../load/endpoints';
import type { RunCondition } from './frontmatter';

/**
 * Lesson check conditions in the learner's words: the knobs as the registry describes them
 * ("the app cache off"), the workload as the Load tab shows it. Never a field path, a raw
 * value or a run id.
 */
const DISTRIBUTION: Record<string, string> = {
  uniform: 'uniformly spread ids',
  zipf: 'Zipf-skewed ids',
  'hot-set': 'a hot set of ids',
};

/** "a, b and c" */
export function listWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The knobs a condition names: "the index on orders.user_id absent, the rate limiter off". */
function knobWords(c: RunCondition): string[] {
  const out: string[] = [];
  for (const [name, on] of Object.entries(c.indexes ?? {})) {
    if (on !== undefined && name in INDEXES) out.push(indexPhrase(name as keyof typeof INDEXES, on));
  }
  for (const g of GROUP_IDS) {
    const value = c.settings?.[g];
    if (value && Object.keys(value).length) out.push(phrase(g, value));
  }
  return out;
}

/** The workload a condition names: "a fixed rate of at least 20 req/s", "an abusive client". */
function loadWords(c: RunCondition): string[] {
  const out: string[] = [];
  if (c.minRate !== undefined) out.push(`a fixed rate of at least ${c.minRate} req/s`);
  else if (c.model) out.push(c.model === 'constant-arrival' ? 'a fixed rate' : 'users in a loop');
  if (c.minPeakRate !== undefined) out.push(`a peak of at least ${c.minPeakRate} req/s`);
  if (c.distribution) out.push(DISTRIBUTION[c.distribution] ?? c.distribution);
  if (c.abusive !== undefined) out.push(c.abusive ? 'an abusive client' : 'no abusive client');
  return out;
}

/**
 * "a run that sends GET /api/v1/users/{id}/orders, with the index on orders.user_id absent, the
 * rate limiter off and a fixed rate": the run a check is still missing.
 */
export function describeRun(c: RunCondition, what = 'a run'): string {
  const sends = c.endpoint ? ` that sends ${ENDPOINTS[c.endpoint].label}` : '';
  const rest = [...knobWords(c), ...loadWords(c)];
  return `${what}${sends}${rest.length ? `${sends ? ',' : ''} with ${listWords(rest)}` : ''}`;
}
