import type { Metadata } from 'next';
import { Dashboard } from '@/components/workshop/dashboard';
import { QueryIsland } from '@/components/ui/query-island';
import { InstructorSignIn } from '@/components/workshop/sign-in';
import { workshopEnabled } from '@/lib/workshop/auth';
import { instructorSignedIn } from '@/lib/workshop/page-auth';
import { loadLessons } from '@/lib/lessons/loader';
import { appRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Workshop' };
export const dynamic = 'force-dynamic';

/** The instructor's room: locked unless workshop mode is on and the instructor has signed in. */
export default async function WorkshopPage() {
  const rt = appRuntime();
  if (!workshopEnabled(rt)) {
    return (
      <div className="page" style={{ maxWidth: '44rem' }}>
        <h1>Workshop mode is off</h1>
        <p>
          To run Scale Lab for a room, start the server with an instructor token, for example{' '}
          <code>SCALE_LAB_INSTRUCTOR_TOKEN=choose-a-long-secret npm start</code>. Then open this page, sign in with the
          token, and share the join code shown on the home page.
        </p>
        <p className="muted">Until then nothing about other learners is exposed here.</p>
      </div>
    );
  }
  if (!(await instructorSignedIn(rt)))
    return (
      <div className="page">
        <InstructorSignIn />
      </div>
    );
  const lessons = loadLessons().map((l) => ({ slug: l.slug, title: `${l.number}. ${l.frontmatter.title}` }));
  return (
    <div className="page">
      <QueryIsland>
        <Dashboard lessons={lessons} />
      </QueryIsland>
    </div>
  );
}
