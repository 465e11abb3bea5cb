import { PROBLEMS, type ProblemType } from '../problem';
import { COMMON_HEADERS, PROBLEM_HEADERS } from './headers';
import { SCHEMA_REF } from './json-schema';
import type { OperationDoc } from './operations';
import type { Response } from './types';

const PROBLEM_JSON = 'application/problem+json';

// invalid-parameters for everyone: a malformed X-Client-Id header is one.
const ALWAYS: ProblemType[] = ['invalid-parameters', 'unauthorized', 'rate-limited', 'internal', 'lab-unavailable'];
const WITH_BODY: ProblemType[] = ['malformed-json', 'payload-too-large', 'unsupported-media-type', 'validation-failed'];

export function problemsOf(method: string, pattern: string, op: OperationDoc): ProblemType[] {
  const set = new Set<ProblemType>(ALWAYS);
  if (pattern.includes('{')) set.add('not-found');
  if (method === 'POST' || method === 'PATCH') WITH_BODY.forEach((p) => set.add(p));
  op.problems?.forEach((p) => set.add(p));
  return [...set];
}

/**
 * One response per status, naming only the problem types this operation can answer with
 * (a GET's 400 is about parameters, a POST's also about its JSON), each with an example.
 */
export function problemResponses(types: ProblemType[]): Record<string, Response> {
  const byStatus = new Map<number, ProblemType[]>();
  for (const t of types) byStatus.set(PROBLEMS[t].status, [...(byStatus.get(PROBLEMS[t].status) ?? []), t]);
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: list.map((t) => PROBLEMS[t].title).join('; '),
          headers: { ...COMMON_HEADERS, ...PROBLEM_HEADERS[status] },
          content: {
            [PROBLEM_JSON]: {
              schema: { $ref: `${SCHEMA_REF}Problem` },
              examples: Object.fromEntries(
                list.map((t) => [
                  t,
                  {
                    summary: PROBLEMS[t].title,
                    value: {
                      type: `/problems/${t}`,
                      title: PROBLEMS[t].title,
                      status,
                      detail: '…',
                      instance: '/api/v1/…',
                    },
                  },
                ]),
              ),
            },
          },
        },
      ]),
  );
}
