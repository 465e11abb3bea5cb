import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { ensureTemplate } from '../db/template';
import { createSandboxFile } from '../db/sandboxes';
import { QueryRecorder } from '../db/recorder';

/** A tiny but real dataset: 1,000 users, 100 products, 10,000 orders. Builds in well under a second. */
export const TEST_SCALE = 0.01;

export function makeTempDataDir(prefix = 'scale-lab-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A data dir with a built template; remove it with `cleanup()`. */
export function createTestDataDir(scale = TEST_SCALE) {
  const dataDir = makeTempDataDir();
  ensureTemplate(dataDir, scale);
  return { dataDir, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** A sandbox database (a real file copied from the template) and a recorder over it. */
export function openTestSandbox(dataDir: string, sandboxId = 'sbx_testtesttesttesttest'): { db: Db; q: QueryRecorder } {
  createSandboxFile(dataDir, sandboxId);
  const db = openDatabase(path.join(dataDir, 'sandboxes', `${sandboxId}.db`));
  return { db, q: new QueryRecorder(db) };
}
