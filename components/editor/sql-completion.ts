import type * as Monaco from 'monaco-editor/editor/editor.api';
import { SHOP_TABLES, TEACHING_INDEX_NAMES } from '@/lib/sql-console/schema-info';

const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS NULL',
  'LIKE',
  'BETWEEN',
  'ORDER BY',
  'GROUP BY',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'JOIN',
  'LEFT JOIN',
  'ON',
  'AS',
  'DISTINCT',
  'COUNT(*)',
  'WITH',
  'UNION ALL',
  'DESC',
  'ASC',
  'EXPLAIN QUERY PLAN',
  'CREATE INDEX',
  'DROP INDEX',
  'PRAGMA table_info',
  'PRAGMA index_list',
];

/** FROM/JOIN table [AS] alias pairs in the statement, so "o." completes the columns of orders. */
function aliases(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const tables = new Set(SHOP_TABLES.map((t) => t.name));
  for (const m of text.matchAll(/\b(?:from|join|on|update|into)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?/gi)) {
    const table = (m[1] ?? '').toLowerCase();
    if (!tables.has(table)) continue;
    map.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !/^(where|join|on|left|inner|order|group|limit|using|set|values)$/.test(alias)) map.set(alias, table);
  }
  return map;
}

/** Completion of table, column and index names from the Shop schema, plus common keywords. */
export function registerSqlCompletion(monaco: typeof Monaco): void {
  const { CompletionItemKind: Kind } = monaco.languages;
  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const qualifier = /(\w+)\.$/.exec(before)?.[1]?.toLowerCase();
      if (qualifier) {
        const table = SHOP_TABLES.find((t) => t.name === aliases(model.getValue()).get(qualifier));
        return {
          suggestions: (table?.columns ?? []).map((c) => ({
            label: c.name,
            kind: Kind.Field,
            detail: `${table?.name}.${c.name} ${c.type}`,
            insertText: c.name,
            range,
          })),
        };
      }
      const suggestions: Monaco.languages.CompletionItem[] = [];
      for (const t of SHOP_TABLES) {
        suggestions.push({
          label: t.name,
          kind: Kind.Class,
          detail: `table (${t.columns.length} columns)`,
          insertText: t.name,
          range,
          sortText: `1${t.name}`,
        });
        for (const c of t.columns) {
          suggestions.push({
            label: { label: c.name, description: t.name },
            kind: Kind.Field,
            detail: `${t.name}.${c.name} ${c.type}`,
            insertText: c.name,
            range,
            sortText: `2${c.name}`,
          });
        }
      }
      for (const ix of TEACHING_INDEX_NAMES)
        suggestions.push({
          label: ix,
          kind: Kind.Reference,
          detail: 'teaching index',
          insertText: ix,
          range,
          sortText: `3${ix}`,
        });
      for (const k of KEYWORDS)
        suggestions.push({ label: k, kind: Kind.Keyword, insertText: k, range, sortText: `4${k}` });
      return { suggestions };
    },
  });
}
