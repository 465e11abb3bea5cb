import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardToLab, payloadTooLarge } from './front-door';
import { MAX_BODY_BYTES } from './server';

/**
 * The front door as a Pages Router API route (pages/api/{v1,v2,shop}). An App Router route
 * handler cannot be used here: Next.js adds its own `Vary: rsc, next-router-state-tree, …` to
 * every App Router response before the handler runs, and appends the handler's Vary after it,
 * so the Shop API's own Vary (Authorization, Cookie, API-Version) would never reach the client
 * alone. A Pages API route writes to the raw Node response, so only the lab server's headers
 * (and Accept-Encoding, from Next's response compression) go out.
 */
export function serveFrontDoor(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return frontDoorWith()(req, res);
}

/**
 * The front door with a step before forwarding. Cluster mode passes one that takes over the
 * caller's sandbox when this node does not hold it yet, so even a learner's first request
 * after their node died (a Shop API call) finds their sandbox here.
 */
export function frontDoorWith(beforeForward?: (headers: Headers) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => forward(req, res, beforeForward);
}

async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  beforeForward?: (headers: Headers) => Promise<void>,
): Promise<void> {
  // The base is only there to parse the path: the target is always the lab server's loopback port.
  const url = new URL(req.url ?? '/', 'http://front-door.invalid');
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    body = await readCapped(req);
    if (!body) return write(res, payloadTooLarge(url.pathname));
  }
  await beforeForward?.(headers);
  const request = new Request(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
  await write(res, await forwardToLab(request));
}

/** The whole body, or undefined once it passes the lab's limit (a chunked body has no length to check up front). */
async function readCapped(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}
