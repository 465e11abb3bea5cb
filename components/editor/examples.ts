import type { KnobGroup } from '@/lib/knobs/registry';

/**
 * Starting points for the SQL console and the request scratchpad, chosen by the knob groups
 * a lesson shows (the same groups that pick its knobs), so each lesson opens on statements
 * about its own topic.
 */
export type SqlExample = { label: string; sql: string };

const RUNAWAY: SqlExample = {
  label: 'A runaway query',
  sql: '-- Never ends on its own: the console stops it after 2 s.\nWITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)\nSELECT count(*) FROM n;',
};

const YOUR_INDEXES: SqlExample = {
  label: 'Your indexes',
  sql: "SELECT name, tbl_name, sql\nFROM sqlite_master\nWHERE type = 'index';",
};
// dbstat reads the page map of the sandbox file: what each table and index takes on disk.
const INDEX_SIZES: SqlExample = {
  label: 'What each index takes on disk',
  sql: 'SELECT name, count(*) AS pages, sum(pgsize) AS bytes\nFROM dbstat\nGROUP BY name\nORDER BY bytes DESC;',
};

const SQL_BY_GROUP: Partial<Record<KnobGroup, SqlExample[]>> = {
  indexes: [
    {
      label: "A user's orders",
      sql: 'SELECT id, product_id, total_cents, created_at\nFROM orders\nWHERE user_id = 42\nORDER BY created_at DESC;',
    },
    { label: "Plan: a user's orders", sql: 'EXPLAIN QUERY PLAN\nSELECT * FROM orders WHERE user_id = 42;' },
    { label: 'Add the index', sql: 'CREATE INDEX idx_order_user_id ON orders(user_id);' },
    { label: 'Drop the index', sql: 'DROP INDEX idx_order_user_id;' },
    YOUR_INDEXES,
    INDEX_SIZES,
  ],
  pagination: [
    {
      label: 'A deep offset page',
      sql: 'SELECT id, created_at FROM orders\nORDER BY created_at, id\nLIMIT 20 OFFSET 50000;',
    },
    {
      label: 'Plan: the deep page',
      sql: 'EXPLAIN QUERY PLAN\nSELECT id, created_at FROM orders\nORDER BY created_at, id\nLIMIT 20 OFFSET 50000;',
    },
    {
      label: 'The keyset page',
      sql: "SELECT id, created_at FROM orders\nWHERE (created_at, id) > ('2024-06-01T00:00:00.000Z', 0)\nORDER BY created_at, id\nLIMIT 20;",
    },
    { label: 'What a total costs', sql: 'SELECT count(*) FROM orders;' },
  ],
  appCache: [
    {
      label: 'What a product page costs',
      sql: "-- The stats behind GET /products/1: the read the app cache saves.\nSELECT COUNT(*) AS order_count, COALESCE(SUM(quantity), 0) AS units_sold,\n       COALESCE(SUM(total_cents), 0) AS revenue_cents\nFROM orders WHERE product_id = 1 AND status != 'cancelled';",
    },
    {
      label: 'Plan: the product stats',
      sql: "EXPLAIN QUERY PLAN\nSELECT COUNT(*) FROM orders WHERE product_id = 1 AND status != 'cancelled';",
    },
  ],
  rateLimit: [
    { label: 'One user', sql: 'SELECT * FROM users WHERE id = 1;' },
    {
      label: 'Users per country',
      sql: 'SELECT country, count(*) AS users\nFROM users\nGROUP BY country\nORDER BY users DESC;',
    },
  ],
  replica: [
    {
      label: 'Writes the replica has not replayed yet',
      sql: '-- The replication log on the primary (it exists once the replica is on).\nSELECT seq, txn, committed_at, sql, params\nFROM _replication_log\nORDER BY seq DESC\nLIMIT 20;',
    },
    {
      label: 'The newest orders',
      sql: 'SELECT id, user_id, product_id, created_at\nFROM orders\nORDER BY id DESC\nLIMIT 5;',
    },
  ],
  writes: [
    {
      label: 'The queue right now',
      sql: 'SELECT status, count(*) AS jobs, max(attempts) AS most_attempts\nFROM jobs\nGROUP BY status;',
    },
    {
      label: 'Time to a placed order',
      sql: '-- From accepted (created_at) to done (updated_at), per finished job.\nSELECT id, status, attempts,\n       round((julianday(updated_at) - julianday(created_at)) * 86400000) AS ms\nFROM jobs\nORDER BY id DESC\nLIMIT 20;',
    },
    {
      label: 'Failed jobs and why',
      sql: "SELECT id, attempts, json_extract(result, '$.problem.detail') AS why\nFROM jobs\nWHERE status = 'failed'\nORDER BY id DESC\nLIMIT 20;",
    },
  ],
  queryShape: [
    {
      label: 'Orders with products (join)',
      sql: 'SELECT o.id, o.quantity, p.name, p.price_cents\nFROM orders o JOIN products p ON p.id = o.product_id\nWHERE o.user_id = 42;',
    },
    {
      label: 'Plan: the join',
      sql: 'EXPLAIN QUERY PLAN\nSELECT o.id, p.name FROM orders o JOIN products p ON p.id = o.product_id WHERE o.user_id = 42;',
    },
  ],
};

const SQL_DEFAULT: SqlExample[] = [
  { label: 'Ten orders', sql: 'SELECT * FROM orders LIMIT 10;' },
  {
    label: 'Table sizes',
    sql: "SELECT 'users' AS t, count(*) FROM users\nUNION ALL SELECT 'products', count(*) FROM products\nUNION ALL SELECT 'orders', count(*) FROM orders;",
  },
  { label: 'A plan', sql: "EXPLAIN QUERY PLAN\nSELECT * FROM users WHERE email = 'someone@example.com';" },
];

/** The lesson's main topic (its first knob group with examples), a few common ones, and a runaway. */
export function sqlExamples(groups: readonly KnobGroup[] = []): SqlExample[] {
  const main = groups.map((g) => SQL_BY_GROUP[g]).find((list) => list?.length) ?? SQL_DEFAULT;
  const extra = groups.includes('indexes') && !main.includes(YOUR_INDEXES) ? [YOUR_INDEXES] : [];
  return [...main, ...extra, { label: 'Columns of orders', sql: 'PRAGMA table_info(orders);' }, RUNAWAY];
}

const HTTP_BY_GROUP: Partial<Record<KnobGroup, string>> = {
  indexes: `### A user's orders: read Server-Timing's db time, then add the index and send again
GET /users/42/orders
`,
  pagination: `### The first page: the Link header points at the next one
GET /orders?page=1

### A deep page
GET /orders?page=500
`,
  appCache: `### Send twice: X-Cache goes from MISS to HIT when the app cache is on
GET /products/1
`,
  httpCache: `### Copy the ETag from the response into If-None-Match below, then send the second one
GET /products/1

### A conditional request: 304 Not Modified, with no body
GET /products/1
If-None-Match: "paste-the-etag-here"
`,
  rateLimit: `### Send this quickly, again and again: watch RateLimit count down, then a 429
GET /users/1
`,
  replica: `### Place an order (a write: always the primary)
POST /orders
Content-Type: application/json

{ "user_id": 1, "product_id": 1, "quantity": 1 }

### Read it back at once: put the id from the Location header above, then watch X-Served-By and the status
GET /orders/1
`,
  queryShape: `### Orders with their products: Server-Timing counts the queries
GET /users/42/orders?expand=product
`,
  writes: `### Place an order. Sync: 201 after the slow work. Queued: 202 at once, with Location and Retry-After
POST /orders
Content-Type: application/json
Idempotency-Key: "order-try-1"

{ "user_id": 1, "product_id": 2, "quantity": 1 }

### Poll the job the 202 pointed to (change 1 to the id in its Location)
GET /jobs/1

### The same key with a different body: 422, nothing is ordered twice
POST /orders
Content-Type: application/json
Idempotency-Key: "order-try-1"

{ "user_id": 1, "product_id": 2, "quantity": 5 }
`,
};

const HTTP_COMMON = `### Create a product (a 201 with a Location header)
POST /products
Content-Type: application/json

{
  "sku": "KET-0001",
  "name": "Travel Kettle",
  "category": "kitchen",
  "price_cents": 2999,
  "stock": 12
}

### An invalid one: 422 with a problem+json body naming each field
POST /products

{ "sku": "", "price_cents": -1 }
`;

// Versions are not a knob: a lesson whose starting request names a mount (/api/v1, /api/v2, /api/shop) gets these.
const HTTP_VERSIONING = `### v1 is deprecated: read Deprecation, Sunset and the Link to its successor
GET /api/v1/products/1

### The same product in v2: price is an object with its currency
GET /api/v2/products/1

### One URL, the version in a header: the response says Vary: API-Version
GET /api/shop/products/1
API-Version: 2

### No header at all: the oldest version, so clients written before v2 keep working
GET /api/shop/products/1

### A version that does not exist: a 400 that lists the supported ones
GET /api/shop/products/1
API-Version: 3

### v2 lists page by cursor: follow the Link rel="next"
GET /api/v2/orders?limit=3

### v2 writes money as an object too
POST /api/v2/products
Content-Type: application/json

{
  "sku": "KET-0002",
  "name": "Travel Kettle",
  "category": "kitchen",
  "price": { "amount": "29.99", "currency": "EUR" }
}
`;

/** A ready-to-send .http file for a lesson: its own requests first, then the common ones. */
export function httpExample(groups: readonly KnobGroup[] = [], defaultPath = '/products/1'): string {
  if (/^\/api\/(v\d+|shop)(\/|\?|$)/.test(defaultPath)) return `${HTTP_VERSIONING}\n${HTTP_COMMON}`;
  const own = groups
    .map((g) => HTTP_BY_GROUP[g])
    .filter(Boolean)
    .join('\n');
  const first = own || `### Send with Ctrl+Enter (the request under the cursor)\nGET ${defaultPath}\n`;
  return `${first}\n${HTTP_COMMON}`;
}
