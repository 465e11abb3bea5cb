'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { sendApiRequest } from './api-client';
import { ResponseView } from './response-view';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
// The path-versioned mounts; /api/shop needs a header, which is the scratchpad's job.
const BASES = ['/api/v1', '/api/v2'] as const;
type Base = (typeof BASES)[number];

/** A lesson's starting request may name its version ("/api/v2/products"); plain paths mean v1. */
function splitBase(path: string): { base: Base; path: string } {
  const base = BASES.find((b) => path.startsWith(`${b}/`) || path.startsWith(`${b}?`));
  return base ? { base, path: path.slice(base.length) } : { base: '/api/v1', path };
}

/** Send one real request to the learner's own API and read what came back. */
export function RequestForm({ defaultPath = '/products/1', ready }: { defaultPath?: string; ready: boolean }) {
  const [method, setMethod] = useState<Method>('GET');
  const [base, setBase] = useState<Base>(() => splitBase(defaultPath).base);
  const [path, setPath] = useState(() => splitBase(defaultPath).path);
  const [body, setBody] = useState('');
  const hasBody = method === 'POST' || method === 'PATCH';
  const send = useMutation({
    mutationFn: () =>
      sendApiRequest(method, path.startsWith('/') ? path : `/${path}`, hasBody ? body : undefined, base),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }

  return (
    <div className="knob-group">
      <form onSubmit={onSubmit} aria-label="Send a request to your API">
        <h3 className="panel__section-title">Send a request</h3>
        <div className="request-row">
          <label className="visually-hidden" htmlFor="lab-method">
            Method
          </label>
          <select
            id="lab-method"
            className="input"
            value={method}
            onChange={(e) => setMethod(e.target.value as Method)}
          >
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="lab-base">
            API version
          </label>
          <select
            id="lab-base"
            className="input input--mono"
            value={base}
            onChange={(e) => setBase(e.target.value as Base)}
          >
            {BASES.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="lab-path">
            Path
          </label>
          <input
            id="lab-path"
            className="input input--mono"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            spellCheck={false}
          />
          <button type="submit" className="btn btn--primary" disabled={!ready || send.isPending}>
            {send.isPending ? 'Sending…' : 'Send'}
          </button>
        </div>
        {hasBody && (
          <>
            <label className="visually-hidden" htmlFor="lab-body">
              JSON body
            </label>
            <textarea
              id="lab-body"
              className="input input--mono"
              rows={4}
              style={{ width: '100%', marginTop: '0.5rem' }}
              placeholder='{"name": "Travel Kettle"}'
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          </>
        )}
      </form>
      {send.isError && (
        <p className="notice notice--bad" role="alert">
          The request did not complete: {send.error.message}
        </p>
      )}
      {send.data ? (
        <ResponseView exchange={send.data} />
      ) : (
        <p className="muted" style={{ margin: 0, fontSize: '0.9rem' }}>
          Send a request to see the status, the headers that matter and how long the database took.
        </p>
      )}
    </div>
  );
}
