import { describe, expect, it } from 'vitest';
import { fixed2, parseServerTiming, serverTiming } from './server-timing';

describe('fixed2', () => {
  it('formats exactly as toFixed(2), halves and odd values included', () => {
    const cases = [
      0,
      0.004,
      0.005,
      0.015,
      0.125,
      1.005,
      2.675,
      9.995,
      99.995,
      1e-9,
      12.344999,
      123456.789,
      1e9,
      -1,
      NaN,
    ];
    for (const x of cases) expect(fixed2(x), String(x)).toBe(x.toFixed(2));
  });

  it('agrees with toFixed(2) on random durations of every magnitude', () => {
    // A fixed seed (xorshift), so a failure names a value that fails again.
    let s = 0x2545f491;
    const rand = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
    for (let i = 0; i < 200_000; i++) {
      const x = rand() * 10 ** Math.floor(rand() * 8 - 3);
      if (fixed2(x) !== x.toFixed(2)) expect(fixed2(x), String(x)).toBe(x.toFixed(2));
    }
  });
});

describe('serverTiming', () => {
  it('round-trips through parseServerTiming', () => {
    const header = serverTiming([
      { name: 'ratelimit', dur: 0.0153 },
      { name: 'cache', desc: 'miss' },
    ]);
    expect(header).toBe('ratelimit;dur=0.02, cache;desc="miss"');
    expect(parseServerTiming(header)).toEqual([
      { name: 'ratelimit', dur: 0.02 },
      { name: 'cache', desc: 'miss' },
    ]);
  });
});
