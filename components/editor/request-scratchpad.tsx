'use client';

import { useMutation } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import type { KnobGroup } from '@/lib/knobs/registry';
import { parseHttpFile, requestAtLine, type ParsedRequest } from '@/lib/scratchpad/http-file';
import { CodeEditor, type EditorMarker } from './code-editor';
import { sendScratchpadRequest } from './editor-api';
import { httpExample } from './examples';
import { ScratchpadResponse } from './scratchpad-response';

/**
 * Requests written in a small .http format, sent to the learner's own /api/v1 with their
 * cookie. Mistakes are underlined where they are; the request under the cursor is the one
 * Ctrl+Enter (or the button) sends.
 */
export function RequestScratchpad({
  ready,
  knobs,
  defaultPath,
}: {
  ready: boolean;
  knobs?: KnobGroup[];
  defaultPath?: string;
}) {
  const [text, setText] = useState(() => httpExample(knobs, defaultPath));
  const [cursorLine, setCursorLine] = useState(1);
  const deferred = useDeferredValue(text);
  const parsed = useMemo(() => parseHttpFile(deferred), [deferred]);
  const markers = useMemo<EditorMarker[]>(() => parsed.diagnostics.map((d) => ({ ...d })), [parsed]);
  const current = requestAtLine(parsed, cursorLine);
  const send = useMutation({ mutationFn: (r: ParsedRequest) => sendScratchpadRequest(r) });

  const sendCurrent = () => {
    // Parse the text as it is now, not as last rendered: Ctrl+Enter can come mid-typing.
    const now = requestAtLine(parseHttpFile(text), cursorLine);
    if (now?.valid && !send.isPending) send.mutate(now);
  };
  const conditional = (etag: string) => {
    const last = send.data;
    if (!last) return;
    send.mutate({
      name: null,
      method: 'GET',
      path: last.path,
      base: last.base as ParsedRequest['base'],
      headers: [['If-None-Match', etag]],
      body: null,
      blockLine: 1,
      startLine: 1,
      endLine: 1,
      valid: true,
    });
  };
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;

  return (
    <section className="editor-tool" aria-labelledby="scratchpad-title">
      <div className="editor-tool__head">
        <h3 className="panel__section-title" id="scratchpad-title">
          Request scratchpad
        </h3>
        <span className="editor-tool__hint">
          .http format · <code>###</code> starts a request · headers, a blank line, then a JSON body
        </span>
      </div>
      <CodeEditor
        language="http"
        path="inmemory://scale-lab/scratchpad.http"
        value={text}
        onChange={setText}
        onRun={sendCurrent}
        onCursorLine={setCursorLine}
        markers={markers}
        height={220}
        ariaLabel="HTTP requests. Ctrl+Enter sends the request under the cursor. Ctrl+M, then Tab, leaves the editor."
        testId="scratchpad-editor"
      />
      <div className="editor-tool__actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={!ready || !current?.valid || send.isPending}
          onClick={sendCurrent}
          data-testid="scratchpad-send"
        >
          {send.isPending ? 'Sending…' : current ? `Send ${current.method} ${shortTarget(current)}` : 'Send'}
        </button>
        <span className="editor-tool__hint" role="status">
          {errors > 0 ? (
            `${errors} ${errors === 1 ? 'mistake' : 'mistakes'} underlined: hover for details.`
          ) : (
            <>
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends the request under the cursor
            </>
          )}
        </span>
      </div>
      {send.isError && (
        <p className="notice notice--bad" role="alert">
          The request did not complete: {send.error.message}
        </p>
      )}
      {send.data && <ScratchpadResponse exchange={send.data} onConditional={conditional} />}
    </section>
  );
}

/** The button names the request; the default mount goes unsaid, the others are spelled out. */
function shortTarget(r: ParsedRequest): string {
  const target = `${r.base && r.base !== '/api/v1' ? r.base : ''}${r.path}`;
  return target.length > 28 ? `${target.slice(0, 27)}…` : target;
}
