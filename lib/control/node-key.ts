import { isNodeKey } from '../learners/identity';

/**
 * nginx tells the node which key it hashed a request on (X-Scale-Lab-Node-Key, set by
 * deploy/nginx.conf over anything the client sent), and turns the same header in a response
 * into the learner's affinity cookie. A node puts that key in front of every token it issues,
 * so the learner's bearer calls hash to this node too (lib/learners/identity.ts).
 */
export const NODE_KEY_HEADER = 'x-scale-lab-node-key';

/**
 * The key this request was placed by, or undefined. Only behind a proxy the operator trusts
 * (SCALE_LAB_TRUST_PROXY, as for X-Forwarded-For): without one the header is whatever the client
 * wrote. Anything but a well-formed key is ignored, never echoed into a cookie.
 */
export function proxyNodeKey(headers: Headers, trustedProxies: number): string | undefined {
  if (trustedProxies <= 0) return undefined;
  const key = headers.get(NODE_KEY_HEADER);
  return isNodeKey(key) ? key : undefined;
}
