import Link from 'next/link';
import { ProgressBadge } from '@/components/lesson/progress-badge';
import { loadLessons } from '@/lib/lessons/loader';
import { workshopEnabled } from '@/lib/workshop/auth';
import { roomUrl } from '@/lib/workshop/join-url';
import { roomState } from '@/lib/main-thread/room';
import { appRuntime } from '@/lib/runtime';

// The room card shows live state (the join code), so this page renders per request.
export const dynamic = 'force-dynamic';

async function RoomCard() {
  const rt = appRuntime();
  if (!workshopEnabled(rt)) return null;
  const { joinCode } = await roomState();
  const url = roomUrl(rt.config.appPort);
  return (
    <aside className="room-card" aria-label="Workshop" data-testid="room-card">
      <span>
        In a workshop? Open <a href={`/join?code=${joinCode}`}>{url}</a> and use the room code
      </span>
      <span className="room-card__code" data-testid="join-code">
        {joinCode}
      </span>
    </aside>
  );
}

type Lessons = ReturnType<typeof loadLessons>;

function LessonList({ title, lessons }: { title: string; lessons: Lessons }) {
  if (lessons.length === 0) return null;
  return (
    <>
      <h2 className="course-part">{title}</h2>
      <ol className="course-list">
        {lessons.map((l) => (
          <li key={l.slug}>
            <Link className="course-card" href={`/lessons/${l.slug}`} prefetch={false}>
              <span className="course-card__num" aria-hidden="true">
                {String(l.number).padStart(2, '0')}
              </span>
              <span className="course-card__text">
                <span className="course-card__title">{l.frontmatter.title}</span>
                <span className="course-card__summary">{l.frontmatter.summary}</span>
                <span className="course-card__meta">
                  About {l.frontmatter.minutes} min <ProgressBadge slug={l.slug} checks={l.frontmatter.checks.length} />
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </>
  );
}

export default function HomePage() {
  const lessons = loadLessons();
  return (
    <div className="page">
      <section className="hero">
        <h1>Build REST APIs that scale, by measuring one.</h1>
        <p>
          Every lesson sits beside a real API over a real SQLite database with a million orders. Turn its knobs, fire
          load at it and read the latency it really had.
        </p>
      </section>
      <RoomCard />
      <LessonList title="The core course" lessons={lessons.filter((l) => l.frontmatter.part === 'core')} />
      <LessonList title="Beyond one machine" lessons={lessons.filter((l) => l.frontmatter.part === 'advanced')} />
    </div>
  );
}
