import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ensureTemplate, templatePath } from '../lib/db/template';

/**
 * Everything a bench touches on disk lives under one temp folder per run, never in ./data:
 * other people's sandboxes must not be disturbed and a bench must not be sped up or slowed
 * down by whatever state the dev data dir happens to be in.
 */

// bench/ when run from source, .build/ when bundled: the repo root is one level up in both.
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Same variable and bounds as lib/config.ts, so the bench measures the dataset the app serves. */
export function benchScale(): number {
  const raw = process.env.SCALE_LAB_SCALE;
  const scale = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!(scale > 0 && scale <= 4)) throw new Error(`SCALE_LAB_SCALE must be in (0, 4], got ${raw}`);
  return scale;
}

// Synchronous on purpose: these also run from a SIGINT handler, where awaiting is not possible.
const cleanups: Array<() => void> = [];
export function addCleanup(fn: () => void): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}
export function runCleanups(): void {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch (err) {
      console.error('[bench] cleanup failed:', err);
    }
  }
}

let root: string | null = null;
function runRoot(): string {
  if (!root) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-bench-'));
    root = dir;
    addCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return root;
}

// Building the template costs ~6 s at full scale; do it once per run and copy it per bench.
const templates = new Map<number, string>();
function templateDir(scale: number): string {
  let dir = templates.get(scale);
  if (!dir) {
    dir = path.join(runRoot(), `template-${scale}`);
    const t0 = performance.now();
    process.stdout.write(`  building the template dataset (scale ${scale}) ... `);
    const r = ensureTemplate(dir, scale);
    console.log(
      `${((performance.now() - t0) / 1000).toFixed(1)} s` +
        (r.size ? ` (${r.size.orders.toLocaleString('en-US')} orders)` : ''),
    );
    templates.set(scale, dir);
  }
  return dir;
}

/** A fresh data dir holding only a current template.db for `scale` (the app/lab server adds the rest). */
export function freshDataDir(name: string, scale: number): string {
  const src = templatePath(templateDir(scale));
  const dir = path.join(runRoot(), name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(src, templatePath(dir));
  return dir;
}

/** Well-formed sandbox id (`sbx_` + 20 of [a-z0-9]), the shape lib/db/sandboxes.ts accepts. */
export function randomSandboxId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = 'sbx_';
  for (const b of randomBytes(20)) out += alphabet[b % alphabet.length];
  return out;
}

export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));
