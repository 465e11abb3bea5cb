import { describe, expect, it } from 'vitest';
import { findLesson } from './loader';

/**
 * The capstone's prose states the arithmetic of its own workload (who sends what, how many orders
 * arrive, what the workers and the limiter let through). These figures are computed here from the
 * lesson's frontmatter and the sentences must say them: change the workload and this test names the
 * sentence that is no longer true. The measured side (each lever alone fails, the combination
 * passes) is `npm run bench -- --only capstone`.
 */
const lesson = findLesson('capstone-survive-the-spike');
if (!lesson) throw new Error('the capstone lesson is missing');
const { workload, solution, preset } = lesson.frontmatter;
// Prose wraps lines: compare with single spaces.
const text = lesson.body.replace(/\s+/g, ' ');

describe('the capstone says what its workload is', () => {
  if (!workload || workload.model !== 'constant-arrival' || !workload.spike || !workload.clients.abusive.enabled)
    throw new Error('the capstone workload must be a fixed-rate spike with an abusive client');
  const peak = workload.rate * workload.spike.multiple;
  const { count } = workload.clients;
  const { multiple } = workload.clients.abusive;
  const weights = Object.fromEntries(workload.mix.map((m) => [m.endpoint, m.weight]));
  const total = workload.mix.reduce((n, m) => n + m.weight, 0);
  const orderShare = (weights['create-order'] ?? 0) / total;
  const abuserShare = multiple / (count + multiple);
  const perClientPeak = peak / (count + multiple);
  const abuserPeak = perClientPeak * multiple;
  const limiter = solution?.rateLimit;
  const workers = solution?.writes?.workers ?? 0;
  const processingMs = preset.writes?.processingMs ?? 0;

  it('the mix, the abuser and the spike', () => {
    expect(text).toContain(`| 5-15 s | ${peak} req/s |`);
    expect(text).toContain(
      `lookups by email and order histories (${weights['user-by-email']} parts each), product list pages (${weights['products-page']}), and new orders (${weights['create-order']} parts: 1 request in ${1 / orderShare} is a write)`,
    );
    expect(weights['user-orders']).toBe(weights['user-by-email']);
    expect(text).toContain(
      `${count === 10 ? 'Ten' : count} clients share the traffic with one abusive client that sends ${multiple} times the share of each, so ${abuserShare * 5} requests in 5 come from the abuser`,
    );
    expect(text).toContain(
      `orders are 1 request in ${1 / orderShare}, so p95 cannot fall under ${processingMs.toLocaleString('en')} ms`,
    );
    // Sync orders wait the payment call: more than the slowest 5% of the legitimate clients' requests.
    expect(orderShare).toBeGreaterThan(0.05);
  });

  it("Show me's limiter and workers: room for the legitimate clients, none for the abuser unlimited", () => {
    if (!limiter?.limit || !limiter.windowSeconds || !limiter.burst) throw new Error('the solution has no limiter');
    const perSecond = limiter.limit / limiter.windowSeconds;
    const capacity = (workers * 1000) / processingMs;
    const legitOrders = perClientPeak * count * orderShare;
    const limitedOrders = legitOrders + perSecond * orderShare;
    const unlimitedOrders = peak * orderShare;
    expect(text).toContain(
      `a token bucket of ${limiter.limit} requests per ${limiter.windowSeconds} s (burst ${limiter.burst}) per client. Each legitimate client sends ${perClientPeak} requests a second at the peak, under that limit; the abuser sends ${abuserPeak}.`,
    );
    expect(text).toContain(
      `the legitimate clients place ${legitOrders} orders a second, and the limiter lets ${perSecond} of the abuser's requests a second through, ${perSecond * orderShare} of them an order. Eight workers at ${processingMs.toLocaleString('en')} ms an order place at most ${capacity} orders a second: enough for those ${limitedOrders}, not for the ${unlimitedOrders} a second that arrive without the limiter.`,
    );
    expect(workers).toBe(8);
    // The margins the design rests on: a legitimate client at under half its limit; the queue's
    // workers busy at most 2/3 of the time with the limiter, and swamped at least twice over without.
    expect(perClientPeak).toBeLessThanOrEqual(perSecond / 2);
    expect(limitedOrders / capacity).toBeLessThanOrEqual(2 / 3);
    expect(unlimitedOrders / capacity).toBeGreaterThanOrEqual(2);
  });
});
