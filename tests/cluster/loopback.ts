import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findNginx, nginxArgs, writeLocalNginxConf } from '../../scripts/cluster/nginx-conf.mjs';

/**
 * Loopback pieces for testing the shipped nginx config: tiny node:http stubs standing in for
 * Scale Lab nodes (each echoes what it received and names itself in the body; nginx says which one answered in X-Served-By), and an
 * nginx of our own on a private prefix. Ports come from the cluster range (3300-3399 by
 * default, SCALE_LAB_CLUSTER_TEST_PORTS=from-to to move it) so parallel work does not collide.
 */
export function portRange(): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(process.env.SCALE_LAB_CLUSTER_TEST_PORTS ?? '3300-3399');
  return m ? [Number(m[1]), Number(m[2])] : [3300, 3399];
}

const tryListen = (server: net.Server, port: number) =>
  new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });

/** The first port in the range nobody listens on (probed by binding it, then let go). */
export async function freePort(skip: Set<number> = new Set()): Promise<number> {
  const [from, to] = portRange();
  for (let port = from; port <= to; port++) {
    if (skip.has(port)) continue;
    const probe = net.createServer();
    if (await tryListen(probe, port)) {
      await new Promise((r) => probe.close(r));
      return port;
    }
  }
  throw new Error(`No free port in ${from}-${to}`);
}

export type Stub = { id: string; port: number; close: () => Promise<void> };

/** A stand-in node. /api/lab/runs/<id>/events streams SSE; ?node-key=K answers with X-Scale-Lab-Node-Key: K. */
export async function startStub(id: string, port: number): Promise<Stub> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      if (/^\/api\/(lab|workshop)\/runs\/[^/]+\/events$/.test(url.pathname)) {
        // No X-Accel-Buffering here: the nginx config alone must keep the stream flowing.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: second\ndata: 1\n\n');
        const t = setTimeout(() => res.end(), 5_000);
        res.on('close', () => clearTimeout(t));
        return;
      }
      const key = url.searchParams.get('node-key');
      res.writeHead(200, { 'content-type': 'application/json', ...(key ? { 'x-scale-lab-node-key': key } : {}) });
      res.end(JSON.stringify({ node: id, method: req.method, bytes, headers: req.headers }));
    });
  });
  if (!(await tryListen(server, port))) throw new Error(`Port ${port} was taken`);
  return { id, port, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

export type Nginx = { port: number; prefix: string; stop: () => Promise<void> };

/** `template` defaults to deploy/nginx.conf found beside the script; a bundled caller (the bench) passes it in. */
export async function startNginx(port: number, nodes: string[], template?: string): Promise<Nginx> {
  const bin = findNginx();
  if (!bin) throw new Error('nginx not found');
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-nginx-'));
  const conf = writeLocalNginxConf(prefix, { listen: `127.0.0.1:${port}`, nodes, ...(template ? { template } : {}) });
  const child: ChildProcess = spawn(bin, nginxArgs(prefix, conf), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // Ready when it accepts connections (it answers 502 if no stub is up, which is still "up").
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    prefix,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
