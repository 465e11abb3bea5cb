/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), used by the tests
 * to check what /metrics serves the way a Prometheus server would: names, label syntax and
 * escapes, one TYPE per family before its samples, families not interleaved, no duplicate
 * series, and histograms whose buckets are cumulative and end in +Inf equal to _count.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; type: string; help: string | null; samples: Sample[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export class ExpositionError extends Error {}

function fail(line: number, msg: string): never {
  throw new ExpositionError(`line ${line}: ${msg}`);
}

/** Like Prometheus (Go's ParseFloat): NaN and Inf in any case, so prom-client's "Nan" reads too. */
function parseValue(raw: string, line: number): number {
  const lower = raw.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(raw)) fail(line, `"${raw}" is not a number`);
  return Number(raw);
}

/** Parses `{a="x",b="y\"z"}` starting at `i` (the brace); returns labels and the index after `}`. */
function parseLabels(text: string, i: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  i++;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    if (eq < 0) fail(line, 'label without "="');
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) fail(line, `bad label name "${name}"`);
    if (name in labels) fail(line, `label "${name}" repeated`);
    if (text[eq + 1] !== '"') fail(line, `label "${name}" value must be quoted`);
    let j = eq + 2;
    let value = '';
    for (;;) {
      const c = text[j];
      if (c === undefined) fail(line, 'unterminated label value');
      if (c === '"') break;
      if (c === '\\') {
        const n = text[j + 1];
        if (n === 'n') value += '\n';
        else if (n === '\\' || n === '"') value += n;
        else fail(line, `bad escape "\\${n ?? ''}" in label value`);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail(line, 'expected "," or "}" after a label');
  }
  return { labels, end: i + 1 };
}

/** The family a sample belongs to: histogram and summary samples carry suffixes. */
function familyOf(name: string, families: Map<string, Family>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      const t = families.get(base)?.type;
      if (t === 'histogram' || (t === 'summary' && suffix !== '_bucket')) return base;
    }
  }
  return name;
}

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  const seenSeries = new Set<string>();
  let current: string | null = null;
  const lines = text.split('\n');
  if (lines.at(-1) !== '') fail(lines.length, 'the exposition must end with a newline');

  const enter = (name: string, line: number) => {
    if (current === name) return;
    if (finished.has(name)) fail(line, `samples of "${name}" are not grouped together`);
    if (current) finished.add(current);
    current = name;
  };

  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
      if (!m) return; // a plain comment
      const [, kind, name = '', rest = ''] = m;
      if (!METRIC_NAME.test(name)) fail(line, `bad metric name "${name}"`);
      enter(name, line);
      const fam = families.get(name) ?? { name, type: 'untyped', help: null, samples: [] };
      if (kind === 'TYPE') {
        if (families.get(name)?.samples.length) fail(line, `TYPE for "${name}" after its samples`);
        if (fam.type !== 'untyped' && families.has(name)) fail(line, `second TYPE for "${name}"`);
        if (!TYPES.has(rest.trim())) fail(line, `unknown type "${rest}"`);
        fam.type = rest.trim();
      } else {
        if (fam.help !== null) fail(line, `second HELP for "${name}"`);
        fam.help = rest;
      }
      families.set(name, fam);
      return;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
    if (!nameMatch) fail(line, `cannot read a metric name in "${raw}"`);
    const name = nameMatch[0];
    let i = name.length;
    let labels: Record<string, string> = {};
    if (raw[i] === '{') ({ labels, end: i } = parseLabels(raw, i, line));
    const parts = raw.slice(i).trim().split(/\s+/);
    if (parts.length < 1 || parts.length > 2 || parts[0] === '')
      fail(line, 'expected a value (and an optional timestamp)');
    const value = parseValue(parts[0] ?? '', line);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) fail(line, `bad timestamp "${parts[1]}"`);
    const fname = familyOf(name, families);
    enter(fname, line);
    const fam = families.get(fname) ?? { name: fname, type: 'untyped', help: null, samples: [] };
    families.set(fname, fam);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seenSeries.has(key)) fail(line, `duplicate series ${name}${JSON.stringify(labels)}`);
    seenSeries.add(key);
    if (fam.type === 'counter' && !(value >= 0)) fail(line, `counter "${name}" is negative or NaN`);
    fam.samples.push({ name, labels, value });
  });

  for (const fam of families.values()) if (fam.type === 'histogram') checkHistogram(fam);
  return families;
}

const seriesKey = (labels: Record<string, string>) =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => k !== 'le')
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** Per label set: buckets ascending by `le`, cumulative, ending in +Inf which equals _count; a _sum. */
export function checkHistogram(fam: Family): void {
  const groups = new Map<string, { buckets: { le: number; value: number }[]; count?: number; sum?: number }>();
  const group = (labels: Record<string, string>) => {
    const k = seriesKey(labels);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { buckets: [] }));
    return g;
  };
  for (const s of fam.samples) {
    if (s.name === `${fam.name}_bucket`) {
      const le = s.labels.le;
      if (le === undefined) throw new ExpositionError(`${fam.name}: bucket without le`);
      group(s.labels).buckets.push({ le: le === '+Inf' ? Infinity : Number(le), value: s.value });
    } else if (s.name === `${fam.name}_count`) group(s.labels).count = s.value;
    else if (s.name === `${fam.name}_sum`) group(s.labels).sum = s.value;
    else throw new ExpositionError(`${fam.name}: unexpected sample ${s.name}`);
  }
  for (const [k, g] of groups) {
    const where = `${fam.name}${k}`;
    if (g.count === undefined || g.sum === undefined) throw new ExpositionError(`${where}: missing _count or _sum`);
    const last = g.buckets.at(-1);
    if (!last || last.le !== Infinity) throw new ExpositionError(`${where}: no +Inf bucket (or it is not last)`);
    if (last.value !== g.count) throw new ExpositionError(`${where}: +Inf bucket ${last.value} != _count ${g.count}`);
    for (let i = 1; i < g.buckets.length; i++) {
      const a = g.buckets[i - 1];
      const b = g.buckets[i];
      if (!a || !b || !(b.le > a.le)) throw new ExpositionError(`${where}: buckets not in ascending le order`);
      if (b.value < a.value)
        throw new ExpositionError(`${where}: bucket le=${b.le} is below le=${a.le} (not cumulative)`);
    }
  }
}
