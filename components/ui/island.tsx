import type { ComponentType } from 'react';
import { QueryIsland } from './query-island';

/** `island(Quiz)`: the same component, wrapped in its own QueryIsland (for MDX registries and pages). */
export function island<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function Island(props: P) {
    return <QueryIsland><Component {...props} /></QueryIsland>;
  }
  Island.displayName = `Island(${Component.displayName ?? Component.name})`;
  return Island;
}
