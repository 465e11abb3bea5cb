import { createOrder, getOrder, listOrders } from '../../db/queries/orders';
import { defineList, parseListRequest } from '../list-modes';
import { problem } from '../problem';
import { json } from '../respond';
import type { HandlerContext, Route } from '../router';
import { isoTimestamp, orderCreate, toUtcIso } from '../schemas';
import { parseBody, parseId } from '../validate';
import { productKey } from './products';

const orderList = defineList({ since: isoTimestamp.optional(), until: isoTimestamp.optional() }, () => 'created_at');

function list(ctx: HandlerContext) {
  const req = parseListRequest(ctx, orderList, { scope: 'orders', basePath: '/orders' });
  if (!req.ok) return req.response;
  const since = toUtcIso(req.filters.since);
  const until = toUtcIso(req.filters.until);
  if (since && until && since > until) {
    const detail = 'since must not be after until';
    return problem('invalid-parameters', `${detail}.`, { instance: ctx.instance, errors: [{ field: 'since', in: 'query', detail }] });
  }
  return req.respond(listOrders(ctx.q, { since, until }, req.window));
}

function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const order = getOrder(ctx.q, id.data);
  if (!order) return problem('not-found', `Order ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, order);
}

function create(ctx: HandlerContext) {
  const body = parseBody(orderCreate, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const result = createOrder(ctx.q, body.data, ctx.now().toISOString());
  // The product's cached sales stats (and stock) just changed: drop them.
  if (result.ok) {
    ctx.cache.invalidate(productKey(body.data.product_id));
    return json(201, result.order, { location: `${ctx.base}/orders/${result.order.id}` });
  }
  const instance = ctx.instance;
  switch (result.error) {
    case 'user-not-found':
      return problem('validation-failed', `User ${body.data.user_id} does not exist.`, {
        instance,
        errors: [{ field: 'user_id', in: 'body', detail: 'no user has this id', pointer: '#/user_id' }],
      });
    case 'product-not-found':
      return problem('validation-failed', `Product ${body.data.product_id} does not exist.`, {
        instance,
        errors: [{ field: 'product_id', in: 'body', detail: 'no product has this id', pointer: '#/product_id' }],
      });
    case 'insufficient-stock':
      return problem('conflict', `Product ${body.data.product_id} has ${result.product?.stock ?? 0} in stock; ${body.data.quantity} were ordered.`, {
        instance,
      });
  }
}

export const orderRoutes: Route[] = [
  { method: 'GET', pattern: '/orders', handler: list },
  { method: 'POST', pattern: '/orders', handler: create },
  { method: 'GET', pattern: '/orders/{id}', handler: show },
];
