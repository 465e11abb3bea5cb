'use client';

import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { runResponseSchema, secondStatsSchema } from '@/lib/runs/schema';
import { fetchRun, runEventsUrl, type RunRecord } from './run-api';
import { mergeSecond, type SecondStats } from './series';

export type StreamStatus = 'idle' | 'connecting' | 'live' | 'done' | 'error';
/** A lesson's progress sent with the run's end event (validated by whoever reads it). */
export type PushedLesson = { slug: string; progress: unknown };
export type RunStream = {
  run: RunRecord | null;
  seconds: SecondStats[];
  status: StreamStatus;
  error: string | null;
  /** The lesson verdicts that came with `done`, when the run was started from a lesson page. */
  lesson: PushedLesson | null;
};

export type StreamOptions = {
  /** Where the run's events come from (the learner's own runs by default). */
  eventsUrl?: (id: string) => string;
  /**
   * Asked once by GET when the stream is lost for good; null when the caller may not read the
   * run that way (the projector is the instructor, not the run's learner: it opens the stream
   * again instead).
   */
  fetchOnce?: ((id: string) => Promise<RunRecord>) | null;
  onDone?: (lesson: PushedLesson | null) => Promise<void>;
};

const IDLE: RunStream = { run: null, seconds: [], status: 'idle', error: null, lesson: null };
const pushedSchema = z.object({ lesson: z.object({ slug: z.string(), progress: z.unknown() }) });
/** EventSource retries on its own; after this many failures in a row we stop and ask once by GET. */
const MAX_RETRIES = 3;

function parse<T>(
  schema: { safeParse: (x: unknown) => { success: true; data: T } | { success: false } },
  raw: string,
): T | null {
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const pushedLesson = (raw: string): PushedLesson | null => {
  const data = parse(pushedSchema, raw);
  return data ? { slug: data.lesson.slug, progress: data.lesson.progress } : null;
};

/**
 * Follows one run live: the snapshot gives the seconds so far, each `second` event appends
 * one, `done` brings the final record with its summary. Unmounting closes the stream, and the
 * server stops a run nobody watches after a short grace period: closing the page stops the
 * load, which is what a learner expects. A run that is already over is not streamed at all.
 * `onDone` gets what came with `done` (a lesson's verdicts) and is awaited before the run shows
 * as done, so whatever it renders is on screen no later than the summary.
 */
export function useRunStream(runId: string | null, initial?: RunRecord | null, options: StreamOptions = {}): RunStream {
  const { eventsUrl = runEventsUrl, fetchOnce = fetchRun, onDone } = options;
  const [state, setState] = useState<RunStream & { id: string | null }>({ ...IDLE, id: null });
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });

  useEffect(() => {
    if (!runId) return;
    const seed = initial && initial.id === runId ? initial : null;
    if (seed && seed.status !== 'running') {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a new run id starts its stream's state afresh
      setState({ id: runId, run: seed, seconds: seed.seconds, status: 'done', error: null, lesson: null });
      return;
    }
    setState({ id: runId, run: seed, seconds: seed?.seconds ?? [], status: 'connecting', error: null, lesson: null });

    const source = new EventSource(eventsUrl(runId));
    let failures = 0;
    let closed = false;
    let unmounted = false;
    const close = () => {
      closed = true;
      source.close();
    };

    source.addEventListener('snapshot', (e) => {
      const data = parse(runResponseSchema, (e as MessageEvent<string>).data);
      if (!data) return;
      failures = 0;
      // A reconnect replays the snapshot: it is the whole truth so far, so it replaces.
      setState((s) => ({
        ...s,
        run: data.run,
        seconds: data.run.seconds,
        status: data.run.status === 'running' ? 'live' : 'done',
      }));
    });
    source.addEventListener('second', (e) => {
      const second = parse(secondStatsSchema, (e as MessageEvent<string>).data);
      if (!second) return;
      failures = 0;
      setState((s) => ({ ...s, seconds: mergeSecond(s.seconds, second), status: 'live' }));
    });
    source.addEventListener('done', (e) => {
      const raw = (e as MessageEvent<string>).data;
      const data = parse(runResponseSchema, raw);
      close(); // the server is closing too; without this EventSource would reconnect
      if (!data)
        return setState((s) => ({ ...s, status: 'error', error: 'The run ended but its result could not be read.' }));
      const lesson = pushedLesson(raw);
      const finish = () => {
        if (unmounted) return;
        setState((s) => ({
          ...s,
          run: data.run,
          seconds: data.run.seconds.length ? data.run.seconds : s.seconds,
          status: 'done',
          lesson,
        }));
      };
      const hook = onDoneRef.current;
      if (hook) void hook(lesson).then(finish, finish);
      else finish();
    });
    source.onerror = () => {
      if (closed) return;
      failures += 1;
      // CLOSED means the server refused the stream (401, 404): no retry will help.
      if (source.readyState !== EventSource.CLOSED && failures < MAX_RETRIES) return;
      close();
      if (!fetchOnce)
        return setState((s) => (s.id !== runId ? s : { ...s, status: 'error', error: 'Lost the live stream.' }));
      fetchOnce(runId).then(
        (run) =>
          setState((s) =>
            s.id !== runId
              ? s
              : run.status === 'running'
                ? {
                    ...s,
                    run,
                    seconds: run.seconds,
                    status: 'error',
                    error: 'Lost the live stream; the run is still going. Stop it or wait and reload.',
                  }
                : { ...s, run, seconds: run.seconds, status: 'done', error: null },
          ),
        () =>
          setState((s) =>
            s.id !== runId ? s : { ...s, status: 'error', error: 'Lost the live stream and could not fetch the run.' },
          ),
      );
    };
    return () => {
      unmounted = true;
      close();
    };
    // `initial` only seeds a run id's first render; a new object for the same run must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one stream per run id
  }, [runId]);

  if (!runId) return IDLE;
  if (state.id !== runId) {
    // The render between a new id and its effect: show what we were given rather than a blank.
    const seed = initial && initial.id === runId ? initial : null;
    return {
      run: seed,
      seconds: seed?.seconds ?? [],
      status: seed && seed.status !== 'running' ? 'done' : 'connecting',
      error: null,
      lesson: null,
    };
  }
  return { run: state.run, seconds: state.seconds, status: state.status, error: state.error, lesson: state.lesson };
}
