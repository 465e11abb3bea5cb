/**
 * The response headers the lab shows, each with what it tells a client and the lessons that
 * teach it. One list for the Request tab's quick form and its scratchpad, so a header means
 * the same thing wherever a learner meets it. Lesson numbers and titles are checked against
 * the lessons themselves in header-docs.test.ts.
 */
export type LessonRef = { slug: string; number: number; title: string };
export type HeaderDoc = { name: string; note: string; lessons: LessonRef[] };

const L = {
  twoAm: { slug: 'the-2am-page', number: 1, title: 'The 2 AM page' },
  statusCodes: { slug: 'resources-and-status-codes', number: 2, title: 'Resources and status codes' },
  pagination: { slug: 'pagination', number: 4, title: 'Pagination' },
  caching: { slug: 'caching-in-layers', number: 5, title: 'Caching in layers' },
  rateLimiting: { slug: 'rate-limiting', number: 6, title: 'Rate limiting' },
  mistakes: { slug: 'common-mistakes', number: 8, title: 'Common mistakes, measured' },
  queues: { slug: 'queues-for-slow-writes', number: 11, title: 'Queues for slow writes' },
  replicas: { slug: 'read-replicas', number: 12, title: 'Read replicas and stale reads' },
  versioning: { slug: 'api-versioning', number: 13, title: 'API versioning' },
} satisfies Record<string, LessonRef>;

/** In the order a learner should read them. */
export const HEADER_DOCS: HeaderDoc[] = [
  {
    name: 'server-timing',
    lessons: [L.twoAm, L.mistakes],
    note: "Where the server spent its time: db is the database (and how many queries ran), total the whole pipeline, frontdoor the hop through this app's own server.",
  },
  {
    name: 'x-cache',
    lessons: [L.caching],
    note: 'HIT: the app cache answered without the database. MISS: it had to ask the database. BYPASS: the cache is off.',
  },
  {
    name: 'ratelimit',
    lessons: [L.rateLimiting],
    note: 'Your budget right now: r requests are left, and it is full again in t seconds.',
  },
  {
    name: 'ratelimit-policy',
    lessons: [L.rateLimiting],
    note: 'The limit you are under: q requests per window of w seconds.',
  },
  {
    name: 'retry-after',
    lessons: [L.rateLimiting, L.queues],
    note: 'Seconds to wait before asking again: on a 429, until the limit lets you in; on a 202, until the job is worth polling.',
  },
  {
    name: 'location',
    lessons: [L.statusCodes, L.queues],
    note: 'Where the resource you just created lives; on a 202, where to poll the job.',
  },
  {
    name: 'link',
    lessons: [L.pagination, L.versioning],
    note: 'Related URLs: rel="next" is the next page of a list, rel="successor-version" the newer version of this resource, rel="deprecation" a page that explains why.',
  },
  {
    name: 'deprecation',
    lessons: [L.versioning],
    note: 'This API version is deprecated, since the date after the @ (seconds since 1970, RFC 9745). It still works; Link names its successor.',
  },
  {
    name: 'sunset',
    lessons: [L.versioning],
    note: 'After this date this version may stop answering (RFC 8594): move before then.',
  },
  { name: 'api-version', lessons: [L.versioning], note: 'The version of the API that answered this request.' },
  {
    name: 'vary',
    lessons: [L.versioning],
    note: 'The request headers this response depends on: a cache keeps a separate copy per value of each.',
  },
  {
    name: 'etag',
    lessons: [L.caching],
    note: 'A fingerprint of this exact body. Send it back in If-None-Match and, if nothing changed, get 304 Not Modified with no body.',
  },
  {
    name: 'cache-control',
    lessons: [L.caching],
    note: 'Who may keep a copy of this response, and for how long: private means only this client, max-age is in seconds, no-store means nobody.',
  },
  {
    name: 'content-type',
    lessons: [L.statusCodes],
    note: 'What the body is: application/problem+json is an error document (RFC 9457).',
  },
  { name: 'allow', lessons: [L.statusCodes], note: 'The methods this resource accepts (sent with a 405).' },
  { name: 'x-result-cap', lessons: [L.pagination], note: 'The most rows an unbounded list returns in this lab.' },
  {
    name: 'x-result-truncated',
    lessons: [L.pagination],
    note: 'true: the list stopped at its cap, and there are more rows than this response holds.',
  },
  { name: 'x-served-by', lessons: [L.replicas], note: 'Which copy of the database answered: primary or replica.' },
  {
    name: 'x-replica-lag-ms',
    lessons: [L.replicas],
    note: 'How far behind the copy that answered was: the age, in milliseconds, of the oldest write it had not replayed.',
  },
  {
    name: 'x-replica-route',
    lessons: [L.replicas],
    note: 'The rule that chose the copy: write, read, own-write-not-replicated or replica-not-ready.',
  },
  {
    name: 'idempotent-replayed',
    lessons: [L.queues],
    note: 'true: the stored answer to an earlier request with the same Idempotency-Key. Nothing was done twice.',
  },
];

const BY_NAME = new Map(HEADER_DOCS.map((d) => [d.name, d]));

export function headerDoc(name: string): HeaderDoc | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The documented headers of a response, in reading order, with their values. */
export function documentedHeaders(headers: Record<string, string>): [HeaderDoc, string][] {
  return HEADER_DOCS.flatMap((d) =>
    headers[d.name] === undefined ? [] : [[d, headers[d.name]!] as [HeaderDoc, string]],
  );
}
