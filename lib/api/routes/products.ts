import {
  deleteProduct, getProduct, getProductStats, insertProduct, listProducts, updateProduct,
} from '../../db/queries/products';
import { offsetPage } from '../pagination';
import { problem } from '../problem';
import { json, noContent } from '../respond';
import type { HandlerContext, Route } from '../router';
import { productCreate, productListQuery, productPatch } from '../schemas';
import { parseBody, parseId, parseQuery } from '../validate';

function list(ctx: HandlerContext) {
  const query = parseQuery(productListQuery, ctx.req.query, ctx.instance);
  if (!query.ok) return query.response;
  const { page, limit, category, sort } = query.data;
  const { rows, total } = listProducts(ctx.q, { category, sort, limit, offset: (page - 1) * limit });
  const { pagination, link } = offsetPage('/products', ctx.req.query, page, limit, total);
  return json(200, { data: rows, pagination }, link ? { link } : {});
}

function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const product = getProduct(ctx.q, id.data);
  if (!product) return problem('not-found', `Product ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, { ...product, stats: getProductStats(ctx.q, id.data) });
}

function create(ctx: HandlerContext) {
  const body = parseBody(productCreate, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const product = insertProduct(ctx.q, body.data, ctx.now().toISOString());
  return json(201, product, { location: `/api/v1/products/${product.id}` });
}

function patch(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const body = parseBody(productPatch, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const product = updateProduct(ctx.q, id.data, body.data, ctx.now().toISOString());
  if (!product) return problem('not-found', `Product ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, product);
}

function remove(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const result = deleteProduct(ctx.q, id.data);
  if (result === 'not-found') return problem('not-found', `Product ${id.data} does not exist.`, { instance: ctx.instance });
  if (result === 'has-orders') {
    return problem('conflict', `Product ${id.data} appears in orders and is part of their history; it cannot be deleted.`, {
      instance: ctx.instance,
    });
  }
  return noContent();
}

export const productRoutes: Route[] = [
  { method: 'GET', pattern: '/products', handler: list },
  { method: 'POST', pattern: '/products', handler: create },
  { method: 'GET', pattern: '/products/{id}', handler: show },
  { method: 'PATCH', pattern: '/products/{id}', handler: patch },
  { method: 'DELETE', pattern: '/products/{id}', handler: remove },
];
