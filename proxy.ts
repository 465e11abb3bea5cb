import { NextResponse, type NextRequest } from 'next/server';
import { badPathResponse } from './lib/api/request-path';

/**
 * The edge of the app, before any route: a path with a malformed percent escape
 * (`/api/v1/products/%E0%A4%A`) is the client's error, 400 problem+json, where routing would
 * otherwise fail on it with a 500; and a path under /api/ that no API serves gets a
 * problem+json 404 instead of the HTML page.
 */
export function proxy(request: NextRequest) {
  return badPathResponse(request.url) ?? NextResponse.next();
}

// Only for requests without a body. Next.js reads the whole body of every request its proxy
// runs for (to hand the proxy a copy, up to 10 MB kept) before any route can refuse it, which
// would undo every body cap (lib/control/body.ts, the Shop API's 1 MiB). Requests with a body
// get the same two checks, on the request line alone, from scripts/http-client-errors.cjs.
export const config = {
  matcher: [
    {
      source: '/api/:path*',
      missing: [
        { type: 'header', key: 'content-length' },
        { type: 'header', key: 'transfer-encoding' },
      ],
    },
  ],
};
