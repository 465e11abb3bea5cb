/**
 * Control API calls as route-handler tests make them: a real Request through the real handler,
 * as the learner whose Authorization header `auth` is. The route is imported on first use, after
 * the test has set the environment it reads.
 */
export async function patchSettings(auth: Record<string, string>, body: unknown): Promise<Response> {
  const settings = await import('@/app/api/lab/settings/route');
  return settings.PATCH(
    new Request('http://localhost/api/lab/settings', {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export async function getSettings(auth: Record<string, string>): Promise<Response> {
  const settings = await import('@/app/api/lab/settings/route');
  return settings.GET(new Request('http://localhost/api/lab/settings', { headers: auth }));
}
