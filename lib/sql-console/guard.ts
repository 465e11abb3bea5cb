import { tokenize, type Token } from './lexer';

/**
 * The SQL console's statement guard: decides from the text alone whether a statement may
 * run, and gives a learner a clear reason when it may not. It is the friendly first line;
 * the runner then asks SQLite itself (one statement per prepare, stmt.readonly/stmt.reader,
 * a read-only connection for everything but index statements, and a check of what an index
 * statement really changed). Pure and synchronous, so it is unit-tested as a table.
 */
export const TEACHING_TABLES = ['users', 'products', 'orders'] as const;
export const MAX_SQL_LENGTH = 10_000;

export type SqlKind = 'select' | 'explain' | 'index';
export type IndexStatement = { action: 'create'; name: string; table: string } | { action: 'drop'; name: string };

export type RefusalCode =
  | 'empty'
  | 'too-long'
  | 'syntax'
  | 'multiple-statements'
  | 'write'
  | 'attach'
  | 'pragma'
  | 'extension'
  | 'vacuum'
  | 'transaction'
  | 'schema'
  | 'unsupported';

export type GuardVerdict =
  | { ok: true; kind: 'select' | 'explain' }
  | { ok: true; kind: 'index'; index: IndexStatement }
  /** `at`: offset of the text the refusal is about, for an editor marker. */
  | { ok: false; code: RefusalCode; reason: string; at?: number };

/** PRAGMAs that only read the schema; every other PRAGMA can change state or settings. */
export const READ_ONLY_PRAGMAS = [
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
] as const;

const WRITES = new Set(['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'UPSERT']);
const TRANSACTIONS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);
const QUERY_STARTS = new Set(['SELECT', 'VALUES']);
const WRITE_REASON =
  'Writes to data are refused: the console reads your sandbox. Change data through your API (the Request tab), so the pipeline and its caches see it.';

const refuse = (code: RefusalCode, reason: string, at?: number): GuardVerdict =>
  at === undefined ? { ok: false, code, reason } : { ok: false, code, reason, at };

function isName(t: Token | undefined): t is Token {
  return !!t && (t.kind === 'word' || t.kind === 'quoted');
}

/** Reads `[schema.]name` at i; returns the parts and the index after them. */
function qualifiedName(tokens: Token[], i: number): { schema?: string; name: string; next: number } | null {
  const first = tokens[i];
  if (!isName(first)) return null;
  if (tokens[i + 1]?.text === '.' && isName(tokens[i + 2])) {
    return { schema: first.text, name: tokens[i + 2]!.text, next: i + 3 };
  }
  return { name: first.text, next: i + 1 };
}

function isMainSchema(schema: string | undefined): boolean {
  return schema === undefined || schema.toLowerCase() === 'main';
}

/** The statement a WITH clause leads to: the first keyword after the CTEs, outside parentheses. */
function mainKeywordAfterWith(tokens: Token[]): string | null {
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && (QUERY_STARTS.has(t.upper) || WRITES.has(t.upper))) return t.upper;
  }
  return null;
}

function classifyRead(tokens: Token[]): GuardVerdict | null {
  const first = tokens[0]?.upper ?? '';
  if (QUERY_STARTS.has(first)) return { ok: true, kind: 'select' };
  if (first === 'WITH') {
    const main = mainKeywordAfterWith(tokens);
    if (main && QUERY_STARTS.has(main)) return { ok: true, kind: 'select' };
    if (main && WRITES.has(main)) return refuse('write', `WITH … ${main} writes to data. ${WRITE_REASON}`);
    return refuse('syntax', 'A WITH clause must be followed by a SELECT.');
  }
  return null;
}

function classifyPragma(tokens: Token[]): GuardVerdict {
  const target = qualifiedName(tokens, 1);
  if (!target) return refuse('syntax', 'PRAGMA needs a name, such as PRAGMA table_info(orders).');
  const name = target.name.toLowerCase();
  const allowed = (READ_ONLY_PRAGMAS as readonly string[]).includes(name);
  if (!allowed || tokens.some((t) => t.text === '=') || !isMainSchema(target.schema)) {
    return refuse(
      'pragma',
      `PRAGMA ${target.name} is refused: it can change how SQLite behaves for everyone using your sandbox. The console allows the read-only ones: ${READ_ONLY_PRAGMAS.join(', ')}.`,
    );
  }
  return { ok: true, kind: 'select' };
}

function classifyCreate(tokens: Token[]): GuardVerdict {
  let i = 1;
  if (tokens[i]?.upper === 'UNIQUE') i++;
  if (tokens[i]?.upper !== 'INDEX') {
    const what = tokens[i]?.upper ?? '';
    return refuse(
      'schema',
      `CREATE ${what} is refused: the console may only add indexes (CREATE INDEX … ON users, products or orders). The tables themselves belong to the lab.`,
    );
  }
  i++;
  if (tokens[i]?.upper === 'IF' && tokens[i + 1]?.upper === 'NOT' && tokens[i + 2]?.upper === 'EXISTS') i += 3;
  const index = qualifiedName(tokens, i);
  if (!index) return refuse('syntax', 'CREATE INDEX needs a name: CREATE INDEX idx_name ON table(column).');
  if (!isMainSchema(index.schema)) return refuse('schema', 'Indexes go in your sandbox (the main schema) only.');
  if (tokens[index.next]?.upper !== 'ON')
    return refuse('syntax', 'CREATE INDEX needs ON and a table: CREATE INDEX idx_name ON table(column).');
  const table = tokens[index.next + 1];
  if (!isName(table)) return refuse('syntax', 'CREATE INDEX … ON needs a table name.');
  if (tokens[index.next + 2]?.text === '.')
    return refuse('schema', 'Name the table without a schema: indexes go in your sandbox only.');
  const tableName = table.text.toLowerCase();
  if (!(TEACHING_TABLES as readonly string[]).includes(tableName)) {
    return refuse(
      'schema',
      `Indexes may only be added to ${TEACHING_TABLES.join(', ')}; ${table.text} is not one of them.`,
    );
  }
  return { ok: true, kind: 'index', index: { action: 'create', name: index.name, table: tableName } };
}

function classifyDrop(tokens: Token[]): GuardVerdict {
  if (tokens[1]?.upper !== 'INDEX') {
    return refuse(
      'schema',
      `DROP ${tokens[1]?.upper ?? ''} is refused: the console may only drop indexes (DROP INDEX name).`,
    );
  }
  let i = 2;
  if (tokens[i]?.upper === 'IF' && tokens[i + 1]?.upper === 'EXISTS') i += 2;
  const index = qualifiedName(tokens, i);
  if (!index) return refuse('syntax', 'DROP INDEX needs the name of an index.');
  if (!isMainSchema(index.schema))
    return refuse('schema', 'Only indexes in your sandbox (the main schema) can be dropped.');
  return { ok: true, kind: 'index', index: { action: 'drop', name: index.name } };
}

function classifyStatement(tokens: Token[]): GuardVerdict {
  const first = tokens[0];
  if (!first || first.kind !== 'word')
    return refuse(
      'unsupported',
      'A statement starts with a keyword such as SELECT, EXPLAIN, CREATE INDEX or DROP INDEX.',
    );
  const read = classifyRead(tokens);
  if (read) return read;
  const kw = first.upper;
  if (kw === 'EXPLAIN') {
    const skip = tokens[1]?.upper === 'QUERY' && tokens[2]?.upper === 'PLAN' ? 3 : 1;
    const inner = tokens.slice(skip);
    const verdict = classifyRead(inner);
    if (verdict?.ok) return { ok: true, kind: 'explain' };
    if (verdict) return verdict;
    return refuse(
      'unsupported',
      'The console explains reads: EXPLAIN QUERY PLAN SELECT … (write the SELECT your API would run).',
    );
  }
  if (WRITES.has(kw)) return refuse('write', WRITE_REASON);
  if (kw === 'PRAGMA') return classifyPragma(tokens);
  if (kw === 'CREATE') return classifyCreate(tokens);
  if (kw === 'DROP') return classifyDrop(tokens);
  if (kw === 'ATTACH' || kw === 'DETACH')
    return refuse('attach', `${kw} is refused: the console works on your sandbox and nothing else.`);
  if (kw === 'VACUUM')
    return refuse('vacuum', 'VACUUM is refused: it rewrites the whole file (and VACUUM INTO writes a new one).');
  if (TRANSACTIONS.has(kw))
    return refuse('transaction', 'Transactions are refused: every console statement runs on its own.');
  if (kw === 'ALTER' || kw === 'ANALYZE' || kw === 'REINDEX')
    return refuse('schema', `${kw} is refused: it changes the schema or the planner's statistics.`);
  return refuse(
    'unsupported',
    `${first.text} is not something the console runs. Try SELECT, EXPLAIN QUERY PLAN SELECT, CREATE INDEX or DROP INDEX.`,
  );
}

/** Splits on semicolons outside strings and comments; empty statements (";;") do not count. */
function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((s) => s.length > 0);
}

export function checkSql(sql: string): GuardVerdict {
  if (sql.length > MAX_SQL_LENGTH)
    return refuse('too-long', `The statement is longer than ${MAX_SQL_LENGTH.toLocaleString('en')} characters.`);
  const lexed = tokenize(sql);
  if (!lexed.ok) return refuse('syntax', lexed.error, lexed.at);
  const parts = statements(lexed.tokens);
  if (parts.length === 0) return refuse('empty', 'Write a statement first, for example SELECT * FROM orders LIMIT 10.');
  if (parts.length > 1) {
    const reason = `One statement at a time: this text holds ${parts.length} statements separated by ";". Run them one by one.`;
    return refuse('multiple-statements', reason, parts[1]![0]!.start);
  }
  // Checked before anything else: even inside a SELECT, this would load native code.
  const extension = lexed.tokens.find((t) => t.kind === 'word' && t.upper === 'LOAD_EXTENSION');
  if (extension)
    return refuse(
      'extension',
      'load_extension is refused (and disabled): the console cannot load native code.',
      extension.start,
    );
  const verdict = classifyStatement(parts[0]!);
  return verdict.ok ? verdict : refuse(verdict.code, verdict.reason, parts[0]![0]!.start);
}

export const REFUSAL_TITLES: Record<RefusalCode, string> = {
  empty: 'Nothing to run',
  'too-long': 'Statement too long',
  syntax: 'Cannot read this statement',
  'multiple-statements': 'More than one statement',
  write: 'Writes are refused',
  attach: 'ATTACH is refused',
  pragma: 'PRAGMA is refused',
  extension: 'Extensions are refused',
  vacuum: 'VACUUM is refused',
  transaction: 'Transactions are refused',
  schema: 'Schema change refused',
  unsupported: 'Statement not supported',
};
