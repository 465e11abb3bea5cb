import { createOrder, getOrder, listOrders } from '../../db/queries/orders';
import { offsetPage } from '../pagination';
import { problem } from '../problem';
import { json } from '../respond';
import type { HandlerContext, Route } from '../router';
import { orderCreate, orderListQuery, toUtcIso } from '../schemas';
import { parseBody, parseId, parseQuery } from '../validate';

function list(ctx: HandlerContext) {
  const query = parseQuery(orderListQuery, ctx.req.query, ctx.instance);
  if (!query.ok) return query.response;
  const { page, limit, since, until } = query.data;
  const { rows, total } = listOrders(ctx.q, {
    since: toUtcIso(since),
    until: toUtcIso(until),
    limit,
    offset: (page - 1) * limit,
  });
  const { pagination, link } = offsetPage('/orders', ctx.req.query, page, limit, total);
  return json(200, { data: rows, pagination }, link ? { link } : {});
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
  if (result.ok) return json(201, result.order, { location: `/api/v1/orders/${result.order.id}` });
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
