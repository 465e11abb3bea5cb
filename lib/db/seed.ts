import { createRng, pick, randomInt, skewedId, type Rng } from './random';
import { ORDER_STATUSES, PRODUCT_CATEGORIES, TEMPLATE_DDL, TEMPLATE_SCHEMA_VERSION } from './schema';
import type { Db } from './open';

export const DATASET_SEED = 20261129;

export type DatasetSize = { users: number; products: number; orders: number };

export function datasetSize(scale: number): DatasetSize {
  return {
    users: Math.max(10, Math.round(100_000 * scale)),
    products: Math.max(10, Math.round(10_000 * scale)),
    orders: Math.max(100, Math.round(1_000_000 * scale)),
  };
}

const FIRST = [
  'ada',
  'alan',
  'anya',
  'bea',
  'carlos',
  'chen',
  'dara',
  'eli',
  'fatima',
  'grace',
  'hiro',
  'ines',
  'ivan',
  'jamal',
  'kai',
  'lena',
  'mara',
  'nia',
  'omar',
  'priya',
  'quinn',
  'rosa',
  'sam',
  'tariq',
  'uma',
  'vera',
  'wei',
  'yara',
  'zoe',
];
const LAST = [
  'adams',
  'baker',
  'costa',
  'diaz',
  'evans',
  'fischer',
  'garcia',
  'haddad',
  'ito',
  'jensen',
  'kowalski',
  'lopez',
  'moreau',
  'nguyen',
  'okafor',
  'patel',
  'rossi',
  'silva',
  'tanaka',
  'usman',
  'varga',
  'wang',
  'yilmaz',
  'zhou',
];
const COUNTRIES = [
  'US',
  'US',
  'US',
  'GB',
  'DE',
  'DE',
  'FR',
  'IN',
  'IN',
  'BR',
  'JP',
  'CA',
  'NG',
  'ES',
  'IT',
  'PL',
  'NL',
  'SE',
  'MX',
  'KE',
];
const ADJECTIVES = [
  'Compact',
  'Classic',
  'Rugged',
  'Silent',
  'Smart',
  'Travel',
  'Pro',
  'Everyday',
  'Heavy-duty',
  'Mini',
  'Deluxe',
  'Eco',
];
const NOUNS = [
  'Kettle',
  'Headphones',
  'Backpack',
  'Lamp',
  'Notebook',
  'Drill',
  'Tent',
  'Camera',
  'Blender',
  'Chair',
  'Puzzle',
  'Speaker',
  'Jacket',
  'Planter',
  'Racket',
];
const MATERIALS = ['Oak', 'Steel', 'Bamboo', 'Canvas', 'Ceramic', 'Carbon', 'Wool', 'Glass'];

// Fixed dates: the data must not depend on when it was generated.
const USERS_FROM = Date.parse('2021-01-01T00:00:00Z');
const USERS_TO = Date.parse('2023-12-31T00:00:00Z');
const ORDERS_FROM = Date.parse('2024-01-01T00:00:00Z');
const ORDERS_TO = Date.parse('2025-12-31T00:00:00Z');

const iso = (ms: number) => new Date(ms).toISOString();

function statusFor(rng: Rng): string {
  const r = rng();
  // Most orders in a two-year history are long delivered; a few are still moving.
  if (r < 0.7) return 'delivered';
  if (r < 0.8) return 'shipped';
  if (r < 0.9) return 'paid';
  if (r < 0.95) return 'pending';
  return ORDER_STATUSES[4];
}

/** Fills an empty database with the Shop dataset. Same seed and scale, same rows. */
export function seedShop(db: Db, scale: number, seed = DATASET_SEED): DatasetSize {
  const size = datasetSize(scale);
  const rng = createRng(seed);
  db.exec(TEMPLATE_DDL);

  const insertUser = db.prepare('INSERT INTO users (id, email, name, country, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertProduct = db.prepare(
    'INSERT INTO products (id, sku, name, category, price_cents, stock, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOrder = db.prepare(
    'INSERT INTO orders (id, user_id, product_id, quantity, total_cents, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const prices = new Int32Array(size.products + 1);

  db.transaction(() => {
    const userStep = (USERS_TO - USERS_FROM) / size.users;
    for (let id = 1; id <= size.users; id++) {
      const first = pick(rng, FIRST);
      const last = pick(rng, LAST);
      const created = USERS_FROM + Math.floor((id - 1) * userStep + rng() * userStep);
      insertUser.run(
        id,
        `${first}.${last}.${id}@example.com`,
        `${cap(first)} ${cap(last)}`,
        pick(rng, COUNTRIES),
        iso(created),
      );
    }
    for (let id = 1; id <= size.products; id++) {
      const price = randomInt(rng, 199, 49_999);
      prices[id] = price;
      const created = iso(USERS_FROM + Math.floor(rng() * (ORDERS_FROM - USERS_FROM)));
      const name = `${pick(rng, ADJECTIVES)} ${pick(rng, MATERIALS)} ${pick(rng, NOUNS)}`;
      insertProduct.run(
        id,
        `SKU-${String(id).padStart(6, '0')}`,
        name,
        pick(rng, PRODUCT_CATEGORIES),
        price,
        randomInt(rng, 0, 500),
        created,
        created,
      );
    }
    // Orders arrive in time order, as in a real shop, so ids and created_at rise together.
    const orderStep = (ORDERS_TO - ORDERS_FROM) / size.orders;
    for (let id = 1; id <= size.orders; id++) {
      const userId = skewedId(rng, size.users, 1.5);
      const productId = skewedId(rng, size.products, 1.3);
      const quantity = rng() < 0.75 ? 1 : randomInt(rng, 2, 5);
      const created = ORDERS_FROM + Math.floor((id - 1) * orderStep + rng() * orderStep);
      insertOrder.run(
        id,
        userId,
        productId,
        quantity,
        quantity * (prices[productId] ?? 0),
        statusFor(rng),
        iso(created),
      );
    }
    const meta = db.prepare('INSERT INTO template_meta (key, value) VALUES (?, ?)');
    meta.run('schema_version', String(TEMPLATE_SCHEMA_VERSION));
    meta.run('seed', String(seed));
    meta.run('scale', String(scale));
  })();
  return size;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
