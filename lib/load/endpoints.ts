import type { KeySampler } from './distribution';

/**
 * The endpoints a load profile can mix. Each builds one request from a key sampler, so the
 * profile's key distribution (uniform, Zipf, hot set) decides which users and products are
 * popular. Low ids are the popular ones in the dataset, and the samplers favour low keys too.
 */
export type Keyspace = {
  /** Users have ids 1..users. */
  users: number;
  /** Products have ids 1..products. */
  products: number;
  /** Sample of existing emails; emails[k-1] should belong to user k so popularity lines up. */
  emails: string[];
  /** Orders have ids 1..orders (absent: the dataset's ten orders per user). */
  orders?: number;
  /** The sandbox's pagination mode: list requests are shaped for it (a cursor API has no page=N). */
  pagination?: 'offset' | 'cursor' | 'unbounded';
};

export type LoadRequest = { method: 'GET' | 'POST'; path: string; body?: string };

export type EndpointSpec = {
  label: string;
  write: boolean;
  buildRequest: (keys: KeySampler, keyspace: Keyspace) => LoadRequest;
};

export const PAGE_LIMIT = 20;

// The seeded orders span these two years; a window inside them usually has rows.
const ORDERS_FROM_MS = Date.UTC(2024, 0, 1);
const ORDER_DAYS = 730; // 2024-01-01 .. 2025-12-31 as the start of a 1-day window
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const dayWindow = (day: number) => {
  const since = new Date(ORDERS_FROM_MS + (day - 1) * DAY_MS);
  const until = new Date(since.getTime() + DAY_MS);
  return `since=${since.toISOString().slice(0, 19)}Z&until=${until.toISOString().slice(0, 19)}Z`;
};

export const ENDPOINT_KEYS = [
  'product-by-id',
  'products-page',
  'user-by-id',
  'user-by-email',
  'user-orders',
  'orders-by-date',
  'orders-history',
  'create-order',
  'user-orders-expanded',
  'product-card',
] as const;

/** The order-history screen of the common-mistakes lesson: a page of orders, each with its product. */
export const EXPANDED_PAGE_LIMIT = 50;
export const CARD_FIELDS = 'id,name,price_cents';

export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

export const ENDPOINTS: Record<EndpointKey, EndpointSpec> = {
  'product-by-id': {
    label: 'GET /api/v1/products/{id}',
    write: false,
    buildRequest: (keys, ks) => ({ method: 'GET', path: `/api/v1/products/${keys(ks.products)}` }),
  },
  'products-page': {
    label: `GET /api/v1/products?page=N&limit=${PAGE_LIMIT}`,
    write: false,
    buildRequest: (keys, ks) => {
      // Cursor pagination cannot jump to page N, and the unbounded API takes no paging at all.
      if (ks.pagination === 'cursor') return { method: 'GET', path: `/api/v1/products?limit=${PAGE_LIMIT}` };
      if (ks.pagination === 'unbounded') return { method: 'GET', path: '/api/v1/products' };
      return {
        method: 'GET',
        path: `/api/v1/products?page=${keys(Math.max(1, Math.ceil(ks.products / PAGE_LIMIT)))}&limit=${PAGE_LIMIT}`,
      };
    },
  },
  'user-by-id': {
    label: 'GET /api/v1/users/{id}',
    write: false,
    buildRequest: (keys, ks) => ({ method: 'GET', path: `/api/v1/users/${keys(ks.users)}` }),
  },
  'user-by-email': {
    label: 'GET /api/v1/users?email=…',
    write: false,
    buildRequest: (keys, ks) => {
      // Without a sample there is nothing real to look up; an unknown address is still a
      // full lookup (an empty page), which is what an unindexed-email lesson measures.
      const email = ks.emails.length > 0 ? ks.emails[keys(ks.emails.length) - 1] : undefined;
      const address = email ?? `nobody.${keys(ks.users)}@example.com`;
      return { method: 'GET', path: `/api/v1/users?email=${encodeURIComponent(address)}` };
    },
  },
  'user-orders': {
    label: 'GET /api/v1/users/{id}/orders',
    write: false,
    buildRequest: (keys, ks) => ({ method: 'GET', path: `/api/v1/users/${keys(ks.users)}/orders` }),
  },
  'orders-by-date': {
    label: 'GET /api/v1/orders?since=…&until=… (1 day)',
    write: false,
    buildRequest: (keys) => ({ method: 'GET', path: `/api/v1/orders?${dayWindow(keys(ORDER_DAYS))}` }),
  },
  // The pagination lesson's partner copying the whole order history: each request is one page at a
  // random depth, cut the way the sandbox cuts lists. Offset pages skip every row before them; a
  // cursor seeks to a value (since=, the same keyset seek as following nextCursor); unbounded is all
  // of it (up to the lab's cap). Deep pages and the cap make the difference large at any dataset size.
  'orders-history': {
    label: 'GET /api/v1/orders, a page at a random depth of the whole history',
    write: false,
    buildRequest: (keys, ks) => {
      if (ks.pagination === 'unbounded') return { method: 'GET', path: '/api/v1/orders' };
      if (ks.pagination === 'cursor') {
        const since = new Date(ORDERS_FROM_MS + (keys(ORDER_DAYS * 24) - 1) * HOUR_MS);
        return { method: 'GET', path: `/api/v1/orders?since=${since.toISOString().slice(0, 19)}Z&limit=${PAGE_LIMIT}` };
      }
      const pages = Math.max(1, Math.ceil((ks.orders ?? ks.users * 10) / PAGE_LIMIT));
      return { method: 'GET', path: `/api/v1/orders?page=${keys(pages)}&limit=${PAGE_LIMIT}` };
    },
  },
  'create-order': {
    label: 'POST /api/v1/orders',
    write: true,
    buildRequest: (keys, ks) => ({
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ user_id: keys(ks.users), product_id: keys(ks.products), quantity: 1 }),
    }),
  },
  'user-orders-expanded': {
    label: `GET /api/v1/users/{id}/orders?expand=product&limit=${EXPANDED_PAGE_LIMIT}`,
    write: false,
    buildRequest: (keys, ks) => ({
      method: 'GET',
      // The unbounded API takes no limit (it answers 400 to one); it returns every order, capped.
      path: `/api/v1/users/${keys(ks.users)}/orders?expand=product${ks.pagination === 'unbounded' ? '' : `&limit=${EXPANDED_PAGE_LIMIT}`}`,
    }),
  },
  'product-card': {
    label: `GET /api/v1/products/{id}?fields=${CARD_FIELDS}`,
    write: false,
    buildRequest: (keys, ks) => ({
      method: 'GET',
      path: `/api/v1/products/${keys(ks.products)}?fields=${CARD_FIELDS}`,
    }),
  },
};
