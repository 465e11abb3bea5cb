import { describeClusterContract } from './contract';
import { memoryNodeRegistry, memoryRateBudget, memorySignalHub } from './memory';

// The embedded default: one process, so every "node" shares the same in-memory state.
describeClusterContract('in-process', async () => {
  const deadAfterMs = 800;
  const nodes = memoryNodeRegistry({ deadAfterMs });
  const budget = memoryRateBudget(nodes);
  const hub = memorySignalHub();
  const buses = new Set<ReturnType<typeof hub.open>>();
  return {
    deadAfterMs,
    async node(id) {
      const signals = hub.open(id);
      buses.add(signals);
      return { nodes, budget, signals };
    },
    async close() {
      await Promise.all([...buses].map((b) => b.close()));
    },
  };
});
