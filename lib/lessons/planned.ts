/**
 * Lessons that are planned but not written yet (the advanced part of the course). The home
 * page lists them as coming, without links, so the course map is honest about what exists.
 */
export const PLANNED_LESSONS = [
  { title: 'Stateless by design', summary: 'Why signed tokens survive a load balancer and server-side sessions do not.' },
  { title: 'Load balancing', summary: 'Scale out in a simulation driven by service times measured on your sandbox.' },
  { title: 'Queues for slow writes', summary: 'Answer 202 and let a worker do the slow part; what the client must then handle.' },
  { title: 'Read replicas', summary: 'Stale reads and read-your-writes, and how to fix them.' },
  { title: 'API versioning', summary: 'Ship a breaking change beside the old version and retire it politely.' },
  { title: 'Capstone: survive the spike', summary: 'A 10x spike with an abusive client: bring p95 under target with what you learned.' },
];
