/**
 * A small SQLite tokenizer for the SQL console's guard. It only has to agree with SQLite on
 * where comments, strings and quoted identifiers begin and end, so the guard sees the same
 * keywords and semicolons that SQLite will. It is the friendly first check, not the safety
 * net: the runner also asks SQLite itself (stmt.readonly, one statement per prepare) and
 * opens the sandbox read-only for everything but index statements.
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';

export type Token = {
  kind: TokenKind;
  /** Source text; for quoted identifiers, the unquoted name. */
  text: string;
  /** Upper-cased `text` for words (keywords are case-insensitive). */
  upper: string;
  start: number;
  end: number;
};

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: string; at: number };

const QUOTE_CLOSE: Record<string, string> = { '"': '"', '`': '`', '[': ']' };

function isWordStart(ch: string): boolean {
  return /[A-Za-z_]/.test(ch) || ch.charCodeAt(0) > 127;
}

function isWordPart(ch: string): boolean {
  return /[A-Za-z0-9_$]/.test(ch) || ch.charCodeAt(0) > 127;
}

export function tokenize(sql: string): LexResult {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number, end: number) =>
    tokens.push({ kind, text, upper: kind === 'word' ? text.toUpperCase() : text, start, end });

  while (i < n) {
    const ch = sql[i] ?? '';
    const next = sql[i + 1] ?? '';
    // SQLite stops reading at a NUL byte, so text after one would be invisible to it but not to us.
    if (ch === '\0') return { ok: false, error: 'The statement contains a NUL character.', at: i };
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
      continue;
    }
    if (ch === '/' && next === '*') {
      // SQLite does not nest block comments, and an unterminated one runs to the end.
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      continue;
    }
    if (ch === "'" || ((ch === 'x' || ch === 'X') && next === "'")) {
      const start = i;
      let j = ch === "'" ? i + 1 : i + 2;
      for (;;) {
        if (j >= n) return { ok: false, error: "A string literal is not closed (a missing ').", at: start };
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      push('string', sql.slice(start, j + 1), start, j + 1);
      i = j + 1;
      continue;
    }
    const close = QUOTE_CLOSE[ch];
    if (close) {
      const start = i;
      let j = i + 1;
      let name = '';
      for (;;) {
        if (j >= n) return { ok: false, error: `A quoted name is not closed (a missing ${close}).`, at: start };
        const c = sql[j] ?? '';
        if (c === close) {
          // "" and `` escape themselves; ] cannot be escaped inside [...].
          if (close !== ']' && sql[j + 1] === close) {
            name += close;
            j += 2;
            continue;
          }
          break;
        }
        name += c;
        j++;
      }
      push('quoted', name, start, j + 1);
      i = j + 1;
      continue;
    }
    if (isWordStart(ch)) {
      let j = i + 1;
      while (j < n && isWordPart(sql[j] ?? '')) j++;
      push('word', sql.slice(i, j), i, j);
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j] ?? '')) {
        // exponent sign: 1e-5
        if (/[eE]/.test(sql[j] ?? '') && /[+-]/.test(sql[j + 1] ?? '')) j++;
        j++;
      }
      push('number', sql.slice(i, j), i, j);
      i = j;
      continue;
    }
    if (ch === '?' || ch === ':' || ch === '@' || ch === '$') {
      let j = i + 1;
      while (j < n && isWordPart(sql[j] ?? '')) j++;
      push('param', sql.slice(i, j), i, j);
      i = j;
      continue;
    }
    // Two-character operators first, so "||", "<=", "==", "!=", "<>", "<<", ">>" stay whole.
    const two = sql.slice(i, i + 2);
    if (['||', '<=', '>=', '==', '!=', '<>', '<<', '>>', '->'].includes(two)) {
      const op = two === '->' && sql[i + 2] === '>' ? '->>' : two;
      push('punct', op, i, i + op.length);
      i += op.length;
      continue;
    }
    push('punct', ch, i, i + 1);
    i++;
  }
  return { ok: true, tokens };
}
