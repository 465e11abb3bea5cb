// Renders deploy/nginx.conf for a local cluster: the lines the template marks `# @name` get the
// launcher's values (own prefix, pid file, logs and temp paths, a loopback listen address), and
// the node list between `# @nodes-begin` and `# @nodes-end` is replaced. Everything else —
// affinity, health checks, SSE — is the shipped template, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'nginx.conf');

const TAGGED = /^(\s*)([a-z_]+)\s+.*;\s*# @([a-z_]+)\s*$/;

/** Paths for an nginx of our own under `prefix`, never the system service's. */
export function localPaths(prefix) {
  const p = (name) => path.join(prefix, name);
  return {
    pid: p('nginx.pid'),
    error_log: `${p('logs/error.log')} warn`,
    access_log: p('logs/access.log'),
    client_body_temp_path: p('temp/body'),
    proxy_temp_path: p('temp/proxy'),
    fastcgi_temp_path: p('temp/fastcgi'),
    uwsgi_temp_path: p('temp/uwsgi'),
    scgi_temp_path: p('temp/scgi'),
  };
}

/**
 * @param {string} template the text of deploy/nginx.conf
 * @param {{ values: Record<string, string>, nodes: string[] }} opts values for every `# @name`
 *   line (an unknown or missing name throws, so the template and the launcher cannot drift)
 *   and the nodes as host:port
 */
export function renderNginxConf(template, { values, nodes }) {
  if (nodes.length === 0) throw new Error('A cluster needs at least one node');
  const used = new Set();
  const out = [];
  let inNodes = false;
  let serverParams = null;
  for (const line of template.split('\n')) {
    if (/#\s*@nodes-begin\s*$/.test(line)) {
      inNodes = true;
      continue;
    }
    if (inNodes) {
      const server = /^(\s*)server\s+\S+(.*);\s*$/.exec(line);
      if (server && serverParams === null) serverParams = { indent: server[1], params: server[2] };
      if (!/#\s*@nodes-end\s*$/.test(line)) continue;
      if (!serverParams) throw new Error('The template lists no example server line to take its parameters from');
      for (const n of nodes) out.push(`${serverParams.indent}server ${n}${serverParams.params};`);
      inNodes = false;
      continue;
    }
    const m = TAGGED.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const [, indent, directive, tag] = m;
    if (!(tag in values)) throw new Error(`No value for the template's # @${tag} line`);
    used.add(tag);
    out.push(`${indent}${directive} ${values[tag]};`);
  }
  if (inNodes) throw new Error('The template opens # @nodes-begin without # @nodes-end');
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`The template has no # @${unused.join(', # @')} line`);
  return out.join('\n');
}

/** Writes prefix/nginx.conf and creates the directories it names. Returns the config path. */
export function writeLocalNginxConf(prefix, { listen, nodes, template = fs.readFileSync(TEMPLATE, 'utf8') }) {
  const values = { ...localPaths(prefix), listen };
  for (const dir of ['logs', 'temp/body', 'temp/proxy', 'temp/fastcgi', 'temp/uwsgi', 'temp/scgi']) {
    fs.mkdirSync(path.join(prefix, dir), { recursive: true });
  }
  // Started as root, nginx runs its workers as an unprivileged user, which must reach the temp
  // directories (nginx chowns those, not their parents) to buffer large bodies.
  fs.chmodSync(prefix, 0o755);
  fs.chmodSync(path.join(prefix, 'temp'), 0o755);
  const file = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(file, renderNginxConf(template, { values, nodes }));
  return file;
}

/** The nginx binary: NGINX_BIN, Debian's /usr/sbin/nginx, or one on PATH; null if none. */
export function findNginx(env = process.env) {
  if (env.NGINX_BIN) return fs.existsSync(env.NGINX_BIN) ? env.NGINX_BIN : null;
  for (const dir of [
    '/usr/sbin',
    '/usr/local/sbin',
    '/usr/local/nginx/sbin',
    ...(env.PATH ?? '').split(path.delimiter),
  ]) {
    const bin = path.join(dir, 'nginx');
    if (dir && fs.existsSync(bin)) return bin;
  }
  return null;
}

/** Arguments that keep nginx to its own prefix and in the foreground (the launcher supervises it). */
export function nginxArgs(prefix, conf) {
  return ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'logs', 'error.log'), '-g', 'daemon off;'];
}
