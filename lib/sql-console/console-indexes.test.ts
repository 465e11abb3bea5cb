import { describe, expect, it } from 'vitest';
import {
  applyConsoleChange,
  consoleIndexesFromJson,
  consoleIndexesToJson,
  NO_CONSOLE_INDEXES,
  replayStatements,
  type ConsoleIndexes,
} from './console-indexes';

const make = (name: string, on = 'orders(status)') => ({
  action: 'created' as const,
  name,
  sql: `CREATE INDEX ${name} ON ${on}`,
});

describe('the record of console-made indexes', () => {
  it('keeps what exists now: made then dropped leaves nothing; dropping a template index is remembered', () => {
    let s: ConsoleIndexes = NO_CONSOLE_INDEXES;
    s = applyConsoleChange(s, make('idx_b'));
    s = applyConsoleChange(s, make('idx_a', 'users(name)'));
    s = applyConsoleChange(s, { action: 'dropped', name: 'IDX_B' });
    s = applyConsoleChange(s, { action: 'dropped', name: 'idx_from_template' });
    s = applyConsoleChange(s, { action: 'dropped', name: 'idx_from_template' });
    expect(s).toEqual({
      created: [{ name: 'idx_a', sql: 'CREATE INDEX idx_a ON users(name)' }],
      dropped: ['idx_from_template'],
    });
    // Made again under a dropped template name: dropped first, then made, on replay.
    s = applyConsoleChange(s, make('idx_from_template'));
    expect(replayStatements(s)).toEqual([
      'DROP INDEX IF EXISTS "idx_from_template"',
      'CREATE INDEX idx_a ON users(name)',
      'CREATE INDEX idx_from_template ON orders(status)',
    ]);
    // Redefined: the newer definition replaces the older one.
    s = applyConsoleChange(s, make('idx_a', 'users(email, name)'));
    expect(s.created.filter((c) => c.name === 'idx_a')).toEqual([
      { name: 'idx_a', sql: 'CREATE INDEX idx_a ON users(email, name)' },
    ]);
  });

  it('leaves the teaching indexes to the knobs, and records nothing the console would refuse', () => {
    const s = applyConsoleChange(NO_CONSOLE_INDEXES, make('idx_user_email', 'users(email)'));
    expect(s).toBe(NO_CONSOLE_INDEXES);
    expect(applyConsoleChange(NO_CONSOLE_INDEXES, { action: 'dropped', name: 'IDX_ORDER_USER_ID' })).toBe(
      NO_CONSOLE_INDEXES,
    );
    for (const sql of [
      'CREATE INDEX idx_x ON learners(id)',
      'CREATE TABLE idx_x (a)',
      'CREATE INDEX idx_other ON orders(status)',
      'CREATE INDEX idx_x ON orders(status); DROP TABLE orders',
    ])
      expect(applyConsoleChange(NO_CONSOLE_INDEXES, { action: 'created', name: 'idx_x', sql })).toBe(
        NO_CONSOLE_INDEXES,
      );
  });

  it('reads back only what passes the guard again; junk reads as nothing recorded', () => {
    const stored = JSON.stringify({
      created: [
        { name: 'idx_ok', sql: 'CREATE INDEX idx_ok ON orders(status)' },
        { name: 'idx_evil', sql: "CREATE INDEX idx_evil ON orders(status); ATTACH 'x' AS y" },
        { name: 'idx_sneak', sql: 'DROP TABLE orders' },
      ],
      dropped: ['idx_user_email', 'sqlite_autoindex_x', 'idx "quoted"'],
    });
    const s = consoleIndexesFromJson(stored);
    expect(s).toEqual({
      created: [{ name: 'idx_ok', sql: 'CREATE INDEX idx_ok ON orders(status)' }],
      dropped: ['sqlite_autoindex_x', 'idx "quoted"'],
    });
    expect(replayStatements(s)[1]).toBe('DROP INDEX IF EXISTS "idx ""quoted"""');
    for (const junk of [null, '', 'nope', '[]', '{"created": 5}'])
      expect(consoleIndexesFromJson(junk)).toEqual(NO_CONSOLE_INDEXES);
    expect(consoleIndexesToJson(NO_CONSOLE_INDEXES)).toBeNull();
    expect(consoleIndexesFromJson(consoleIndexesToJson(s))).toEqual(s);
  });
});
