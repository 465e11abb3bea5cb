import {
  deleteProduct,
  getProduct,
  insertProduct,
  listProducts,
  updateProduct,
  type ProductRow,
} from '../../db/queries/products';
import { PRODUCT_CATEGORIES } from '../../db/schema';
import { fieldsParam, parseFields, project } from '../fields';
import { defineList, parseListRequest } from '../list-modes';
import { problem } from '../problem';
import { json, noContent } from '../respond';
import type { HandlerContext, Route } from '../router';
import { productCreate, productPatch, productSorts } from '../schemas';
import { parseBody, parseId, parseRequestQuery } from '../validate';
import { z } from 'zod';

export const PRODUCT_FIELDS = [
  'id',
  'sku',
  'name',
  'category',
  'price_cents',
  'stock',
  'created_at',
  'updated_at',
] as const;
export const PRODUCT_DETAIL_FIELDS = [...PRODUCT_FIELDS, 'stats'] as const;

const productList = defineList(
  {
    category: z.enum(PRODUCT_CATEGORIES, { error: `must be one of: ${PRODUCT_CATEGORIES.join(', ')}` }).optional(),
    sort: productSorts.default('created_at'),
    fields: fieldsParam,
  },
  (f) =>
    f.sort === 'created_at' || f.sort === '-created_at'
      ? f.sort
      : { error: `Cursor pagination walks (created_at, id); sort=${f.sort} needs offset pagination.` },
);
const detailQuery = z.strictObject({ fields: fieldsParam });

function list(ctx: HandlerContext) {
  const req = parseListRequest(ctx, productList, { scope: 'products', basePath: '/products' });
  if (!req.ok) return req.response;
  const fields = parseFields(req.filters.fields, PRODUCT_FIELDS, ctx.instance);
  if (!fields.ok) return fields.response;
  const result = listProducts(ctx.q, { category: req.filters.category, sort: req.filters.sort }, req.window);
  return req.respond(result, (row: ProductRow) => project(row, fields.fields));
}

/**
 * The product with its sales stats: the costly read the caching lesson caches. The stats
 * aggregate runs on a reader thread, so concurrent misses really overlap (the stampede).
 * Policy: the cached entry is dropped when the product changes or is ordered, so stats are
 * never staler than the TTL for changes made through this API.
 */
function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const query = parseRequestQuery(detailQuery, ctx.req, ctx.instance);
  if (!query.ok) return query.response;
  const fields = parseFields(query.data.fields, PRODUCT_DETAIL_FIELDS, ctx.instance);
  if (!fields.ok) return fields.response;
  if (fields.fields && !fields.fields.includes('stats')) {
    // Without stats there is nothing costly to cache: read the row, skip the aggregate, and
    // answer synchronously (the point-lookup hot path costs no promise).
    const product = getProduct(ctx.q, id.data);
    return product ? json(200, project(product, fields.fields)) : productNotFound(ctx, id.data);
  }
  return showWithStats(ctx, id.data, fields.fields);
}

const productNotFound = (ctx: HandlerContext, id: number) =>
  problem('not-found', `Product ${id} does not exist.`, { instance: ctx.instance });

async function showWithStats(ctx: HandlerContext, id: number, fields: string[] | null) {
  const value = await ctx.cache.get(productKey(id), async () => {
    const product = getProduct(ctx.q, id);
    if (!product) return { missing: true };
    const { stats, trace } = await ctx.readers.run('productStats', { sandboxId: ctx.sandboxId, productId: id });
    ctx.q.addExternal(trace);
    return { ...product, stats };
  });
  if ('missing' in value) {
    ctx.cache.invalidate(productKey(id));
    return productNotFound(ctx, id);
  }
  return json(200, project(value, fields));
}

export const productKey = (id: number) => `product:${id}`;

function create(ctx: HandlerContext) {
  const body = parseBody(productCreate, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const product = insertProduct(ctx.q, body.data, ctx.now().toISOString());
  return json(201, product, { location: `${ctx.base}/products/${product.id}` });
}

function patch(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const body = parseBody(productPatch, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const product = updateProduct(ctx.q, id.data, body.data, ctx.now().toISOString());
  ctx.cache.invalidate(productKey(id.data));
  if (!product) return problem('not-found', `Product ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, product);
}

function remove(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const result = deleteProduct(ctx.q, id.data);
  if (result === 'not-found')
    return problem('not-found', `Product ${id.data} does not exist.`, { instance: ctx.instance });
  if (result === 'has-orders') {
    return problem(
      'conflict',
      `Product ${id.data} appears in orders and is part of their history; it cannot be deleted.`,
      {
        instance: ctx.instance,
      },
    );
  }
  ctx.cache.invalidate(productKey(id.data));
  return noContent();
}

export const productRoutes: Route[] = [
  { method: 'GET', pattern: '/products', handler: list },
  { method: 'POST', pattern: '/products', handler: create },
  { method: 'GET', pattern: '/products/{id}', handler: show },
  { method: 'PATCH', pattern: '/products/{id}', handler: patch },
  { method: 'DELETE', pattern: '/products/{id}', handler: remove },
];
