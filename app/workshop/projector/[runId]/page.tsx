import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { Projector } from '@/components/workshop/projector';
import { INSTRUCTOR_COOKIE, isInstructor } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Projector' };
export const dynamic = 'force-dynamic';

export default async function ProjectorPage({ params }: { params: Promise<{ runId: string }> }) {
  const token = (await cookies()).get(INSTRUCTOR_COOKIE)?.value;
  const ok = token
    ? await isInstructor(
        appRuntime(),
        new Request('http://local/', { headers: { cookie: `${INSTRUCTOR_COOKIE}=${token}` } }),
      )
    : false;
  if (!ok)
    return (
      <div className="page">
        <p>
          Sign in at <a href="/workshop">/workshop</a> first.
        </p>
      </div>
    );
  return (
    <div className="page">
      <Projector runId={(await params).runId} />
    </div>
  );
}
