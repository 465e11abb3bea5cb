import { describe, expect, it } from 'vitest';
import { loadLessons } from '@/lib/lessons/loader';
import { documentedHeaders, HEADER_DOCS, headerDoc } from './header-docs';

/** Issue 13 point 10: every response header the lab shows explains itself, with the lesson that teaches it. */
const MUST_EXPLAIN = [
  'server-timing',
  'x-cache',
  'etag',
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  'deprecation',
  'sunset',
  'link',
  'vary',
];

describe('header docs', () => {
  it('explain every header kind the issue lists, once each', () => {
    const names = HEADER_DOCS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of MUST_EXPLAIN) expect(headerDoc(name)?.note.length, name).toBeGreaterThan(20);
    expect(headerDoc('Server-Timing')?.name).toBe('server-timing');
  });

  it('link to lessons that exist, under their real numbers and titles, and that name the header', () => {
    const lessons = new Map(loadLessons().map((l) => [l.slug, l]));
    for (const doc of HEADER_DOCS) {
      expect(doc.lessons.length, doc.name).toBeGreaterThan(0);
      for (const ref of doc.lessons) {
        const lesson = lessons.get(ref.slug);
        expect(lesson, `${doc.name} -> ${ref.slug}`).toBeDefined();
        expect({ number: lesson?.number, title: lesson?.frontmatter.title }).toEqual({
          number: ref.number,
          title: ref.title,
        });
        // The lesson a header links to must talk about that header.
        expect.soft(lesson?.body.toLowerCase(), `${ref.slug} mentions ${doc.name}`).toContain(doc.name);
      }
    }
  });

  it('pick the documented headers of a response in reading order', () => {
    const shown = documentedHeaders({ date: 'x', etag: '"a"', 'server-timing': 'db;dur=1', 'x-cache': 'HIT' });
    expect(shown.map(([d, v]) => [d.name, v])).toEqual([
      ['server-timing', 'db;dur=1'],
      ['x-cache', 'HIT'],
      ['etag', '"a"'],
    ]);
  });
});
