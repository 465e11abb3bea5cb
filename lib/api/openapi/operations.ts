import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../../db/schema';
import { fieldsParam } from '../fields';
import type { ProblemType } from '../problem';
import type { Method } from '../router';
import { isoTimestamp, orderCreate, productCreate, productPatch, productSorts, userCreate } from '../schemas';
import type { RESPONSE_COMPONENTS } from './response-schemas';

/**
 * What the document says about each Shop API route beyond its method and pattern (which come
 * from shopRoutes): words, and which zod schemas describe its input. Request bodies are the
 * very schemas the handlers validate with. Query filters are built from the same exported
 * building blocks the routes use; tests/openapi.test.ts sends every documented parameter to
 * the real API (and an undocumented one) so a filter that drifts fails a test.
 */
export const REQUEST_COMPONENTS = {
  ProductCreate: productCreate,
  ProductPatch: productPatch,
  UserCreate: userCreate,
  OrderCreate: orderCreate,
} as const;

export type RequestComponent = keyof typeof REQUEST_COMPONENTS;
export type ResponseComponent = keyof typeof RESPONSE_COMPONENTS;
export type Tag = 'Products' | 'Users' | 'Orders' | 'Jobs';

export type OperationDoc = {
  operationId: string;
  tag: Tag;
  summary: string;
  description: string;
  /** Query parameters other than paging, each a zod schema for one raw query value. */
  query?: z.ZodRawShape;
  /** A paged list: page/limit, cursor/limit or nothing, by the sandbox's pagination knob. */
  list?: boolean;
  body?: RequestComponent;
  success: { status: 200 | 201 | 204; description: string; schema?: ResponseComponent };
  /** A second success: 202 Accepted when the work is queued (the writes knob). */
  accepted?: { description: string; schema: ResponseComponent };
  /** Request headers this operation reads, by components.parameters name. */
  headers?: string[];
  /** Problems particular to this operation (the common ones are added for every operation). */
  problems?: ProblemType[];
  /** The knobs that change how this operation behaves, for the reference page. */
  knobs?: string[];
};

const fields = (names: string) =>
  fieldsParam.describe(`Comma-separated fields to return, from: ${names}. Unknown names are a 400.`);
const PRODUCT_FIELDS = 'id, sku, name, category, price_cents, stock, created_at, updated_at';

export const OPERATIONS: Record<`${Method} ${string}`, OperationDoc> = {
  'GET /products': {
    operationId: 'listProducts',
    tag: 'Products',
    summary: 'List products',
    description:
      'Products in a stable order, one page at a time. Cursor pagination walks (created_at, id), so it supports sort=created_at and sort=-created_at only.',
    list: true,
    query: {
      category: z.enum(PRODUCT_CATEGORIES).optional().describe('Only products in this category'),
      sort: productSorts.default('created_at').describe('Order of the list; a leading "-" means descending'),
      fields: fields(PRODUCT_FIELDS),
    },
    success: { status: 200, description: 'A page of products', schema: 'ProductList' },
    knobs: ['pagination', 'HTTP cache'],
  },
  'POST /products': {
    operationId: 'createProduct',
    tag: 'Products',
    summary: 'Create a product',
    description: 'Adds a product to your sandbox. stock defaults to 0.',
    body: 'ProductCreate',
    success: { status: 201, description: 'The product as stored; Location names it', schema: 'Product' },
  },
  'GET /products/{id}': {
    operationId: 'getProduct',
    tag: 'Products',
    summary: 'Get a product with its sales stats',
    description:
      'The product and an aggregate over all its orders: the costly read the caching lesson caches. Asking for fields without stats skips the aggregate.',
    query: { fields: fields(`${PRODUCT_FIELDS}, stats`) },
    success: { status: 200, description: 'The product', schema: 'ProductDetail' },
    knobs: ['app cache (TTL, size, request coalescing)', 'HTTP cache'],
  },
  'PATCH /products/{id}': {
    operationId: 'updateProduct',
    tag: 'Products',
    summary: 'Change a product',
    description: 'Changes only the fields sent (at least one). Drops the product from the app cache.',
    body: 'ProductPatch',
    success: { status: 200, description: 'The product after the change', schema: 'Product' },
  },
  'DELETE /products/{id}': {
    operationId: 'deleteProduct',
    tag: 'Products',
    summary: 'Delete a product',
    description: 'A product that appears in orders is part of their history and cannot be deleted (409).',
    success: { status: 204, description: 'Deleted' },
    problems: ['conflict'],
  },
  'GET /users': {
    operationId: 'listUsers',
    tag: 'Users',
    summary: 'List users, or find one by email',
    description:
      'With email, a lookup that returns zero or one user in the same list envelope; without the email index it scans every user.',
    list: true,
    query: {
      email: z.email().optional().describe('Exact email address (case-insensitive)'),
      fields: fields('id, email, name, country, created_at'),
    },
    success: { status: 200, description: 'A page of users', schema: 'UserList' },
    knobs: ['pagination', 'index idx_user_email', 'HTTP cache'],
  },
  'POST /users': {
    operationId: 'createUser',
    tag: 'Users',
    summary: 'Create a user',
    description: 'Emails are stored in lower case and must be unique (409 otherwise).',
    body: 'UserCreate',
    success: { status: 201, description: 'The user as stored; Location names it', schema: 'User' },
    problems: ['conflict'],
  },
  'GET /users/{id}': {
    operationId: 'getUser',
    tag: 'Users',
    summary: 'Get a user',
    description: 'One user, through the app cache when it is on.',
    query: { fields: fields('id, email, name, country, created_at') },
    success: { status: 200, description: 'The user', schema: 'User' },
    knobs: ['app cache', 'HTTP cache'],
  },
  'GET /users/{id}/orders': {
    operationId: 'listUserOrders',
    tag: 'Users',
    summary: "List a user's orders",
    description:
      "Newest first. expand=product embeds each order's product: one query per order (N+1) or one batched query, by the query-shape knob.",
    list: true,
    query: { expand: z.literal('product').optional().describe("Embed each order's product") },
    success: { status: 200, description: 'A page of orders', schema: 'UserOrderList' },
    knobs: ['pagination', 'index idx_order_user_id', 'query shape (join or N+1)', 'HTTP cache'],
  },
  'GET /orders': {
    operationId: 'listOrders',
    tag: 'Orders',
    summary: 'List orders',
    description:
      'Orders in time order, optionally within a time range (since <= created_at <= until; any offset, compared in UTC).',
    list: true,
    query: {
      since: isoTimestamp.optional().describe('Earliest created_at, ISO 8601 with offset'),
      until: isoTimestamp.optional().describe('Latest created_at, ISO 8601 with offset'),
    },
    success: { status: 200, description: 'A page of orders', schema: 'OrderList' },
    knobs: ['pagination', 'index idx_order_created_at', 'HTTP cache'],
  },
  'POST /orders': {
    operationId: 'createOrder',
    tag: 'Orders',
    summary: 'Place an order',
    description:
      'Does the slow work the writes knob configures (a stand-in for a payment call), then checks the user and product, reserves stock and records the order in one transaction, so two orders cannot oversell (409 when stock is short). In queued mode it answers 202 at once and a worker places the order later: poll the job; when as many orders are waiting as the queue holds, it answers 503 queue-full with Retry-After and orders nothing. With an Idempotency-Key, the same key and body answer for the first request; the same key with a different body is a 422.',
    body: 'OrderCreate',
    headers: ['IdempotencyKey'],
    success: { status: 201, description: 'Synchronous mode: the order; Location names it', schema: 'Order' },
    accepted: {
      description: 'Queued mode: the job that will place the order; Location names it, Retry-After says when to look',
      schema: 'Job',
    },
    problems: ['conflict', 'idempotency-key-reused', 'queue-full'],
    knobs: ['writes (sync or queued, processing time, workers, queue limit)'],
  },
  'GET /orders/{id}': {
    operationId: 'getOrder',
    tag: 'Orders',
    summary: 'Get an order',
    description: 'One order by id.',
    success: { status: 200, description: 'The order', schema: 'Order' },
  },
  'GET /jobs/{id}': {
    operationId: 'getJob',
    tag: 'Jobs',
    summary: 'Follow a queued order',
    description:
      'The status monitor a 202 points to: queued, running, succeeded (order_url names the order) or failed (error holds the problem). Always 200 while the job exists, rather than 303 to the order: a client that follows redirects silently could not tell finished from pending. Retry-After while pending; never cached.',
    success: { status: 200, description: 'The job', schema: 'Job' },
    knobs: ['writes'],
  },
};
