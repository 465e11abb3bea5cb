import { findUsersByEmail, getUser, insertUser, listUserOrders, listUsers } from '../../db/queries/users';
import { offsetPage } from '../pagination';
import { problem } from '../problem';
import { json } from '../respond';
import type { HandlerContext, Route } from '../router';
import { pageQuery, userCreate, userListQuery } from '../schemas';
import { parseBody, parseId, parseQuery } from '../validate';

function list(ctx: HandlerContext) {
  const query = parseQuery(userListQuery, ctx.req.query, ctx.instance);
  if (!query.ok) return query.response;
  const { page, limit, email } = query.data;
  if (email !== undefined) {
    // A lookup is still a collection: zero or one match, same envelope as any list.
    const all = findUsersByEmail(ctx.q, email.toLowerCase());
    const rows = all.slice((page - 1) * limit, page * limit);
    const { pagination, link } = offsetPage('/users', ctx.req.query, page, limit, all.length);
    return json(200, { data: rows, pagination }, link ? { link } : {});
  }
  const { rows, total } = listUsers(ctx.q, { limit, offset: (page - 1) * limit });
  const { pagination, link } = offsetPage('/users', ctx.req.query, page, limit, total);
  return json(200, { data: rows, pagination }, link ? { link } : {});
}

function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const user = getUser(ctx.q, id.data);
  if (!user) return problem('not-found', `User ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, user);
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
  return json(201, user, { location: `/api/v1/users/${user.id}` });
}

function orders(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const query = parseQuery(pageQuery, ctx.req.query, ctx.instance);
  if (!query.ok) return query.response;
  if (!getUser(ctx.q, id.data)) return problem('not-found', `User ${id.data} does not exist.`, { instance: ctx.instance });
  const { page, limit } = query.data;
  const { rows, total } = listUserOrders(ctx.q, id.data, { limit, offset: (page - 1) * limit });
  const { pagination, link } = offsetPage(`/users/${id.data}/orders`, ctx.req.query, page, limit, total);
  return json(200, { data: rows, pagination }, link ? { link } : {});
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/users', handler: list },
  { method: 'POST', pattern: '/users', handler: create },
  { method: 'GET', pattern: '/users/{id}', handler: show },
  { method: 'GET', pattern: '/users/{id}/orders', handler: orders },
];
