import { problem } from '../problem';
import { allowList, createRouter, type Route } from '../router';
import type { Stage } from '../stage';
import type { ApiVersion } from '../versions';

type Match = ReturnType<typeof createRouter>;

/** Finds the route for the request's contract: 404 for no such path, 405 (or OPTIONS' 204) with Allow. */
export function routeStage(routes: Record<ApiVersion, Route[]>): Stage {
  const routers: Record<ApiVersion, Match> = { 1: createRouter(routes[1]), 2: createRouter(routes[2]) };
  return {
    name: 'route',
    run(ctx) {
      const { req, instance } = ctx;
      const version = ctx.version ?? 1;
      const match = routers[version];
      const found = match(req.method === 'OPTIONS' ? 'GET' : req.method, req.path);
      if (found.kind === 'not-found') {
        return problem('route-not-found', `There is no route ${req.path} in the Shop API v${version}.`, { instance });
      }
      if (found.kind === 'method-not-allowed' || req.method === 'OPTIONS') {
        const allow = (found.kind === 'method-not-allowed' ? found.allow : allowFor(match, req.path)).join(', ');
        if (req.method === 'OPTIONS') return { status: 204, headers: { allow }, body: null };
        return problem('method-not-allowed', `${req.method} is not supported on ${instance}. Allowed: ${allow}.`, {
          instance,
          headers: { allow },
        });
      }
      ctx.route = found.route;
      ctx.params = found.params;
      return undefined;
    },
  };
}

function allowFor(match: Match, path: string): string[] {
  return allowList(['GET', 'POST', 'PATCH', 'DELETE'].filter((m) => match(m, path).kind === 'match'));
}
