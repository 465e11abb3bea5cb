'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

const options = { defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } } as const;

// One client per browser tab, shared by every island: the lab panel claims the sandbox and the
// widgets in the prose read that same cached claim. On the server each render gets its own.
let browserClient: QueryClient | undefined;
function client(): QueryClient {
  if (typeof window === 'undefined') return new QueryClient(options);
  return (browserClient ??= new QueryClient(options));
}

/**
 * Wraps one interactive leaf (the lab, a quiz, the broadcast banner) in react-query, so the
 * static parts of a page (header, prose, reference) are server HTML that never hydrates a
 * provider and pages without interactive leaves never load react-query at all.
 */
export function QueryIsland({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={client()}>{children}</QueryClientProvider>;
}
