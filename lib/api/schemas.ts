import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../db/schema';
import { PRODUCT_SORTS } from '../db/queries/products';

/** Request schemas for the Shop API: the single source of what a valid request is. */
// A missing field and a wrong type get different words: "is required" tells the client what to add.
const typed = (what: string) => ({
  error: (iss: { input: unknown }) => (iss.input === undefined ? 'is required' : `must be ${what}`),
});
const num = (what = 'a number') => z.number(typed(what));
const text = (max: number) =>
  z.string(typed('a string')).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const category = z.enum(PRODUCT_CATEGORIES, {
  error: (iss) => (iss.input === undefined ? 'is required' : `must be one of: ${PRODUCT_CATEGORIES.join(', ')}`),
});
const cents = num('a whole number of cents')
  .int('must be a whole number of cents')
  .min(1, 'must be at least 1')
  .max(100_000_000);
const isoTimestamp = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 timestamp such as 2025-01-31T00:00:00Z',
});

export const productSorts = z.enum(Object.keys(PRODUCT_SORTS) as [keyof typeof PRODUCT_SORTS], {
  error: `must be one of: ${Object.keys(PRODUCT_SORTS).join(', ')}`,
});

export const productFields = {
  sku: text(40),
  name: text(200),
  category,
  price_cents: cents,
  stock: num('a whole number').int('must be a whole number').min(0, 'must not be negative').max(1_000_000),
};

export const productCreate = z.strictObject({ ...productFields, stock: productFields.stock.default(0) });

// No defaults here: a PATCH changes only what it names.
export const productPatch = z
  .strictObject(productFields)
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { error: 'send at least one field to change' });

export const userCreate = z.strictObject({
  email: z
    .email({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be an email address') })
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: text(200),
  country: z.string(typed('a string')).regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code, such as DE'),
});

export { isoTimestamp };

export const orderCreate = z.strictObject({
  user_id: num('a positive integer').int('must be a positive integer').positive('must be a positive integer'),
  product_id: num('a positive integer').int('must be a positive integer').positive('must be a positive integer'),
  quantity: num('a whole number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(1),
});

/** Timestamps are stored in UTC ISO form; normalise any offset so text comparison is time order. */
export function toUtcIso(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}
