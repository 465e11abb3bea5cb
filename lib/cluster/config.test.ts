import { describe, expect, it } from 'vitest';
import { readClusterConfig } from './config';

const secret = 's'.repeat(40);

describe('cluster configuration', () => {
  it('is embedded by default, with a node id and address from the host and port', () => {
    const c = readClusterConfig({ PORT: '3301', HOST: '127.0.0.1' });
    expect(c).toMatchObject({
      mode: 'embedded',
      databaseUrl: null,
      nodeAddress: 'http://127.0.0.1:3301',
      heartbeatMs: 5_000,
      deadAfterMs: 15_000,
      signalPollMs: 1_000,
    });
    expect(c.nodeId).toMatch(/-3301$/);
  });

  it('turns to PostgreSQL with a database URL and a shared secret', () => {
    const c = readClusterConfig({
      SCALE_LAB_DATABASE_URL: 'postgres://db.internal/scalelab',
      SCALE_LAB_SECRET: secret,
      SCALE_LAB_NODE_ID: 'node-2',
      SCALE_LAB_NODE_ADDRESS: 'http://10.0.0.12:3000',
    });
    expect(c).toMatchObject({
      mode: 'postgres',
      databaseUrl: 'postgres://db.internal/scalelab',
      nodeId: 'node-2',
      nodeAddress: 'http://10.0.0.12:3000',
    });
  });

  it('refuses cluster mode without a shared secret, and other mistakes, with clear messages', () => {
    expect(() => readClusterConfig({ SCALE_LAB_DATABASE_URL: 'postgres://localhost/test' })).toThrow(
      /SCALE_LAB_SECRET: cluster mode .* needs the same SCALE_LAB_SECRET/,
    );
    expect(() =>
      readClusterConfig({ SCALE_LAB_DATABASE_URL: 'mysql://localhost/test', SCALE_LAB_SECRET: secret }),
    ).toThrow(/SCALE_LAB_DATABASE_URL: must be a postgres:\/\//);
    expect(() => readClusterConfig({ SCALE_LAB_NODE_ID: 'node 1' })).toThrow(/SCALE_LAB_NODE_ID: letters, digits/);
    expect(() => readClusterConfig({ SCALE_LAB_HEARTBEAT_SECONDS: '10', SCALE_LAB_NODE_DEAD_SECONDS: '15' })).toThrow(
      /SCALE_LAB_NODE_DEAD_SECONDS: must be at least twice/,
    );
    expect(() => readClusterConfig({ SCALE_LAB_SIGNAL_POLL_MS: '5000' })).toThrow(/SCALE_LAB_SIGNAL_POLL_MS/);
  });
});
