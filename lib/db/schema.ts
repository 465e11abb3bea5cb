/**
 * The Shop schema every sandbox starts from. Deliberately no secondary indexes and no UNIQUE
 * constraints: SQLite would build an index behind the learner's back for UNIQUE, and the
 * course is about learners adding the right indexes themselves. Primary keys exist.
 * Foreign keys are checked by the API, not declared, for the same reason (an enforced
 * foreign key without an index turns every delete into a table scan the learner did not ask for).
 */
// 2: AUTOINCREMENT, so a deleted product's id is never handed to a new one (old URLs stay wrong, not misleading).
export const TEMPLATE_SCHEMA_VERSION = 2;

export const TEMPLATE_DDL = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  stock INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE template_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** The three indexes the course teaches. They start absent in every sandbox. */
export const TEACHING_INDEXES = {
  idx_user_email: 'CREATE INDEX idx_user_email ON users(email)',
  idx_order_user_id: 'CREATE INDEX idx_order_user_id ON orders(user_id)',
  idx_order_created_at: 'CREATE INDEX idx_order_created_at ON orders(created_at)',
} as const;

export type TeachingIndex = keyof typeof TEACHING_INDEXES;

export const PRODUCT_CATEGORIES = [
  'audio',
  'books',
  'cameras',
  'garden',
  'games',
  'home',
  'kitchen',
  'outdoor',
  'office',
  'sports',
  'tools',
  'toys',
] as const;

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
