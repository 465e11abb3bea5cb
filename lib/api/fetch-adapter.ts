import type { ApiRequest, ApiResponse } from './types';
import { splitApiPath } from './versions';

/** Fetch API <-> pipeline objects, for route handlers and tests. */
export async function fromFetchRequest(request: Request, prefix = '/api/v1'): Promise<ApiRequest> {
  const url = new URL(request.url);
  const mount = splitApiPath(url.pathname);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return {
    method: request.method,
    path: mount
      ? mount.path
      : url.pathname.startsWith(prefix)
        ? url.pathname.slice(prefix.length) || '/'
        : url.pathname,
    ...(mount ? { base: mount.base } : {}),
    query: url.searchParams,
    search: url.search,
    headers,
    body: hasBody ? await request.text() : null,
    signal: request.signal,
  };
}

export function toFetchResponse(r: ApiResponse, method = 'GET'): Response {
  const noBody = method === 'HEAD' || r.status === 204 || r.status === 304;
  return new Response(noBody ? null : r.body, { status: r.status, headers: r.headers });
}

/** Wraps the pipeline as a Fetch handler: what tests call with real Request objects. */
export function fetchHandler(handle: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>) {
  return async (request: Request): Promise<Response> =>
    toFetchResponse(await handle(await fromFetchRequest(request)), request.method);
}
