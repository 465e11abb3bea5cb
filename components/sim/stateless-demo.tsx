'use client';

import { formatDateTime } from '@/lib/format';
import { useMutation } from '@tanstack/react-query';
import type { StatelessResponse } from '@/lib/sim/schemas';
import { runStatelessDemo } from './sim-api';
import styles from './sim.module.css';
import { ProblemNotice } from '@/components/ui/problem-notice';
import { useSandboxClaim } from '@/components/lab/sandbox-claim';

const MODE_TEXT: Record<StatelessResponse['runs'][number]['mode'], string> = {
  session: 'Server-side session, round robin',
  'sticky-session': 'Server-side session, IP hash (sticky)',
  token: 'Signed token, round robin',
};

const us = (n: number) =>
  n < 1
    ? `${(n * 1000).toFixed(0)} ns`
    : n < 100
      ? `${n.toFixed(1)} µs`
      : n < 1000
        ? `${n.toFixed(0)} µs`
        : `${(n / 1000).toFixed(1)} ms`;

/** `<StatelessDemo/>`: one login, then ten requests through two instances, three ways. */
export function StatelessDemo({ requests = 10 }: { requests?: number }) {
  const sandbox = useSandboxClaim();
  const demo = useMutation({ mutationFn: () => runStatelessDemo(requests) });
  const d = demo.data;
  return (
    <section className="widget" aria-label="Sessions and tokens behind a balancer" data-testid="stateless-demo">
      <p className="widget__eyebrow">Simulation</p>
      <p className="widget__title">
        Log in once, then send {requests} requests through a balancer in front of two instances
      </p>
      <p style={{ margin: 0 }}>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!sandbox.isSuccess || demo.isPending}
          onClick={() => demo.mutate()}
        >
          {demo.isPending ? 'Sending…' : d ? 'Send them again' : 'Send the requests'}
        </button>
      </p>
      {demo.isError && <ProblemNotice error={demo.error} action="That did not work" />}
      {d && (
        <>
          <p className={styles.label}>
            <strong className={styles.badge}>Simulation</strong>
            <span>
              Two instances simulated inside this server: a real round-robin (or IP hash) balancer, a real session Map
              per instance, real signature checks (jose, HS256). Nothing is drawn from a distribution; the costs below
              are measured live.
            </span>
          </p>
          {d.runs.map((run) => (
            <div key={run.mode} data-testid={`login-${run.mode}`}>
              <p style={{ margin: '0 0 0.25rem' }}>
                <strong>{MODE_TEXT[run.mode]}</strong>: logged in on instance {run.loginInstance};{' '}
                <span data-testid={`login-${run.mode}-kept`} data-kept={run.kept} data-total={run.steps.length}>
                  {run.kept} of {run.steps.length} requests still logged in
                </span>
              </p>
              <ol className={styles.strip} aria-label={`${MODE_TEXT[run.mode]}: each request`}>
                {run.steps.map((s) => (
                  <li
                    key={s.n}
                    className={`${styles.cell} ${s.loggedIn ? styles.cellOk : styles.cellLost}`}
                    aria-label={`Request ${s.n} on instance ${s.instance}: ${s.loggedIn ? 'logged in' : '401, login lost'}`}
                  >
                    #{s.instance} {s.loggedIn ? '✓' : '✗ 401'}
                  </li>
                ))}
              </ol>
            </div>
          ))}
          <TokenAndCosts d={d} />
        </>
      )}
    </section>
  );
}

function TokenAndCosts({ d }: { d: StatelessResponse }) {
  const days = Math.round(d.ttlSeconds / 86_400);
  return (
    <>
      <p style={{ margin: 0 }}>
        <strong>Your own token</strong>, from your cookie ({d.token.bytes} bytes, sent with every request). Anyone
        holding it can read this; only the server, with its secret, can sign a new one.
      </p>
      <div className={styles.tokenParts} data-testid="token-view">
        <div>
          <p className="muted" style={{ margin: 0, fontSize: '0.8rem' }}>
            Header
          </p>
          <pre className={styles.code}>{JSON.stringify(d.token.header, null, 2)}</pre>
        </div>
        <div>
          <p className="muted" style={{ margin: 0, fontSize: '0.8rem' }}>
            Payload
          </p>
          <pre className={styles.code}>{JSON.stringify(d.token.payload, null, 2)}</pre>
        </div>
        <div>
          <p className="muted" style={{ margin: 0, fontSize: '0.8rem' }}>
            Signature
          </p>
          <pre className={styles.code}>{d.token.signaturePreview}</pre>
        </div>
      </div>
      <p style={{ margin: 0, fontSize: '0.9rem' }}>
        Issued {d.token.issuedAt ? formatDateTime(d.token.issuedAt) : '–'}, expires{' '}
        {d.token.expiresAt ? formatDateTime(d.token.expiresAt) : '–'}: a lifetime of {days} days on this server.
      </p>
      <div className="table-wrap" style={{ margin: 0 }}>
        <table data-testid="auth-costs">
          <caption style={{ textAlign: 'left', fontSize: '0.85rem', color: 'var(--muted)', paddingBottom: '0.3rem' }}>
            Measured on this server just now: the cost of recognising a user, per request
          </caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Median</th>
              <th scope="col">p95</th>
              <th scope="col">Samples</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Session lookup in a Map of {d.costs.storeSize.toLocaleString('en')}</th>
              <td>{us(d.costs.sessionLookup.medianUs)}</td>
              <td>{us(d.costs.sessionLookup.p95Us)}</td>
              <td>{d.costs.sessionLookup.samples} batches of 1,000</td>
            </tr>
            <tr>
              <th scope="row">Verify your token&apos;s signature and claims</th>
              <td data-testid="verify-median">{us(d.costs.tokenVerify.medianUs)}</td>
              <td>{us(d.costs.tokenVerify.p95Us)}</td>
              <td>{d.costs.tokenVerify.samples}</td>
            </tr>
            <tr>
              <th scope="row">
                Revocation: look the token up in a denylist of {d.costs.storeSize.toLocaleString('en')}
              </th>
              <td>{us(d.costs.denylistLookup.medianUs)}</td>
              <td>{us(d.costs.denylistLookup.p95Us)}</td>
              <td>{d.costs.denylistLookup.samples} batches of 1,000</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
