// Monaco's editor worker (diffing, word ranges, link detection), bundled from the local package.
import 'monaco-editor/editor/editor.worker';
