import { describe, expect, it } from 'vitest';
import { formatBytes, formatChange, formatMs, formatPct, formatRatio, formatRps, formatTimeLeft } from './format';

describe('run formatting', () => {
  it('rounds milliseconds to what is meaningful, with a unit', () => {
    expect(formatMs(0.4231)).toBe('0.42 ms');
    expect(formatMs(3.24)).toBe('3.2 ms');
    expect(formatMs(210.6)).toBe('211 ms');
    expect(formatMs(2345)).toBe('2,345 ms');
    expect(formatMs(12_340)).toBe('12.3 s');
    expect(formatMs(null)).toBe('–');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('formats rates, percentages and bytes', () => {
    expect(formatRps(199.6)).toBe('200 req/s');
    expect(formatRps(2.5)).toBe('2.5 req/s');
    expect(formatRps(3)).toBe('3 req/s');
    expect(formatPct(0.04)).toBe('0.04%');
    expect(formatPct(12.345)).toBe('12.3%');
    expect(formatPct(100)).toBe('100%');
    expect(formatRatio(0.875)).toBe('87.5%');
    expect(formatRatio(null)).toBe('–');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_530_000)).toBe('1.5 MB');
  });

  it('names the direction of a change instead of signing it', () => {
    expect(formatChange(210, 5)).toBe('42× lower');
    expect(formatChange(2, 3)).toBe('1.5× higher');
    expect(formatChange(100, 102)).toBe('about the same');
    expect(formatChange(0, 5)).toBe('higher');
    expect(formatChange(null, 5)).toBe('–');
  });

  it('counts down, then says the run is draining', () => {
    expect(formatTimeLeft(3.2, 10)).toBe('7 s left');
    expect(formatTimeLeft(10, 10)).toBe('finishing: waiting for the last answers');
  });
});
