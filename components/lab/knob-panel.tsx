'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { PANEL_GROUPS, type KnobGroup } from '@/lib/knobs/registry';
import { mergeSettings, type SettingsPatch, type SettingsResponse } from '@/lib/knobs/schema';
import { fetchSettings, patchSettings } from './api-client';
import { AppCacheKnobs, HttpCacheKnobs } from './knobs/cache-knobs';
import { IndexKnobs } from './knobs/index-knobs';
import { RateLimitKnobs } from './knobs/limit-knobs';
import { OtherKnobs } from './knobs/other-knobs';
import { PaginationKnobs, QueryShapeKnobs } from './knobs/shape-knobs';
import { ReplicaKnobs } from './knobs/replica-knobs';
import type { KnobSectionProps } from './knobs/types';
import { WriteKnobs } from './knobs/write-knobs';
import { ProblemNotice } from '@/components/ui/problem-notice';

/** Each group's panel section; the registry (lib/knobs/registry.ts) says which groups exist. */
const SECTIONS: Record<Exclude<KnobGroup, 'indexes'>, ComponentType<KnobSectionProps>> = {
  pagination: PaginationKnobs,
  appCache: AppCacheKnobs,
  httpCache: HttpCacheKnobs,
  rateLimit: RateLimitKnobs,
  queryShape: QueryShapeKnobs,
  writes: WriteKnobs,
  replica: ReplicaKnobs,
};

/**
 * The knobs of the learner's API. A lesson shows the groups it is about; any other knob that
 * is not at its default is listed below them with a way back, because every run measures it.
 */
export function KnobPanel({ show = PANEL_GROUPS }: { show?: KnobGroup[] }) {
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
  const building = change.isPending ? (Object.keys(change.variables?.indexes ?? {})[0] ?? null) : null;

  if (settings.isPending) return <div className="skeleton" style={{ height: 240 }} aria-label="Loading knobs" />;
  if (settings.isError) return <ProblemNotice error={settings.error} action="Could not load your knobs" />;

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
      {change.isError && (
        <ProblemNotice error={change.error} action="That change was not applied" testId="knob-error" />
      )}
      {PANEL_GROUPS.filter((g) => show.includes(g)).map((g) => {
        if (g === 'indexes') return <IndexKnobs key={g} {...props} building={building} />;
        const Section = SECTIONS[g];
        return <Section key={g} {...props} />;
      })}
      <OtherKnobs {...props} shown={show} />
    </div>
  );
}
