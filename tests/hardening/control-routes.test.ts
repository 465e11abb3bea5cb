import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { CONTROL_ROUTES, HTTP_METHODS, REFUSES_METHOD, type ControlRoute } from '@/lib/api/control-routes';

/**
 * Finding 9: a 405 with an empty body and no Allow on control routes, and the HTML 404 page
 * for /api/lab/. Every control route file is in the route list and answers the methods it
 * does not serve with 405 problem+json naming the ones it does.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
beforeAll(async () => {
  lab = await startTestLab('c');
});
afterAll(() => lab.stop());

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(p);
    return d.name === 'route.ts' ? [p] : [];
  });
}

const root = path.resolve(__dirname, '../..');
const files = [
  ...routeFiles(path.join(root, 'app/api/lab')),
  ...routeFiles(path.join(root, 'app/api/workshop')),
  path.join(root, 'app/api/openapi.json/route.ts'),
].filter((f) => !f.includes('[[...rest]]'));
const routeOf = (file: string) =>
  `/${path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep).join('/')}`;
const sample = (route: string) => route.replace('[slug]', 'indexes').replace('[id]', 'run_nothing');

describe('the control route list', () => {
  it('names every route file under app/api/lab and app/api/workshop (and the OpenAPI document), and nothing else', () => {
    expect(files.map(routeOf).sort()).toEqual(Object.keys(CONTROL_ROUTES).sort());
  });

  it.each(files.map((f) => [routeOf(f), f]))(
    '%s serves exactly its listed methods and refuses the rest',
    async (route, file) => {
      const mod = (await import(file)) as Record<string, unknown>;
      const listed: readonly string[] = CONTROL_ROUTES[route as ControlRoute];
      for (const method of [...HTTP_METHODS, 'OPTIONS']) {
        const handler = mod[method];
        expect(typeof handler, `${route} exports ${method}`).toBe('function');
        const own = !(handler as Record<symbol, unknown>)[REFUSES_METHOD];
        expect(own, `${route} ${method} is its own handler`).toBe(listed.includes(method));
      }
    },
  );
});

describe('405 and OPTIONS answer with Allow', () => {
  it.each(Object.keys(CONTROL_ROUTES))('%s', async (route) => {
    const file = path.join(root, 'app', route, 'route.ts');
    const mod = (await import(file)) as Record<string, (r: Request) => Response>;
    const listed: readonly string[] = CONTROL_ROUTES[route as ControlRoute];
    const refused = HTTP_METHODS.find((m) => !listed.includes(m));
    if (!refused) return;
    const res = await mod[refused]!(new Request(`http://localhost${sample(route)}`, { method: refused }));
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    for (const m of listed) expect(res.headers.get('allow')).toContain(m);
    const options = await mod.OPTIONS!(new Request(`http://localhost${sample(route)}`, { method: 'OPTIONS' }));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe(res.headers.get('allow'));
  });
});

describe('unknown control routes', () => {
  it('GET /api/lab itself and any unknown path below it are problem+json 404s', async () => {
    const mod = await import('@/app/api/lab/[[...rest]]/route');
    for (const p of ['/api/lab', '/api/lab/', '/api/lab/nothing/here']) {
      const res = await mod.GET(new Request(`http://localhost${p}`));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const workshop = await import('@/app/api/workshop/[[...rest]]/route');
    const res = await workshop.DELETE(new Request('http://localhost/api/workshop/nothing'));
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toContain('no workshop API route /api/workshop/nothing');
  });
});
