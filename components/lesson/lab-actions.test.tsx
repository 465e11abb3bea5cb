import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '@/lib/lessons/loader';
import { Lab, LessonSolutionProvider } from './lab-actions';
import { LessonProvider } from './lesson-context';

/** "Show me" is offered exactly on the lessons whose frontmatter has a solution (the route answers 404 elsewhere). */
function labMarkup(slug: string, has: boolean, solution?: boolean): string {
  return renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <LessonProvider slug={slug}>
        <LessonSolutionProvider has={has}>
          <Lab solution={solution} />
        </LessonSolutionProvider>
      </LessonProvider>
    </QueryClientProvider>,
  );
}

describe('<Lab/> in a lesson', () => {
  for (const lesson of loadLessons()) {
    const has = lesson.frontmatter.solution !== undefined;
    it(`${lesson.folder}: ${has ? 'offers' : 'does not offer'} "Show me"`, () => {
      const html = labMarkup(lesson.slug, has);
      expect(html).toContain('Reset this lesson');
      expect(html.includes('Show me (apply the solution)')).toBe(has);
    });
  }

  it("leaves it out of a box that says solution={false}, as lesson 3's writes section does", () => {
    expect(labMarkup('indexes', true, false)).not.toContain('Show me');
    expect(labMarkup('indexes', true, true)).toContain('Show me (apply the solution)');
  });

  it('never offers it on the simulation lessons 9 and 10, which have no knob solution', () => {
    const sims = loadLessons().filter((l) => l.number === 9 || l.number === 10);
    expect(sims.map((l) => [l.slug, l.frontmatter.solution])).toEqual([
      ['stateless-by-design', undefined],
      ['load-balancing', undefined],
    ]);
  });
});
