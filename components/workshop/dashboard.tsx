'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NumberField } from '@/components/ui/number-field';
import { fetchOverview, workshopCall, type Overview } from './workshop-api';
import { LearnerTable } from './learner-table';
import { NodeList } from './node-list';
import { ProjectorPanel } from './projector-panel';
import { ProblemNotice } from '@/components/ui/problem-notice';

const mb = (b: number) => `${(b / 1_048_576).toFixed(0)} MB`;

/** The instructor's room, refreshed every two seconds from measurements on the server. */
export function Dashboard({ lessons }: { lessons: { slug: string; title: string }[] }) {
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: ['workshop'], queryFn: fetchOverview, refetchInterval: 2_000 });
  const act = useMutation({
    mutationFn: ({ url, method = 'POST', body }: { url: string; method?: 'POST' | 'PUT' | 'DELETE'; body?: unknown }) =>
      workshopCall(url, method, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['workshop'] }),
  });
  const [lesson, setLesson] = useState(lessons[0]?.slug ?? '');
  const [message, setMessage] = useState('');

  if (overview.isPending) return <div className="skeleton" style={{ height: 300 }} aria-label="Loading the room" />;
  if (overview.isError) return <ProblemNotice error={overview.error} action="Could not read the room" />;
  const { workshop: w, server: s, room, learners } = overview.data;
  const cluster = room.mode === 'postgres';
  const setCaps = (patch: Partial<Overview['workshop']['caps']>) =>
    act.mutate({ url: '/api/workshop/load', method: 'PUT', body: { ...w.caps, ...patch } });

  return (
    <div className="dash" data-testid="workshop-dashboard">
      <header className="dash__bar">
        <h1 style={{ margin: 0, fontSize: '1.6rem' }}>Workshop</h1>
        <span className="room-card" style={{ margin: 0, padding: '0.3rem 0.8rem' }}>
          Learners open <strong>{w.joinUrl}</strong> with code <span className="room-card__code">{w.joinCode}</span>
        </span>
      </header>
      {act.isError && <ProblemNotice error={act.error} action="That action was not applied" />}

      <section className="panel" aria-labelledby="dash-server">
        <div className="panel__header">
          <h2 className="panel__title" id="dash-server">
            {cluster ? `This node (${room.self})` : 'Server'}
          </h2>
          <span className={`pill ${s.lab.state === 'ready' ? 'pill--ok' : 'pill--bad'}`}>
            API {s.lab.state}
            {s.lab.restarts ? `, ${s.lab.restarts} restarts` : ''}
          </span>
        </div>
        <div className="panel__body">
          <div className="stat-grid" data-testid="server-load">
            <div className="stat">
              <div className="stat__value">{s.cpuPct.toFixed(0)}%</div>
              <div className="stat__label">CPU (100% = one of {s.cores} cores)</div>
            </div>
            <div className="stat">
              <div className="stat__value">{s.eventLoopDelayMs.p99.toFixed(1)} ms</div>
              <div className="stat__label">page thread delay p99</div>
            </div>
            <div className="stat">
              <div className="stat__value">{s.apiRequestsPerSec === null ? '–' : s.apiRequestsPerSec.toFixed(0)}</div>
              <div className="stat__label">API requests/s</div>
            </div>
            <div className="stat">
              <div className="stat__value" data-testid="active-runs">
                {s.activeRuns}
              </div>
              <div className="stat__label">runs ({s.activeRate} req/s)</div>
            </div>
            <div className="stat">
              <div className="stat__value">{mb(s.diskBytes)}</div>
              <div className="stat__label">sandbox disk (idle &gt; {s.idleHours} h freed)</div>
            </div>
            <div className="stat">
              <div className="stat__value">{s.memoryMb.toFixed(0)} MB</div>
              <div className="stat__label">memory</div>
            </div>
          </div>
        </div>
      </section>

      <section className="panel" aria-labelledby="dash-load">
        <div className="panel__header">
          <h2 className="panel__title" id="dash-load">
            Load
          </h2>
          {w.paused && (
            <span className="pill pill--warn" data-testid="paused">
              Paused
            </span>
          )}
        </div>
        <div className="panel__body">
          <div className="dash__bar">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => act.mutate({ url: '/api/workshop/load', body: { action: w.paused ? 'resume' : 'pause' } })}
            >
              {w.paused ? 'Resume load' : 'Pause all load'}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => act.mutate({ url: '/api/workshop/load', body: { action: 'stop-all' } })}
            >
              Stop running load
            </button>
          </div>
          <p className="knob-sentence">
            Each learner at most{' '}
            <NumberField
              label="Per-learner rate"
              value={w.caps.perLearnerRate}
              min={1}
              max={w.limits.totalRate}
              onCommit={(perLearnerRate) => setCaps({ perLearnerRate })}
            />{' '}
            req/s; the room shares{' '}
            <NumberField
              label="Total rate"
              value={w.caps.totalRate}
              min={1}
              max={w.limits.totalRate}
              onCommit={(totalRate) => setCaps({ totalRate })}
            />{' '}
            req/s across at most{' '}
            <NumberField
              label="Runs at once"
              value={w.caps.maxRuns}
              min={1}
              max={w.limits.maxRuns}
              onCommit={(maxRuns) => setCaps({ maxRuns })}
            />{' '}
            runs.
          </p>
        </div>
      </section>

      <section className="panel" aria-labelledby="dash-broadcast">
        <div className="panel__header">
          <h2 className="panel__title" id="dash-broadcast">
            Broadcast
          </h2>
          {w.broadcast && (
            <span className="pill">
              showing: {w.broadcast.lesson ?? ''} {w.broadcast.message}
            </span>
          )}
        </div>
        <div className="panel__body dash__bar">
          <label className="field-row">
            Go to
            <select
              className="input"
              value={lesson}
              onChange={(e) => setLesson(e.target.value)}
              aria-label="Lesson to broadcast"
            >
              {lessons.map((l) => (
                <option key={l.slug} value={l.slug}>
                  {l.title}
                </option>
              ))}
            </select>
          </label>
          <input
            className="input"
            placeholder="Optional message"
            value={message}
            maxLength={280}
            onChange={(e) => setMessage(e.target.value)}
            aria-label="Broadcast message"
          />
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => act.mutate({ url: '/api/workshop/broadcast', body: { lesson, message } })}
          >
            Broadcast
          </button>
          {w.broadcast && (
            <button
              type="button"
              className="btn"
              onClick={() => act.mutate({ url: '/api/workshop/broadcast', method: 'DELETE' })}
            >
              Clear
            </button>
          )}
        </div>
      </section>

      <ProjectorPanel
        projector={w.projector}
        learners={learners}
        showNode={cluster}
        onClear={() => act.mutate({ url: '/api/workshop/projector', method: 'PUT', body: { runId: null } })}
      />
      {cluster && <NodeList room={room} />}
      <LearnerTable
        learners={learners}
        lessons={lessons}
        showNode={cluster}
        projectedRunId={w.projector?.runId ?? null}
        onProject={(runId) => act.mutate({ url: '/api/workshop/projector', method: 'PUT', body: { runId } })}
        onReset={(id) => act.mutate({ url: `/api/workshop/learners/${id}/reset` })}
        onResetAll={() =>
          window.confirm("Reset every learner's sandbox?") && act.mutate({ url: '/api/workshop/reset-all' })
        }
      />
    </div>
  );
}
