'use client';

import { LiveCharts } from '@/components/lab/run/live-charts';
import { useRunStream } from '@/components/lab/run/use-run-stream';

const projectorEvents = (id: string) => `/api/workshop/runs/${encodeURIComponent(id)}/events`;

/** One learner's run, large and high-contrast, for the room's screen. */
export function Projector({ runId }: { runId: string }) {
  const stream = useRunStream(runId, null, projectorEvents);
  const duration = stream.run?.profile?.durationSec ?? 60;
  return (
    <div className="projector" data-testid="projector">
      <h1>Live run {stream.status === 'done' ? '(finished)' : ''}</h1>
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
