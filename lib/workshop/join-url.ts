import os from 'node:os';

/** The address learners on the same network type in: the first non-loopback IPv4 of this machine. */
export function roomUrl(port: number): string {
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family === 'IPv4' && !a.internal) return `http://${a.address}:${port}/join`;
    }
  }
  return `http://localhost:${port}/join`;
}
