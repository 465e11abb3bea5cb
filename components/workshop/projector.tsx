'use client';

import { useEffect, useState } from 'react';
import { LiveCharts } from '@/components/lab/run/live-charts';
import { useRunStream } from '@/components/lab/run/use-run-stream';
import { fetchOverview } from './workshop-api';

const projectorEvents = (id: string) => `/api/workshop/runs/${encodeURIComponent(id)}/events`;

/**
 * Whose run is on the screen, by the name the dashboard shows (the roster's display name): asked
 * once per choice; until it answers, or if it cannot, the heading just says "Live run".
 */
function useLearnerName(learnerId: string | undefined): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!learnerId) return;
    let stop = false;
    fetchOverview()
      .then((o) => {
        const nickname = o.learners.find((l) => l.learnerId === learnerId)?.nickname;
        if (!stop && nickname) setName(nickname);
      })
      .catch(() => {
        // the heading stays "Live run"
      });
    return () => {
      stop = true;
    };
  }, [learnerId]);
  return name;
}

/** One learner's run, large and high-contrast, for the room's screen. */
export function Projector({ runId, learnerId }: { runId: string; learnerId?: string }) {
  const stream = useRunStream(runId, null, projectorEvents);
  const name = useLearnerName(learnerId);
  const duration = stream.run?.profile?.durationSec ?? 60;
  return (
    <div className="projector" data-testid="projector">
      <h1>
        {name ? `${name}'s run` : 'Live run'} {stream.status === 'done' ? '(finished)' : ''}
      </h1>
      {stream.error && (
        <p className="notice notice--bad" role="alert">
          {stream.error}
        </p>
      )}
      <LiveCharts
        seconds={stream.seconds}
        durationSec={duration}
        live={stream.status === 'live'}
        summary={stream.run?.summary ?? null}
      />
    </div>
  );
}
