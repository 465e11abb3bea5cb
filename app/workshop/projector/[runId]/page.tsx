import type { Metadata } from 'next';
import { SignInFirst } from '@/components/workshop/sign-in';
import { Projector } from '@/components/workshop/projector';
import { instructorSignedIn } from '@/lib/workshop/page-auth';
import { appRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Projector' };
export const dynamic = 'force-dynamic';

/** One run, chosen by its link; /workshop/projector follows the dashboard's choice instead. */
export default async function ProjectorRunPage({ params }: { params: Promise<{ runId: string }> }) {
  if (!(await instructorSignedIn(appRuntime()))) return <SignInFirst />;
  return (
    <div className="page">
      <Projector runId={(await params).runId} />
    </div>
  );
}
