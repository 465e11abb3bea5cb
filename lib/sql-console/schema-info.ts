import { TEACHING_INDEXES, TEMPLATE_DDL } from '../db/schema';

/**
 * Tables and columns of the Shop schema for the console's completion, read from the same
 * DDL that builds every sandbox (so a new column shows up in completion without a list to
 * keep in step). Safe for the browser: it imports only constants.
 */
export type ColumnInfo = { name: string; type: string };
export type TableInfo = { name: string; columns: ColumnInfo[] };

export function parseTables(ddl: string): TableInfo[] {
  const tables: TableInfo[] = [];
  for (const m of ddl.matchAll(/CREATE TABLE (\w+)\s*\(([\s\S]*?)\);/g)) {
    const columns = (m[2] ?? '')
      .split(',')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] && !/^(PRIMARY|UNIQUE|CHECK|FOREIGN|CONSTRAINT)$/i.test(words[0]))
      .map((words) => ({ name: words[0] ?? '', type: words[1] ?? '' }));
    tables.push({ name: m[1] ?? '', columns });
  }
  return tables;
}

export const SHOP_TABLES: TableInfo[] = parseTables(TEMPLATE_DDL);
export const TEACHING_INDEX_NAMES = Object.keys(TEACHING_INDEXES);
