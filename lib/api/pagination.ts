import { intParam } from './validate';

/** Shared query fields for offset pagination. `limit` 1-100 keeps every list bounded. */
export const offsetPageFields = {
  page: intParam(1, 1_000_000, 1),
  limit: intParam(1, 100, 20),
};

export type OffsetPagination = { mode: 'offset'; page: number; limit: number; total: number; totalPages: number };

/**
 * Builds the `pagination` object and an RFC 8288 Link header. Links repeat the request's
 * own query so filters survive paging.
 */
export function offsetPage(
  basePath: string,
  query: URLSearchParams,
  page: number,
  limit: number,
  total: number,
): { pagination: OffsetPagination; link: string | undefined } {
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const href = (p: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    q.set('limit', String(limit));
    return `</api/v1${basePath}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (page < totalPages) links.push(`${href(page + 1)}; rel="next"`);
  if (page > 1) links.push(`${href(Math.min(page - 1, totalPages))}; rel="prev"`);
  links.push(`${href(1)}; rel="first"`, `${href(totalPages)}; rel="last"`);
  return { pagination: { mode: 'offset', page, limit, total, totalPages }, link: links.join(', ') };
}
