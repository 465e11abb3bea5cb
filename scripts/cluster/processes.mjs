// Child processes for the local cluster: each in its own process group (so stopping a node also
// stops the `next start` and any seeding it spawned), its output prefixed with its name.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

/** Starts a supervised child. `onExit(code, signal)` runs when it ends, whoever ended it. */
export function startChild(name, cmd, args, { env, cwd, onExit }) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    readline.createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      child.exitedAt = Date.now();
      onExit?.(code, signal);
      resolve();
    });
  });
  return {
    name,
    child,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    /** Signal the whole group; then SIGKILL it if it has not gone within `graceMs`. */
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      const kill = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          // already gone
        }
      };
      if (child.exitCode === null && child.signalCode === null) kill(signal);
      const timer = setTimeout(() => kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The group may outlive its leader (a seeding step); make sure nothing of it is left.
      kill('SIGKILL');
    },
  };
}

/** Resolves when `url` answers 2xx, rejects after `timeoutMs` or if `alive()` turns false. */
export async function waitForHttp(url, { timeoutMs, alive = () => true }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (!alive()) throw new Error(`${url}: the process exited before it answered`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
