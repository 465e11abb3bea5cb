/**
 * Load-balancing strategies. Each picks one of the instances currently in rotation (the
 * health check takes dead ones out; until it does, the balancer keeps sending to them,
 * which is exactly the window the failure experiment shows).
 */
export const STRATEGIES = ['round-robin', 'least-connections', 'ip-hash'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export type InstanceLoad = { index: number; inRotation: boolean; connections: number };

/** FNV-1a over the client id: cheap, stable, and spreads consecutive ids well. */
export function hashClient(clientId: number): number {
  let h = 0x811c9dc5;
  const s = String(clientId);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createBalancer(strategy: Strategy) {
  let next = 0;
  return function pick(clientId: number, instances: readonly InstanceLoad[]): number {
    const live = instances.filter((i) => i.inRotation);
    if (live.length === 0) return -1;
    switch (strategy) {
      case 'round-robin': {
        const chosen = live[next % live.length] as InstanceLoad;
        next = (next + 1) % live.length;
        return chosen.index;
      }
      case 'least-connections': {
        // Ties rotate, so an idle pool is used evenly instead of always starting at instance 1.
        const start = next++ % live.length;
        let best = live[start] as InstanceLoad;
        for (let k = 1; k < live.length; k++) {
          const cand = live[(start + k) % live.length] as InstanceLoad;
          if (cand.connections < best.connections) best = cand;
        }
        return best.index;
      }
      case 'ip-hash':
        // Modulo the live count: when an instance leaves, most clients move (consistent
        // hashing would move only the dead instance's share).
        return (live[hashClient(clientId) % live.length] as InstanceLoad).index;
    }
  };
}
