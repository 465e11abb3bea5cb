import { describe, expect, it } from 'vitest';
import { centsToMoney, money, priceInput, toMinorUnits, v1FieldName, v2FieldName } from './money';

describe('v2 money', () => {
  it('formats integer cents as an exact decimal string with its currency', () => {
    expect(money(2999)).toEqual({ amount: '29.99', currency: 'EUR' });
    expect(money(5)).toEqual({ amount: '0.05', currency: 'EUR' });
    expect(money(100_000_000)).toEqual({ amount: '1000000.00', currency: 'EUR' });
    expect(money(-150)).toEqual({ amount: '-1.50', currency: 'EUR' });
  });

  it('reads amounts back without going through a float', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point; the digit-wise read is exact.
    expect(toMinorUnits('0.29')).toBe(29);
    expect(toMinorUnits('1000000.00')).toBe(100_000_000);
    for (const cents of [1, 29, 999, 123456]) expect(toMinorUnits(money(cents).amount)).toBe(cents);
  });

  it('a price in a request body must say its currency and two decimals', () => {
    expect(priceInput.parse({ amount: '29.99', currency: 'EUR' })).toBe(2999);
    const bad = [
      { amount: 29.99, currency: 'EUR' },
      { amount: '29.9', currency: 'EUR' },
      { amount: '29.99', currency: 'USD' },
      { amount: '0.00', currency: 'EUR' },
      { amount: '29.99' },
    ];
    for (const b of bad) expect(priceInput.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });

  it('turns every *_cents field into money, at any depth, keeping key order', () => {
    const v1 = {
      data: [
        { id: 1, price_cents: 2999, stats: { revenue_cents: 0 } },
        { id: 2, total_cents: 100, product: { price_cents: 50 } },
      ],
      pagination: { limit: 2 },
    };
    const v2 = centsToMoney(v1) as { data: Record<string, unknown>[] };
    expect(v2).toEqual({
      data: [
        { id: 1, price: { amount: '29.99', currency: 'EUR' }, stats: { revenue: { amount: '0.00', currency: 'EUR' } } },
        { id: 2, total: { amount: '1.00', currency: 'EUR' }, product: { price: { amount: '0.50', currency: 'EUR' } } },
      ],
      pagination: { limit: 2 },
    });
    expect(Object.keys(v2.data[0] ?? {})).toEqual(['id', 'price', 'stats']);
  });

  it('maps field names between the versions', () => {
    expect(v2FieldName('price_cents')).toBe('price');
    expect(v1FieldName('price', ['id', 'price_cents'])).toBe('price_cents');
    expect(v1FieldName('id', ['id', 'price_cents'])).toBe('id');
  });
});
