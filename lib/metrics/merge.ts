import { AggregatorRegistry } from 'prom-client';
import { isProcessWide, type MetricFamily } from './names';

/**
 * One exposition from the two threads' registries. Families that both threads report (the
 * per-thread default metrics) become one family whose series differ by the `thread` label;
 * process-wide families come from the main thread only and lose that label, so nothing is
 * counted twice. Never aggregates across threads: the label keeps the series apart.
 */
export async function mergeMetrics(main: MetricFamily[], worker: MetricFamily[]): Promise<string> {
  const mainFamilies = main.map((f) =>
    isProcessWide(f.name) ? { ...f, values: f.values.map((v) => ({ ...v, labels: withoutThread(v.labels) })) } : f,
  );
  const workerFamilies = worker.filter((f) => !isProcessWide(f.name));
  const merged = AggregatorRegistry.aggregate([mainFamilies, workerFamilies] as never);
  const text = await merged.metrics();
  return text.endsWith('\n') ? text : `${text}\n`;
}

function withoutThread(labels: Record<string, string | number>): Record<string, string | number> {
  const { thread: _thread, ...rest } = labels;
  return rest;
}
