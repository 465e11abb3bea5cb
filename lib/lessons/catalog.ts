/**
 * The course outline. The lesson system (MDX, checks, quizzes) replaces this list later;
 * until then each entry says what the lesson will have the learner do.
 */
export type LessonEntry = {
  slug: string;
  number: number;
  title: string;
  summary: string;
  minutes: number;
  part: 'core' | 'advanced';
};

export const LESSONS: LessonEntry[] = [
  { number: 1, slug: 'the-2am-page', part: 'core', minutes: 12, title: 'The 2 AM page', summary: 'Fire load at an unoptimised API and watch p95 climb as traffic grows.' },
  { number: 2, slug: 'resources-and-status-codes', part: 'core', minutes: 15, title: 'Resources, methods and status codes', summary: 'Send real requests and read what 201, 404, 409, 422 and 429 tell a client.' },
  { number: 3, slug: 'indexes', part: 'core', minutes: 15, title: 'Indexes', summary: 'Turn a table scan into an index search and measure the difference, and what it costs writes.' },
  { number: 4, slug: 'pagination', part: 'core', minutes: 15, title: 'Pagination', summary: 'Offset versus cursor: latency by page depth, and rows that skip when data moves.' },
  { number: 5, slug: 'caching-in-layers', part: 'core', minutes: 20, title: 'Caching in layers', summary: 'ETags, 304s and an application cache: hit ratios under uniform and skewed keys.' },
  { number: 6, slug: 'rate-limiting', part: 'core', minutes: 15, title: 'Rate limiting', summary: 'Stop one buggy client from taking everyone down; compare three algorithms.' },
  { number: 7, slug: 'measuring-what-matters', part: 'core', minutes: 15, title: 'Measuring what matters', summary: 'Percentiles, not averages; open versus closed load and coordinated omission.' },
  { number: 8, slug: 'common-mistakes', part: 'core', minutes: 12, title: 'Common mistakes', summary: 'N+1 queries and over-fetching, measured on your own API.' },
  { number: 9, slug: 'stateless-by-design', part: 'advanced', minutes: 12, title: 'Stateless by design', summary: 'Why signed tokens survive a load balancer and server-side sessions do not.' },
  { number: 10, slug: 'load-balancing', part: 'advanced', minutes: 20, title: 'Load balancing', summary: 'Scale out in a simulation driven by service times measured on your sandbox.' },
  { number: 11, slug: 'queues-for-slow-writes', part: 'advanced', minutes: 15, title: 'Queues for slow writes', summary: 'Answer 202 and let a worker do the slow part; what the client must then handle.' },
  { number: 12, slug: 'read-replicas', part: 'advanced', minutes: 15, title: 'Read replicas', summary: 'Stale reads and read-your-writes, and how to fix them.' },
  { number: 13, slug: 'api-versioning', part: 'advanced', minutes: 10, title: 'API versioning', summary: 'Ship a breaking change beside the old version and retire it politely.' },
  { number: 14, slug: 'survive-the-spike', part: 'advanced', minutes: 30, title: 'Capstone: survive the spike', summary: 'A 10x spike with an abusive client: bring p95 under target with what you learned.' },
];

export function findLesson(slug: string): LessonEntry | undefined {
  return LESSONS.find((l) => l.slug === slug);
}
