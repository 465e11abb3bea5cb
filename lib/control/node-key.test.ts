import { describe, expect, it } from 'vitest';
import { NODE_KEY_HEADER, proxyNodeKey } from './node-key';

const withKey = (value: string) => new Headers({ [NODE_KEY_HEADER]: value });

describe('the affinity key nginx passes (X-Scale-Lab-Node-Key)', () => {
  it('is read only behind a trusted proxy', () => {
    expect(proxyNodeKey(withKey('0f3a9c1e5b7d4a2f8c6e0b1d3f5a7c9e'), 1)).toBe('0f3a9c1e5b7d4a2f8c6e0b1d3f5a7c9e');
    // No proxy the operator vouches for: the header is whatever the client wrote.
    expect(proxyNodeKey(withKey('0f3a9c1e5b7d4a2f8c6e0b1d3f5a7c9e'), 0)).toBeUndefined();
    expect(proxyNodeKey(new Headers(), 1)).toBeUndefined();
  });

  it('ignores anything but a well-formed key', () => {
    for (const bad of [
      'short',
      'x'.repeat(65),
      'a b c d e f',
      'key;Path=/x',
      'with~tilde1',
      'dotted.key.1',
      'clé-clé-clé',
    ]) {
      expect(proxyNodeKey(withKey(bad), 1), bad).toBeUndefined();
    }
    expect(proxyNodeKey(withKey('browser-learner_7'), 1)).toBe('browser-learner_7');
  });
});
