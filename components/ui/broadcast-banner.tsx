'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { controlFetch } from '@/lib/client/control-client';
import { broadcastSchema } from '@/lib/workshop/state-schema';

const responseSchema = z.object({ broadcast: broadcastSchema.nullable() });
const DISMISSED = 'scale-lab-dismissed-broadcast';

/** The instructor's "go to lesson N", on every page within a few seconds. Dismissible. */
export function BroadcastBanner({ titles }: { titles: Record<string, string> }) {
  const q = useQuery({
    queryKey: ['broadcast'],
    queryFn: () => controlFetch('/api/lab/broadcast', responseSchema),
    refetchInterval: 5_000,
  });
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => setDismissed(localStorage.getItem(DISMISSED)), []);
  const b = q.data?.broadcast;
  if (!b || b.id === dismissed) return null;
  return (
    <div className="broadcast" role="status" data-testid="broadcast-banner">
      <div className="broadcast__inner">
        <strong>From your instructor:</strong>
        {b.lesson && <> please go to <Link href={`/lessons/${b.lesson}`}>{titles[b.lesson] ?? b.lesson}</Link>.</>}
        {b.message && <span> {b.message}</span>}
        <button type="button" className="btn btn--ghost" onClick={() => (localStorage.setItem(DISMISSED, b.id), setDismissed(b.id))}>Dismiss</button>
      </div>
    </div>
  );
}
