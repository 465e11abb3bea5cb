import { describe, expect, it } from 'vitest';
import { decodeExperiment, encodeExperiment } from '@/lib/share/experiment';
import { workloadChanges } from './experiment-view';

describe('a shared workload, as the share page shows it', () => {
  it('reads a link any Scale Lab server could run, longer than this one allows by default', () => {
    const link = encodeExperiment({ v: 1, knobs: {}, workload: { model: 'constant-arrival', durationSec: 120 } });
    const opened = decodeExperiment(link);
    if (!opened.ok) throw new Error(opened.problems.join('; '));
    const { profile, changes } = workloadChanges(opened.experiment.workload);
    expect(profile.durationSec).toBe(120);
    expect(changes).toEqual([{ what: 'Duration (s)', before: '10', after: '120' }]);
  });
});
