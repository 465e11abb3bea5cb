import { describe, expect, it } from 'vitest';
import { FairQueue, type FairJob } from './fair-queue';

type Job = FairJob & { name: string };
const job = (key: string, name: string, dropped: string[] = [], cancelled = false): Job => ({
  key,
  name,
  cancelled: () => cancelled,
  onDropped: () => dropped.push(name),
});
const drain = (q: FairQueue<Job>) => {
  const out: string[] = [];
  for (let j = q.take(); j; j = q.take()) out.push(j.name);
  return out;
};

describe('FairQueue', () => {
  it('serves sandboxes round robin, each in its own order', () => {
    const q = new FairQueue<Job>();
    for (let i = 1; i <= 4; i++) q.push(job('busy', `busy${i}`));
    q.push(job('quiet', 'quiet1'));
    q.push(job('other', 'other1'));
    expect(q.length).toBe(6);
    // The quiet learner waits behind one of the busy learner's scans, not four.
    expect(drain(q)).toEqual(['busy1', 'quiet1', 'other1', 'busy2', 'busy3', 'busy4']);
    expect(q.length).toBe(0);
  });

  it('drops jobs whose client has gone when their turn comes', () => {
    const q = new FairQueue<Job>();
    const dropped: string[] = [];
    q.push(job('a', 'a1', dropped, true));
    q.push(job('a', 'a2', dropped));
    q.push(job('b', 'b1', dropped, true));
    expect(drain(q)).toEqual(['a2']);
    expect(dropped).toEqual(['a1', 'b1']);
  });

  it('a key that comes back joins the end of the line', () => {
    const q = new FairQueue<Job>();
    q.push(job('a', 'a1'));
    q.push(job('b', 'b1'));
    expect(q.take()?.name).toBe('a1');
    q.push(job('a', 'a2'));
    expect(drain(q)).toEqual(['b1', 'a2']);
  });

  it('clear hands every job back', () => {
    const q = new FairQueue<Job>();
    q.push(job('a', 'a1'));
    q.push(job('b', 'b1'));
    const seen: string[] = [];
    q.clear((j) => seen.push(j.name));
    expect(seen.sort()).toEqual(['a1', 'b1']);
    expect(q.take()).toBeUndefined();
  });
});
