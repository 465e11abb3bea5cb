import { z } from 'zod';

/**
 * Money in v2: `{ "amount": "29.99", "currency": "EUR" }`.
 *
 * v1 says `price_cents: 2999`: exact, but the currency is nowhere and "cents" bakes one
 * currency's minor unit into a field name. v2 makes both explicit. The amount is a decimal
 * string, not a JSON number: JSON numbers land in binary floating point in most clients
 * (JavaScript's 0.1 + 0.2 is 0.30000000000000004), and a string cannot be summed by accident.
 * It is written in major units with the currency's own decimals, so a client needs no table
 * of minor-unit exponents (ISO 4217: EUR 2, JPY 0, BHD 3) to show it. The alternative that
 * Stripe uses, an integer in minor units, is just as exact; either is a sound contract, mixing
 * them is not. Storage does not change: the database keeps integer cents.
 */
export const SHOP_CURRENCY = 'EUR';
const MINOR_DIGITS = 2;
const SCALE = 10 ** MINOR_DIGITS;

export type Money = { amount: string; currency: typeof SHOP_CURRENCY };

export function money(minorUnits: number): Money {
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const major = Math.floor(abs / SCALE);
  const minor = String(abs % SCALE).padStart(MINOR_DIGITS, '0');
  return { amount: `${sign}${major}.${minor}`, currency: SHOP_CURRENCY };
}

/** Exact: digits are read as integers, never through a float. */
export function toMinorUnits(amount: string): number {
  const [major = '0', minor = ''] = amount.split('.');
  return Number(major) * SCALE + Number(minor.padEnd(MINOR_DIGITS, '0'));
}

export const moneySchema = z
  .strictObject({
    amount: z
      .string()
      .regex(/^-?[0-9]+\.[0-9]{2}$/)
      .describe('Decimal string in major units with two decimals, e.g. "29.99"'),
    currency: z.literal(SHOP_CURRENCY).describe('ISO 4217 code; this shop sells in euros only'),
  })
  .describe('An exact amount of money: a decimal string (never a float) and its currency');

/** A price in a v2 request body, turned into the integer cents the database stores. */
export const priceInput = z
  .strictObject(
    {
      amount: z
        .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string such as "29.99"') })
        .regex(/^[0-9]{1,7}\.[0-9]{2}$/, 'must be a decimal string with two decimals, such as "29.99"'),
      currency: z.literal(SHOP_CURRENCY, { error: `must be "${SHOP_CURRENCY}": this shop sells in euros only` }),
    },
    {
      error: (iss) =>
        iss.input === undefined ? 'is required' : 'must be an object such as {"amount": "29.99", "currency": "EUR"}',
    },
  )
  .transform((m) => toMinorUnits(m.amount))
  .pipe(z.number().int().min(1, 'must be at least 0.01').max(100_000_000, 'must be at most 1000000.00'))
  .describe('Price as {"amount": "29.99", "currency": "EUR"}');

/**
 * v1 body -> v2 body: every `<name>_cents` integer becomes `<name>` as money, at any depth
 * (price_cents, total_cents, stats.revenue_cents, an expanded order's product), keeping the
 * key order so the JSON reads the same apart from the change.
 */
export function centsToMoney(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(centsToMoney);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('_cents') && typeof v === 'number') out[key.slice(0, -'_cents'.length)] = money(v);
    else out[key] = centsToMoney(v);
  }
  return out;
}

/** A v2 field name for a v1 one (price_cents -> price), and back. */
export const v2FieldName = (v1: string) => (v1.endsWith('_cents') ? v1.slice(0, -'_cents'.length) : v1);
export const v1FieldName = (v2: string, v1Fields: readonly string[]) =>
  v1Fields.find((f) => v2FieldName(f) === v2) ?? v2;
