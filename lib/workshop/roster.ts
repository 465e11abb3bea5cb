import fs from 'node:fs';
import path from 'node:path';
import { listLearners } from '../db/app-db';
import { sandboxDiskBytes } from '../db/sandboxes';
import { progressItems } from '../lessons/progress';
import type { RunManager } from '../runs/manager';
import type { AppRuntime } from '../runtime';

export type RosterEntry = {
  learnerId: string;
  nickname: string;
  currentLesson: string | null;
  lastSeenAt: string | null;
  checksPassed: number;
  predictions: number;
  quizCorrect: number;
  quizAnswered: number;
  run: { runId: string; rate: number; seconds: number; lastP95: number | null } | null;
  diskBytes: number;
};

/** Nicknames are chosen by learners; learners who never joined get a stable anonymous name. */
export function displayName(learnerId: string, nickname: string | null): string {
  return nickname ?? `anonymous-${learnerId.slice(4, 8)}`;
}

export function roster(rt: AppRuntime, runs: RunManager | undefined): RosterEntry[] {
  const live = new Map((runs?.activeRuns() ?? []).map((r) => [r.learnerId, r]));
  return listLearners(rt.appDb).map((l) => {
    const items = progressItems(rt.appDb, l.id);
    const quiz = items.filter((i) => i.kind === 'quiz');
    const run = live.get(l.id);
    return {
      learnerId: l.id,
      nickname: displayName(l.id, l.nickname),
      currentLesson: l.current_lesson,
      lastSeenAt: l.last_seen_at,
      checksPassed: items.filter((i) => i.kind === 'check').length,
      predictions: items.filter((i) => i.kind === 'prediction').length,
      quizCorrect: quiz.filter((i) => i.kind === 'quiz' && i.value.correct).length,
      quizAnswered: quiz.length,
      run: run ? { runId: run.runId, rate: run.rate, seconds: run.seconds, lastP95: run.lastP95 } : null,
      diskBytes: sandboxDiskBytes(rt.config.dataDir, l.sandbox_id),
    };
  });
}

/** Disk used by every sandbox file: the number idle cleanup keeps bounded. */
export function sandboxesDiskBytes(dataDir: string): number {
  const dir = path.join(dataDir, 'sandboxes');
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return 0;
  let total = 0;
  for (const f of fs.readdirSync(/*turbopackIgnore: true*/ dir)) {
    try {
      total += fs.statSync(/*turbopackIgnore: true*/ path.join(dir, f)).size;
    } catch {
      // removed while we looked
    }
  }
  return total;
}

/** The anonymised progress table for the end of a workshop: nicknames become numbers. */
export function rosterCsv(entries: RosterEntry[]): string {
  const header = 'learner,current_lesson,checks_passed,predictions,quiz_correct,quiz_answered';
  const rows = entries.map((e, i) =>
    [`learner-${i + 1}`, e.currentLesson ?? '', e.checksPassed, e.predictions, e.quizCorrect, e.quizAnswered].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}
