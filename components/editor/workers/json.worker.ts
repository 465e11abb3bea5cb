// Monaco's JSON language worker (folding, validation), for the scratchpad's response viewer.
import 'monaco-editor/language/json/json.worker';
