'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

export function InstructorSignIn() {
  const router = useRouter();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const res = await fetch('/api/workshop/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    if (res.ok) return router.refresh();
    setError(((await res.json().catch(() => null)) as { detail?: string } | null)?.detail ?? 'Sign-in failed.');
  }
  return (
    <form className="panel join-card" onSubmit={onSubmit} aria-labelledby="signin-title">
      <div className="panel__header"><h1 className="panel__title" id="signin-title">Instructor sign-in</h1></div>
      <div className="panel__body form-grid">
        <label>
          Instructor token (SCALE_LAB_INSTRUCTOR_TOKEN)
          <input className="input input--mono" type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="current-password" />
        </label>
        {error && <p className="notice notice--bad" role="alert">{error}</p>}
        <button type="submit" className="btn btn--primary" disabled={!token}>Sign in</button>
      </div>
    </form>
  );
}
