import { problem } from './problem';
import { toFetchResponse } from './fetch-adapter';

/**
 * Every control route and the methods it serves, as data: the one list that 405 answers
 * (with their Allow header), OPTIONS and the fuzz suite are built from. A route file that is
 * missing here fails tests/hardening/control-routes.test.ts.
 */
export const CONTROL_ROUTES = {
  '/api/lab/broadcast': ['GET'],
  '/api/lab/explain': ['GET'],
  '/api/lab/health': ['GET'],
  '/api/lab/join': ['POST'],
  '/api/lab/lessons/[slug]': ['GET'],
  '/api/lab/lessons/[slug]/items': ['PUT'],
  '/api/lab/lessons/[slug]/reset': ['POST'],
  '/api/lab/lessons/[slug]/solution': ['POST'],
  '/api/lab/lessons/[slug]/start': ['POST'],
  '/api/lab/lessons/[slug]/visit': ['POST'],
  '/api/lab/progress': ['GET'],
  '/api/lab/progress/export': ['GET'],
  '/api/lab/progress/import': ['POST'],
  '/api/lab/replica/probe': ['POST'],
  '/api/lab/room/events': ['GET'],
  '/api/lab/runs': ['GET', 'POST'],
  '/api/lab/runs/[id]': ['GET'],
  '/api/lab/runs/[id]/events': ['GET'],
  '/api/lab/runs/[id]/stop': ['POST'],
  '/api/lab/sandbox': ['GET', 'POST', 'DELETE'],
  '/api/lab/settings': ['GET', 'PATCH'],
  '/api/lab/sim': ['POST'],
  '/api/lab/sim/stateless': ['POST'],
  '/api/lab/source': ['GET'],
  '/api/lab/sql': ['POST'],
  '/api/workshop/broadcast': ['POST', 'DELETE'],
  '/api/workshop/export': ['GET'],
  '/api/workshop/learners/[id]/reset': ['POST'],
  '/api/workshop/load': ['POST', 'PUT'],
  '/api/workshop/overview': ['GET'],
  '/api/workshop/projector': ['GET', 'PUT'],
  '/api/workshop/reset-all': ['POST'],
  '/api/workshop/room/events': ['GET'],
  '/api/workshop/runs': ['GET'],
  '/api/workshop/runs/[id]/events': ['GET'],
  '/api/workshop/session': ['POST', 'DELETE'],
  '/api/openapi.json': ['GET'],
} as const satisfies Record<string, readonly HttpMethod[]>;

export type ControlRoute = keyof typeof CONTROL_ROUTES;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Handler = (request: Request) => Response;

/** Marks the handlers made here, so the route-list test can tell them from a route's own. */
export const REFUSES_METHOD = Symbol.for('scale-lab.refuses-method');

/**
 * The routes whose GET is an event stream. Next.js answers HEAD by calling GET and then never
 * reads nor cancels the body, so a stream opened for a HEAD would hold its subscriber (and its
 * slot) until restart: these routes export otherMethods' HEAD, a 405, and do not list HEAD.
 */
export const EVENT_STREAM_ROUTES: readonly ControlRoute[] = [
  '/api/lab/room/events',
  '/api/lab/runs/[id]/events',
  '/api/workshop/room/events',
  '/api/workshop/runs/[id]/events',
];

/** HEAD comes with GET (Next.js answers it from the GET handler) except on event streams, OPTIONS with every route. */
export function allowHeader(route: ControlRoute): string {
  const methods: readonly string[] = CONTROL_ROUTES[route];
  const head = methods.includes('GET') && !EVENT_STREAM_ROUTES.includes(route);
  return [...methods, ...(head ? ['HEAD'] : []), 'OPTIONS'].join(', ');
}

/**
 * The handlers a route file exports for the methods it does not serve: 405 problem+json with
 * Allow, and OPTIONS answering 204 with Allow. Without them Next.js answers 405 with an
 * empty body and no Allow header.
 *
 *   export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods('/api/lab/runs');
 *   export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/room/events');
 */
export function otherMethods(route: ControlRoute): Record<HttpMethod | 'HEAD' | 'OPTIONS', Handler> {
  const allow = allowHeader(route);
  const refuse: Handler = (request) =>
    toFetchResponse(
      problem(
        'method-not-allowed',
        `${request.method} is not supported on ${new URL(request.url).pathname}. Allowed: ${allow}.`,
        {
          instance: new URL(request.url).pathname,
          headers: { allow },
        },
      ),
    );
  const options: Handler = () => new Response(null, { status: 204, headers: { allow } });
  for (const h of [refuse, options]) Object.defineProperty(h, REFUSES_METHOD, { value: true });
  // HEAD is exported only by EVENT_STREAM_ROUTES; elsewhere Next.js answers it from GET.
  return { GET: refuse, HEAD: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}

/**
 * The handlers of an optional catch-all under /api/lab or /api/workshop: any path that is not
 * a route answers a problem+json 404 naming it (the folder itself included), never the HTML
 * not-found page.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownRoutes('workshop');
 */
export function unknownRoutes(api: 'control' | 'workshop'): Record<HttpMethod | 'OPTIONS', Handler> {
  const notFound: Handler = (request) => {
    const path = new URL(request.url).pathname;
    return toFetchResponse(
      problem(
        'route-not-found',
        `There is no ${api} API route ${path}. The routes are listed in lib/api/control-routes.ts.`,
        { instance: path },
      ),
    );
  };
  return { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}
