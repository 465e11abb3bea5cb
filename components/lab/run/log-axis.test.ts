import { describe, expect, it } from 'vitest';
import { earlier, logAxis, SERIES } from './chart-style';

describe('logAxis', () => {
  it('spans powers of ten around the positive values and ignores zero and null', () => {
    expect(logAxis([19, 5000, 0, null])).toEqual({ domain: [10, 10000], ticks: [10, 100, 1000, 10000] });
    expect(logAxis([0.4, 3])).toEqual({ domain: [0.1, 10], ticks: [0.1, 1, 10] });
  });
  it('has at least one decade when every value is in the same one', () => {
    expect(logAxis([20, 30])).toEqual({ domain: [10, 100], ticks: [10, 100] });
  });
  it('has a sane default with no positive value', () => {
    expect(logAxis([0, null, undefined]).domain).toEqual([0.1, 10]);
  });
});

describe('series styles', () => {
  it('an earlier run keeps the percentile colour and dash, only fainter', () => {
    const before = earlier(SERIES.p95, 'before p95');
    expect(before).toMatchObject({ color: SERIES.p95.color, dash: SERIES.p95.dash, label: 'before p95' });
    expect(before.opacity).toBeLessThan(1);
  });
});
