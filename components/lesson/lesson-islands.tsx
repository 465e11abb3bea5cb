'use client';

import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';
import { HydrateNear } from '@/components/ui/hydrate-near';

/**
 * What a lesson's MDX renders. Every interactive widget is a lazy island: server-rendered with
 * the prose (readable at once), its code (widget-islands.tsx, with react-query) loaded only
 * when the reader gets near it or the lab loads (components/ui/hydrate-near.tsx), and React hydrates each
 * island when that code arrives. The one-off simulations each have their own chunk, so
 * lessons without them never download them.
 */
function near<P extends object>(Widget: ComponentType<P>) {
  const Near = (props: P) => (
    <HydrateNear>
      <Widget {...props} />
    </HydrateNear>
  );
  return Near;
}

const widgets = () => import('./widget-islands');
export const Lab = near(dynamic(() => widgets().then((m) => m.Lab)));
export const Explain = near(dynamic(() => widgets().then((m) => m.Explain)));
export const Prediction = near(dynamic(() => widgets().then((m) => m.Prediction)));
export const Check = near(dynamic(() => widgets().then((m) => m.Check)));
export const Quiz = near(dynamic(() => widgets().then((m) => m.Quiz)));
export const WhatMattered = near(dynamic(() => widgets().then((m) => m.WhatMattered)));

const sim = () => import('./sim-islands');
export const LoadBalancerSim = near(dynamic(() => sim().then((m) => m.LoadBalancerSim)));
export const StatelessDemo = near(dynamic(() => sim().then((m) => m.StatelessDemo)));
export const ReplicaProbe = near(dynamic(() => import('./replica-island').then((m) => m.ReplicaProbe)));
