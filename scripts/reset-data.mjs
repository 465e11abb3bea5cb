// `npm run reset-data`: delete every sandbox, learner and the template. Stop the server first.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.env.SCALE_LAB_DATA_DIR ?? './data');
if (!fs.existsSync(dir)) {
  console.log(`Nothing to reset: ${dir} does not exist.`);
  process.exit(0);
}
for (const name of ['sandboxes', 'app.db', 'app.db-wal', 'app.db-shm', 'template.db']) {
  fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}
console.log(
  `Reset ${dir}: learners, sandboxes and the template are gone; the next start rebuilds them. secret.key was kept.`,
);
