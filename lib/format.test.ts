import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatChange,
  formatClock,
  formatCount,
  formatDateTime,
  formatMs,
  formatPct,
  formatRatio,
  formatRps,
  formatTimeLeft,
  setFormatLocale,
} from './format';

describe('one formatter', () => {
  beforeEach(() => setFormatLocale('en-US'));
  afterEach(() => setFormatLocale(undefined));

  it('rounds milliseconds to what is meaningful, with a unit', () => {
    expect(formatMs(0.4231)).toBe('0.42 ms');
    expect(formatMs(3.24)).toBe('3.2 ms');
    expect(formatMs(210.6)).toBe('211 ms');
    expect(formatMs(2345)).toBe('2,345 ms');
    expect(formatMs(12_340)).toBe('12.3 s');
    expect(formatMs(null)).toBe('–');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('formats rates, percentages, counts and bytes', () => {
    expect(formatRps(199.6)).toBe('200 req/s');
    expect(formatRps(2.5)).toBe('2.5 req/s');
    expect(formatRps(4.96)).toBe('5 req/s');
    expect(formatRps(3)).toBe('3 req/s');
    expect(formatPct(0.04)).toBe('0.04%');
    expect(formatPct(12.345)).toBe('12.3%');
    expect(formatPct(50)).toBe('50%');
    expect(formatRatio(0.5812)).toBe('58.1%');
    expect(formatRatio(null)).toBe('–');
    expect(formatCount(27_991)).toBe('27,991');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
  });

  it('names the direction of a change', () => {
    expect(formatChange(100, 2)).toBe('50× lower');
    expect(formatChange(2, 5)).toBe('2.5× higher');
    expect(formatChange(100, 101)).toBe('about the same');
    expect(formatTimeLeft(3.2, 10)).toBe('7 s left');
  });

  it("writes numbers and dates in the locale's own way, unambiguously", () => {
    const at = '2026-03-12T14:03:12Z';
    setFormatLocale('de-DE');
    expect(formatMs(2345)).toBe('2.345 ms');
    expect(formatRps(2.5)).toBe('2,5 req/s');
    // The month is a word, so 12 March never reads as 3 December.
    expect(formatDateTime(at)).toMatch(/12\. März 2026/);
    setFormatLocale('en-US');
    expect(formatDateTime(at)).toMatch(/Mar 12, 2026/);
    setFormatLocale('en-GB');
    expect(formatDateTime(at)).toMatch(/12 Mar 2026/);
    expect(formatClock('not a date')).toBe('not a date');
  });
});
