'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fetchLessonProgress, lessonKey, parseLessonProgress } from '@/components/lesson/lesson-api';
import type { LoadProfileInput } from '@/lib/load/profile';
import { formatClock } from './format';
import { LiveCharts } from './live-charts';
import { describeLoad, progressOf } from './profile-form';
import { asProblem, ProblemError } from '@/lib/client/control-client';
import { fetchRun, listRuns, runKeys, startRun, stopRun, type RunRecord } from './run-api';
import { RunCompare } from './run-compare';
import { RunControls } from './run-controls';
import { RunSummary } from './run-summary';
import { useRunStream, type PushedLesson } from './use-run-stream';
import { ProblemNotice } from '@/components/ui/problem-notice';

/**
 * Load runs in the lab panel: the profile form, the live charts of the run going on, its
 * result, and a comparison of two runs. Without a run started here, the panel shows the
 * learner's latest finished run, so a reload does not lose a result.
 */
export function RunPanel({ preset, lesson }: { preset?: Partial<LoadProfileInput>; lesson?: string }) {
  const queryClient = useQueryClient();
  // The lesson's progress (shared with its widgets): its epoch scopes Compare's default pair.
  const lessonProgress = useQuery({
    queryKey: lessonKey(lesson ?? ''),
    queryFn: () => fetchLessonProgress(lesson ?? ''),
    enabled: lesson !== undefined,
  });
  const list = useQuery({ queryKey: runKeys.list, queryFn: () => listRuns(20) });
  const [started, setStarted] = useState<RunRecord | null>(null);
  const [busyUntil, setBusyUntil] = useState<number | null>(null);
  // The verdict arrives with the result: the end event carries this lesson's checks, evaluated
  // after the run was stored, and they go into the lesson's query before the summary shows.
  const applyVerdict = async (pushed: PushedLesson | null) => {
    if (!lesson) return;
    const key = lessonKey(lesson);
    const progress = pushed?.slug === lesson ? await parseLessonProgress(pushed.progress) : null;
    // An older answer still in flight must not overwrite the verdict that came with the run.
    await queryClient.cancelQueries({ queryKey: key });
    if (!progress) return void queryClient.invalidateQueries({ queryKey: key });
    queryClient.setQueryData(key, progress);
    // React Query tells its observers on the next task: let the checks take it before the summary renders.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const stream = useRunStream(started?.id ?? null, started, { onDone: applyVerdict });

  // On a lesson page, "your last run" is this lesson's: another lesson's result would mislead here.
  const latest = lesson ? list.data?.data.find((r) => r.lesson === lesson) : list.data?.data[0];
  // A run going that this panel is not following (another tab, or started before a reload).
  const elsewhere = list.data?.data.find((r) => r.status === 'running' && r.id !== started?.id) ?? null;
  const lastId = !started && latest && latest.status !== 'running' ? latest.id : null;
  const last = useQuery({
    queryKey: runKeys.one(lastId ?? ''),
    queryFn: () => fetchRun(lastId ?? ''),
    enabled: lastId !== null,
    staleTime: Infinity,
  });

  const start = useMutation({
    mutationFn: (profile: LoadProfileInput) => startRun(profile, lesson),
    onMutate: () => setBusyUntil(null),
    onSuccess: (run) => {
      setStarted(run);
      void queryClient.invalidateQueries({ queryKey: runKeys.list });
    },
    onError: (e) => {
      const p = asProblem(e);
      if (p?.status === 503 && p.retryAfter !== null) setBusyUntil(Date.now() + p.retryAfter * 1000);
      // "You already have a run going": fetch the list so we can offer to stop that run.
      if (p?.status === 429) void queryClient.invalidateQueries({ queryKey: runKeys.list });
    },
  });
  // Normally the stream delivers the final record; after a lost stream, the stop answer is all we get.
  const [stoppedRecord, setStoppedRecord] = useState<RunRecord | null>(null);
  const stop = useMutation({
    mutationFn: stopRun,
    onSuccess: (run) => {
      if (run.status !== 'running') setStoppedRecord(run);
      start.reset(); // a "you already have a run going" notice is now out of date
      void queryClient.invalidateQueries({ queryKey: runKeys.list });
      if (lesson) void queryClient.invalidateQueries({ queryKey: lessonKey(lesson) });
    },
  });

  // A finished run joins the list the comparison picks from, already fetched.
  const doneId = stream.status === 'done' && stream.run?.status !== 'running' ? stream.run?.id : undefined;
  useEffect(() => {
    if (!doneId || !stream.run) return;
    queryClient.setQueryData(runKeys.one(doneId), stream.run);
    void queryClient.invalidateQueries({ queryKey: runKeys.list });
    // A run whose end came without a verdict (the stream was lost and the run fetched): ask for it.
    if (lesson && !stream.lesson) void queryClient.invalidateQueries({ queryKey: lessonKey(lesson) });
    // Only when a run finishes, not on every render of its record.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the finished run's id alone
  }, [doneId]);

  const lost = stream.status === 'error' && stoppedRecord?.id === started?.id ? stoppedRecord : null;
  const shown = started ? (lost ?? stream.run) : (last.data ?? null);
  const seconds = started ? (lost?.seconds ?? stream.seconds) : (last.data?.seconds ?? []);
  const running = started !== null && stream.status !== 'done' && shown?.status === 'running';
  const progress =
    running && shown
      ? { ...progressOf(shown.profile, seconds), inFlight: seconds[seconds.length - 1]?.inFlight ?? null }
      : null;
  const finished = shown && shown.status !== 'running' ? shown : null;

  return (
    <div className="run-panel" data-testid="run-panel">
      <RunControls
        preset={preset}
        running={running}
        starting={start.isPending}
        stopping={stop.isPending}
        problem={asProblem(start.error)}
        busyUntil={busyUntil}
        progress={progress}
        onStart={(profile) => start.mutate(profile)}
        onStop={() => started && stop.mutate(started.id)}
      />
      {start.error instanceof ProblemError && start.error.status === 429 && elsewhere && (
        <p className="notice" data-testid="run-elsewhere">
          Your run from {formatClock(elsewhere.startedAt)} ({describeLoad(elsewhere.profile)}) is still going.{' '}
          <button type="button" className="btn" onClick={() => stop.mutate(elsewhere.id)} disabled={stop.isPending}>
            Stop that run
          </button>
        </p>
      )}
      {stop.isError && <ProblemNotice error={stop.error} action="Could not stop the run" />}
      {stream.error && (
        <p className="notice notice--warn" role="alert" data-testid="run-stream-error">
          {stream.error}
        </p>
      )}
      {shown && (
        <section aria-label={running ? 'Live run' : 'Last run'} className="run-view">
          <h3 className="panel__section-title">
            {running ? 'Live' : started ? 'This run' : 'Your last run'} ·{' '}
            <span className="num">{describeLoad(shown.profile)}</span>
            {!running && <span className="num"> · {formatClock(shown.startedAt)}</span>}
          </h3>
          <LiveCharts
            seconds={seconds}
            durationSec={progressOf(shown.profile, seconds).durationSec}
            live={running}
            summary={shown.summary}
          />
        </section>
      )}
      {!shown && !list.isPending && !elsewhere && (
        <p className="notice run-empty" data-testid="run-empty">
          No runs {lesson ? 'in this lesson ' : ''}yet. Press Run to send load at your API and watch latency,
          throughput, errors and cache hits live.
        </p>
      )}
      {finished && <RunSummary run={finished} />}
      <section aria-labelledby="run-compare-title" className="run-compare-section">
        <h3 className="panel__section-title" id="run-compare-title">
          Compare two runs
        </h3>
        <RunCompare scope={lesson ? { lesson, since: lessonProgress.data?.since ?? null } : undefined} />
      </section>
    </div>
  );
}
