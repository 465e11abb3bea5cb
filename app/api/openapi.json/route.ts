import { openApiDocument } from '@/lib/api/openapi/document';
import { otherMethods } from '@/lib/api/control-routes';

// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/openapi.json');

/**
 * The Shop API's OpenAPI 3.1 document, generated from the zod schemas the API validates with.
 * One document per API version: ?version=2 for v2, v1 without it (the URL predates v2).
 */
export function GET(request?: Request) {
  const asked = request ? new URL(request.url).searchParams.get('version') : null;
  if (asked !== null && asked !== '1' && asked !== '2') {
    return Response.json(
      { type: '/problems/unsupported-api-version', title: 'Unsupported API version', status: 400, detail: `There is no version ${asked.slice(0, 20)}. Supported: 1, 2.`, supported: ['1', '2'] },
      { status: 400, headers: { 'content-type': 'application/problem+json' } },
    );
  }
  return Response.json(openApiDocument(asked === '2' ? 2 : 1), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}
