import { describe, expect, it } from 'vitest';
import { roster, rosterCsv, type RosterInput } from './roster';

const learner = (id: string, node: string | null, nickname: string | null = null) => ({
  id,
  nickname,
  created_at: '2026-12-03T08:00:00.000Z',
  current_lesson: 'indexes',
  last_seen_at: null,
  sandbox_id: `sbx_${id.slice(4).padEnd(20, '0')}`,
  sandbox_last_used_at: '2026-12-03T08:00:00.000Z',
  node_id: node,
});

const input: RosterInput = {
  learners: [
    learner('lrn_aaaaaaaa', 'node-a', 'ada'),
    learner('lrn_bbbbbbbb', 'node-b'),
    learner('lrn_cccccccc', null),
  ],
  progress: new Map([
    [
      'lrn_aaaaaaaa',
      [
        {
          lesson: 'indexes',
          kind: 'check',
          item: 'c1',
          value: { detail: 'ok', runIds: [] },
          updatedAt: '2026-12-03T08:01:00.000Z',
        },
      ],
    ],
  ]) as RosterInput['progress'],
  localRuns: [{ runId: 'run_a', learnerId: 'lrn_aaaaaaaa', rate: 20, seconds: 4, lastP95: 3.5 }],
  roomRuns: [
    { runId: 'run_a', learnerId: 'lrn_aaaaaaaa', nodeId: 'node-a', rate: 20, createdAt: '2026-12-03T08:59:56.000Z' },
    { runId: 'run_b', learnerId: 'lrn_bbbbbbbb', nodeId: 'node-b', rate: 15, createdAt: '2026-12-03T08:59:50.000Z' },
  ],
  nodeId: 'node-a',
  dataDir: '/nonexistent',
  now: new Date('2026-12-03T09:00:00.000Z'),
};

describe('the room roster', () => {
  it('lists every learner with their node; runs here with live numbers, runs elsewhere from their reservation', () => {
    const [a, b, c] = roster(input);
    expect(a).toMatchObject({
      nickname: 'ada',
      node: 'node-a',
      checksPassed: 1,
      run: { runId: 'run_a', node: 'node-a', rate: 20, seconds: 4, lastP95: 3.5 },
      diskBytes: 0,
    });
    expect(b).toMatchObject({
      nickname: 'anonymous-bbbb',
      node: 'node-b',
      run: { runId: 'run_b', node: 'node-b', rate: 15, seconds: 10, lastP95: null },
      // The file is on node-b's disk: this node cannot measure it.
      diskBytes: null,
    });
    expect(c).toMatchObject({ node: null, run: null, diskBytes: 0 });
  });

  it("shows a run elsewhere with the numbers its node reported, and only that run's", () => {
    const remoteRuns = [
      { runId: 'run_b', learnerId: 'lrn_bbbbbbbb', rate: 15, seconds: 9, lastP95: 41.2 },
      // A run that has ended since (no reservation any more) shows nowhere.
      { runId: 'run_gone', learnerId: 'lrn_cccccccc', rate: 5, seconds: 30, lastP95: 9 },
    ];
    const [, b, c] = roster({ ...input, remoteRuns });
    expect(b!.run).toEqual({ runId: 'run_b', node: 'node-b', rate: 15, seconds: 9, lastP95: 41.2 });
    expect(c!.run).toBeNull();
  });

  it('exports the whole room, anonymised', () => {
    const csv = rosterCsv(roster(input));
    expect(csv.trim().split('\n')).toHaveLength(4);
    expect(csv).not.toContain('ada');
    expect(csv).not.toContain('lrn_');
  });
});
