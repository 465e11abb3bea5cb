import http from 'node:http';

/**
 * Who is calling, for per-client limits on sign-in, join and sandbox creation. A route
 * handler sees a Fetch Request with no socket, and Next.js only fills X-Forwarded-For when
 * the client did not send one, so that header alone is whatever the client says. At boot the
 * server stamps every request with the address of the socket it came on (overwriting any
 * copy the client sent); X-Forwarded-For is read only through the proxies the operator says
 * are in front (SCALE_LAB_TRUST_PROXY), counting from the socket outwards.
 */
export const PEER_HEADER = 'x-scale-lab-peer';

export function installPeerStamp(): void {
  const g = globalThis as typeof globalThis & { __scaleLabPeerStamp?: boolean };
  if (g.__scaleLabPeerStamp) return;
  g.__scaleLabPeerStamp = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function stamped(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(
      this,
      event,
      ...args,
    );
  } as typeof emit;
}

/** The client's address: the socket's peer, or with N trusted proxies the Nth X-Forwarded-For entry from the right. */
export function clientAddress(headers: Headers, trustedProxies: number): string {
  const peer = headers.get(PEER_HEADER)?.trim() || 'unknown';
  if (trustedProxies <= 0) return limitKey(peer);
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return limitKey(chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer);
}

/**
 * The key a limit counts under. IPv4 (also when mapped into IPv6) is the address itself; an
 * IPv6 address is its /64, because one host usually owns a whole /64 and could otherwise
 * step round its limit address by address.
 */
export function limitKey(address: string): string {
  const a = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1] ?? a;
  if (!a.includes(':') || !/^[0-9a-f:.]+$/.test(a)) return a.slice(0, 64);
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
