'use client';

import { useCallback, useEffect, useState } from 'react';
import { LiveCharts } from '@/components/lab/run/live-charts';
import { useRunStream, type StreamOptions } from '@/components/lab/run/use-run-stream';
import { fetchOverview } from './workshop-api';

/**
 * The instructor's stream of any learner's run. When it is lost there is no GET to fall back on
 * (the learner's run API is the learner's), so the screen opens the stream again after a pause:
 * a projector runs unattended, and the stream's snapshot brings it back up to date.
 */
const STREAM: StreamOptions = {
  eventsUrl: (id) => `/api/workshop/runs/${encodeURIComponent(id)}/events`,
  fetchOnce: null,
};
export const REOPEN_AFTER_MS = 5_000;

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

type Props = { runId: string; learnerId?: string };

/** One learner's run, large and high-contrast, for the room's screen. */
export function Projector({ runId, learnerId }: Props) {
  const [attempt, setAttempt] = useState(0);
  const name = useLearnerName(learnerId);
  const reopen = useCallback(() => setAttempt((a) => a + 1), []);
  return <ProjectorRun key={attempt} runId={runId} name={name} onLost={reopen} />;
}

function ProjectorRun({ runId, name, onLost }: { runId: string; name: string | null; onLost: () => void }) {
  const stream = useRunStream(runId, null, STREAM);
  const lost = stream.status === 'error';
  useEffect(() => {
    if (!lost) return;
    const timer = setTimeout(onLost, REOPEN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [lost, onLost]);
  const duration = stream.run?.profile?.durationSec ?? 60;
  return (
    <div className="projector" data-testid="projector">
      <h1>
        {name ? `${name}'s run` : 'Live run'} {stream.status === 'done' ? '(finished)' : ''}
      </h1>
      {lost && (
        <p className="notice notice--bad" role="alert">
          {stream.error} Reconnecting in {REOPEN_AFTER_MS / 1000} s.
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
