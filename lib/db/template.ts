import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './open';
import { DATASET_SEED, seedShop, type DatasetSize } from './seed';
import { TEMPLATE_SCHEMA_VERSION } from './schema';

export function templatePath(dataDir: string): string {
  return path.join(dataDir, 'template.db');
}

/** True when the template exists and was built for this schema, seed and scale. */
export function templateIsCurrent(dataDir: string, scale: number): boolean {
  const file = templatePath(dataDir);
  if (!fs.existsSync(file)) return false;
  try {
    const db = openDatabase(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT key, value FROM template_meta').all() as { key: string; value: string }[];
      const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
      return (
        meta.schema_version === String(TEMPLATE_SCHEMA_VERSION) &&
        meta.seed === String(DATASET_SEED) &&
        meta.scale === String(scale)
      );
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export type TemplateResult = { path: string; built: boolean; ms: number; size?: DatasetSize };

/**
 * Builds the template once (a few seconds at full scale) into a temporary file and renames
 * it into place, so a crash mid-build never leaves a half-filled template behind.
 */
export function ensureTemplate(dataDir: string, scale: number): TemplateResult {
  const file = templatePath(dataDir);
  const started = performance.now();
  if (templateIsCurrent(dataDir, scale)) return { path: file, built: false, ms: 0 };
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.building-${process.pid}-${Date.now()}`;
  const db = openDatabase(tmp, { wal: false });
  let size: DatasetSize;
  try {
    // Nothing to protect while building a throwaway file: skip the journal for speed.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    size = seedShop(db, scale);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  fs.renameSync(tmp, file);
  return { path: file, built: true, ms: performance.now() - started, size };
}

export type TemplateKeyspace = { users: number; products: number; orders: number; emails: string[] };

/**
 * The ids and emails a load run can ask for: ids 1..n exist in every fresh sandbox, and the
 * first emails belong to the lowest ids, so "popular" keys line up across endpoints.
 */
export function templateKeyspace(dataDir: string, emailSample = 1000): TemplateKeyspace {
  const db = openDatabase(templatePath(dataDir), { readonly: true });
  try {
    const max = (t: string) => (db.prepare(`SELECT MAX(id) AS n FROM ${t}`).get() as { n: number | null }).n ?? 0;
    const emails = (
      db.prepare('SELECT email FROM users ORDER BY id LIMIT ?').all(emailSample) as { email: string }[]
    ).map((r) => r.email);
    return { users: max('users'), products: max('products'), orders: max('orders'), emails };
  } finally {
    db.close();
  }
}
