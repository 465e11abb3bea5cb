import { prepareCached, type Db } from '../db/open';
import { DEFAULT_SETTINGS, knobSettingsSchema, type KnobSettings } from './schema';

/**
 * Settings live in app.db as JSON. A row that no longer parses (an older shape) falls back
 * to the defaults for the parts that fail, rather than breaking the learner's lab.
 */
export function readSettings(appDb: Db, sandboxId: string): KnobSettings {
  const row = prepareCached(appDb, 'SELECT json FROM settings WHERE sandbox_id = ?').get(sandboxId) as
    { json: string } | undefined;
  return row ? settingsFromJson(row.json) : DEFAULT_SETTINGS;
}

/** Stored JSON to settings, shared by every store (app.db, PostgreSQL) so they fall back alike. */
export function settingsFromJson(json: string): KnobSettings {
  try {
    const stored = JSON.parse(json) as Partial<KnobSettings>;
    const merged = { ...DEFAULT_SETTINGS, ...stored };
    const parsed = knobSettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function writeSettings(appDb: Db, sandboxId: string, settings: KnobSettings, now: Date): void {
  prepareCached(
    appDb,
    `INSERT INTO settings (sandbox_id, json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (sandbox_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
  ).run(sandboxId, JSON.stringify(settings), now.toISOString());
}
