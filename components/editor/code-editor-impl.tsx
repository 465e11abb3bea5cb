'use client';

import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { monaco, watchLabTheme } from './monaco-setup';
import type { CodeEditorProps } from './code-editor';

type StandaloneEditor = Monaco.editor.IStandaloneCodeEditor;

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function monoFont(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace';
}

/** The Monaco editor itself; only ever loaded through code-editor.tsx (next/dynamic, no SSR). */
export default function CodeEditorImpl(props: CodeEditorProps) {
  const {
    value,
    onChange,
    language,
    path,
    height,
    readOnly = false,
    ariaLabel,
    markers,
    onRun,
    onCursorLine,
    testId,
  } = props;
  const [editor, setEditor] = useState<StandaloneEditor | null>(null);
  // Latest callbacks for commands registered once at mount.
  const onRunRef = useRef(onRun);
  const onCursorRef = useRef(onCursorLine);
  useEffect(() => {
    onRunRef.current = onRun;
    onCursorRef.current = onCursorLine;
  });

  const handleMount: OnMount = (ed) => {
    // @monaco-editor/react types the editor from its own copy of monaco's types; it is the same object as ours.
    const e = ed as unknown as StandaloneEditor;
    watchLabTheme();
    e.addAction({
      id: 'scale-lab.run',
      label: 'Run',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => onRunRef.current?.(),
    });
    e.onDidChangeCursorPosition((ev) => onCursorRef.current?.(ev.position.lineNumber));
    setEditor(e);
  };

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'scale-lab',
      (markers ?? []).map((m) => ({
        startLineNumber: m.line,
        endLineNumber: m.endLine ?? m.line,
        startColumn: m.startColumn,
        endColumn: m.endColumn,
        message: m.message,
        severity: SEVERITY[m.severity],
      })),
    );
  }, [editor, markers, value]);

  return (
    <div className="code-editor" data-testid={testId} data-language={language} style={{ height }}>
      <Editor
        value={value}
        language={language}
        path={path}
        theme="scale-lab"
        height="100%"
        onMount={handleMount}
        onChange={(v) => onChange?.(v ?? '')}
        loading={<div className="skeleton" style={{ height: '100%' }} aria-label="Loading the editor" />}
        options={{
          ariaLabel,
          readOnly,
          domReadOnly: readOnly,
          minimap: { enabled: false },
          fontFamily: monoFont(),
          fontSize: 13,
          lineHeight: 20,
          lineNumbersMinChars: 3,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          wordWrap: language === 'typescript' ? 'off' : 'on',
          tabSize: 2,
          padding: { top: 8, bottom: 8 },
          renderLineHighlight: readOnly ? 'none' : 'line',
          folding: language === 'json' || language === 'typescript',
          glyphMargin: false,
          // Suggestions and hovers may leave the lab panel's scroll box instead of being clipped by it.
          fixedOverflowWidgets: true,
          contextmenu: !readOnly,
          // In a read-only view Tab moves on; in an editor Ctrl+M switches Tab to moving focus.
          tabFocusMode: readOnly,
          quickSuggestions: language === 'sql' ? { other: true, comments: false, strings: false } : false,
          scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
          overviewRulerLanes: 0,
          overviewRulerBorder: false,
          hideCursorInOverviewRuler: true,
          stickyScroll: { enabled: false },
        }}
      />
    </div>
  );
}
