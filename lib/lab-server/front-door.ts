import { problem } from '../api/problem';
import { serverTiming } from '../api/server-timing';
import { toFetchResponse } from '../api/fetch-adapter';
import { getLabHost, type LabHost } from './host';
import { MAX_BODY_BYTES } from './server';

// Hop-by-hop and framing headers belong to one connection, not to the request.
const DROP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'host',
  'content-length',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

export function payloadTooLarge(pathname: string): Response {
  return toFetchResponse(
    problem('payload-too-large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`, { instance: pathname }),
  );
}

/** The front door as a Fetch handler, for every method: what the Node adapter (front-door-node.ts) and tests call. */
export const forwardToLab = (request: Request): Promise<Response> => proxyToLab(request, getLabHost());

/**
 * /api/v1 on the Next.js port forwards to the lab server over loopback, so the browser and
 * curl use one origin while the API runs off the main thread. The target is always the lab
 * server's own port: nothing in the request can choose where it goes.
 */
export async function proxyToLab(request: Request, host: LabHost | undefined): Promise<Response> {
  const t0 = performance.now();
  const url = new URL(request.url);
  const status = host?.status();
  if (!host || !status || status.state !== 'ready' || status.port === null) {
    const why =
      status?.state === 'restarting'
        ? `The lab server stopped unexpectedly and is restarting (restart #${status.restarts}).`
        : 'The lab server is starting.';
    return toFetchResponse(
      problem('lab-unavailable', `${why} Try again in a few seconds.`, {
        instance: url.pathname,
        headers: { 'retry-after': '2' },
      }),
    );
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return payloadTooLarge(url.pathname);
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!DROP.has(key)) headers.set(key, value);
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(`http://127.0.0.1:${status.port}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch {
    return toFetchResponse(
      problem('lab-unavailable', 'The lab server did not answer. Try again in a few seconds.', {
        instance: url.pathname,
        headers: { 'retry-after': '2' },
      }),
    );
  }
  const out = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!DROP.has(key)) out.set(key, value);
  });
  const body =
    request.method === 'HEAD' || upstream.status === 204 || upstream.status === 304
      ? null
      : await upstream.arrayBuffer();
  // Show what the framework hop cost next to the API's own timings.
  const proxy = serverTiming([{ name: 'frontdoor', dur: performance.now() - t0, desc: 'Next.js proxy hop' }]);
  out.set('server-timing', [out.get('server-timing'), proxy].filter(Boolean).join(', '));
  return new Response(body, { status: upstream.status, headers: out });
}
