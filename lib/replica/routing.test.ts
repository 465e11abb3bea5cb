import { describe, expect, it } from 'vitest';
import { chooseServer, type RoutingInput } from './routing';

const base: RoutingInput = {
  method: 'GET',
  consistency: 'eventual',
  replicaReady: true,
  clientLastWrite: undefined,
  appliedSeq: 10,
};

describe('read routing with a replica', () => {
  it('sends writes to the primary', () => {
    for (const method of ['POST', 'PATCH', 'DELETE'])
      expect(chooseServer({ ...base, method })).toEqual({ servedBy: 'primary', reason: 'write' });
  });
  it('sends reads to the replica', () => {
    expect(chooseServer(base)).toEqual({ servedBy: 'replica', reason: 'read' });
    expect(chooseServer({ ...base, method: 'HEAD' }).servedBy).toBe('replica');
  });
  it('reads from the primary while the replica is still being copied', () => {
    expect(chooseServer({ ...base, replicaReady: false })).toEqual({
      servedBy: 'primary',
      reason: 'replica-not-ready',
    });
  });
  it('eventual consistency reads the replica even right after this client wrote', () => {
    expect(chooseServer({ ...base, clientLastWrite: 11 }).servedBy).toBe('replica');
  });
  it("read-your-writes reads the primary until the replica has this client's last write", () => {
    const ryw = { ...base, consistency: 'read-your-writes' as const };
    expect(chooseServer({ ...ryw, clientLastWrite: 11 })).toEqual({
      servedBy: 'primary',
      reason: 'own-write-not-replicated',
    });
    expect(chooseServer({ ...ryw, clientLastWrite: 10 }).servedBy).toBe('replica');
    expect(chooseServer({ ...ryw, clientLastWrite: undefined }).servedBy).toBe('replica');
  });
});
