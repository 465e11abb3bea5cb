import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localPaths, renderNginxConf, TEMPLATE } from '../../scripts/cluster/nginx-conf.mjs';

/** The launcher's rendering of deploy/nginx.conf: only the marked lines change. */
const template = fs.readFileSync(TEMPLATE, 'utf8');
const values = { ...localPaths('/tmp/p'), listen: '127.0.0.1:3300' };

describe('rendering deploy/nginx.conf for a local cluster', () => {
  const out = renderNginxConf(template, { values, nodes: ['127.0.0.1:3301', '127.0.0.1:3302'] });

  it('lists the nodes with the template’s health parameters, and nothing of the example nodes', () => {
    expect(out).toContain(
      '        server 127.0.0.1:3301 max_fails=2 fail_timeout=10s;\n        server 127.0.0.1:3302 max_fails=2 fail_timeout=10s;\n',
    );
    expect(out).not.toContain('10.0.0.11');
    expect(out).not.toMatch(/# @nodes-(begin|end)\s*$/m);
  });

  it('points every path at the private prefix and listens where asked', () => {
    expect(out).toMatch(/^pid \/tmp\/p\/nginx.pid;$/m);
    expect(out).toMatch(/^\s+listen 127.0.0.1:3300;$/m);
    expect(out).not.toMatch(/\/var\/(log|lib)\/nginx|\/run\//);
  });

  it('leaves every other line of the template as it is', () => {
    const replaced = new RegExp(`^\\s*(${Object.keys(values).join('|')}|server) `);
    const kept = (t: string) => t.split('\n').filter((l) => !/# @/.test(l) && !replaced.test(l));
    expect(kept(out)).toEqual(kept(template));
    expect(kept(out).length).toBeGreaterThan(80);
  });

  it('refuses to drift from the template: a missing or an unknown value, or no nodes', () => {
    const { pid: _pid, ...noPid } = values;
    expect(() => renderNginxConf(template, { values: noPid, nodes: ['a:1'] })).toThrow(
      "No value for the template's # @pid line",
    );
    expect(() => renderNginxConf(template, { values: { ...values, user: 'nobody' }, nodes: ['a:1'] })).toThrow(
      'The template has no # @user line',
    );
    expect(() => renderNginxConf(template, { values, nodes: [] })).toThrow('at least one node');
  });
});
