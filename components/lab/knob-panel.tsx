'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mergeSettings, type SettingsPatch, type SettingsResponse } from '@/lib/knobs/schema';
import { fetchSettings, patchSettings } from './api-client';
import { AppCacheKnobs, HttpCacheKnobs } from './knobs/cache-knobs';
import { IndexKnobs } from './knobs/index-knobs';
import { RateLimitKnobs } from './knobs/limit-knobs';
import { PaginationKnobs, QueryShapeKnobs } from './knobs/shape-knobs';
import { ReplicaKnobs } from './knobs/replica-knobs';
import type { KnobGroup } from './knobs/types';
import { WriteKnobs } from './knobs/write-knobs';

export const ALL_KNOBS: KnobGroup[] = ['indexes', 'pagination', 'appCache', 'httpCache', 'rateLimit', 'queryShape', 'writes', 'replica'];

/** The knobs of the learner's API. A lesson shows only the groups it is about. */
export function KnobPanel({ show = ALL_KNOBS }: { show?: KnobGroup[] }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: fetchSettings, refetchInterval: 5_000 });
  const change = useMutation({
    mutationFn: patchSettings,
    onSuccess: (data: SettingsResponse) => {
      queryClient.setQueryData(['settings'], data);
      // Plans depend on indexes and pagination: ask SQLite again.
      void queryClient.invalidateQueries({ queryKey: ['explain'] });
    },
  });
  const building = change.isPending ? Object.keys(change.variables?.indexes ?? {})[0] ?? null : null;

  if (settings.isPending) return <div className="skeleton" style={{ height: 240 }} aria-label="Loading knobs" />;
  if (settings.isError) return <p className="notice notice--bad" role="alert">Could not load your knobs: {settings.error.message}</p>;

  // While a change is on its way, show it as made (an index build can take seconds): optimistic, and undone on error.
  const pending = change.isPending ? change.variables : undefined;
  const data: SettingsResponse = pending
    ? {
        ...settings.data,
        settings: mergeSettings(settings.data.settings, pending),
        indexes: settings.data.indexes.map((i) => ({ ...i, present: pending.indexes?.[i.name] ?? i.present })),
      }
    : settings.data;
  const props = { data, apply: (p: SettingsPatch) => change.mutate(p), busy: change.isPending };
  return (
    <div className="knob-group" data-testid="knob-panel" style={{ gap: '1rem' }}>
      {change.isError && <p className="notice notice--bad" role="alert">That change was not applied: {change.error.message}</p>}
      {show.includes('indexes') && <IndexKnobs {...props} building={building} />}
      {show.includes('pagination') && <PaginationKnobs {...props} />}
      {show.includes('appCache') && <AppCacheKnobs {...props} />}
      {show.includes('httpCache') && <HttpCacheKnobs {...props} />}
      {show.includes('rateLimit') && <RateLimitKnobs {...props} />}
      {show.includes('queryShape') && <QueryShapeKnobs {...props} />}
      {show.includes('writes') && <WriteKnobs {...props} />}
      {show.includes('replica') && <ReplicaKnobs {...props} />}
    </div>
  );
}
