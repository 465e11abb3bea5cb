import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Cluster mode with a node-local secret would refuse every token another node signed: `npm start`
// must stop before building or serving anything, and say how to fix it.
describe('npm start in cluster mode', () => {
  it.each([
    ['no secret', undefined],
    ['a short secret', 'too-short'],
  ])('refuses with %s', (_label, secret) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SCALE_LAB_DATABASE_URL: 'postgres://localhost/test',
      SCALE_LAB_REBUILD: '0',
    };
    if (secret === undefined) delete env.SCALE_LAB_SECRET;
    else env.SCALE_LAB_SECRET = secret;
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('needs SCALE_LAB_SECRET, at least 32 characters, the same on every node');
    expect(r.stdout).not.toContain('serving on');
  });
});
