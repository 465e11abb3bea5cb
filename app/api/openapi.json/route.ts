import { openApiDocument } from '@/lib/api/openapi/document';

/** The Shop API's OpenAPI 3.1 document, generated from the zod schemas the API validates with. */
export function GET() {
  return Response.json(openApiDocument(), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}
