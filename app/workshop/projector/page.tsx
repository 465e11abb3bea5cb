import type { Metadata } from 'next';
import { SignInFirst } from '@/components/workshop/sign-in';
import { FollowProjector } from '@/components/workshop/follow-projector';
import { instructorSignedIn } from '@/lib/workshop/page-auth';
import { appRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Projector' };
export const dynamic = 'force-dynamic';

/** The room's screen: shows whichever run the instructor puts on the projector, on any node. */
export default async function ProjectorPage() {
  if (!(await instructorSignedIn(appRuntime()))) return <SignInFirst />;
  return (
    <div className="page">
      <FollowProjector />
    </div>
  );
}
