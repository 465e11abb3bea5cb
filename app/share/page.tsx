import type { Metadata } from 'next';
import Link from 'next/link';
import { ENDPOINTS } from '@/lib/load/endpoints';
import { GROUP_IDS } from '@/lib/knobs/registry';
import { findLesson } from '@/lib/lessons/loader';
import { decodeExperiment } from '@/lib/share/experiment';
import { describeLoad } from '@/components/lab/run/profile-form';
import { freshSandbox, knobChanges, workloadChanges } from '@/components/share/experiment-view';
import { DifferenceTable } from '@/components/share/difference-table';
import { ShareApply } from '@/components/share/share-apply';
import { QueryIsland } from '@/components/ui/query-island';

export const metadata: Metadata = { title: 'Shared experiment', robots: { index: false } };

type Props = { searchParams: Promise<{ e?: string | string[] }> };

/**
 * A shared experiment, validated on the server with the settings and load profile schemas.
 * The page only shows it; applying it is a button, and it applies to the opener's sandbox.
 */
export default async function SharePage({ searchParams }: Props) {
  const { e } = await searchParams;
  const result = decodeExperiment(Array.isArray(e) ? e[0] : e);
  if (!result.ok) {
    return (
      <div className="page share-broken" data-testid="share-invalid">
        <p className="lesson__eyebrow">Shared experiment</p>
        <h1>This link does not hold an experiment we can load</h1>
        <p className="muted">
          Nothing was changed. Ask for the link again, or copy all of it: these are the problems found in it.
        </p>
        <ul className="share-problems">
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p>
          <Link href="/">Back to the course</Link>
        </p>
      </div>
    );
  }
  const { experiment } = result;
  const lesson = experiment.lesson ? findLesson(experiment.lesson) : undefined;
  const knobs = knobChanges(freshSandbox(), experiment.knobs);
  const partial = GROUP_IDS.some((k) => !(k in experiment.knobs));
  const { profile, changes: load } = workloadChanges(experiment.workload);
  const mix = profile.mix;
  const totalWeight = mix.reduce((s, m) => s + m.weight, 0);

  return (
    <div className="share" data-testid="share-page">
      <article className="share__details" aria-labelledby="share-title">
        <p className="lesson__eyebrow">Shared experiment</p>
        <h1 id="share-title">{experiment.title ?? 'An experiment to try in your lab'}</h1>
        <p className="lesson__summary">
          Someone shared the knobs and the workload of a run. Nothing changes until you press{' '}
          <strong>Apply to my sandbox</strong>, and then only in your own sandbox.
          {lesson && (
            <>
              {' '}
              It comes from the lesson <Link href={`/lessons/${lesson.slug}`}>{lesson.frontmatter.title}</Link>.
            </>
          )}
        </p>

        <h2>Knobs</h2>
        {knobs.length === 0 ? (
          <p className="muted">The knobs of a fresh sandbox: everything off, no extra indexes.</p>
        ) : (
          <DifferenceTable
            caption="Knobs this experiment sets, against a fresh sandbox"
            columns={['Setting', 'Fresh sandbox', 'This experiment']}
            rows={knobs}
            testId="share-knobs"
          />
        )}
        <p className="muted share__fine">
          {partial
            ? 'Knobs the link does not mention stay as they are in your sandbox.'
            : 'Every other knob is as in a fresh sandbox.'}
        </p>

        <h2>Workload</h2>
        <p data-testid="share-workload">
          <strong className="num">{describeLoad(profile)}</strong>
          {profile.model === 'constant-arrival' ? ', a fixed rate (open model)' : ', users in a loop (closed model)'}.
        </p>
        <ul className="share-mix">
          {mix.map((m) => (
            <li key={m.endpoint}>
              <code>{ENDPOINTS[m.endpoint]?.label ?? m.endpoint}</code>{' '}
              <span className="muted num">{totalWeight > 0 ? Math.round((100 * m.weight) / totalWeight) : 0}%</span>
            </li>
          ))}
        </ul>
        {load.length > 0 && (
          <DifferenceTable
            caption="Workload settings that differ from the default"
            columns={['Workload setting', 'Default', 'This experiment']}
            rows={load}
          />
        )}
      </article>
      <aside className="share__apply" aria-label="Apply the experiment">
        <QueryIsland>
          <ShareApply experiment={experiment} />
        </QueryIsland>
      </aside>
    </div>
  );
}
