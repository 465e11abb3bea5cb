import fs from 'node:fs';
import path from 'node:path';
import type { LearnerRow } from '../db/app-db';
import { sandboxDiskBytes } from '../db/sandboxes';
import type { ProgressItem } from '../lessons/progress';

export type RosterEntry = {
  learnerId: string;
  nickname: string;
  currentLesson: string | null;
  lastSeenAt: string | null;
  checksPassed: number;
  predictions: number;
  quizCorrect: number;
  quizAnswered: number;
  /** The node whose disk holds the learner's sandbox (where nginx sends them), if known. */
  node: string | null;
  /** A run going anywhere in the room; lastP95 is null until its first second, or when its node did not answer. */
  run: { runId: string; node: string; rate: number; seconds: number; lastP95: number | null } | null;
  /** Their sandbox file's size, or null when it lives on another node's disk. */
  diskBytes: number | null;
};

/** A run this node holds (the run manager's view): it knows the live numbers. */
export type LocalRun = { runId: string; learnerId: string; rate: number; seconds: number; lastP95: number | null };
/** A run anywhere in the room, as its reservation in the room's budget says. */
export type RoomRun = { runId: string; learnerId: string; nodeId: string; rate: number; createdAt: string };

export type RosterInput = {
  learners: (LearnerRow & { node_id: string | null })[];
  progress: Map<string, ProgressItem[]>;
  localRuns: LocalRun[];
  roomRuns: RoomRun[];
  /** Live numbers of runs on other nodes, as those nodes reported them (GET /api/workshop/runs). */
  remoteRuns?: LocalRun[];
  nodeId: string;
  dataDir: string;
  now?: Date;
};

/** Nicknames are chosen by learners; learners who never joined get a stable anonymous name. */
export function displayName(learnerId: string, nickname: string | null): string {
  return nickname ?? `anonymous-${learnerId.slice(4, 8)}`;
}

/**
 * Every learner in the room, on every node. Runs on this node come with their live numbers;
 * runs elsewhere with what their reservation in the room budget says (rate, age, node).
 */
export function roster(input: RosterInput): RosterEntry[] {
  const now = (input.now ?? new Date()).getTime();
  const local = new Map(input.localRuns.map((r) => [r.learnerId, r]));
  const room = new Map(input.roomRuns.map((r) => [r.learnerId, r]));
  const remote = new Map((input.remoteRuns ?? []).map((r) => [r.runId, r]));
  return input.learners.map((l) => {
    const items = input.progress.get(l.id) ?? [];
    const quiz = items.filter((i) => i.kind === 'quiz');
    const mine = local.get(l.id);
    const elsewhere = room.get(l.id);
    const reported = elsewhere && remote.get(elsewhere.runId);
    const run = mine
      ? { runId: mine.runId, node: input.nodeId, rate: mine.rate, seconds: mine.seconds, lastP95: mine.lastP95 }
      : elsewhere
        ? {
            runId: elsewhere.runId,
            node: elsewhere.nodeId,
            rate: elsewhere.rate,
            seconds: reported
              ? reported.seconds
              : Math.max(0, Math.floor((now - Date.parse(elsewhere.createdAt)) / 1000)),
            lastP95: reported?.lastP95 ?? null,
          }
        : null;
    const here = l.node_id === null || l.node_id === input.nodeId;
    return {
      learnerId: l.id,
      nickname: displayName(l.id, l.nickname),
      currentLesson: l.current_lesson,
      lastSeenAt: l.last_seen_at,
      checksPassed: items.filter((i) => i.kind === 'check').length,
      predictions: items.filter((i) => i.kind === 'prediction').length,
      quizCorrect: quiz.filter((i) => i.kind === 'quiz' && i.value.correct).length,
      quizAnswered: quiz.length,
      node: l.node_id,
      run,
      diskBytes: here ? sandboxDiskBytes(input.dataDir, l.sandbox_id) : null,
    };
  });
}

/** Disk used by every sandbox file on this node: the number idle cleanup keeps bounded. */
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
