import fs from 'node:fs';
import path from 'node:path';
import { templatePath } from './template';

/** Thrown while a sandbox is being reset; the API answers 503 + Retry-After. */
/** Recreating this sandbox's file would take the server past its ceiling on sandboxes or disk. */
export class ServerFullError extends Error {}

export class SandboxBusyError extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId} is being reset`);
  }
}

const SANDBOX_ID = /^sbx_[a-z0-9]{20}$/;

export function isSandboxId(id: string): boolean {
  return SANDBOX_ID.test(id);
}

/** Ids come from signed tokens, but the path is still checked so no id can escape the folder. */
export function sandboxPath(dataDir: string, id: string): string {
  if (!isSandboxId(id)) throw new Error(`invalid sandbox id: ${id}`);
  return path.join(dataDir, 'sandboxes', `${id}.db`);
}

export function sandboxExists(dataDir: string, id: string): boolean {
  return fs.existsSync(sandboxPath(dataDir, id));
}

/**
 * A sandbox is a plain copy of the template: copy_file_range makes this a fraction of a
 * second even at full scale. Copy to a temporary name, then rename, so a reader never sees
 * a half-copied file.
 */
export function createSandboxFile(dataDir: string, id: string): { ms: number } {
  const started = performance.now();
  const file = sandboxPath(dataDir, id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.copy-${process.pid}`;
  fs.copyFileSync(templatePath(dataDir), tmp);
  fs.renameSync(tmp, file);
  return { ms: performance.now() - started };
}

/** Removes the database and its WAL side files. The caller must have closed its handle. */
export function removeSandboxFiles(dataDir: string, id: string): void {
  const file = sandboxPath(dataDir, id);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

export function sandboxDiskBytes(dataDir: string, id: string): number {
  const file = sandboxPath(dataDir, id);
  let total = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      total += fs.statSync(/*turbopackIgnore: true*/ f).size;
    } catch {
      // a missing WAL file simply adds nothing
    }
  }
  return total;
}
