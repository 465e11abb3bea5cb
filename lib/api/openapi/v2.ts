import { z } from 'zod';
import { CURSOR_SORTS } from '../cursor';
import { fieldsParam } from '../fields';
import { moneySchema, v2FieldName } from '../v2/money';
import { productCreateV2, productPatchV2 } from '../v2/routes';
import type { OperationDoc } from './operations';
import {
  cursorPaginationSchema,
  orderSchema,
  productSchema,
  productStatsSchema,
  problemSchema,
  fieldErrorSchema,
  userSchema,
  jobSchema,
} from './response-schemas';

/**
 * The v2 document's differences from v1, derived from v1's words and schemas so the two
 * cannot drift apart except where the contract really changed: money fields, cursor-only
 * lists, and the sorts a cursor can walk.
 */

/** A v1 response schema with every *_cents integer replaced by a money object, in place. */
function withMoney<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => (k.endsWith('_cents') ? [v2FieldName(k), moneySchema] : [k, v])),
  );
  const out = z.strictObject(shape);
  return schema.description ? out.describe(schema.description) : out;
}

const productV2 = withMoney(productSchema);
const statsV2 = withMoney(productStatsSchema);
const productDetailV2 = productV2.extend({
  stats: statsV2.describe('Sales aggregated over all orders of this product'),
});
const orderV2 = withMoney(orderSchema);
const orderWithProductV2 = orderV2.extend({ product: productV2.nullable() });
const listOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), pagination: cursorPaginationSchema });

export const RESPONSE_COMPONENTS_V2 = {
  Money: moneySchema,
  Product: productV2,
  ProductDetail: productDetailV2,
  ProductStats: statsV2,
  User: userSchema,
  Order: orderV2,
  OrderWithProduct: orderWithProductV2,
  CursorPagination: cursorPaginationSchema,
  ProductList: listOf(productV2),
  UserList: listOf(userSchema),
  OrderList: listOf(orderV2),
  UserOrderList: listOf(z.union([orderV2, orderWithProductV2])),
  FieldError: fieldErrorSchema,
  Problem: problemSchema,
  // A queued write answers 202 with the job; jobs themselves stay a v1 resource (unchanged by v2).
  Job: jobSchema,
} as const;

export const REQUEST_COMPONENTS_V2 = { ProductCreate: productCreateV2, ProductPatch: productPatchV2 } as const;

const renameMoney = (text: string) => text.replace(/\b([a-z]+)_cents\b/g, (_, name: string) => name);

/** v1's words for an operation, changed only where v2's contract differs. */
export function v2Operation(op: OperationDoc): OperationDoc {
  const query = op.query ? { ...op.query } : undefined;
  if (query?.fields) {
    const words = (query.fields as z.ZodType).description ?? '';
    query.fields = fieldsParam.describe(renameMoney(words));
  }
  if (query?.sort)
    query.sort = z
      .enum(CURSOR_SORTS)
      .default('created_at')
      .describe('Order of the list: the keyset orders a cursor can walk');
  return {
    ...op,
    description: renameMoney(
      op.description.replace(
        /Cursor pagination walks \(created_at, id\), so it supports sort=created_at and sort=-created_at only\./,
        'Pages by cursor over (created_at, id).',
      ),
    ),
    ...(query ? { query } : {}),
    ...(op.knobs ? { knobs: op.knobs.filter((k) => k !== 'pagination') } : {}),
  };
}

export const V2_INFO_NOTE =
  'Version 2: money is an object {"amount": "29.99", "currency": "EUR"} (a decimal string, never a float) and every list pages by cursor. The same routes are served at /api/shop when the request says API-Version: 2.';
