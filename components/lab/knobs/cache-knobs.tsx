'use client';

import { NumberField } from '@/components/ui/number-field';
import { Switch } from '@/components/ui/switch';
import { bounds } from '@/lib/knobs/registry';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

function ratio(hits: number, total: number): string {
  return total === 0 ? '–' : `${((hits / total) * 100).toFixed(1)}%`;
}

export function AppCacheKnobs({ data, apply, busy }: KnobSectionProps) {
  const c = data.settings.appCache;
  const s = data.cache;
  const lookups = s.hits + s.misses + s.stale + s.coalesced;
  return (
    <KnobSection group="appCache">
      <Switch
        checked={c.enabled}
        disabled={busy}
        onChange={(enabled) => apply({ appCache: { enabled } })}
        label="Cache product and user reads in memory"
        hint="GET /products/{id} and /users/{id} are kept in an LRU cache; a change or a new order drops the entry."
        testId="knob-app-cache"
      />
      <p className="knob-sentence">
        Keep entries for{' '}
        <NumberField
          label="Cache TTL in seconds"
          value={c.ttlSeconds}
          {...bounds('appCache', 'ttlSeconds')}
          disabled={busy || !c.enabled}
          onCommit={(ttlSeconds) => apply({ appCache: { ttlSeconds } })}
        />{' '}
        s, at most{' '}
        <NumberField
          label="Maximum cache entries"
          value={c.maxEntries}
          {...bounds('appCache', 'maxEntries')}
          disabled={busy || !c.enabled}
          onCommit={(maxEntries) => apply({ appCache: { maxEntries } })}
        />{' '}
        entries.
      </p>
      <Switch
        checked={c.coalesce}
        disabled={busy || !c.enabled}
        onChange={(coalesce) => apply({ appCache: { coalesce } })}
        label="Coalesce concurrent misses"
        hint="When many requests miss the same key at once, one computes and the rest wait for it (off: every one hits the database: a stampede)."
      />
      <div className="stat-grid" aria-label="Cache counters" data-testid="cache-stats">
        <div className="stat">
          <div className="stat__value">{ratio(s.hits + s.coalesced, lookups)}</div>
          <div className="stat__label">hit ratio</div>
        </div>
        <div className="stat">
          <div className="stat__value">{s.hits.toLocaleString('en')}</div>
          <div className="stat__label">hits</div>
        </div>
        <div className="stat">
          <div className="stat__value">{s.misses.toLocaleString('en')}</div>
          <div className="stat__label">misses</div>
        </div>
        <div className="stat">
          <div className="stat__value">{s.stale.toLocaleString('en')}</div>
          <div className="stat__label">expired</div>
        </div>
        <div className="stat">
          <div className="stat__value">{s.coalesced.toLocaleString('en')}</div>
          <div className="stat__label">coalesced</div>
        </div>
      </div>
    </KnobSection>
  );
}

export function HttpCacheKnobs({ data, apply, busy }: KnobSectionProps) {
  const h = data.settings.httpCache;
  return (
    <KnobSection group="httpCache">
      <Switch
        checked={h.enabled}
        disabled={busy}
        onChange={(enabled) => apply({ httpCache: { enabled } })}
        label="Send ETag and Cache-Control on reads"
        hint="A client that sends If-None-Match with the ETag it has gets 304 Not Modified and no body."
        testId="knob-http-cache"
      />
      <p className="knob-sentence">
        Clients may reuse a response for{' '}
        <NumberField
          label="max-age in seconds"
          value={h.maxAgeSeconds}
          {...bounds('httpCache', 'maxAgeSeconds')}
          disabled={busy || !h.enabled}
          onCommit={(maxAgeSeconds) => apply({ httpCache: { maxAgeSeconds } })}
        />{' '}
        s without asking.
      </p>
    </KnobSection>
  );
}
