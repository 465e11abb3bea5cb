import type { ApiBase } from './versions';

/**
 * The pipeline speaks plain objects, not WHATWG Request/Response: the lean lab server
 * handles thousands of requests a second and building Fetch objects for each would cost
 * a large share of that. Adapters turn node:http and Fetch requests into these.
 */
export type ApiRequest = {
  method: string;
  /** Path below the API base, starting with '/', e.g. '/products/12'. */
  path: string;
  /** The mount the request came in on: /api/v1 (the default), /api/v2 or /api/shop (API-Version header). */
  base?: ApiBase;
  query: URLSearchParams;
  /**
   * The raw query string as sent ('' or '?a=1'), when the adapter has it: the same text
   * always parses to the same parameters, so valid ones can be remembered by it.
   */
  search?: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string | null;
  /** Aborts when the client hangs up: queued work for it is dropped instead of done for nobody. */
  signal?: AbortSignal;
};

export type ApiResponse = {
  status: number;
  headers: Record<string, string>;
  body: string | null;
};
