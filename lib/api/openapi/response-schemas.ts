import { z } from 'zod';
import { ORDER_STATUSES, PRODUCT_CATEGORIES } from '../../db/schema';
import { UNBOUNDED_CAP } from '../list-modes';

/**
 * What the Shop API answers with, as zod schemas: the OpenAPI document's response
 * components. The handlers build these bodies from database rows, so tests/openapi.test.ts
 * parses real responses with these schemas (strict objects): a field added or renamed in a
 * handler fails the test instead of drifting silently from the document.
 */
const id = z.number().int().positive();
const timestamp = z.iso.datetime().describe('UTC, ISO 8601');

export const productSchema = z.strictObject({
  id,
  sku: z.string(),
  name: z.string(),
  category: z.enum(PRODUCT_CATEGORIES),
  price_cents: z.number().int().describe('Price in cents'),
  stock: z.number().int().min(0),
  created_at: timestamp,
  updated_at: timestamp,
});

export const productStatsSchema = z.strictObject({
  order_count: z.number().int().min(0),
  units_sold: z.number().int().min(0),
  revenue_cents: z.number().int().min(0),
});

export const productDetailSchema = productSchema.extend({
  stats: productStatsSchema.describe(
    'Sales aggregated over all orders of this product: the costly part the app cache keeps',
  ),
});

export const userSchema = z.strictObject({
  id,
  email: z.email(),
  name: z.string(),
  country: z.string().regex(/^[A-Z]{2}$/),
  created_at: timestamp,
});

export const orderSchema = z.strictObject({
  id,
  user_id: id,
  product_id: id,
  quantity: z.number().int().min(1),
  total_cents: z.number().int().min(0),
  status: z.enum(ORDER_STATUSES),
  created_at: timestamp,
});

export const orderWithProductSchema = orderSchema.extend({ product: productSchema.nullable() });

export const offsetPaginationSchema = z.strictObject({
  mode: z.literal('offset'),
  page: z.number().int().min(1),
  limit: z.number().int().min(1),
  total: z.number().int().min(0),
  totalPages: z.number().int().min(1),
});
export const cursorPaginationSchema = z.strictObject({
  mode: z.literal('cursor'),
  limit: z.number().int().min(1),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export const unboundedPaginationSchema = z.strictObject({
  mode: z.literal('unbounded'),
  returned: z.number().int().min(0),
  cap: z.literal(UNBOUNDED_CAP),
  truncated: z.boolean(),
});
export const paginationSchema = z
  .discriminatedUnion('mode', [offsetPaginationSchema, cursorPaginationSchema, unboundedPaginationSchema])
  .describe("Which shape depends on the sandbox's pagination knob");

const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ data: z.array(item), pagination: paginationSchema });
export const productListSchema = listOf(productSchema);
export const userListSchema = listOf(userSchema);
export const orderListSchema = listOf(orderSchema);
export const userOrderListSchema = listOf(z.union([orderSchema, orderWithProductSchema]));

export const fieldErrorSchema = z.strictObject({
  field: z.string(),
  in: z.enum(['body', 'query', 'path', 'header']),
  detail: z.string(),
  pointer: z.string().optional().describe('JSON Pointer into the request body'),
});

export const problemSchema = z.looseObject({
  type: z.string().describe('Relative URI of a page that explains this problem, e.g. /problems/not-found'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});

export const jobSchema = z.strictObject({
  id,
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  attempts: z.number().int().min(0).describe('Times a worker has picked the job up'),
  created_at: timestamp,
  updated_at: timestamp,
  order_id: id.nullable().describe('The order, once the job succeeded'),
  order_url: z.string().nullable().describe('Where the order is, once the job succeeded'),
  error: problemSchema.nullable().describe('Why the job failed, once it has'),
});

/** Response components by name, in the order the reference page lists them. */
export const RESPONSE_COMPONENTS = {
  Product: productSchema,
  ProductDetail: productDetailSchema,
  ProductStats: productStatsSchema,
  User: userSchema,
  Order: orderSchema,
  OrderWithProduct: orderWithProductSchema,
  OffsetPagination: offsetPaginationSchema,
  CursorPagination: cursorPaginationSchema,
  UnboundedPagination: unboundedPaginationSchema,
  Pagination: paginationSchema,
  ProductList: productListSchema,
  UserList: userListSchema,
  OrderList: orderListSchema,
  UserOrderList: userOrderListSchema,
  Job: jobSchema,
  FieldError: fieldErrorSchema,
  Problem: problemSchema,
} as const;
