import type { SimSource } from '@/lib/sim/schemas';
import { formatClock, formatMs, formatCount } from '@/lib/format';
import styles from './sim.module.css';

/**
 * The visible "Simulation" label every simulated figure sits under: it says what measured
 * input fed it, or, loudly, that nothing measured did.
 */
export function SimSourceLabel({ source }: { source: SimSource }) {
  if (source.kind === 'assumed') {
    return (
      <p className={`${styles.label} ${styles.labelAssumed}`} data-testid="sim-source">
        <strong className={styles.badge}>Simulation</strong>
        <span>
          <strong>Assumed service times, not measured.</strong> {source.reason} Open <strong>Load</strong> in the lab
          panel and press <strong>Run</strong>; the next simulation resamples your own latencies.
        </span>
      </p>
    );
  }
  const when = formatClock(source.startedAt);
  return (
    <p className={styles.label} data-testid="sim-source">
      <strong className={styles.badge}>Simulation</strong>
      <span>
        Fed by your run <code>{source.runId.slice(0, 8)}</code> at {when}: {formatCount(source.responses)} measured
        responses
        {source.endpoints.length > 0 && <> from {source.endpoints.join(', ')}</>} (p50 {formatMs(source.p50Ms)}, p99{' '}
        {formatMs(source.p99Ms)}, mean {formatMs(source.meanMs)}). Each simulated request costs a draw from that
        distribution.
      </span>
    </p>
  );
}
