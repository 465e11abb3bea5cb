import { describe, expect, it } from 'vitest';
import { blockingTasks, firstPaintHeld, simulatedTasks, taskSource } from '../bench/lighthouse-blocking';

describe('blockingTasks', () => {
  it('counts what a task spends beyond 50 ms after FCP, largest first', () => {
    const tasks = [
      { url: 'a.js', startTime: 2000, duration: 100 },
      { url: 'b.js', startTime: 2200, duration: 180 },
      { url: 'c.js', startTime: 2500, duration: 50 },
    ];
    expect(blockingTasks(tasks, 900).map((t) => [t.url, t.blocking])).toEqual([
      ['b.js', 130],
      ['a.js', 50],
    ]);
  });

  it('clips a task that began before FCP to the part after it', () => {
    // Lighthouse's report of /lessons/indexes: a 218 ms layout starting at 873 ms, FCP at 839 ms,
    // blocks for all of its 218 - 50 ms; the same task from 812 ms with FCP at 842 ms for 169 - 50.
    expect(blockingTasks([{ url: 'doc', startTime: 873, duration: 218 }], 839)[0]?.blocking).toBe(168);
    expect(blockingTasks([{ url: 'doc', startTime: 812, duration: 199 }], 842)[0]?.blocking).toBe(119);
    // Over before FCP: nothing.
    expect(blockingTasks([{ url: 'doc', startTime: 100, duration: 300 }], 842)).toEqual([]);
  });
});

describe('simulatedTasks', () => {
  it('keeps the rows with a start and a duration', () => {
    expect(
      simulatedTasks([
        { url: 'x.js', startTime: 1, duration: 60 },
        { url: 'y.js', duration: 70 },
        { startTime: 5, duration: 80 },
      ]),
    ).toEqual([
      { url: 'x.js', startTime: 1, duration: 60 },
      { url: '', startTime: 5, duration: 80 },
    ]);
    expect(simulatedTasks(undefined)).toEqual([]);
  });
});

describe('taskSource', () => {
  it('names the document, a chunk by file, and Lighthouse\u2019s own label', () => {
    const page = 'http://127.0.0.1:3205/lessons/indexes';
    expect(taskSource(page, page)).toBe('document (parse/style/layout)');
    expect(taskSource('http://127.0.0.1:3205/_next/static/chunks/0ybv8mj2f-1lj.js', page)).toBe('0ybv8mj2f-1lj.js');
    expect(taskSource('Unattributable', page)).toBe('Unattributable');
  });
});

describe('firstPaintHeld', () => {
  it('is true when the first frame came after the load event, false otherwise or without both figures', () => {
    // Two runs of /lessons/caching-in-layers on 2026-12-04: load at 375 ms and first paint at 1,326 ms; then a normal one.
    expect(firstPaintHeld({ observedFirstContentfulPaint: 1326, observedLoad: 375 })).toBe(true);
    expect(firstPaintHeld({ observedFirstContentfulPaint: 225, observedLoad: 296 })).toBe(false);
    expect(firstPaintHeld({ observedFirstContentfulPaint: 1326 })).toBe(false);
    expect(firstPaintHeld(undefined)).toBe(false);
  });
});
