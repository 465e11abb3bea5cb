import { problemResponse } from '@/lib/control/http';

export const dynamic = 'force-dynamic';

// Optional catch-all, so /api/lab itself is a problem+json 404 too, not the HTML page.
const notFound = (request: Request) =>
  problemResponse(
    'route-not-found',
    `There is no control API route ${new URL(request.url).pathname}. The routes are listed in lib/api/control-routes.ts.`,
    request,
  );

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as OPTIONS,
};
