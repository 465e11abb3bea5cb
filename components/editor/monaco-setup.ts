'use client';

/**
 * Monaco from the local monaco-editor package, never from a CDN (the lab runs offline):
 * the editor API plus only the contributions the lab uses, three languages (SQL and
 * TypeScript highlighting, JSON with its worker for the response viewer) and our own .http
 * language. Imported only by code-editor-impl.tsx, which is loaded with next/dynamic, so
 * none of this is in a page's first load.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import { loader } from '@monaco-editor/react';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/features/find/register';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/contrib/readOnlyMessage/browser/contribution';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/editor/contrib/tokenization/browser/tokenization';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/features/json/register';
import { registerHttpLanguage } from './http-language';
import { registerSqlCompletion } from './sql-completion';

type MonacoEnvironmentHost = { MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } };

// Two workers only: the editor's own and JSON's (for the response viewer). Each is its own
// chunk, fetched from this server the first time an editor needs it.
// `self` is typed as a Window, which does not declare Monaco's global hook; the cast says it may carry one.
(self as typeof self & MonacoEnvironmentHost).MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'json')
      return new Worker(new URL('./workers/json.worker.ts', import.meta.url), { type: 'module', name: 'json' });
    return new Worker(new URL('./workers/editor.worker.ts', import.meta.url), { type: 'module', name: 'editor' });
  },
};

// @monaco-editor/react would otherwise fetch Monaco from a CDN.
loader.config({ monaco });

registerHttpLanguage(monaco);
registerSqlCompletion(monaco);

/** The editor theme follows the app's colour tokens (and its light/dark toggle). */
function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
}

export function isDarkTheme(): boolean {
  const set = document.documentElement.dataset.theme;
  if (set === 'dark' || set === 'light') return set === 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function applyLabTheme(): void {
  const dark = isDarkTheme();
  const c = (hex: string) => hex.replace('#', '');
  const accent = cssVar('--accent', dark ? '#7fa3ff' : '#2453c9');
  const muted = cssVar('--muted', dark ? '#a0a7b1' : '#5b616b');
  const ok = cssVar('--ok', dark ? '#5cc98a' : '#1d7a45');
  const warn = cssVar('--warn', dark ? '#e5a84a' : '#9a5b00');
  const limited = cssVar('--limited', dark ? '#b69cff' : '#7a4fc9');
  const hits = cssVar('--hits', dark ? '#6cc4ef' : '#1f7aa6');
  const surface = cssVar('--surface-2', dark ? '#1d2126' : '#f3f4f2');
  const border = cssVar('--border', dark ? '#2a2f36' : '#e2e4e0');
  const text = cssVar('--text', dark ? '#e8eaed' : '#17191c');
  monaco.editor.defineTheme('scale-lab', {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: c(accent), fontStyle: 'bold' },
      { token: 'operator.sql', foreground: c(accent) },
      { token: 'string', foreground: c(ok) },
      { token: 'string.path', foreground: c(text), fontStyle: 'bold' },
      { token: 'number', foreground: c(warn) },
      { token: 'comment', foreground: c(muted), fontStyle: 'italic' },
      { token: 'comment.separator', foreground: c(limited), fontStyle: 'bold' },
      { token: 'attribute.name', foreground: c(hits) },
      { token: 'type', foreground: c(limited) },
      { token: 'predefined.sql', foreground: c(limited) },
    ],
    colors: {
      'editor.background': surface,
      'editor.foreground': text,
      'editorGutter.background': surface,
      'editorLineNumber.foreground': muted,
      'editorLineNumber.activeForeground': text,
      'editor.lineHighlightBackground': `${surface}00`,
      'editor.lineHighlightBorder': border,
      'editorCursor.foreground': accent,
      focusBorder: accent,
      'editorWidget.background': cssVar('--surface', dark ? '#16191d' : '#ffffff'),
      'editorWidget.border': border,
    },
  });
  monaco.editor.setTheme('scale-lab');
}

let themeWatched = false;

/** Re-themes every editor when the learner flips the theme toggle or the system scheme changes. */
export function watchLabTheme(): void {
  applyLabTheme();
  if (themeWatched) return;
  themeWatched = true;
  new MutationObserver(applyLabTheme).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyLabTheme);
}

export { monaco };
