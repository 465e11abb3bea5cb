import { z } from 'zod';
import type { OrderRow } from '../../db/queries/orders';
import { getProduct, getProductsByIds } from '../../db/queries/products';
import { findUsersByEmail, getUser, insertUser, listUserOrders, listUsers, type UserRow } from '../../db/queries/users';
import { fieldsParam, parseFields, project } from '../fields';
import { defineList, parseListRequest } from '../list-modes';
import { problem } from '../problem';
import { json } from '../respond';
import type { HandlerContext, Route } from '../router';
import { userCreate } from '../schemas';
import { parseBody, parseId, parseRequestQuery } from '../validate';

const USER_FIELDS = ['id', 'email', 'name', 'country', 'created_at'] as const;
const email = z.email({ error: 'must be an email address' });

const userList = defineList({ email: email.optional(), fields: fieldsParam }, () => 'created_at');
const userOrderList = defineList(
  { expand: z.literal('product', { error: 'the only expansion is "product"' }).optional() },
  () => '-created_at',
);
const detailQuery = z.strictObject({ fields: fieldsParam });

function list(ctx: HandlerContext) {
  const req = parseListRequest(ctx, userList, { scope: 'users', basePath: '/users' });
  if (!req.ok) return req.response;
  const fields = parseFields(req.filters.fields, USER_FIELDS, ctx.instance);
  if (!fields.ok) return fields.response;
  const toJson = (row: UserRow) => project(row, fields.fields);
  if (req.filters.email !== undefined) {
    // A lookup is still a collection (zero or one match) in the same envelope as any list.
    const rows = findUsersByEmail(ctx.q, req.filters.email.toLowerCase());
    return req.respond({ rows, total: rows.length, hasMore: false }, toJson);
  }
  return req.respond(listUsers(ctx.q, req.window), toJson);
}

function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const query = parseRequestQuery(detailQuery, ctx.req, ctx.instance);
  if (!query.ok) return query.response;
  const fields = parseFields(query.data.fields, USER_FIELDS, ctx.instance);
  if (!fields.ok) return fields.response;
  // With the app cache off there is nothing to wait for: answer without a promise, a key or a
  // closure (the hot path).
  if (!ctx.cache.enabled) return userAnswer(ctx, id.data, fields.fields, getUser(ctx.q, id.data));
  const key = userKey(id.data);
  return ctx.cache
    .get(key, async () => getUser(ctx.q, id.data) ?? { missing: true })
    .then((v) => userAnswer(ctx, id.data, fields.fields, 'missing' in v ? undefined : (v as UserRow)));
}

const userKey = (id: number) => `user:${id}`;

function userAnswer(ctx: HandlerContext, id: number, fields: string[] | null, user: UserRow | undefined) {
  if (!user) {
    ctx.cache.invalidate(userKey(id));
    return problem('not-found', `User ${id} does not exist.`, { instance: ctx.instance });
  }
  return json(200, project(user, fields));
}

function create(ctx: HandlerContext) {
  const body = parseBody(userCreate, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const user = insertUser(ctx.q, body.data, ctx.now().toISOString());
  if (user === 'duplicate-email') {
    return problem('conflict', `A user with email ${body.data.email} already exists.`, {
      instance: ctx.instance,
      errors: [{ field: 'email', in: 'body', detail: 'is already taken', pointer: '#/email' }],
    });
  }
  return json(201, user, { location: `${ctx.base}/users/${user.id}` });
}

/**
 * A user's orders, optionally with each order's product. The queryShape knob decides how:
 * one lookup per order (N+1) or one batched query for all of them.
 */
function orders(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const req = parseListRequest(ctx, userOrderList, {
    scope: `users/${id.data}/orders`,
    basePath: `/users/${id.data}/orders`,
  });
  if (!req.ok) return req.response;
  if (!getUser(ctx.q, id.data))
    return problem('not-found', `User ${id.data} does not exist.`, { instance: ctx.instance });
  const result = listUserOrders(ctx.q, id.data, req.window);
  if (!req.filters.expand) return req.respond(result);
  if (ctx.settings.queryShape.expand === 'n-plus-one') {
    return req.respond(result, (o: OrderRow) => ({ ...o, product: getProduct(ctx.q, o.product_id) ?? null }));
  }
  const products = getProductsByIds(
    ctx.q,
    result.rows.map((o) => o.product_id),
  );
  return req.respond(result, (o: OrderRow) => ({ ...o, product: products.get(o.product_id) ?? null }));
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/users', handler: list },
  { method: 'POST', pattern: '/users', handler: create },
  { method: 'GET', pattern: '/users/{id}', handler: show },
  { method: 'GET', pattern: '/users/{id}/orders', handler: orders },
];
