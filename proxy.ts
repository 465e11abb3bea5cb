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

export const config = { matcher: ['/api/:path*'] };
