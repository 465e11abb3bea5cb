import { describe, expect, it } from 'vitest';
import { ExpositionError, parseExposition } from './exposition';

const hist = (inf: number, count: number) => `# HELP h_seconds x
# TYPE h_seconds histogram
h_seconds_bucket{le="0.1",route="/a"} 1
h_seconds_bucket{le="+Inf",route="/a"} ${inf}
h_seconds_sum{route="/a"} 0.2
h_seconds_count{route="/a"} ${count}
`;

describe('parseExposition', () => {
  it('reads families, labels with escapes and special values', () => {
    const f = parseExposition(
      '# HELP a_total A.\n# TYPE a_total counter\na_total{path="x\\"y\\\\z\\n"} 3\n# TYPE g gauge\ng NaN\ng{k="v"} +Inf 1700000000000\n',
    );
    expect(f.get('a_total')?.samples[0]?.labels.path).toBe('x"y\\z\n');
    expect(f.get('g')?.samples.map((s) => s.value)).toEqual([NaN, Infinity]);
  });

  it('accepts a histogram whose +Inf bucket equals its count', () => {
    expect(parseExposition(hist(2, 2)).get('h_seconds')?.samples).toHaveLength(4);
  });

  it.each([
    ['+Inf bucket differs from _count', hist(2, 3), /\+Inf bucket 2 != _count 3/],
    ['no trailing newline', 'a 1', /newline/],
    ['bad label name', 'a{1x="y"} 1\n', /bad label name/],
    ['unquoted label value', 'a{x=y} 1\n', /quoted/],
    ['bad escape', 'a{x="\\t"} 1\n', /bad escape/],
    ['not a number', 'a one\n', /not a number/],
    ['interleaved families', 'a 1\nb 1\na{x="1"} 2\n', /not grouped/],
    ['duplicate series', 'a{x="1"} 1\na{x="1"} 2\n', /duplicate series/],
    ['TYPE after samples', 'a 1\n# TYPE a gauge\n', /TYPE for "a" after its samples/],
    ['negative counter', '# TYPE c_total counter\nc_total -1\n', /negative/],
    [
      'non-cumulative buckets',
      '# TYPE h histogram\nh_bucket{le="1"} 5\nh_bucket{le="+Inf"} 4\nh_sum 1\nh_count 4\n',
      /not cumulative/,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError);
    expect(() => parseExposition(text)).toThrow(message);
  });
});
