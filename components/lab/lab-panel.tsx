'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { claimSandbox, fetchLabHealth, resetSandbox, sendApiRequest } from './api-client';
import { ResponseView } from './response-view';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;

export function LabPanel({ defaultPath = '/products/1' }: { defaultPath?: string }) {
  const queryClient = useQueryClient();
  const sandbox = useQuery({ queryKey: ['sandbox'], queryFn: claimSandbox, staleTime: Infinity });
  const health = useQuery({ queryKey: ['lab-health'], queryFn: fetchLabHealth, refetchInterval: 5_000 });
  const [method, setMethod] = useState<(typeof METHODS)[number]>('GET');
  const [path, setPath] = useState(defaultPath);
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => sendApiRequest(method, path.startsWith('/') ? path : `/${path}`, method === 'POST' || method === 'PATCH' ? body : undefined),
  });
  const reset = useMutation({
    mutationFn: resetSandbox,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sandbox'] }),
  });

  const state = health.data?.lab.state;
  const ready = state === 'ready' && sandbox.isSuccess;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }

  return (
    <section className="panel" data-testid="lab-panel" aria-labelledby="lab-title">
      <div className="panel__header">
        <h2 className="panel__title" id="lab-title">Your lab</h2>
        <span className={`status-dot ${state === 'ready' ? 'status-dot--ok' : state ? 'status-dot--bad' : ''}`} aria-hidden="true" />
        <span className="muted" style={{ fontSize: '0.85rem' }} data-testid="lab-state">
          {state === 'ready' ? 'API running' : state === 'restarting' ? `API restarting after a crash (#${health.data?.lab.restarts})` : state ? `API ${state}` : 'Checking the API…'}
        </span>
        <span className="pill" style={{ marginLeft: 'auto' }} title="Your own copy of the Shop database" data-testid="sandbox-id">
          {sandbox.data ? `sandbox ${sandbox.data.sandboxId.slice(4, 12)}` : sandbox.isError ? 'no sandbox' : 'creating sandbox…'}
        </span>
      </div>
      <div className="panel__body">
        {sandbox.isError && <p className="notice notice--bad" role="alert">Could not create your sandbox: {sandbox.error.message}</p>}
        <form onSubmit={onSubmit} aria-label="Send a request to your API">
          <h3 className="panel__section-title">Send a request</h3>
          <div className="request-row">
            <label className="visually-hidden" htmlFor="lab-method">Method</label>
            <select id="lab-method" className="input" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
              {METHODS.map((m) => <option key={m}>{m}</option>)}
            </select>
            <span className="input input--mono muted" aria-hidden="true" style={{ border: 'none', paddingRight: 0 }}>/api/v1</span>
            <label className="visually-hidden" htmlFor="lab-path">Path</label>
            <input id="lab-path" className="input input--mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
            <button type="submit" className="btn btn--primary" disabled={!ready || send.isPending}>
              {send.isPending ? 'Sending…' : 'Send'}
            </button>
          </div>
          {(method === 'POST' || method === 'PATCH') && (
            <>
              <label className="visually-hidden" htmlFor="lab-body">JSON body</label>
              <textarea id="lab-body" className="input input--mono" rows={4} style={{ width: '100%', marginTop: '0.5rem' }}
                placeholder='{"name": "Travel Kettle"}' value={body} onChange={(e) => setBody(e.target.value)} />
            </>
          )}
        </form>
        {send.isError && <p className="notice notice--bad" role="alert">The request did not complete: {send.error.message}</p>}
        {send.data ? <ResponseView exchange={send.data} /> : (
          <p className="muted" style={{ margin: 0, fontSize: '0.9rem' }}>
            Send a request to see the status, the headers that matter and how long the database took.
          </p>
        )}
        <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', borderTop: '1px solid var(--border)', paddingTop: '0.75rem' }}>
          <button type="button" className="btn" disabled={!ready || reset.isPending}
            onClick={() => window.confirm('Reset your sandbox to a fresh copy of the Shop data? Your changes to it are lost.') && reset.mutate()}>
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
