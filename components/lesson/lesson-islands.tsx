'use client';

import dynamic from 'next/dynamic';

/**
 * What a lesson's MDX renders. Every interactive widget is a lazy island: server-rendered with
 * the prose (readable at once), its code (widget-islands.tsx, with react-query) loaded after
 * the page's first load, and React hydrates each island when that code arrives. The one-off
 * simulations each have their own chunk, so lessons without them never download them.
 */
const widgets = () => import('./widget-islands');
export const Lab = dynamic(() => widgets().then((m) => m.Lab));
export const Explain = dynamic(() => widgets().then((m) => m.Explain));
export const Prediction = dynamic(() => widgets().then((m) => m.Prediction));
export const Check = dynamic(() => widgets().then((m) => m.Check));
export const Quiz = dynamic(() => widgets().then((m) => m.Quiz));
export const WhatMattered = dynamic(() => widgets().then((m) => m.WhatMattered));

const sim = () => import('./sim-islands');
export const LoadBalancerSim = dynamic(() => sim().then((m) => m.LoadBalancerSim));
export const StatelessDemo = dynamic(() => sim().then((m) => m.StatelessDemo));
export const ReplicaProbe = dynamic(() => import('./replica-island').then((m) => m.ReplicaProbe));
