import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { LabDock } from '@/components/lab/lab-dock';
import { LabPanelLazy, LabPanelSkeleton } from '@/components/lab/lab-panel-lazy';
import { LessonProvider, LessonSolutionProvider } from '@/components/lesson/lesson-slug';
import { lessonComponentsFor } from '@/components/lesson/mdx-components';
import { findLesson, loadLessons } from '@/lib/lessons/loader';
import { compileLesson } from '@/lib/lessons/render';

type Props = { params: Promise<{ slug: string }> };

// The course's lessons are prerendered; one added by SCALE_LAB_EXTRA_LESSONS_DIR after the build is
// rendered on its first request. A slug that is no lesson still answers 404 (notFound below).
export const dynamicParams = true;

export function generateStaticParams() {
  return loadLessons().map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const lesson = findLesson((await params).slug);
  return lesson
    ? { title: lesson.frontmatter.title, description: lesson.frontmatter.summary }
    : { title: 'Lesson not found' };
}

/**
 * Prose on the left (a server component, static HTML), the lab as a lazy client island on the
 * right (a drawer on narrow screens). Only the interactive leaves hydrate, each in a QueryIsland
 * that loads with it.
 */
export default async function LessonPage({ params }: Props) {
  const lesson = findLesson((await params).slug);
  if (!lesson) notFound();
  const lessons = loadLessons();
  const i = lessons.findIndex((l) => l.slug === lesson.slug);
  const prev = lessons[i - 1];
  const next = lessons[i + 1];
  const Content = await compileLesson(lesson.body);
  const fm = lesson.frontmatter;
  return (
    <LessonProvider slug={lesson.slug}>
      <div className="lesson">
        <article className="lesson__prose" aria-labelledby="lesson-title">
          <p className="lesson__eyebrow">
            Lesson {lesson.number} · about {fm.minutes} min
          </p>
          <h1 id="lesson-title">{fm.title}</h1>
          <p className="lesson__summary">{fm.summary}</p>
          <LessonSolutionProvider has={fm.solution !== undefined}>
            <Content components={lessonComponentsFor(fm.checks)} />
          </LessonSolutionProvider>
          <nav className="lesson__pager" aria-label="Lessons">
            {prev ? (
              <Link href={`/lessons/${prev.slug}`} prefetch={false}>
                ← {prev.frontmatter.title}
              </Link>
            ) : (
              <Link href="/" prefetch={false}>
                ← Course map
              </Link>
            )}
            {next ? (
              <Link href={`/lessons/${next.slug}`} prefetch={false}>
                {next.frontmatter.title} →
              </Link>
            ) : (
              <Link href="/" prefetch={false}>
                Course map →
              </Link>
            )}
          </nav>
        </article>
        <LabDock placeholder={<LabPanelSkeleton />}>
          <LabPanelLazy lesson={lesson.slug} knobs={fm.knobs} defaultPath={fm.request} workload={fm.workload} />
        </LabDock>
      </div>
    </LessonProvider>
  );
}
