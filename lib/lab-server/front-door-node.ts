import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardToLab, payloadTooLarge } from './front-door';
import { closeAfterAnswer, hasBody, readCappedBody, type CappedBody } from './capped-body';
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

/** Runs before forwarding; a Response it returns is the answer instead (e.g. 503 while the sandbox is taken over). */
type BeforeForward = (headers: Headers, method: string) => Promise<Response | undefined | void>;

/**
 * The front door with a step before forwarding. Cluster mode passes one that takes over the
 * caller's sandbox when this node does not hold it yet, so even a learner's first request
 * after their node died (a Shop API call) finds their sandbox here.
 */
export function frontDoorWith(beforeForward?: BeforeForward) {
  return (req: IncomingMessage, res: ServerResponse) => forward(req, res, beforeForward);
}

async function forward(req: IncomingMessage, res: ServerResponse, beforeForward?: BeforeForward): Promise<void> {
  // The base is only there to parse the path: the target is always the lab server's loopback port.
  const url = new URL(req.url ?? '/', 'http://front-door.invalid');
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (hasBody(req)) {
    const read = await new Promise<CappedBody>((resolve) => readCappedBody(req, MAX_BODY_BYTES, resolve));
    if (read === 'too-large') {
      // Answer, then close lingering: the rest of the body is never parsed (see capped-body.ts).
      closeAfterAnswer(req, res);
      return write(res, payloadTooLarge(url.pathname));
    }
    if (read === 'aborted') return;
    // GET and HEAD carry no body upstream: one sent anyway was read within the cap and is dropped.
    if (method !== 'GET' && method !== 'HEAD') body = read;
  }
  const answered = await beforeForward?.(headers, method);
  if (answered) return write(res, answered);
  const request = new Request(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
  await write(res, await forwardToLab(request));
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
