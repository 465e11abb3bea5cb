import Link from 'next/link';
import { LESSONS, type LessonEntry } from '@/lib/lessons/catalog';

function LessonList({ lessons }: { lessons: LessonEntry[] }) {
  return (
    <ol className="course-list">
      {lessons.map((l) => (
        <li key={l.slug}>
          <Link className="course-card" href={`/lessons/${l.slug}`}>
            <span className="course-card__num" aria-hidden="true">{String(l.number).padStart(2, '0')}</span>
            <span>
              <p className="course-card__title">{l.title}</p>
              <p className="course-card__summary">{l.summary}</p>
              <p className="course-card__meta">About {l.minutes} min</p>
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}

export default function HomePage() {
  return (
    <div className="page">
      <section className="hero">
        <h1>Build REST APIs that scale, by measuring one.</h1>
        <p>
          Every lesson sits beside a real API over a real SQLite database with a million orders. Turn its knobs, fire
          load at it and read the latency it really had.
        </p>
      </section>
      <h2 className="course-part">The core course</h2>
      <LessonList lessons={LESSONS.filter((l) => l.part === 'core')} />
      <h2 className="course-part">Beyond one machine</h2>
      <LessonList lessons={LESSONS.filter((l) => l.part === 'advanced')} />
    </div>
  );
}
