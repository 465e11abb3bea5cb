// Copies the pipeline's own source files (listed in lib/source-view/catalog.json) into
// .build/sources.json at build time, so the lab's "Code" view shows exactly the code that
// was built and is serving the learner, not whatever the working tree holds later.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function snapshotSources(root) {
  const catalog = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'source-view', 'catalog.json'), 'utf8'));
  const files = catalog.files.map((entry) => {
    const text = fs.readFileSync(path.join(root, entry.path), 'utf8');
    return {
      ...entry,
      text,
      lines: text.split('\n').length,
      sha256: createHash('sha256').update(text).digest('hex').slice(0, 12),
    };
  });
  fs.mkdirSync(path.join(root, '.build'), { recursive: true });
  const out = path.join(root, '.build', 'sources.json');
  fs.writeFileSync(out, JSON.stringify({ builtAt: new Date().toISOString(), files }));
  return { count: files.length, bytes: fs.statSync(out).size };
}
