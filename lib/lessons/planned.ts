/**
 * Lessons that are planned but may not be written yet (the advanced part of the course). The
 * home page lists the ones whose folder does not exist yet as coming, without links, so the
 * course map is honest about what exists; a written lesson with the same slug replaces its entry.
 */
export const PLANNED_LESSONS = [
  { slug: 'stateless-by-design', title: 'Stateless by design', summary: 'Why signed tokens survive a load balancer and server-side sessions do not.' },
  { slug: 'load-balancing', title: 'Load balancing', summary: 'Scale out in a simulation driven by service times measured on your sandbox.' },
  { slug: 'queues-for-slow-writes', title: 'Queues for slow writes', summary: 'Answer 202 and let a worker do the slow part; what the client must then handle.' },
  { slug: 'read-replicas', title: 'Read replicas', summary: 'Stale reads and read-your-writes, and how to fix them.' },
  { slug: 'api-versioning', title: 'API versioning', summary: 'Ship a breaking change beside the old version and retire it politely.' },
  { slug: 'capstone-survive-the-spike', title: 'Capstone: survive the spike', summary: 'A 10x spike with an abusive client: bring p95 under target with what you learned.' },
];

export function plannedNotWritten(writtenSlugs: readonly string[]) {
  return PLANNED_LESSONS.filter((p) => !writtenSlugs.includes(p.slug));
}
