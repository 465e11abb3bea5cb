import type { Metadata } from 'next';
import { JoinForm } from '@/components/workshop/join-form';
import { loadLessons } from '@/lib/lessons/loader';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Join the workshop' };
export const dynamic = 'force-dynamic';

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  if (!workshopEnabled(appRuntime())) {
    return (
      <div className="page" style={{ maxWidth: '40rem' }}>
        <h1>No workshop here</h1>
        <p className="muted">
          This server is not running a workshop. You can still follow the course on your own from the course map.
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <JoinForm
        initialCode={typeof code === 'string' ? code.slice(0, 6) : ''}
        firstLesson={loadLessons()[0]?.slug ?? ''}
      />
    </div>
  );
}
