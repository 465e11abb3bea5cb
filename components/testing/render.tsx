import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';

/**
 * Renders a component as the app does (inside react-query), with a user to drive it.
 * `cached` seeds queries other parts of the page would have fetched (the sandbox claim).
 */
export function renderWithQuery(ui: ReactElement, { cached = [] }: { cached?: [readonly unknown[], unknown][] } = {}) {
  // No retries and no background refetches: each test sees exactly the answers it set up.
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false, refetchOnWindowFocus: false } },
  });
  for (const [key, data] of cached) {
    client.setQueryData(key, data);
    // Seeded data stays fresh, so nothing tries to fetch it again with a queryFn the test lacks.
    client.setQueryDefaults(key, { staleTime: Infinity, queryFn: () => data });
  }
  const user = userEvent.setup();
  return { user, client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) };
}

/** A problem+json answer as the server's problem helper (lib/api/problem.ts) writes it. */
export function problemJson(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
