'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { asProblem, controlFetchRaw, problemSentence, sendJson } from '@/lib/client/control-client';

type FieldErrors = Record<string, string>;

/** One step: the room code and a nickname. The sandbox is created (or kept) on the way. */
export function JoinForm({ initialCode = '', firstLesson }: { initialCode?: string; firstLesson: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [nickname, setNickname] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      await controlFetchRaw('/api/lab/join', sendJson('POST', { code, nickname }));
      return router.push(`/lessons/${firstLesson}`);
    } catch (err) {
      const p = asProblem(err);
      setErrors(Object.fromEntries((p?.fieldErrors ?? []).map((x) => [x.field, x.detail])));
      setProblem(p ? problemSentence(p) : 'Could not join; is the server still running?');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel join-card" onSubmit={onSubmit} aria-labelledby="join-title" noValidate>
      <div className="panel__header">
        <h1 className="panel__title" id="join-title">
          Join the workshop
        </h1>
      </div>
      <div className="panel__body form-grid">
        <label>
          Room code
          <input
            className="input input--mono"
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            maxLength={6}
            autoComplete="off"
            aria-invalid={!!errors.code}
            aria-describedby="join-code-err"
          />
          {errors.code && (
            <span id="join-code-err" className="muted" style={{ color: 'var(--bad)' }}>
              Room code {errors.code}
            </span>
          )}
        </label>
        <label>
          Your nickname (shown to the instructor only)
          <input
            className="input"
            value={nickname}
            onChange={(e) => setNickname(e.target.value)}
            maxLength={24}
            aria-invalid={!!errors.nickname}
            aria-describedby="join-nick-err"
          />
          {errors.nickname && (
            <span id="join-nick-err" className="muted" style={{ color: 'var(--bad)' }}>
              Nickname {errors.nickname}
            </span>
          )}
        </label>
        {problem && !Object.keys(errors).length && (
          <p className="notice notice--bad" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </div>
    </form>
  );
}
