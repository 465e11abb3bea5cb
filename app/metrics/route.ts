import { METRICS_CONTENT_TYPE, renderMetrics } from '@/lib/main-thread/metrics';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape target: the Shop API's RED metrics from the lab server worker merged with
 * this process's own (event loops, memory, load runs). No learner data: labels are route
 * templates, methods, statuses and thread names only.
 */
export async function GET() {
  return new Response(await renderMetrics(), {
    headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}
