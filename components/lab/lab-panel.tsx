'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { claimSandbox, fetchLabHealth, resetSandbox } from './api-client';
import { ExplainView } from './explain-view';
import { KnobPanel } from './knob-panel';
import type { KnobGroup } from '@/lib/knobs/registry';
import { RequestForm } from './request-form';
import { RunPanel } from './run/run-panel';
import { RequestModes } from '@/components/editor/request-modes';
import { SourceView } from '@/components/editor/source-view';
import { SqlConsole } from '@/components/editor/sql-console';
import { LessonStartNotice, useLessonVisit } from '@/components/lesson/lesson-start';
import { SandboxMovedNotice } from './sandbox-moved-notice';
import type { LoadProfileInput } from '@/lib/load/profile';

type Tab = 'knobs' | 'load' | 'request' | 'sql' | 'code';
const TABS: { id: Tab; label: string }[] = [
  { id: 'knobs', label: 'Knobs & plan' },
  { id: 'load', label: 'Load' },
  { id: 'request', label: 'Request' },
  { id: 'sql', label: 'SQL' },
  { id: 'code', label: 'Code' },
];

export function LabPanel({
  lesson,
  knobs,
  defaultPath,
  workload,
  initialTab = 'knobs',
}: {
  /** On a lesson page: its slug, so the lab starts from the lesson's start state (lesson-start.tsx). */
  lesson?: string;
  knobs?: KnobGroup[];
  defaultPath?: string;
  workload?: Partial<LoadProfileInput>;
  initialTab?: Tab;
}) {
  const queryClient = useQueryClient();
  const sandbox = useQuery({ queryKey: ['sandbox'], queryFn: claimSandbox, staleTime: Infinity });
  const health = useQuery({ queryKey: ['lab-health'], queryFn: fetchLabHealth, refetchInterval: 5_000 });
  const [tab, setTab] = useState<Tab>(initialTab);
  // A lesson only about slow writes has no read whose plan matters; the plan would distract.
  const showPlan = !(knobs && knobs.length > 0 && knobs.every((k) => k === 'writes'));
  // Editor tabs mount on first visit (Monaco is fetched then) and stay, keeping their text and results.
  const [visited, setVisited] = useState<ReadonlySet<Tab>>(() => new Set([initialTab]));
  const openTab = (t: Tab) => {
    setTab(t);
    setVisited((v) => (v.has(t) ? v : new Set([...v, t])));
  };
  const reset = useMutation({
    mutationFn: resetSandbox,
    onSuccess: () => queryClient.invalidateQueries(),
  });

  const state = health.data?.lab.state;
  const visit = useLessonVisit(lesson, state === 'ready' && sandbox.isSuccess);
  // A lesson's lab opens once its start is settled: a knob turned meanwhile could be overwritten by it.
  const ready = state === 'ready' && sandbox.isSuccess && (lesson === undefined || !visit.isPending);

  return (
    <section className="panel" data-testid="lab-panel" aria-labelledby="lab-title" aria-busy={!ready}>
      <div className="panel__header">
        <h2 className="panel__title" id="lab-title">
          Your lab
        </h2>
        <span
          className={`status-dot ${state === 'ready' ? 'status-dot--ok' : state ? 'status-dot--bad' : ''}`}
          aria-hidden="true"
        />
        <span className="muted" style={{ fontSize: '0.85rem' }} data-testid="lab-state">
          {state === 'ready'
            ? 'API running'
            : state === 'restarting'
              ? `API restarting after a crash (#${health.data?.lab.restarts})`
              : state
                ? `API ${state}`
                : 'Checking the API…'}
        </span>
        <span
          className="pill"
          style={{ marginLeft: 'auto' }}
          title="Your own copy of the Shop database"
          data-testid="sandbox-id"
        >
          {sandbox.data
            ? `sandbox ${sandbox.data.sandboxId.slice(4, 12)}`
            : sandbox.isError
              ? 'no sandbox'
              : 'creating sandbox…'}
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label="Lab tools">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`lab-tab-${t.id}`}
            aria-controls={`lab-tabpanel-${t.id}`}
            aria-selected={tab === t.id}
            className="tab"
            onClick={() => openTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="panel__body lab-scroll">
        {sandbox.isError && (
          <p className="notice notice--bad" role="alert">
            Could not create your sandbox: {sandbox.error.message}
          </p>
        )}
        <SandboxMovedNotice moved={sandbox.data?.moved} />
        {lesson !== undefined && <LessonStartNotice slug={lesson} visit={visit} />}
        {!ready && !sandbox.isError && tab !== 'request' && (
          <div className="skeleton" style={{ height: 240 }} aria-label="Waiting for your sandbox" />
        )}
        {/* Every tab stays mounted: leaving the Load tab must not close a live run's stream (which stops the run). */}
        <div
          role="tabpanel"
          id="lab-tabpanel-knobs"
          aria-labelledby="lab-tab-knobs"
          hidden={tab !== 'knobs'}
          className="knob-group"
          style={{ gap: '1rem' }}
        >
          {ready && <KnobPanel show={knobs} />}
          {ready && tab === 'knobs' && showPlan && <ExplainView />}
        </div>
        <div role="tabpanel" id="lab-tabpanel-load" aria-labelledby="lab-tab-load" hidden={tab !== 'load'}>
          {ready && <RunPanel preset={workload} lesson={lesson} />}
        </div>
        <div role="tabpanel" id="lab-tabpanel-request" aria-labelledby="lab-tab-request" hidden={tab !== 'request'}>
          <RequestModes
            form={<RequestForm ready={ready} defaultPath={defaultPath} />}
            ready={ready}
            knobs={knobs}
            defaultPath={defaultPath}
          />
        </div>
        <div role="tabpanel" id="lab-tabpanel-sql" aria-labelledby="lab-tab-sql" hidden={tab !== 'sql'}>
          {ready && visited.has('sql') && <SqlConsole knobs={knobs} />}
        </div>
        <div role="tabpanel" id="lab-tabpanel-code" aria-labelledby="lab-tab-code" hidden={tab !== 'code'}>
          {ready && visited.has('code') && <SourceView topics={knobs} />}
        </div>
        <div
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: '0.75rem',
            borderTop: '1px solid var(--border)',
            paddingTop: '0.75rem',
          }}
        >
          <button
            type="button"
            className="btn"
            disabled={!ready || reset.isPending}
            onClick={() =>
              window.confirm(
                'Reset your sandbox to a fresh copy of the Shop data? Your data changes and indexes are lost; knob settings stay.',
              ) && reset.mutate()
            }
          >
            {reset.isPending ? 'Resetting…' : 'Reset sandbox'}
          </button>
          <span className="muted" style={{ fontSize: '0.85rem' }} role="status">
            {reset.isSuccess && `Fresh copy ready in ${reset.data.ms.toFixed(0)} ms.`}
            {reset.isError && `Reset failed: ${reset.error.message}`}
          </span>
        </div>
      </div>
    </section>
  );
}
