import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Offline is a non-negotiable: every way the README and package.json run Next.js must keep its
// telemetry off, even when the caller's environment does not say so.
const root = path.resolve(__dirname, '..');
const envWithout = () => {
  const env = { ...process.env };
  delete env.NEXT_TELEMETRY_DISABLED;
  return env;
};
const run = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: root, env: envWithout(), encoding: 'utf8', timeout: 60_000 });

describe('Next.js telemetry stays off', () => {
  it('no package.json script calls next directly', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    const direct = Object.entries(scripts).filter(([, cmd]) => /(^|&&\s*|;\s*)next\s/.test(cmd));
    expect(direct).toEqual([]);
  });

  it('scripts/next.mjs (npm run build) runs next with telemetry disabled', () => {
    expect(run(['scripts/next.mjs', 'telemetry', 'status'])).toContain('Status: Disabled');
  });

  it('serve-with-preload (npm start, npm run dev) runs next with telemetry disabled', () => {
    const code = `import(${JSON.stringify(path.join(root, 'scripts', 'serve-with-preload.mjs'))}).then((m) => m.serveWithPreload(${JSON.stringify(root)}, ['telemetry', 'status']))`;
    expect(run(['--input-type=module', '-e', code])).toContain('Status: Disabled');
  });
});
