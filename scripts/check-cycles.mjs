// `npm run check:cycles`: fails when the folders of lib/ import each other in a circle.
// dependency-cruiser builds the import graph (type-only imports included) with every module
// collapsed to its lib/ folder (.dependency-cruiser.cjs); the strongly connected components
// of that graph are the cycles. A cycle listed in .dependency-cruiser-known-cycles.json is
// reported but tolerated (the list is meant to shrink to empty); any other cycle fails, and so
// does a listed one that is gone (so the list only shrinks). `--update` rewrites the list.
// It also fails when a folder of lib/ imports lib/main-thread (the layers: .dependency-cruiser.cjs).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const require = createRequire(import.meta.url);
const config = require(path.join(root, '.dependency-cruiser.cjs'));
const knownFile = path.join(root, '.dependency-cruiser-known-cycles.json');
const known = fs.existsSync(knownFile) ? JSON.parse(fs.readFileSync(knownFile, 'utf8')) : [];

const result = await cruise(['lib'], { ...config.options, validate: false }, undefined, {
  tsConfig: JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')),
});
const modules = result.output.modules.filter((m) => m.source.startsWith('lib/'));

/** Folder (or file directly in lib/) -> the folders and files it imports. */
const edges = new Map();
for (const m of modules) {
  const out = new Set();
  for (const d of m.dependencies) {
    if (!d.resolved.startsWith('lib/') || d.resolved === m.source) continue;
    out.add(d.resolved);
  }
  edges.set(m.source, out);
}

// Tarjan's strongly connected components: every component with more than one folder is a cycle.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let next = 0;
function visit(v) {
  index.set(v, next);
  low.set(v, next++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v), index.get(w)));
    }
  }
  if (low.get(v) === index.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) components.push(c.sort());
  }
}
for (const v of edges.keys()) if (!index.has(v)) visit(v);

const key = (c) => c.join(' ');
const knownKeys = new Set(known.map((c) => key([...c].sort())));
const fresh = components.filter((c) => !knownKeys.has(key(c)));
const gone = known.filter((c) => !components.some((k) => key(k) === key([...c].sort())));

for (const c of components) {
  const inner = c.flatMap((a) => [...(edges.get(a) ?? [])].filter((b) => c.includes(b)).map((b) => `${a} -> ${b}`));
  console.log(`${knownKeys.has(key(c)) ? 'known' : 'NEW'} cycle between ${c.join(', ')}:\n  ${inner.join('\n  ')}`);
}
if (gone.length)
  console.log(
    `no longer a cycle (remove from ${path.basename(knownFile)}): ${gone.map((c) => c.join(', ')).join('; ')}`,
  );
// lib/main-thread is the composition root: app/ and instrumentation*.ts import it, lib/ never does
// (a folder importing it would depend on nearly everything, cycle or not).
const ROOT = 'lib/main-thread';
const intoRoot = [...edges].filter(([from, to]) => from !== ROOT && to.has(ROOT)).map(([from]) => from);
if (intoRoot.length)
  console.log(`${intoRoot.join(', ')} import ${ROOT}, the composition root: only app/ and instrumentation*.ts may`);
console.log(`${modules.length} lib/ folders and files, ${components.length} cycle(s), ${fresh.length} new`);
if (process.argv.includes('--update')) {
  fs.writeFileSync(knownFile, `${JSON.stringify(components, null, 2)}\n`);
  console.log(`wrote ${components.length} cycle(s) to ${path.basename(knownFile)}`);
  process.exit(0);
}
if (fresh.length)
  console.log(
    'A new import cycle between folders of lib/: see the edges above; .dependency-cruiser.cjs says how to break it.',
  );
process.exit(fresh.length > 0 || gone.length > 0 || intoRoot.length > 0 ? 1 : 0);
