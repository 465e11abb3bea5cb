'use client';

import { useRef, useState } from 'react';
import { experimentFromRun, shareUrl } from '@/lib/share/experiment';
import { formatDateTime } from '@/lib/format';
import { chartsPng } from './export-png';
import { download, exportName, runCsv, runJson } from './export';
import type { LoadProfile } from '@/lib/load/profile';
import { describeLoad } from './profile-form';
import type { RunRecord } from './run-api';

/** The lesson the panel sits in, from the address (the summary also shows outside lessons). */
const lessonOf = (pathname: string) => /^\/lessons\/([a-z0-9-]+)/.exec(pathname)?.[1];

/**
 * Export a finished run (JSON, CSV, its charts as PNG) and share its experiment as a link
 * another learner opens to load the same knobs and workload into their own sandbox.
 */
export function RunExport({ run }: { run: RunRecord }) {
  const ref = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const profile = run.profile;

  async function png() {
    setStatus('Drawing the charts…');
    try {
      const root = ref.current?.closest('.run-panel') ?? document;
      const blob = await chartsPng(root, `Scale Lab · ${describeLoad(run.profile)} · ${formatDateTime(run.startedAt)}`);
      if (!blob) return setStatus('No chart is on screen to export (switch the charts back from tables).');
      download(exportName(run, 'png'), blob);
      setStatus(null);
    } catch (e) {
      setStatus(`Could not export the charts: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function share(profile: LoadProfile) {
    const url = shareUrl(
      window.location.origin,
      experimentFromRun({ profile, knobs: run.knobs }, { lesson: lessonOf(window.location.pathname) }),
    );
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied. Whoever opens it can load these knobs and this workload into their own sandbox.');
    } catch {
      setStatus('Copy the link below. Whoever opens it can load these knobs and this workload into their own sandbox.');
    }
  }

  return (
    <div className="run-export" ref={ref} data-testid="run-export">
      <div className="run-export__buttons" role="group" aria-label="Export or share this run">
        <span className="muted run-export__label">Export</span>
        <button
          type="button"
          className="btn"
          data-testid="export-json"
          onClick={() => download(exportName(run, 'json'), new Blob([runJson(run)], { type: 'application/json' }))}
        >
          JSON
        </button>
        <button
          type="button"
          className="btn"
          data-testid="export-csv"
          onClick={() => download(exportName(run, 'csv'), new Blob([runCsv(run)], { type: 'text/csv;charset=utf-8' }))}
        >
          CSV
        </button>
        <button type="button" className="btn" data-testid="export-png" onClick={() => void png()}>
          Charts (PNG)
        </button>
        {/* A run whose profile an older version stored cannot be replayed, so it has no link. */}
        {profile && (
          <button
            type="button"
            className="btn run-export__share"
            data-testid="share-run"
            onClick={() => void share(profile)}
          >
            Share experiment
          </button>
        )}
      </div>
      {link && (
        <input
          className="input input--mono run-export__link"
          readOnly
          value={link}
          aria-label="Link to this experiment"
          onFocus={(e) => e.currentTarget.select()}
          data-testid="share-link"
        />
      )}
      <p className="muted run-export__status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
