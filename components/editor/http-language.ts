import type * as Monaco from 'monaco-editor/editor/editor.api';
import { HTTP_METHODS } from '@/lib/scratchpad/http-file';

/**
 * Highlighting for the scratchpad's .http format (see lib/scratchpad/http-file.ts). Line by
 * line and stateless: request lines, "Name: value" headers, ### separators, comments, and
 * JSON tokens for the body. The parser, not the highlighter, decides what is valid.
 */
export function registerHttpLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === 'http')) return;
  monaco.languages.register({ id: 'http', extensions: ['.http'], aliases: ['HTTP'] });
  const methods = HTTP_METHODS.join('|');
  monaco.languages.setMonarchTokensProvider('http', {
    ignoreCase: true,
    tokenizer: {
      root: [
        [/^###.*$/, 'comment.separator'],
        [/^\s*(#|\/\/).*$/, 'comment'],
        [new RegExp(`^(${methods})(\\s+)(\\S+)`), ['keyword', 'white', 'string.path']],
        [/HTTP\/\d(\.\d)?/, 'comment'],
        [/^\/\S*/, 'string.path'],
        [/^([A-Za-z][\w-]*)(\s*:)(.*)$/, ['attribute.name', 'delimiter', 'attribute.value']],
        [/"([^"\\]|\\.)*"(?=\s*:)/, 'type'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/-?\d+(\.\d+)?([eE][+-]?\d+)?/, 'number'],
        [/\b(true|false|null)\b/, 'keyword'],
        [/[{}[\],:]/, 'delimiter'],
      ],
    },
  });
  monaco.languages.setLanguageConfiguration('http', {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '"', close: '"' },
    ],
  });
}
