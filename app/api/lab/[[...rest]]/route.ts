import { unknownRoutes } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';

// Optional catch-all, so /api/lab itself is a problem+json 404 too, not the HTML page.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownRoutes('control');
