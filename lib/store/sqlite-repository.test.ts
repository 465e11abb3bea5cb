import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppDb } from '../db/app-db';
import { describeRepositoryContract } from './contract';
import { sqliteRepository } from './sqlite-repository';

// The embedded default: a real app.db file, migrated as `npm start` migrates it.
describeRepositoryContract('SQLite (app.db)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-repo-'));
  const db = openAppDb(dir);
  return {
    repo: sqliteRepository(db, { nodeId: 'node-a' }),
    nodeId: 'node-a',
    async close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
