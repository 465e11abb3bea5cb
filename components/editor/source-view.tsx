'use client';

import { formatDateTime } from '@/lib/format';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { KnobGroup } from '@/lib/knobs/registry';
import { CodeEditor } from './code-editor';
import { fetchSource, fetchSourceList } from './editor-api';
import { ProblemNotice } from '@/components/ui/problem-notice';

/**
 * The real source of the pipeline stage a lesson is about, read-only, as it was built into
 * the app that is answering the learner's requests (see scripts/snapshot-sources.mjs).
 */
export function SourceView({ topics = [] }: { topics?: KnobGroup[] }) {
  const list = useQuery({ queryKey: ['source-list'], queryFn: fetchSourceList, staleTime: Infinity });
  const [chosen, setChosen] = useState<string | null>(null);
  const files = list.data?.files ?? [];
  // The lesson's first topic first: pagination before indexes in the pagination lesson.
  const rank = (f: { topics: string[] }) =>
    Math.min(...f.topics.map((t) => (topics as string[]).indexOf(t)).filter((i) => i >= 0));
  const ours = files.filter((f) => Number.isFinite(rank(f))).sort((a, b) => rank(a) - rank(b));
  const rest = files.filter((f) => !ours.includes(f));
  const path = chosen ?? ours[0]?.path ?? files[0]?.path ?? null;
  const file = useQuery({
    queryKey: ['source', path],
    queryFn: () => fetchSource(path ?? ''),
    enabled: path !== null,
    staleTime: Infinity,
  });

  if (list.isError) return <ProblemNotice error={list.error} action="Could not load the source" />;
  if (list.isPending) return <div className="skeleton" style={{ height: 420 }} aria-label="Loading the source" />;

  return (
    <section className="editor-tool" aria-labelledby="source-title">
      <div className="editor-tool__head">
        <h3 className="panel__section-title" id="source-title">
          The code serving you
        </h3>
        <span className="editor-tool__hint">Read only · built {formatDateTime(list.data.builtAt)}</span>
      </div>
      <label className="knob-sentence">
        Show
        <select
          className="input input--mono source-picker"
          value={path ?? ''}
          onChange={(e) => setChosen(e.target.value)}
          data-testid="source-picker"
        >
          {ours.length > 0 && (
            <optgroup label="This lesson">
              {ours.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.path}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={ours.length ? 'The rest of the pipeline' : 'The pipeline'}>
            {rest.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <ProblemNotice error={file.error} action="Could not load this file" />
      {file.data && (
        <>
          <p className="editor-tool__hint" style={{ margin: 0 }}>
            {file.data.title} · {file.data.lines} lines · sha256 {file.data.sha256}
          </p>
          <CodeEditor
            key={file.data.path}
            language="typescript"
            path={`inmemory://scale-lab/source/${file.data.path}`}
            value={file.data.text}
            readOnly
            height={460}
            ariaLabel={`Source of ${file.data.path} (read only)`}
            testId="source-editor"
          />
        </>
      )}
      {!file.data && !file.isError && <div className="skeleton" style={{ height: 460 }} />}
    </section>
  );
}
