import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { LabPanelLazy } from '@/components/lab/lab-panel-lazy';
import { findLesson, LESSONS } from '@/lib/lessons/catalog';

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return LESSONS.map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const lesson = findLesson((await params).slug);
  return { title: lesson ? lesson.title : 'Lesson not found' };
}

export default async function LessonPage({ params }: Props) {
  const lesson = findLesson((await params).slug);
  if (!lesson) notFound();
  const prev = LESSONS.find((l) => l.number === lesson.number - 1);
  const next = LESSONS.find((l) => l.number === lesson.number + 1);
  return (
    <div className="lesson">
      <article className="lesson__prose" aria-labelledby="lesson-title">
        <p className="lesson__eyebrow">Lesson {lesson.number} · about {lesson.minutes} min</p>
        <h1 id="lesson-title">{lesson.title}</h1>
        <p>{lesson.summary}</p>
        <p className="notice">
          The full text of this lesson, with its prediction, measured check and quiz, is still being written. The lab
          beside it already works: it is your own copy of the Shop API, over a real SQLite database.
        </p>
        <h2>Try it now</h2>
        <p>
          The panel sends real HTTP requests to <code>/api/v1</code>, served from your sandbox: 100,000 users, 10,000
          products and a million orders, all yours to change. Send <code>GET /products/1</code> and look at the{' '}
          <code>Server-Timing</code> header: it says how many queries ran and how long the database took.
        </p>
        <p>
          Then try <code>/users/1/orders</code>, the order history of the shop&apos;s best customer. There is no index on{' '}
          <code>orders.user_id</code> yet, so the database reads every order to find theirs. Compare the database time
          with <code>/users/1</code>, a lookup by primary key.
        </p>
        <p>
          Errors are part of the lesson too: try <code>/products/0</code>, <code>/products?limit=500</code> or a{' '}
          <code>POST /orders</code> with an empty body, and read the problem details the API answers with.
        </p>
        <nav className="lesson__pager" aria-label="Lessons">
          {prev ? <Link href={`/lessons/${prev.slug}`}>← {prev.title}</Link> : <Link href="/">← Course map</Link>}
          {next ? <Link href={`/lessons/${next.slug}`}>{next.title} →</Link> : <Link href="/">Course map →</Link>}
        </nav>
      </article>
      <aside className="lesson__lab" aria-label="Lab">
        <LabPanelLazy />
      </aside>
    </div>
  );
}
