import { problemResponse } from '@/lib/control/http';

export const dynamic = 'force-dynamic';

const notFound = (request: Request) =>
  problemResponse('route-not-found', `There is no control API route ${new URL(request.url).pathname}.`, request);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
