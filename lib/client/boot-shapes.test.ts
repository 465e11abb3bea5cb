import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { courseProgressSchema, sandboxClaimSchema } from '@/lib/learners/schemas';
import { explainResponseSchema } from '@/lib/knobs/schema';
import { lessonProgressSchema } from '@/components/lesson/lesson-schemas';
import { lessonProgressShape } from '@/components/lesson/lesson-progress-shape';
import { courseProgressShape, explainResponseShape, sandboxClaimShape } from './boot-shapes';
import { controlFetch } from './control-client';
import { ShapeError, type Shape } from './shape';

/**
 * The boot-time checks must say what the zod schemas say: every good answer accepted with the
 * same parsed value, and every one-field corruption of it (a wrong type, a missing field) rejected
 * by both or by neither.
 */
const run = {
  id: 'r1',
  startedAt: '2026-12-01T10:00:00Z',
  p95: 12.5,
  errorPct: null,
  achievedRps: 5,
  hitRatio: 0.4,
  rateLimited: 0,
  passed: true,
};
const samples: Array<[string, z.ZodType, Shape<unknown>, unknown[]]> = [
  [
    'sandbox claim',
    sandboxClaimSchema,
    sandboxClaimShape,
    [
      { sandboxId: 'sb1', token: 't' },
      { sandboxId: 'sb1', token: 't', moved: null, extra: 1 },
      { sandboxId: 'sb1', token: 't', moved: { at: '2026-12-01', from: 'node-a' } },
    ],
  ],
  [
    'explain',
    explainResponseSchema,
    explainResponseShape,
    [
      {
        endpoint: 'user-orders',
        request: 'GET /users/1/orders',
        statements: [{ sql: 'SELECT 1', plan: [{ id: 2, parent: 0, detail: 'SCAN orders' }] }],
      },
    ],
  ],
  [
    'course progress',
    courseProgressSchema,
    courseProgressShape,
    [{ lessons: {} }, { lessons: { indexes: { checksPassed: 1, quizAnswered: 2, predictions: 0 } } }],
  ],
  [
    'lesson progress',
    lessonProgressSchema,
    lessonProgressShape,
    [
      { since: null, predictions: {}, quiz: {}, quizOrder: {}, checks: [] },
      {
        since: '2026-12-01T09:00:00Z',
        predictions: {
          a: { choice: 'x', updatedAt: 'u' },
          b: { choice: 'y', note: 'n', updatedAt: 'u', measured: { passed: false, detail: 'd', runIds: ['r1'] } },
        },
        quiz: { q: { answer: 2, correct: true, updatedAt: 'u' } },
        quizOrder: { q: [2, 0, 1] },
        checks: [{ id: 'c', title: 't', passed: true, detail: 'd', runIds: ['r1'], passedAt: null }],
        report: {
          missing: null,
          baseline: run,
          baselineIsOff: true,
          best: { ...run, id: 'r2' },
          bestWhy: 'lowest-p95',
          changes: [{ group: 'g', label: 'l', from: 'off', to: 'on' }],
          deltas: [{ label: 'p95', before: '1', after: '2', change: '2x' }],
          steps: [{ from: run, to: run, changes: [], text: 'same' }],
          mattered: ['the index'],
        },
      },
    ],
  ],
];

/** Every value reachable in `v`, each replaced by a wrong one or (in an object) left out. */
function* corruptions(v: unknown): Generator<unknown> {
  const wrong = (x: unknown): unknown[] =>
    typeof x === 'string'
      ? [1, null, 'a string no enum allows']
      : typeof x === 'number'
        ? ['1', Number.NaN]
        : typeof x === 'boolean'
          ? ['true']
          : Array.isArray(x)
            ? [{}, 'x']
            : x === null
              ? [{}, 7]
              : [[], null, 'x'];
  yield* wrong(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) for (const c of corruptions(v[i])) yield v.map((x, j) => (j === i ? c : x));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const { [k]: _dropped, ...rest } = v as Record<string, unknown>;
      yield rest;
      for (const c of corruptions(x)) yield { ...v, [k]: c };
    }
  }
}

describe.each(samples)('%s: the boot check agrees with the zod schema', (_name, schema, shape, goods) => {
  it('accepts each good answer with the same parsed value (unknown keys dropped)', () => {
    for (const good of goods) expect(shape.parse(good)).toEqual(schema.parse(good));
  });

  it('rejects exactly the corruptions zod rejects', () => {
    let rejected = 0;
    for (const good of goods) {
      for (const bad of corruptions(good)) {
        const zodOk = schema.safeParse(bad).success;
        let shapeOk = true;
        try {
          shape.parse(bad);
        } catch (e) {
          expect(e).toBeInstanceOf(ShapeError);
          shapeOk = false;
        }
        expect({ bad, shapeOk }).toEqual({ bad, shapeOk: zodOk });
        if (!shapeOk) rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('a malformed answer from the server', () => {
  let server: http.Server;
  let origin = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/claim' ? JSON.stringify({ sandboxId: 42, token: 't' }) : '{"lessons":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is rejected with an error that names the answer, the field and what was wrong', async () => {
    await expect(controlFetch(`${origin}/claim`, sandboxClaimShape, { method: 'POST' })).rejects.toThrow(
      `Unexpected answer from ${origin}/claim: sandboxId should be a string, got number`,
    );
    await expect(controlFetch(`${origin}/progress`, courseProgressShape)).rejects.toThrow(
      'lessons should be an object, got an array',
    );
  });
});
