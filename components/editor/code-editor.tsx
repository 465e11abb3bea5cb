'use client';

import dynamic from 'next/dynamic';

export type EditorMarker = {
  line: number;
  endLine?: number;
  startColumn: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
};

export type CodeEditorProps = {
  value: string;
  onChange?: (value: string) => void;
  language: 'sql' | 'http' | 'json' | 'typescript';
  /** Model URI: one model per editor, so markers and undo history stay with it. */
  path: string;
  height: number | string;
  readOnly?: boolean;
  ariaLabel: string;
  markers?: EditorMarker[];
  /** Ctrl+Enter (Cmd+Enter on a Mac). */
  onRun?: () => void;
  onCursorLine?: (line: number) => void;
  testId?: string;
};

/**
 * Monaco (a few MB) and its workers are fetched from this server the first time an editor
 * is shown: never in a page's first load, never from a CDN.
 */
const LazyMonaco = dynamic<CodeEditorProps>(() => import('./code-editor-impl'), {
  ssr: false,
  loading: () => <div className="skeleton" style={{ height: '100%' }} aria-label="Loading the editor" />,
});

/** The lab's code editor: a fixed-height box, so nothing below it moves when Monaco arrives. */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <div className="code-editor-frame" style={{ height: props.height }}>
      <LazyMonaco {...props} height="100%" />
    </div>
  );
}
