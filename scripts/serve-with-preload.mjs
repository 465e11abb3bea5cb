// Runs `next <command>` (start or dev) as a child with scripts/http-client-errors.cjs preloaded, and
// ties its life to this process. Shared by scripts/start.mjs and scripts/dev.mjs so that `npm start`
// and `npm run dev` answer bodied requests at the edge the same way (bad escapes 400, body caps 413
// with a lingering close): without the preload, `next dev` lets Next.js read such bodies whole.
import { spawn } from 'node:child_process';
import path from 'node:path';

export function serveWithPreload(root, nextArgs, env = {}) {
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const preload = path.join(root, 'scripts', 'http-client-errors.cjs');
  const child = spawn(process.execPath, [nextBin, ...nextArgs], {
    cwd: root,
    stdio: 'inherit',
    // NODE_OPTIONS reaches every Node process Next.js starts (next dev serves from a child process).
    env: {
      ...process.env,
      ...env,
      // Offline: no usage data leaves the machine (next dev printed the telemetry notice without it).
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim(),
    },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  // However this process ends (an uncaught error included), the server must not outlive it.
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}
