'use client';

import { useQuery } from '@tanstack/react-query';
import { useHydrationSafe } from '@/components/ui/hydration-safe';
import { claimSandbox } from './boot-client';

/** The react-query key of the learner's sandbox claim: one claim per tab, shared by every island. */
export const SANDBOX_KEY = ['sandbox'] as const;

/**
 * The learner's sandbox (and the identity cookie that comes with it). Whichever island mounts
 * first makes the claim and the others share it: on a phone the lab drawer loads only when it
 * is opened (lab-dock.tsx), so a widget in the prose must be able to claim by itself.
 */
export function useSandboxClaim() {
  return useHydrationSafe(useQuery({ queryKey: SANDBOX_KEY, queryFn: claimSandbox, staleTime: Infinity }));
}
