import { z } from 'zod';
import { CURSOR_SORTS } from '../cursor';
import { parseFields } from '../fields';
import { problem } from '../problem';
import type { HandlerContext, Route } from '../router';
import { orderRoutes } from '../routes/orders';
import { PRODUCT_DETAIL_FIELDS, PRODUCT_FIELDS, productRoutes } from '../routes/products';
import { userRoutes } from '../routes/users';
import { productFields } from '../schemas';
import type { ApiResponse } from '../types';
import { parseBody } from '../validate';
import { centsToMoney, priceInput, v1FieldName, v2FieldName } from './money';

/**
 * Shop API v2: the same resources, the same queries (lib/db/queries), a different contract.
 *  - Money is an object: price, total and revenue instead of *_cents (see money.ts).
 *  - Lists always page by cursor (the pipeline pins the pagination mode), so sort is
 *    limited to the keyset orders created_at and -created_at.
 * Each v2 route wraps its v1 handler: the request is translated to v1 on the way in and
 * the body to v2 on the way out. The core stays v1-shaped because v1 is what every other
 * lesson loads; translating on the v1 hot path would put v2's cost in their measurements.
 */
const { price_cents: _cents, ...unchanged } = productFields;
const productV2Fields = { ...unchanged, price: priceInput };

export const productCreateV2 = z
  .strictObject({ ...productV2Fields, stock: productV2Fields.stock.default(0) })
  .transform(({ price, ...rest }) => ({ ...rest, price_cents: price }));

export const productPatchV2 = z
  .strictObject(productV2Fields)
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { error: 'send at least one field to change' })
  .transform(({ price, ...rest }) => (price === undefined ? rest : { ...rest, price_cents: price }));

type V2Options = {
  /** v1 names this route's ?fields= accepts; v2 names drop the _cents suffix. */
  fields?: readonly string[];
  /** Only these sort values exist in v2 (cursor pages walk created_at, id). */
  sorts?: readonly string[];
  /** The v2 request body, translated to the v1 body the handler validates again. */
  body?: z.ZodType;
};

const OPTIONS: Record<string, V2Options> = {
  'GET /products': { fields: PRODUCT_FIELDS, sorts: CURSOR_SORTS },
  'POST /products': { body: productCreateV2 },
  'GET /products/{id}': { fields: PRODUCT_DETAIL_FIELDS },
  'PATCH /products/{id}': { body: productPatchV2 },
};

function toV2(route: Route, opts: V2Options): Route {
  return {
    ...route,
    async handler(ctx: HandlerContext): Promise<ApiResponse> {
      const query = new URLSearchParams(ctx.req.query);
      const sort = query.getAll('sort');
      if (opts.sorts && sort.length === 1 && !opts.sorts.includes(sort[0] ?? '')) {
        const detail = `v2 lists page by cursor over (created_at, id), so sort must be one of: ${opts.sorts.join(', ')}.`;
        return problem('invalid-parameters', detail, {
          instance: ctx.instance,
          errors: [{ field: 'sort', in: 'query', detail }],
        });
      }
      const fields = query.getAll('fields');
      if (opts.fields && fields.length === 1) {
        const checked = parseFields(fields[0], opts.fields.map(v2FieldName), ctx.instance);
        if (!checked.ok) return checked.response;
        if (checked.fields) query.set('fields', checked.fields.map((f) => v1FieldName(f, opts.fields ?? [])).join(','));
      }
      let body = ctx.body;
      if (opts.body) {
        const parsed = parseBody(opts.body, ctx.body, ctx.instance);
        if (!parsed.ok) return parsed.response;
        body = parsed.data;
      }
      const res = await route.handler({ ...ctx, req: { ...ctx.req, query }, body });
      return moneyBody(res);
    },
  };
}

/** Success bodies only: problem details have no money in them. */
function moneyBody(res: ApiResponse): ApiResponse {
  if (res.body === null || res.status >= 300 || !res.body.includes('_cents"')) return res;
  return { ...res, body: JSON.stringify(centsToMoney(JSON.parse(res.body))) };
}

export const shopRoutesV2: Route[] = [...productRoutes, ...userRoutes, ...orderRoutes].map((r) =>
  toV2(r, OPTIONS[`${r.method} ${r.pattern}`] ?? {}),
);
