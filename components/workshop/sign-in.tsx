'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { asProblem, controlFetchRaw, problemSentence, sendJson } from '@/lib/client/control-client';

export function InstructorSignIn() {
  const router = useRouter();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      await controlFetchRaw('/api/workshop/session', sendJson('POST', { token }));
      router.refresh();
    } catch (err) {
      const p = asProblem(err);
      setError(p ? problemSentence(p) : 'Sign-in failed.');
    }
  }
  return (
    <form className="panel join-card" onSubmit={onSubmit} aria-labelledby="signin-title">
      <div className="panel__header">
        <h1 className="panel__title" id="signin-title">
          Instructor sign-in
        </h1>
      </div>
      <div className="panel__body form-grid">
        <label>
          Instructor token (SCALE_LAB_INSTRUCTOR_TOKEN)
          <input
            className="input input--mono"
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        {error && (
          <p className="notice notice--bad" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={!token}>
          Sign in
        </button>
      </div>
    </form>
  );
}

/** Instructor-only pages (the projector) send whoever is not signed in to the dashboard's sign-in. */
export function SignInFirst() {
  return (
    <div className="page">
      <p>
        Sign in at <a href="/workshop">/workshop</a> first.
      </p>
    </div>
  );
}
