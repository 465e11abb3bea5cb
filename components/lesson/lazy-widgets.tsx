'use client';

import dynamic from 'next/dynamic';

/**
 * The lessons' big one-off widgets, each in its own chunk: a lesson that uses one loads it
 * (server-rendered as before); the other lessons never download it.
 */
export const LoadBalancerSim = dynamic(() => import('@/components/sim/load-balancer-sim').then((m) => m.LoadBalancerSim));
export const StatelessDemo = dynamic(() => import('@/components/sim/stateless-demo').then((m) => m.StatelessDemo));
export const ReplicaProbe = dynamic(() => import('@/components/replica/replica-probe').then((m) => m.ReplicaProbe));
